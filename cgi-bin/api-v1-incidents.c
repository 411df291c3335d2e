/*
 * api-v1-incidents.c: incidents and scheduled maintenance through
 * Statuspage's manage API v1 shapes, under /v1/pages/{page_id}/incidents.
 * Every request is one transaction; nothing is half-written.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "handlers.h"
#include "http.h"
#include "json.h"
#include "model.h"
#include "notices.h"
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

/*
 * "components": {"<id>": "<status>"}: each component the update moves.
 * Validated whole before anything is written; the worst new status out.
 */
static int
check_components(json_object *comps, int *worst, struct input_error *err)
{
	enum component_status	st, w = STATUS_OPERATIONAL;
	int			 any = 0;

	if (comps == NULL)
		return 0;
	json_object_object_foreach(comps, id, val) {
		if (!input_is_id(id))
			return input_fail(err, 422, "incident.components", id,
			    "is not a component id");
		if (!json_object_is_type(val, json_type_string) ||
		    status_parse(json_object_get_string(val), &st) == -1)
			return input_fail(err, 422, "incident.components", id,
			    "must be one of operational, degraded_performance, "
			    "partial_outage, major_outage, under_maintenance");
		if (!any || status_severity(st) > status_severity(w))
			w = st;
		any = 1;
	}
	*worst = any ? (int)w : -1;
	return 0;
}

/* Moves each named component, recording what it went from and to. */
static int
apply_components(struct write *w, json_object *comps, const char *incident,
    const char *update)
{
	enum component_status	 old, to;
	const char		*params[5];
	PGresult		*res;

	if (comps == NULL)
		return 0;
	json_object_object_foreach(comps, id, val) {
		params[0] = w->page_id;
		params[1] = id;
		if ((res = db_query(w->req->db, STMT_COMPONENT_LOCK, 2, params)) == NULL) {
			write_failed(w, "components");
			return -1;
		}
		if (PQntuples(res) == 0) {
			PQclear(res);
			write_error(w, 422, "There is no such component on this page.",
			    arena_printf(w->req->arena, "incident.components.%s", id));
			return -1;
		}
		/* Both words were checked: the database's type, check_components(). */
		status_parse(PQgetvalue(res, 0, 1), &old);
		status_parse(json_object_get_string(val), &to);
		PQclear(res);
		if (old == to)
			continue;
		params[0] = update;
		params[1] = id;
		params[2] = status_name(old);
		params[3] = status_name(to);
		params[4] = incident;
		if ((res = db_query(w->req->db, STMT_COMPONENT_CHANGE, 5, params)) == NULL) {
			write_failed(w, "components");
			return -1;
		}
		PQclear(res);
	}
	return 0;
}

/*
 * An array literal for PostgreSQL of the ids in ids (input_ids() checked
 * them: digits only) and the keys of comps (check_components() did),
 * either NULL.
 */
static const char *
id_array(struct arena *a, json_object *ids, json_object *comps)
{
	struct buf	 list;
	size_t		 i, n = 0;

	buf_init(&list, a);
	buf_putc(&list, '{');
	for (i = 0; ids != NULL && i < json_object_array_length(ids); i++)
		buf_printf(&list, "%s%s", n++ > 0 ? "," : "",
		    json_object_get_string(json_object_array_get_idx(ids, i)));
	if (comps != NULL) {
		json_object_object_foreach(comps, id, val) {
			(void)val;
			buf_printf(&list, "%s%s", n++ > 0 ? "," : "", id);
		}
	}
	buf_putc(&list, '}');
	return list.data;
}

/*
 * "component_ids": [ids], the components the incident affects: each must
 * be a component of this page, not a group.  Checked before anything is
 * written; 422 naming the entry and the id.
 */
static int
check_affected(struct write *w, json_object *ids)
{
	const char	*params[2], *id, *kind;
	PGresult	*res;
	size_t		 i, n;
	int		 r, idcol, kindcol;

	if (ids == NULL || (n = json_object_array_length(ids)) == 0)
		return 0;
	params[0] = w->page_id;
	params[1] = id_array(w->req->arena, ids, NULL);
	if ((res = db_query(w->req->db, STMT_COMPONENT_KINDS, 2, params)) == NULL) {
		write_failed(w, "components");
		return -1;
	}
	idcol = PQfnumber(res, "id");
	kindcol = PQfnumber(res, "kind");
	for (i = 0; i < n; i++) {
		id = json_object_get_string(json_object_array_get_idx(ids, i));
		for (r = 0, kind = NULL; r < PQntuples(res) && kind == NULL; r++)
			if (strcmp(PQgetvalue(res, r, idcol), id) == 0)
				kind = PQgetvalue(res, r, kindcol);
		if (kind != NULL && strcmp(kind, "component") == 0)
			continue;
		write_error(w, 422, arena_printf(w->req->arena, kind != NULL ?
		    "%s is a component group, not a component: name its "
		    "components." : "There is no component %s on this page.", id),
		    arena_printf(w->req->arena, "incident.component_ids.%zu", i));
		PQclear(res);
		return -1;
	}
	PQclear(res);
	return 0;
}

/*
 * Records the components the incident affects: those of component_ids
 * (all of them when replace: the rest leave) and those whose status it
 * sets, as Statuspage counts them.
 */
static int
record_affected(struct write *w, const char *incident, json_object *ids,
    json_object *comps, int replace)
{
	const char	*params[4];
	PGresult	*res;

	if (ids == NULL && comps == NULL)
		return 0;
	params[0] = w->page_id;
	params[1] = incident;
	/* An id in both is there twice: the insert takes it once. */
	params[2] = id_array(w->req->arena, ids, comps);
	params[3] = replace && ids != NULL ? "true" : "false";
	if ((res = db_query(w->req->db, STMT_AFFECTED_SET, 4, params)) == NULL) {
		write_failed(w, "components");
		return -1;
	}
	PQclear(res);
	return 0;
}

static int
add_update(struct write *w, const char *incident, enum notice_status status,
    const char *body, json_object *comps)
{
	const char	*params[3] = { incident, notice_status_name(status),
			    body != NULL ? body : notice_status_body(status) };
	const char	*update;
	PGresult	*res;

	if ((res = db_query(w->req->db, STMT_UPDATE_INSERT, 3, params)) == NULL) {
		write_failed(w, "incident update");
		return -1;
	}
	update = db_get(w->req->arena, res, 0, "id");
	PQclear(res);
	return apply_components(w, comps, incident, update);
}

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

struct incident_fields {
	json_object	*obj, *comps, *ids;
	const char	*name, *body, *for_, *until;
	int		 status, impact;	/* -1: not sent */
	int		 worst;		/* of components' new statuses; -1: none */
	int		 auto_start, auto_end;
};

static int
read_fields(json_object *body, int create, struct incident_fields *f,
    struct input_error *err)
{
	memset(f, 0, sizeof(*f));
	f->auto_start = f->auto_end = f->status = f->impact = -1;
	if (input_object(body, "", "incident", 1, &f->obj, err) == -1 ||
	    input_known_keys(f->obj, "incident", incident_keys, err) == -1 ||
	    input_string(f->obj, "incident", "name", create, 300, &f->name, err) == -1 ||
	    input_word(f->obj, "incident", "status", 0, notice_status_input,
	    NOTICE_STATUS_COUNT, &f->status, err) == -1 ||
	    input_word(f->obj, "incident", "impact_override", 0, impact_input,
	    IMPACT_COUNT, &f->impact, err) == -1 ||
	    input_string(f->obj, "incident", "body", 0, 20000, &f->body, err) == -1 ||
	    input_object(f->obj, "incident", "components", 0, &f->comps, err) == -1 ||
	    input_ids(f->obj, "incident", "component_ids", 0, &f->ids, err) == -1 ||
	    input_time(f->obj, "incident", "scheduled_for", 0, &f->for_, err) == -1 ||
	    input_time(f->obj, "incident", "scheduled_until", 0, &f->until, err) == -1 ||
	    input_bool(f->obj, "incident", "scheduled_auto_in_progress", 0, &f->auto_start, err) == -1 ||
	    input_bool(f->obj, "incident", "scheduled_auto_completed", 0, &f->auto_end, err) == -1 ||
	    check_components(f->comps, &f->worst, err) == -1)
		return -1;
	return 0;
}

/*
 * POST /v1/pages/{page_id}/incidents: opens an incident, or schedules
 * maintenance (status scheduled, or scheduled_for given), with its first
 * update, the components it moves and those it affects (component_ids,
 * and the ids of components).  201 with the incident; 400/413/415/422
 * for bad input (422 naming an entry of component_ids that is no
 * component of the page), 401/403 for the key, 404 for the page, 409
 * for an Idempotency-Key reused on another request.
 */
void
api_v1_incident_create(struct request *req, struct response *resp)
{
	struct incident_fields	 f;
	struct input_error	 err;
	struct write		 w;
	enum notice_kind	 kind;
	enum notice_status	 status;
	enum impact		 impact;
	const char		*params[9], *id;
	json_object		*result;
	PGresult		*res;

	if (write_begin(&w, req, resp, 1) == -1)
		goto done;
	if (read_fields(w.body, 1, &f, &err) == -1) {
		write_refuse(&w, &err);
		goto done;
	}
	/* A maintenance status or a schedule makes it maintenance. */
	kind = (f.status != -1 && notice_status_kind((enum notice_status)f.status) ==
	    KIND_MAINTENANCE) || f.for_ != NULL ? KIND_MAINTENANCE : KIND_INCIDENT;
	status = f.status != -1 ? (enum notice_status)f.status :
	    notice_kind_first(kind);
	if (kind == KIND_MAINTENANCE && (f.for_ == NULL || f.until == NULL)) {
		write_error(&w, 422, "Scheduled maintenance needs scheduled_for "
		    "and scheduled_until.", f.for_ == NULL ?
		    "incident.scheduled_for" : "incident.scheduled_until");
		goto done;
	}
	impact = f.impact != -1 ? (enum impact)f.impact : kind == KIND_MAINTENANCE ||
	    f.worst == -1 ? IMPACT_NONE :
	    impact_of_status((enum component_status)f.worst);
	if (check_affected(&w, f.ids) == -1)
		goto done;
	params[0] = w.page_id;
	params[1] = notice_kind_name(kind);
	params[2] = f.name;
	params[3] = notice_status_name(status);
	params[4] = impact_name(impact);
	params[5] = f.for_;
	params[6] = f.until;
	params[7] = f.auto_start == 1 ? "true" : "false";
	params[8] = f.auto_end == 1 ? "true" : "false";
	if ((res = db_query(req->db, STMT_INCIDENT_INSERT, 9, params)) == NULL) {
		write_failed(&w, "incident");
		goto done;
	}
	id = db_get(req->arena, res, 0, "id");
	PQclear(res);
	if (add_update(&w, id, status, f.body, f.comps) == -1 || record_affected(&w, id, f.ids, f.comps, 0) == -1)
		goto done;
	if ((result = incident_json(&w, id)) == NULL) {
		write_failed(&w, "incident");
		goto done;
	}
	write_commit(&w, 201, "incident.create", "incident", id, NULL, result);
done:
	write_end(&w);
}

/* Locks the incident; its kind and status out.  404 if it is not the page's. */
static int
lock_incident(struct write *w, enum notice_kind *kind, enum notice_status *status)
{
	const char	*params[2] = { w->page_id, w->req->params[1] };
	PGresult	*res;

	if ((res = db_query(w->req->db, STMT_INCIDENT_LOCK, 2, params)) == NULL) {
		write_failed(w, "incident");
		return -1;
	}
	if (PQntuples(res) == 0) {
		PQclear(res);
		write_error(w, 404, "There is no such incident on this page.",
		    "incident_id");
		return -1;
	}
	/* The database's types hold no other words. */
	notice_kind_parse(PQgetvalue(res, 0, PQfnumber(res, "kind")), kind);
	notice_status_parse(PQgetvalue(res, 0, PQfnumber(res, "status")), status);
	PQclear(res);
	return 0;
}

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
void
api_v1_incident_update(struct request *req, struct response *resp)
{
	struct incident_fields	 f;
	struct input_error	 err;
	struct write		 w;
	enum notice_kind	 kind;
	enum notice_status	 status;
	const char		*params[7], *id = req->params[1];
	json_object		*before, *result;
	PGresult		*res;

	if (write_begin(&w, req, resp, 1) == -1)
		goto done;
	if (read_fields(w.body, 0, &f, &err) == -1) {
		write_refuse(&w, &err);
		goto done;
	}
	if (lock_incident(&w, &kind, &status) == -1)
		goto done;
	if (f.status != -1 &&
	    notice_status_kind((enum notice_status)f.status) != kind) {
		write_error(&w, 422, kind == KIND_MAINTENANCE ?
		    "Maintenance moves through scheduled, in_progress, verifying "
		    "and completed." : "An incident moves through investigating, "
		    "identified, monitoring and resolved.", "incident.status");
		goto done;
	}
	if (check_affected(&w, f.ids) == -1)
		goto done;
	before = incident_json(&w, id);
	params[0] = w.page_id;
	params[1] = id;
	params[2] = f.name;
	params[3] = f.status != -1 ?
	    notice_status_name((enum notice_status)f.status) : NULL;
	params[4] = f.impact != -1 ? impact_name((enum impact)f.impact) : NULL;
	params[5] = f.for_;
	params[6] = f.until;
	if ((res = db_query(req->db, STMT_INCIDENT_UPDATE, 7, params)) == NULL) {
		json_object_put(before);
		write_failed(&w, "incident");
		goto done;
	}
	PQclear(res);
	/* A new status, a text or moved components make an entry on the timeline. */
	if ((f.status != -1 || f.body != NULL || f.comps != NULL) &&
	    add_update(&w, id, f.status != -1 ? (enum notice_status)f.status :
	    status, f.body, f.comps) == -1) {
		json_object_put(before);
		goto done;
	}
	if (record_affected(&w, id, f.ids, f.comps, 1) == -1) {
		json_object_put(before);
		goto done;
	}
	if ((result = incident_json(&w, id)) == NULL) {
		json_object_put(before);
		write_failed(&w, "incident");
		goto done;
	}
	write_commit(&w, 200, "incident.update", "incident", id, before, result);
done:
	write_end(&w);
}

/*
 * DELETE /v1/pages/{page_id}/incidents/{incident_id}: removes it with its
 * updates; components keep their status.  200 with the incident as it
 * was; 404 for an unknown one.
 */
void
api_v1_incident_delete(struct request *req, struct response *resp)
{
	struct write	 w;
	enum notice_kind	 kind;
	enum notice_status	 status;
	const char	*params[2], *id = req->params[1];
	json_object	*before;
	PGresult	*res;

	if (write_begin(&w, req, resp, 0) == -1 ||
	    lock_incident(&w, &kind, &status) == -1)
		goto done;
	if ((before = incident_json(&w, id)) == NULL) {
		write_failed(&w, "incident");
		goto done;
	}
	params[0] = w.page_id;
	params[1] = id;
	if ((res = db_query(req->db, STMT_INCIDENT_DELETE, 2, params)) == NULL) {
		json_object_put(before);
		write_failed(&w, "incident");
		goto done;
	}
	PQclear(res);
	write_commit(&w, 200, "incident.delete", "incident", id,
	    json_object_get(before), before);
done:
	write_end(&w);
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

static const char *const postmortem_keys[] = { "body_draft", "notify_subscribers",
	"notify_twitter", "custom_tweet", NULL };

/*
 * PUT /v1/pages/{page_id}/incidents/{incident_id}/postmortem: the draft.
 * 200 with the postmortem; 404; 409 once it is published.
 */
void
api_v1_postmortem_draft(struct request *req, struct response *resp)
{
	struct input_error	 err;
	struct write		 w;
	json_object		*pm, *result;
	enum notice_kind	 kind;
	enum notice_status	 status;
	const char		*params[3], *body, *id = req->params[1];
	PGresult		*res;

	if (write_begin(&w, req, resp, 1) == -1)
		goto done;
	if (input_object(w.body, "", "postmortem", 1, &pm, &err) == -1 ||
	    input_known_keys(pm, "postmortem", postmortem_keys, &err) == -1 ||
	    input_string(pm, "postmortem", "body_draft", 1, 100000, &body, &err) == -1) {
		write_refuse(&w, &err);
		goto done;
	}
	if (lock_incident(&w, &kind, &status) == -1)
		goto done;
	params[0] = w.page_id;
	params[1] = id;
	params[2] = body;
	if ((res = db_query(req->db, STMT_POSTMORTEM_DRAFT, 3, params)) == NULL) {
		write_failed(&w, "postmortem");
		goto done;
	}
	if (strcmp(PQcmdTuples(res), "1") != 0) {
		PQclear(res);
		write_error(&w, 409, kind != KIND_INCIDENT ?
		    "Maintenance has no postmortem." :
		    "The postmortem is published already.", "postmortem");
		goto done;
	}
	PQclear(res);
	if ((result = postmortem_json(&w, id)) == NULL) {
		write_failed(&w, "postmortem");
		goto done;
	}
	write_commit(&w, 200, "postmortem.draft", "incident", id, NULL, result);
done:
	write_end(&w);
}

/*
 * PUT /v1/pages/{page_id}/incidents/{incident_id}/postmortem/publish:
 * publishes the draft; the incident's status becomes postmortem.  200
 * with the postmortem; 409 before the incident is resolved, without a
 * draft, or when published already.
 */
void
api_v1_postmortem_publish(struct request *req, struct response *resp)
{
	struct write	 w;
	json_object	*result;
	enum notice_kind	 kind;
	enum notice_status	 status;
	const char	*params[2], *id = req->params[1];
	PGresult	*res;

	if (write_begin(&w, req, resp, 0) == -1 ||
	    lock_incident(&w, &kind, &status) == -1)
		goto done;
	params[0] = w.page_id;
	params[1] = id;
	if ((res = db_query(req->db, STMT_POSTMORTEM_PUBLISH, 2, params)) == NULL) {
		write_failed(&w, "postmortem");
		goto done;
	}
	if (strcmp(PQcmdTuples(res), "1") != 0) {
		PQclear(res);
		write_error(&w, 409, "Only a resolved incident's unpublished "
		    "draft can be published.", "postmortem");
		goto done;
	}
	PQclear(res);
	if ((result = postmortem_json(&w, id)) == NULL) {
		write_failed(&w, "postmortem");
		goto done;
	}
	write_commit(&w, 200, "postmortem.publish", "incident", id, NULL, result);
done:
	write_end(&w);
}

static const char *const update_keys[] = { "body", "display_at",
	"deliver_notifications", "wants_twitter_update", "tweet_id", "custom_tweet",
	NULL };

/* The update with this id, out of the incident as the API shows it. */
static json_object *
update_json(json_object *incident, const char *id)
{
	json_object	*updates, *u, *uid;
	size_t		 i;

	if (!json_object_object_get_ex(incident, "incident_updates", &updates))
		return NULL;
	for (i = 0; i < json_object_array_length(updates); i++) {
		u = json_object_array_get_idx(updates, i);
		if (json_object_object_get_ex(u, "id", &uid) &&
		    strcmp(json_object_get_string(uid), id) == 0)
			return json_object_get(u);
	}
	return NULL;
}

/*
 * PATCH or PUT /v1/pages/{page_id}/incidents/{incident_id}/incident_updates/{id}:
 * corrects an update's text or the time it shows.  200 with the update;
 * 404 for an unknown one.
 */
void
api_v1_update_edit(struct request *req, struct response *resp)
{
	struct input_error	 err;
	struct write		 w;
	json_object		*obj, *incident, *before = NULL, *result = NULL;
	enum notice_kind	 kind;
	enum notice_status	 status;
	const char		*params[5], *body = NULL, *at = NULL;
	const char		*id = req->params[2];
	PGresult		*res;

	if (write_begin(&w, req, resp, 1) == -1)
		goto done;
	if (input_object(w.body, "", "incident_update", 1, &obj, &err) == -1 ||
	    input_known_keys(obj, "incident_update", update_keys, &err) == -1 ||
	    input_string(obj, "incident_update", "body", 0, 20000, &body, &err) == -1 ||
	    input_time(obj, "incident_update", "display_at", 0, &at, &err) == -1) {
		write_refuse(&w, &err);
		goto done;
	}
	if (lock_incident(&w, &kind, &status) == -1)
		goto done;
	if ((incident = incident_json(&w, req->params[1])) != NULL) {
		before = update_json(incident, id);
		json_object_put(incident);
	}
	params[0] = w.page_id;
	params[1] = req->params[1];
	params[2] = id;
	params[3] = body;
	params[4] = at;
	if ((res = db_query(req->db, STMT_UPDATE_EDIT, 5, params)) == NULL) {
		json_object_put(before);
		write_failed(&w, "incident update");
		goto done;
	}
	if (strcmp(PQcmdTuples(res), "1") != 0) {
		PQclear(res);
		json_object_put(before);
		write_error(&w, 404, "There is no such update of this incident.",
		    "incident_update_id");
		goto done;
	}
	PQclear(res);
	if ((incident = incident_json(&w, req->params[1])) != NULL) {
		result = update_json(incident, id);
		json_object_put(incident);
	}
	if (result == NULL) {
		json_object_put(before);
		write_failed(&w, "incident update");
		goto done;
	}
	write_commit(&w, 200, "incident_update.update", "incident_update", id,
	    before, result);
done:
	write_end(&w);
}
