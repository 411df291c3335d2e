/*
 * json.c: the model as Statuspage's public API v2 objects, and the one
 * writer of JSON bodies.
 *
 * Shapes follow Statuspage's public API v2 as its pages document it (e.g.
 * https://status.chargebee.com/api, a Statuspage-hosted page's own API
 * page; https://www.mongodb.com/docs/api/doc/cloud-status/ for the same
 * API's fields and enums) and as its client libraries type it
 * (statuspage.io on npm, dist/interfaces/Result.d.ts).  Clients may reject
 * keys they do not know, so no key of Lantern's own is added here.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "http.h"
#include "json.h"
#include "model.h"
#include "notices.h"
#include "status.h"

/* A string, or null for NULL: Statuspage's way with unset fields. */
static json_object *
str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

static void
add(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

json_object *
json_page(const struct request *req, const struct page *p)
{
	json_object	*o = json_object_new_object();

	add(o, "id", json_object_new_string(p->id));
	add(o, "name", json_object_new_string(p->name));
	/* The public address as configured, never the request's Host. */
	add(o, "url", json_object_new_string(req->cfg->base_url));
	add(o, "time_zone", json_object_new_string(p->time_zone));
	add(o, "updated_at", str_or_null(p->updated_iso));
	return o;
}

json_object *
json_status(const struct overall_status *s)
{
	json_object	*o = json_object_new_object();

	add(o, "indicator", json_object_new_string(indicator_name(s->indicator)));
	add(o, "description", json_object_new_string(s->description));
	return o;
}

/* The keys every component has, group or not, in Statuspage's order. */
static json_object *
component_common(const char *id, const char *name,
    enum component_status status, const struct moment *created,
    const struct moment *updated, long position, const char *description)
{
	json_object	*o = json_object_new_object();

	add(o, "id", json_object_new_string(id));
	add(o, "name", json_object_new_string(name));
	add(o, "status", json_object_new_string(status_name(status)));
	add(o, "created_at", str_or_null(created->iso));
	add(o, "updated_at", str_or_null(updated->iso));
	add(o, "position", json_object_new_int64(position));
	/* The schema keeps "" for none; Statuspage says null. */
	add(o, "description", description != NULL && *description != '\0' ?
	    json_object_new_string(description) : NULL);
	return o;
}

json_object *
json_component(const struct page *p, const struct component *c)
{
	json_object	*o = component_common(c->id, c->name, c->status,
			    &c->created, &c->updated, c->position, c->description);

	add(o, "showcase", json_object_new_boolean(c->showcase));
	add(o, "start_date", str_or_null(c->start_date));
	add(o, "group_id", str_or_null(c->group_id));
	add(o, "page_id", json_object_new_string(p->id));
	add(o, "group", json_object_new_boolean(0));
	add(o, "only_show_if_degraded",
	    json_object_new_boolean(c->only_show_if_degraded));
	return o;
}

json_object *
json_group(const struct page *p, const struct group *g)
{
	json_object	*o = component_common(g->id, g->name, g->status,
			    &g->created, &g->updated, g->position, g->description);
	json_object	*kids = json_object_new_array();
	size_t		 i;

	add(o, "showcase", json_object_new_boolean(0));
	add(o, "start_date", NULL);
	add(o, "group_id", NULL);
	add(o, "page_id", json_object_new_string(p->id));
	add(o, "group", json_object_new_boolean(1));
	add(o, "only_show_if_degraded", json_object_new_boolean(0));
	for (i = 0; i < g->nchildren; i++)
		json_object_array_add(kids, json_object_new_string(g->children[i]));
	add(o, "components", kids);
	return o;
}

json_object *
json_components(const struct model *m)
{
	json_object	*a = json_object_new_array();
	size_t		 i, k;

	for (i = 0; i < m->ncomponents; i++) {
		const struct component *c = &m->components[i];

		/* Components come grouped: a group goes before its first. */
		if (c->group_id != NULL && (i == 0 ||
		    m->components[i - 1].group_id == NULL ||
		    strcmp(m->components[i - 1].group_id, c->group_id) != 0))
			for (k = 0; k < m->ngroups; k++)
				if (strcmp(m->groups[k].id, c->group_id) == 0)
					json_object_array_add(a,
					    json_group(&m->page, &m->groups[k]));
		json_object_array_add(a, json_component(&m->page, c));
	}
	/* An empty group has no first component: it goes last. */
	for (k = 0; k < m->ngroups; k++)
		if (m->groups[k].nchildren == 0)
			json_object_array_add(a, json_group(&m->page, &m->groups[k]));
	return a;
}

/* What one update changed, or null when it changed nothing (as Statuspage). */
static json_object *
affected(const struct notice_update *u)
{
	json_object	*a, *o;
	size_t		 i;

	if (u->nchanges == 0)
		return NULL;
	a = json_object_new_array();
	for (i = 0; i < u->nchanges; i++) {
		o = json_object_new_object();
		add(o, "code", json_object_new_string(u->changes[i].component_id));
		add(o, "name", json_object_new_string(u->changes[i].component));
		add(o, "old_status",
		    json_object_new_string(status_name(u->changes[i].from)));
		add(o, "new_status",
		    json_object_new_string(status_name(u->changes[i].to)));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *
update(const char *id, const char *incident_id, enum notice_status status,
    const char *body, const struct moment *at, json_object *affected_components)
{
	json_object	*o = json_object_new_object();

	add(o, "id", json_object_new_string(id));
	add(o, "status", json_object_new_string(notice_statuses[status].name));
	add(o, "body", json_object_new_string(body));
	add(o, "incident_id", json_object_new_string(incident_id));
	/*
	 * An update keeps one time: an edit's display_at moves it (and the
	 * incident's updated_at says that something changed), so it serves
	 * all three.
	 */
	add(o, "created_at", str_or_null(at->iso));
	add(o, "updated_at", str_or_null(at->iso));
	add(o, "display_at", str_or_null(at->iso));
	add(o, "affected_components", affected_components);
	/* Lantern sends no e-mail, SMS or tweets: nothing was delivered. */
	add(o, "deliver_notifications", json_object_new_boolean(0));
	add(o, "custom_tweet", NULL);
	add(o, "tweet_id", NULL);
	return o;
}

json_object *
json_notice(const struct request *req, const struct model *m,
    const struct notice *n)
{
	const struct component	*c;
	json_object		*o = json_object_new_object(), *ups, *comps;
	size_t			 i;

	add(o, "id", json_object_new_string(n->id));
	add(o, "name", json_object_new_string(n->name));
	add(o, "status", json_object_new_string(notice_statuses[n->status].name));
	add(o, "created_at", str_or_null(n->created.iso));
	add(o, "updated_at", str_or_null(n->updated.iso));
	add(o, "monitoring_at", str_or_null(n->monitoring.iso));
	add(o, "resolved_at", str_or_null(n->resolved.iso));
	add(o, "impact", json_object_new_string(impacts[n->impact].name));
	/* Statuspage's shortlink is a short URL of the incident's page. */
	add(o, "shortlink", json_object_new_string(arena_printf(req->arena,
	    "%s/incidents/%s", req->cfg->base_url, n->id)));
	add(o, "started_at", str_or_null(n->started.iso));
	add(o, "page_id", json_object_new_string(n->page_id));

	ups = json_object_new_array();
	/*
	 * Statuspage's public incident object has no postmortem field: its
	 * documented update statuses include "postmortem", and a published
	 * postmortem shows in the incident's timeline.  So the postmortem is
	 * the newest update (published after the resolution, which the schema
	 * enforces), with an id of its own that no real update can take.
	 */
	if (n->postmortem != NULL)
		json_object_array_add(ups, update(arena_printf(req->arena,
		    "%s-postmortem", n->id), n->id, NOTICE_POSTMORTEM, n->postmortem,
		    &n->postmortem_at, NULL));
	for (i = 0; i < n->nupdates; i++)
		json_object_array_add(ups, update(n->updates[i].id, n->id,
		    n->updates[i].status, n->updates[i].body, &n->updates[i].at,
		    affected(&n->updates[i])));
	add(o, "incident_updates", ups);

	/*
	 * The components it affects, as they are now.  A notice read outside
	 * the snapshot may name one the snapshot does not hold yet: left out
	 * until the next, rather than shown half.
	 */
	comps = json_object_new_array();
	for (i = 0; i < n->naffected; i++)
		if ((c = model_component(m, n->affected[i].id)) != NULL)
			json_object_array_add(comps, json_component(&m->page, c));
	add(o, "components", comps);

	if (n->kind == KIND_MAINTENANCE) {
		add(o, "scheduled_for", str_or_null(n->scheduled_for.iso));
		add(o, "scheduled_until", str_or_null(n->scheduled_until.iso));
	}
	return o;
}

json_object *
json_notices(const struct request *req, const struct model *m,
    const struct notices *ns, enum notice_kind kind, size_t max)
{
	json_object	*a = json_object_new_array();
	size_t		 i, n = 0;

	for (i = 0; i < ns->n && (max == 0 || n < max); i++) {
		if (ns->items[i].kind != kind)
			continue;
		json_object_array_add(a, json_notice(req, m, &ns->items[i]));
		n++;
	}
	return a;
}

void
json_respond(struct response *resp, json_object *o)
{
	resp->content_type = "application/json";
	resp->body.len = 0;
	json_append(&resp->body, o);
	buf_putc(&resp->body, '\n');
}

void
json_append(struct buf *b, json_object *o)
{
	buf_puts(b, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static void
put(void *o)
{
	json_object_put(o);
}

json_object *
json_own(struct arena *a, json_object *o)
{
	return arena_cleanup(a, put, o);
}
