/*
 * api-v1-incidents.c: incidents and scheduled maintenance through
 * Statuspage's manage API v1 shapes, under /v1/pages/{page_id}/incidents.
 * Every request is one transaction; nothing is half-written.
 */
#include <string.h>

#include "arena.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "model.h"
#include "notices.h"
#include "outbox.h"
#include "write.h"

/*
 * Statuspage's fields; those Lantern does not act on (notifications,
 * tweets, reminders, metadata) are accepted and ignored.
 */
static const char *const incident_keys[] = { "name", "status", "impact_override",
	"body", "components", "component_ids", "scheduled_for", "scheduled_until",
	"scheduled_auto_in_progress", "scheduled_auto_completed",
	"scheduled_remind_prior", "deliver_notifications", "auto_tweet_at_beginning",
	"auto_tweet_on_completion", "auto_tweet_on_creation",
	"auto_tweet_one_hour_before", "auto_transition_to_maintenance_state",
	"auto_transition_to_operational_state", "backfill_date", "backfilled",
	"metadata", "reminder_intervals", NULL };

/* The incident as the API shows it, read inside the transaction. */
static json_object *
incident_json(struct write *w, const char *id)
{
	struct model	 m;
	struct notice	*n;

	if (model_load(w->req->db, w->req->arena, &m) != MODEL_OK ||
	    notices_load_one(w->req->db, w->req->arena, &m.page, id, &n) != MODEL_OK)
		return NULL;
	return json_notice(w->req, &m, n);
}

/* Statuspage's postmortem object, as much of it as Lantern keeps. */
static json_object *
postmortem_json(struct write *w, const char *id)
{
	struct model	 m;
	struct notice	*n;
	json_object	*o;

	if (model_load(w->req->db, w->req->arena, &m) != MODEL_OK ||
	    notices_load_one(w->req->db, w->req->arena, &m.page, id, &n) != MODEL_OK)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "incident_id", json_object_new_string(id));
	json_object_object_add(o, "body_draft", n->postmortem_draft != NULL ?
	    json_object_new_string(n->postmortem_draft) : NULL);
	json_object_object_add(o, "body", n->postmortem != NULL ?
	    json_object_new_string(n->postmortem) : NULL);
	json_object_object_add(o, "published_at", n->postmortem_at.iso != NULL ?
	    json_object_new_string(n->postmortem_at.iso) : NULL);
	return o;
}

/* The update with this id, out of the path's incident as the API shows it. */
static json_object *
update_json(struct write *w, const char *id)
{
	json_object	*incident, *updates, *u, *uid, *found = NULL;
	size_t		 i;

	if ((incident = incident_json(w, w->ids[1])) == NULL)
		return NULL;
	if (json_object_object_get_ex(incident, "incident_updates", &updates))
		for (i = 0; i < json_object_array_length(updates) &&
		    found == NULL; i++) {
			u = json_object_array_get_idx(updates, i);
			if (json_object_object_get_ex(u, "id", &uid) &&
			    strcmp(json_object_get_string(uid), id) == 0)
				found = json_object_get(u);
		}
	json_object_put(incident);
	return found;
}

static const struct write_resource incident = {
	.type = "incident",
	.what = "incident",
	.lock = &store_incident_lock,
	.missing = "There is no such incident on this page.",
	.field = "incident_id",
	.json = incident_json,
};

/* The incident's postmortem, audited as the incident (which is locked). */
static const struct write_resource postmortem = {
	.type = "incident",
	.what = "postmortem",
	.json = postmortem_json,
};

/* An update of the path's incident (which is locked). */
static const struct write_resource an_update = {
	.type = "incident_update",
	.what = "incident update",
	.missing = "There is no such update of this incident.",
	.field = "incident_update_id",
	.json = update_json,
};

/* The body's fields, as the store takes them. */
struct incident_fields {
	struct incident_patch	 patch;
	const char		*body;
	const char		**ids;		/* component_ids */
	size_t			 nids;
	int			 ids_sent;
	struct component_move	*moves;		/* components */
	size_t			 nmoves;
	int			 moves_sent;
	int			 worst;		/* of the moves' statuses; -1: none */
	int			 deliver;	/* deliver_notifications; -1: unsaid (yes) */
	const char		*update;	/* the timeline entry it made, or NULL */
};

/*
 * "components": {"<id>": "<status>"}: each component the update moves.
 * Validated whole before anything is written; the worst new status out.
 */
static int
read_moves(struct arena *a, json_object *comps, struct incident_fields *f,
    struct input_error *err)
{
	enum component_status	st;

	if (comps == NULL)
		return 0;
	f->moves_sent = 1;
	f->moves = arena_calloc(a, (size_t)json_object_object_length(comps) + 1,
	    sizeof(*f->moves));
	json_object_object_foreach(comps, id, val) {
		if (!input_is_id(id))
			return input_fail(err, 422, "incident.components", id,
			    "is not a component id");
		if (!json_object_is_type(val, json_type_string) ||
		    status_parse(json_object_get_string(val), &st) == -1)
			return input_fail(err, 422, "incident.components", id,
			    "must be one of operational, degraded_performance, "
			    "partial_outage, major_outage, under_maintenance");
		if (f->worst == -1 || status_severity(st) >
		    status_severity((enum component_status)f->worst))
			f->worst = (int)st;
		f->moves[f->nmoves++] = (struct component_move){ .id = id, .to = st };
	}
	return 0;
}

/* "component_ids": [ids], checked by input_ids(): digits, none twice. */
static void
read_ids(struct arena *a, json_object *ids, struct incident_fields *f)
{
	size_t	i;

	if (ids == NULL)
		return;
	f->ids_sent = 1;
	f->nids = json_object_array_length(ids);
	f->ids = arena_calloc(a, f->nids + 1, sizeof(*f->ids));
	for (i = 0; i < f->nids; i++)
		f->ids[i] = json_object_get_string(json_object_array_get_idx(ids, i));
}

static int
read_fields(struct write *w, int create, struct incident_fields *f,
    struct input_error *err)
{
	struct incident_patch	*p = &f->patch;
	json_object		*obj, *comps = NULL, *ids = NULL;

	memset(f, 0, sizeof(*f));
	p->auto_start = p->auto_end = p->status = p->impact = f->worst = -1;
	f->deliver = -1;
	if (input_object(w->body, "", "incident", 1, &obj, err) == -1 ||
	    input_known_keys(obj, "incident", incident_keys, err) == -1 ||
	    input_string(obj, "incident", "name", create, 300, &p->name, err) == -1 ||
	    INPUT_WORD(obj, "incident", "status", 0, notice_statuses,
	    NOTICE_STATUS_INPUTS, &p->status, err) == -1 ||
	    INPUT_WORD(obj, "incident", "impact_override", 0, impacts,
	    IMPACT_COUNT, &p->impact, err) == -1 ||
	    input_string(obj, "incident", "body", 0, 20000, &f->body, err) == -1 ||
	    input_object(obj, "incident", "components", 0, &comps, err) == -1 ||
	    input_ids(obj, "incident", "component_ids", 0, &ids, err) == -1 ||
	    input_time(obj, "incident", "scheduled_for", 0, &p->scheduled_for, err) == -1 ||
	    input_time(obj, "incident", "scheduled_until", 0, &p->scheduled_until, err) == -1 ||
	    input_bool(obj, "incident", "scheduled_auto_in_progress", 0, &p->auto_start, err) == -1 ||
	    input_bool(obj, "incident", "scheduled_auto_completed", 0, &p->auto_end, err) == -1 ||
	    input_bool(obj, "incident", "deliver_notifications", 0, &f->deliver, err) == -1 ||
	    read_moves(w->req->arena, comps, f, err) == -1)
		return -1;
	/* Maintenance scheduled silently starts and completes silently. */
	p->auto_told = f->deliver;
	read_ids(w->req->arena, ids, f);
	return 0;
}

/*
 * The components of component_ids must be components of this page, not
 * groups.  Checked before anything is written; 422 naming the entry and
 * the id.
 */
static int
check_affected(struct write *w, const struct incident_fields *f)
{
	size_t	missing = 0;
	int	group = 0;

	switch (store_affected_check(&w->tx, w->page_id, f->ids, f->nids,
	    &missing, &group)) {
	case STORE_OK:
		return 0;
	case STORE_NONE:
		write_error(w, 422, arena_printf(w->req->arena, group ?
		    "%s is a component group, not a component: name its "
		    "components." : "There is no component %s on this page.",
		    f->ids[missing]), arena_printf(w->req->arena,
		    "incident.component_ids.%zu", missing));
		return -1;
	case STORE_FAILED:
		break;
	}
	write_failed(w, "components");
	return -1;
}

/* An update on the timeline, with the components it moves. */
static int
add_update(struct write *w, const char *id, enum notice_status status,
    struct incident_fields *f)
{
	const char	*missing = NULL;

	if (store_update_insert(&w->tx, id, status, f->body, &f->update) != STORE_OK) {
		write_failed(w, "incident update");
		return -1;
	}
	switch (store_components_move(&w->tx, w->page_id, id, f->update, f->moves,
	    f->nmoves, &missing)) {
	case STORE_OK:
		return 0;
	case STORE_NONE:
		write_error(w, 422, "There is no such component on this page.",
		    arena_printf(w->req->arena, "incident.components.%s", missing));
		return -1;
	case STORE_FAILED:
		break;
	}
	write_failed(w, "components");
	return -1;
}

/*
 * Records the components the incident affects: those of component_ids
 * (all of them when replace: the rest leave) and those whose status it
 * sets, as Statuspage counts them.
 */
static int
record_affected(struct write *w, const char *id,
    const struct incident_fields *f, int replace)
{
	if (!f->ids_sent && !f->moves_sent)
		return 0;
	if (store_affected_set(&w->tx, w->page_id, id, f->ids, f->nids, f->moves,
	    f->nmoves, replace && f->ids_sent) != STORE_OK) {
		write_failed(w, "components");
		return -1;
	}
	return 0;
}

static int
read_new(struct write *w, void *arg, struct input_error *err)
{
	return read_fields(w, 1, arg, err);
}

static int
read_patch(struct write *w, void *arg, struct input_error *err)
{
	return read_fields(w, 0, arg, err);
}

static int
insert(struct write *w, void *arg, const char **id)
{
	struct incident_fields	*f = arg;
	struct incident_patch	*p = &f->patch;
	enum notice_kind	 kind;

	/* A maintenance status or a schedule makes it maintenance. */
	kind = (p->status != -1 && notice_statuses[p->status].kind ==
	    KIND_MAINTENANCE) || p->scheduled_for != NULL ? KIND_MAINTENANCE :
	    KIND_INCIDENT;
	if (kind == KIND_MAINTENANCE && (p->scheduled_for == NULL ||
	    p->scheduled_until == NULL)) {
		write_error(w, 422, "Scheduled maintenance needs scheduled_for "
		    "and scheduled_until.", p->scheduled_for == NULL ?
		    "incident.scheduled_for" : "incident.scheduled_until");
		return -1;
	}
	if (p->status == -1)
		p->status = (int)notice_kinds[kind].first;
	/* Unless said, the worst status it sets decides, as on Statuspage. */
	if (p->impact == -1)
		p->impact = (int)(kind == KIND_MAINTENANCE || f->worst == -1 ?
		    IMPACT_NONE : impact_of_status((enum component_status)f->worst));
	if (check_affected(w, f) == -1 ||
	    write_stored(w, &incident, store_incident_insert(&w->tx, w->page_id,
	    kind, p, id)) == -1 ||
	    add_update(w, *id, (enum notice_status)p->status, f) == -1)
		return -1;
	return record_affected(w, *id, f, 0);
}

/* The locked incident's kind and status (the database's types hold no other words). */
static void
locked(const struct write *w, enum notice_kind *kind, enum notice_status *status)
{
	const PGresult	*row = write_target(w);

	notice_kind_parse(PQgetvalue(row, 0, PQfnumber(row, "kind")), kind);
	notice_status_parse(PQgetvalue(row, 0, PQfnumber(row, "status")), status);
}

static int
update(struct write *w, void *arg, const char **id)
{
	struct incident_fields	*f = arg;
	struct incident_patch	*p = &f->patch;
	enum notice_kind	 kind;
	enum notice_status	 status;

	locked(w, &kind, &status);
	if (p->status != -1 &&
	    notice_statuses[p->status].kind != kind) {
		write_error(w, 422, kind == KIND_MAINTENANCE ?
		    "Maintenance moves through scheduled, in_progress, verifying "
		    "and completed." : "An incident moves through investigating, "
		    "identified, monitoring and resolved.", "incident.status");
		return -1;
	}
	if (p->status != -1)
		status = (enum notice_status)p->status;
	/* A new status, a text or moved components make an entry on the timeline. */
	if (check_affected(w, f) == -1 ||
	    write_stored(w, &incident, store_incident_update(&w->tx, w->page_id,
	    *id, p)) == -1 || ((p->status != -1 || f->body != NULL ||
	    f->moves_sent) && add_update(w, *id, status, f) == -1))
		return -1;
	return record_affected(w, *id, f, 1);
}

/*
 * A new entry on the timeline is told to subscribers (unless
 * deliver_notifications is false): those following the incident and
 * those of the components it affects or moved; and each component it
 * moved to that component's, as its own change would be.
 */
static int
queue(struct write *w, void *arg, const char *id, json_object *before,
    json_object *after)
{
	const struct incident_fields	*f = arg;

	(void)before;
	if (f->deliver == 0 || f->update == NULL)
		return 0;
	return outbox_incident(w, id, f->update, after, f->moves, f->nmoves);
}

/*
 * POST /v1/pages/{page_id}/incidents: opens an incident, or schedules
 * maintenance (status scheduled, or scheduled_for given), with its first
 * update, the components it moves and those it affects (component_ids,
 * and the ids of components), queued for subscribers (see queue()) unless
 * deliver_notifications is false.  201 with the incident; 400/413/415/422
 * for bad input (422 naming an entry of component_ids that is no
 * component of the page), 401/403 for the key, 404 for the page, 409
 * for an Idempotency-Key reused on another request.
 */
const struct write_op api_v1_incident_create = { NULL, &incident,
	"incident.create", 201, ANSWER_AFTER, BEFORE_NONE,
	read_new, insert, NULL, sizeof(struct incident_fields), queue };

/*
 * PATCH or PUT /v1/pages/{page_id}/incidents/{incident_id}: a new status
 * and/or text (an update on the timeline), a new name or impact, the
 * components it moves, and the components it affects: component_ids
 * replaces them (Statuspage's way; [] leaves none), the ids of components
 * join them.  Affected components alone make no timeline entry: an update
 * carries only the statuses it moved.  200 with the incident; 404 for an
 * unknown one; 422 for a status of the other kind; the rest as for
 * creating.
 */
const struct write_op api_v1_incident_update = { &incident, &incident,
	"incident.update", 200, ANSWER_AFTER, BEFORE_READ,
	read_patch, update, NULL, sizeof(struct incident_fields), queue };

/*
 * DELETE /v1/pages/{page_id}/incidents/{incident_id}: removes it with its
 * updates; components keep their status.  200 with the incident as it
 * was; 404 for an unknown one.
 */
const struct write_op api_v1_incident_delete = { &incident, &incident,
	"incident.delete", 200, ANSWER_BEFORE, BEFORE_NEEDED,
	NULL, NULL, store_incident_delete, 0, NULL };

static const char *const postmortem_keys[] = { "body_draft", "notify_subscribers",
	"notify_twitter", "custom_tweet", NULL };

static int
read_draft(struct write *w, void *arg, struct input_error *err)
{
	json_object	*pm;

	if (input_object(w->body, "", "postmortem", 1, &pm, err) == -1 ||
	    input_known_keys(pm, "postmortem", postmortem_keys, err) == -1 ||
	    input_string(pm, "postmortem", "body_draft", 1, 100000, arg, err) == -1)
		return -1;
	return 0;
}

static int
draft(struct write *w, void *arg, const char **id)
{
	enum notice_kind	 kind;
	enum notice_status	 status;
	enum store_result	 r;

	locked(w, &kind, &status);
	if ((r = store_postmortem_draft(&w->tx, w->page_id, *id,
	    *(const char **)arg)) == STORE_NONE) {
		write_error(w, 409, kind != KIND_INCIDENT ?
		    "Maintenance has no postmortem." :
		    "The postmortem is published already.", "postmortem");
		return -1;
	}
	return write_stored(w, &postmortem, r);
}

/* The publication's options: {"postmortem": {"notify_subscribers": bool}}, all optional. */
static int
read_publish(struct write *w, void *arg, struct input_error *err)
{
	json_object	*pm = NULL;

	if (w->body == NULL)
		return 0;
	if (input_object(w->body, "", "postmortem", 0, &pm, err) == -1 ||
	    (pm != NULL && (input_known_keys(pm, "postmortem", postmortem_keys,
	    err) == -1 || input_bool(pm, "postmortem", "notify_subscribers", 0,
	    arg, err) == -1)))
		return -1;
	return 0;
}

static int
publish(struct write *w, void *arg, const char **id)
{
	enum store_result	r;

	(void)arg;
	if ((r = store_postmortem_publish(&w->tx, w->page_id, *id)) == STORE_NONE) {
		write_error(w, 409, "Only a resolved incident's unpublished "
		    "draft can be published.", "postmortem");
		return -1;
	}
	return write_stored(w, &postmortem, r);
}

/*
 * PUT /v1/pages/{page_id}/incidents/{incident_id}/postmortem: the draft.
 * 200 with the postmortem; 404; 409 once it is published.
 */
const struct write_op api_v1_postmortem_draft = { &incident, &postmortem,
	"postmortem.draft", 200, ANSWER_AFTER, BEFORE_NONE,
	read_draft, draft, NULL, sizeof(const char *), NULL };

/*
 * A published postmortem is told when notify_subscribers is true (as
 * Statuspage, silent unless asked): to the incident's followers and those
 * of the components it affects, as its last entry.
 */
static int
queue_postmortem(struct write *w, void *arg, const char *id,
    json_object *before, json_object *after)
{
	json_object	*inc;

	(void)before;
	(void)after;
	if (*(const int *)arg != 1)
		return 0;
	if ((inc = json_own(w->req->arena, incident_json(w, id))) == NULL) {
		write_failed(w, "notifications");
		return -1;
	}
	return outbox_incident(w, id, NULL, inc, NULL, 0);
}

/*
 * PUT /v1/pages/{page_id}/incidents/{incident_id}/postmortem/publish:
 * publishes the draft; the incident's status becomes postmortem; told to
 * subscribers with {"postmortem": {"notify_subscribers": true}}.  200
 * with the postmortem; 409 before the incident is resolved, without a
 * draft, or when published already.
 */
const struct write_op api_v1_postmortem_publish = { &incident, &postmortem,
	"postmortem.publish", 200, ANSWER_AFTER, BEFORE_NONE,
	read_publish, publish, NULL, sizeof(int), queue_postmortem };

static const char *const update_keys[] = { "body", "display_at",
	"deliver_notifications", "wants_twitter_update", "tweet_id", "custom_tweet",
	NULL };

/* The correction: its text, its time; NULL keeps either. */
struct correction {
	const char	*body, *at;
};

static int
read_correction(struct write *w, void *arg, struct input_error *err)
{
	struct correction	*c = arg;
	json_object		*obj;

	if (input_object(w->body, "", "incident_update", 1, &obj, err) == -1 ||
	    input_known_keys(obj, "incident_update", update_keys, err) == -1 ||
	    input_string(obj, "incident_update", "body", 0, 20000, &c->body, err) == -1 ||
	    input_time(obj, "incident_update", "display_at", 0, &c->at, err) == -1)
		return -1;
	return 0;
}

static int
correct(struct write *w, void *arg, const char **id)
{
	const struct correction	*c = arg;
	enum store_result	 r;

	if ((r = store_update_edit(&w->tx, w->page_id, w->ids[1], *id,
	    c->body, c->at)) == STORE_NONE) {
		write_error(w, 404, an_update.missing, an_update.field);
		return -1;
	}
	return write_stored(w, &an_update, r);
}

/*
 * PATCH or PUT /v1/pages/{page_id}/incidents/{incident_id}/incident_updates/{id}:
 * corrects an update's text or the time it shows.  200 with the update;
 * 404 for an unknown one.
 */
const struct write_op api_v1_update_edit = { &incident, &an_update,
	"incident_update.update", 200, ANSWER_AFTER, BEFORE_READ,
	read_correction, correct, NULL, sizeof(struct correction), NULL };
