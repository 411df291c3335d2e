/* outbox.c: what a write tells subscribers, queued in its transaction */
#include <string.h>

#include "arena.h"
#include "config.h"
#include "http.h"
#include "json.h"
#include "model.h"
#include "notices.h"
#include "outbox.h"
#include "write.h"

/*
 * Statuspage's page object of a webhook: {id, status_indicator,
 * status_description}, as the write leaves the page (read in its
 * transaction, into *m).  NULL if it cannot be read.
 */
static json_object *
page_json(struct store *st, struct model *m)
{
	struct overall_status	 o;
	struct notices		 open;
	json_object		*p;

	if (model_load(st->db, st->arena, m) != MODEL_OK ||
	    notices_load_open(st->db, st->arena, &m->page, &open) != MODEL_OK)
		return NULL;
	o = notices_overall(st->arena, m, &open);
	p = json_object_new_object();
	json_object_object_add(p, "id", json_object_new_string(m->page.id));
	json_object_object_add(p, "status_indicator",
	    json_object_new_string(indicator_name(o.indicator)));
	json_object_object_add(p, "status_description",
	    json_object_new_string(o.description));
	return p;
}

/*
 * {"page": page, key: value, key2: value2}: an event's payload as JSON
 * text in st's arena.  Takes the objects, which may be NULL (key2 then
 * left out); NULL without a page.
 */
static const char *
payload(struct store *st, json_object *page, const char *key,
    json_object *value, const char *key2, json_object *value2)
{
	json_object	*o;

	if (page == NULL) {
		json_object_put(value);
		json_object_put(value2);
		return NULL;
	}
	o = json_own(st->arena, json_object_new_object());
	json_object_object_add(o, "page", page);
	json_object_object_add(o, key, value);
	if (key2 != NULL)
		json_object_object_add(o, key2, value2);
	return arena_strdup(st->arena, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
}

/* A field of o as a new reference, or null. */
static json_object *
field(json_object *o, const char *key)
{
	json_object	*v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get(v) : NULL;
}

/*
 * The component event for a move from old (taken) to after's status,
 * with page as the write leaves it (taken).
 */
static enum store_result
tell_component(struct store *st, const char *page_id, json_object *page,
    const char *component, json_object *old, json_object *after)
{
	json_object	*new, *update, *c;
	const char	*change, *body;

	if (store_component_change(st, component, &change) != STORE_OK) {
		json_object_put(page);
		json_object_put(old);
		return STORE_FAILED;
	}
	new = field(after, "status");
	/* Statuspage's component_update and component objects, field for field. */
	update = json_object_new_object();
	json_object_object_add(update, "created_at", field(after, "updated_at"));
	json_object_object_add(update, "new_status", json_object_get(new));
	json_object_object_add(update, "old_status", old);
	json_object_object_add(update, "id", json_object_new_string(change));
	json_object_object_add(update, "component_id", json_object_new_string(component));
	c = json_object_new_object();
	json_object_object_add(c, "created_at", field(after, "created_at"));
	json_object_object_add(c, "id", json_object_new_string(component));
	json_object_object_add(c, "name", field(after, "name"));
	json_object_object_add(c, "status", new);
	if ((body = payload(st, page, "component_update", update, "component",
	    c)) == NULL)
		return STORE_FAILED;
	return store_outbox_component(st, page_id, component, body);
}

int
outbox_component(struct write *w, const char *component, json_object *before,
    json_object *after)
{
	json_object	*old = NULL, *new = NULL;
	struct model	 m;

	json_object_object_get_ex(before, "status", &old);
	json_object_object_get_ex(after, "status", &new);
	if (old == NULL || new == NULL || strcmp(json_object_get_string(old),
	    json_object_get_string(new)) == 0)
		return 0;
	if (tell_component(&w->tx, w->page_id, page_json(&w->tx, &m), component,
	    json_object_get(old), after) != STORE_OK) {
		write_failed(w, "notifications");
		return -1;
	}
	return 0;
}

/*
 * The incident event (incident_json taken), and one component event for
 * each of moves that moved, with page (borrowed) and m as the write
 * leaves them.
 */
static enum store_result
tell_incident(struct store *st, const struct model *m, json_object *page,
    const char *page_id, const char *incident, const char *update,
    json_object *incident_json, const struct component_move *moves, size_t n)
{
	const struct component	*c;
	const char		*body;
	enum store_result	 r;
	size_t			 i;

	if ((body = payload(st, json_object_get(page), "incident", incident_json,
	    NULL, NULL)) == NULL)
		return STORE_FAILED;
	if ((r = store_outbox_incident(st, page_id, incident, update, body)) != STORE_OK)
		return r;
	for (i = 0; i < n; i++) {
		if (!moves[i].moved)
			continue;
		if ((c = model_component(m, moves[i].id)) == NULL)
			return STORE_FAILED;
		if ((r = tell_component(st, page_id, json_object_get(page), c->id,
		    json_object_new_string(status_name(moves[i].from)),
		    json_own(st->arena, json_component(&m->page, c)))) != STORE_OK)
			return r;
	}
	return STORE_OK;
}

int
outbox_incident(struct write *w, const char *incident, const char *update,
    json_object *incident_json, const struct component_move *moves, size_t n)
{
	struct model		 m;
	json_object		*page = page_json(&w->tx, &m);
	enum store_result	 r = STORE_FAILED;

	if (page != NULL)
		r = tell_incident(&w->tx, &m, page, w->page_id, incident, update,
		    json_object_get(incident_json), moves, n);
	json_object_put(page);
	if (r != STORE_OK) {
		write_failed(w, "notifications");
		return -1;
	}
	return 0;
}

enum store_result
outbox_notice(struct store *st, const struct config *cfg, const char *page_id,
    const char *incident, const char *update)
{
	struct request		 req;
	struct model		 m;
	struct notice		*n;
	json_object		*page = page_json(st, &m);
	enum store_result	 r = STORE_FAILED;

	/* json_notice() reads the request's arena and base URL only. */
	memset(&req, 0, sizeof(req));
	req.arena = st->arena;
	req.cfg = cfg;
	if (page != NULL && notices_load_one(st->db, st->arena, &m.page, incident,
	    &n) == MODEL_OK)
		r = tell_incident(st, &m, page, page_id, incident, update,
		    json_notice(&req, &m, n), NULL, 0);
	json_object_put(page);
	return r;
}

enum store_result
outbox_confirmation(struct store *st, const char *page, const char *subscriber)
{
	json_object	*s = json_object_new_object();
	struct model	 m;
	const char	*body;

	json_object_object_add(s, "id", json_object_new_string(subscriber));
	if ((body = payload(st, page_json(st, &m), "subscriber", s, NULL,
	    NULL)) == NULL)
		return STORE_FAILED;
	return store_outbox_confirmation(st, page, subscriber, body);
}
