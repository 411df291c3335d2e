/*
 * api-v2.c: Statuspage's public API v2 (every /api/v2/ address), the incident as
 * JSON (/incidents/{id}.json) and the notice history as JSON
 * (/history.json), so a client written for Statuspage works by changing
 * only its base URL.  The objects themselves are built in json.c.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "clock.h"
#include "config.h"
#include "handlers.h"
#include "input.h"
#include "json.h"
#include "model.h"
#include "notices.h"
#include "query.h"
#include "snapshot.h"

/* Statuspage's incidents.json and scheduled-maintenances.json hold 50. */
#define RECENT		50
#define MONTHS		SNAPSHOT_HISTORY_MONTHS

/* Every answer starts with the page, as Statuspage's do. */
static json_object *
envelope(const struct request *req, const struct model *m)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "page", json_page(req, &m->page));
	return o;
}

static void
answer(struct response *resp, const struct model *m, json_object *o)
{
	/* Every change to the page's data moves its updated_at. */
	resp->last_modified = m->page.updated;
	json_respond(resp, o);
}

/* The notices of ns that pass keep(), in their order, sharing their data. */
static struct notices
pick(struct arena *a, const struct notices *ns,
    int (*keep)(const struct notice *, const void *), const void *arg)
{
	struct notices	out;
	size_t		i;

	out.items = arena_calloc(a, ns->n + 1, sizeof(*out.items));
	out.n = 0;
	for (i = 0; i < ns->n; i++)
		if (keep(&ns->items[i], arg))
			out.items[out.n++] = ns->items[i];
	return out;
}

static int
is_upcoming(const struct notice *n, const void *arg)
{
	(void)arg;
	return n->kind == KIND_MAINTENANCE &&
	    notice_statuses[n->status].phase == PHASE_TO_COME;
}

static int
is_active(const struct notice *n, const void *arg)
{
	(void)arg;
	return n->kind == KIND_MAINTENANCE &&
	    notice_statuses[n->status].phase == PHASE_UNDER_WAY;
}

static int
in_month(const struct notice *n, const void *month)
{
	return n->month != NULL && strcmp(n->month, month) == 0;
}

/*
 * GET /api/v2/summary.json (and HEAD): {page, components, incidents,
 * scheduled_maintenances, status}: every component and group, the
 * unresolved incidents, maintenance in progress or to come, and the
 * overall status.  200/304; 503 when the database cannot be read.
 */
void
api_v2_summary(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	json_object		*o = envelope(req, &s->model);

	json_object_object_add(o, "components", json_components(&s->model));
	json_object_object_add(o, "incidents",
	    json_notices(req, &s->model, &s->open, KIND_INCIDENT, 0));
	json_object_object_add(o, "scheduled_maintenances",
	    json_notices(req, &s->model, &s->open, KIND_MAINTENANCE, 0));
	json_object_object_add(o, "status", json_status(&s->overall));
	answer(resp, &s->model, o);
}

/*
 * GET /api/v2/status.json (and HEAD): {page, status}, the overall
 * indicator (none, minor, major, critical, maintenance) and its words.
 * 200/304; 503 when the database cannot be read.
 */
void
api_v2_status(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	json_object		*o = envelope(req, &s->model);

	json_object_object_add(o, "status", json_status(&s->overall));
	answer(resp, &s->model, o);
}

/*
 * GET /api/v2/components.json (and HEAD): {page, components}, groups
 * among them as components with "group": true.  200/304; 503.
 */
void
api_v2_components(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	json_object		*o = envelope(req, &s->model);

	json_object_object_add(o, "components", json_components(&s->model));
	answer(resp, &s->model, o);
}

/* The 50 most recent notices of one kind under key, newest first. */
static void
recent(struct request *req, struct response *resp, enum notice_kind kind,
    const char *key)
{
	const struct snapshot	*s = req->snap;
	json_object		*o = envelope(req, &s->model);

	json_object_object_add(o, key, json_notices(req, &s->model,
	    kind == KIND_MAINTENANCE ? &s->recent_maintenance :
	    &s->recent_incidents, kind, RECENT));
	answer(resp, &s->model, o);
}

/*
 * GET /api/v2/incidents.json (and HEAD): {page, incidents}, the 50 most
 * recent incidents, newest first, each with every update.  200/304; 503.
 */
void
api_v2_incidents(struct request *req, struct response *resp)
{
	recent(req, resp, KIND_INCIDENT, "incidents");
}

/*
 * GET /api/v2/scheduled-maintenances.json (and HEAD): {page,
 * scheduled_maintenances}, the 50 most recent, latest first.  200/304; 503.
 */
void
api_v2_maintenances(struct request *req, struct response *resp)
{
	recent(req, resp, KIND_MAINTENANCE, "scheduled_maintenances");
}

/* Open notices of one kind, those keep() takes, under key. */
static void
open_notices(struct request *req, struct response *resp, enum notice_kind kind,
    int (*keep)(const struct notice *, const void *), const char *key)
{
	const struct snapshot	*s = req->snap;
	struct notices		 open = s->open;
	json_object		*o = envelope(req, &s->model);

	if (keep != NULL)
		open = pick(req->arena, &open, keep, NULL);
	json_object_object_add(o, key,
	    json_notices(req, &s->model, &open, kind, 0));
	answer(resp, &s->model, o);
}

/*
 * GET /api/v2/incidents/unresolved.json (and HEAD): {page, incidents},
 * those not yet resolved, newest first.  200/304; 503.
 */
void
api_v2_unresolved(struct request *req, struct response *resp)
{
	open_notices(req, resp, KIND_INCIDENT, NULL, "incidents");
}

/*
 * GET /api/v2/scheduled-maintenances/upcoming.json (and HEAD): {page,
 * scheduled_maintenances}, those still "scheduled".  200/304; 503.
 */
void
api_v2_upcoming(struct request *req, struct response *resp)
{
	open_notices(req, resp, KIND_MAINTENANCE, is_upcoming, "scheduled_maintenances");
}

/*
 * GET /api/v2/scheduled-maintenances/active.json (and HEAD): {page,
 * scheduled_maintenances}, those "in_progress" or "verifying".  200/304;
 * 503.
 */
void
api_v2_active(struct request *req, struct response *resp)
{
	open_notices(req, resp, KIND_MAINTENANCE, is_active, "scheduled_maintenances");
}

/*
 * GET /incidents/{id}.json (and HEAD): {page, incident}, one incident or
 * maintenance with all its updates, the postmortem the newest of them
 * (status "postmortem") once published.  200/304; 404 JSON for an unknown
 * or malformed id; 503.
 */
void
api_v2_incident(struct request *req, struct response *resp)
{
	const struct model	*m = &req->snap->model;
	const struct notice	*n = NULL;
	json_object		*o;

	switch (snapshot_find_notice(req->snap, req->db, req->arena,
	    req->params[0], &n)) {
	case MODEL_OK:
		break;
	case MODEL_NOT_FOUND:
		http_error(req, resp, 404, "There is no incident with this number.");
		return;
	case MODEL_DB_ERROR:
		http_db_unavailable(req, resp);
		return;
	}
	o = envelope(req, m);
	json_object_object_add(o, "incident", json_notice(req, m, n));
	answer(resp, m, o);
}

/* A page of /history.json, after the notice `before` if it is not NULL. */
static json_object *
history_link(const struct request *req, long page, const char *before)
{
	return json_object_new_string(arena_printf(req->arena,
	    "%s/history.json?page=%ld%s%s", req->cfg->base_url, page,
	    before != NULL ? "&before=" : "", before != NULL ? before : ""));
}

/*
 * GET /history.json[?page=N][&before=ID] (and HEAD): the notice history
 * as JSON, Lantern's own (Statuspage documents no public equivalent),
 * built from the same objects as API v2:
 *
 *   {"page": {page},
 *    "months": [{"name": "2026-11",
 *                "incidents": [incident...],
 *                "scheduled_maintenances": [maintenance...]}, ...],
 *    "newer": URL or null, "older": URL or null,
 *    "next": URL or null, "remaining": N}
 *
 * Three calendar months a page, newest first: page 1 ends with the current
 * month, page 2 holds the three before, and so on back to 1970-01.  A
 * notice belongs to the month it began in (or was scheduled for).  One
 * answer holds 250 notices at most: a busier quarter goes on at "next"
 * (the same page, ?before=<the last notice given>), null once nothing is
 * left; "remaining" counts the notices of these months still to come.  A
 * month is listed only where the answer holds its notices (one cut short
 * goes on in the next answer).  200/304; 400 JSON naming the parameter for
 * a page that is not a whole number in range or a before that is no notice
 * of the page; 503.
 */
void
api_history(struct request *req, struct response *resp)
{
	const struct snapshot	*s = req->snap;
	const struct model	*m = &s->model;
	struct notices		 ns, in;
	json_object		*o, *months, *mo;
	const char		*page_s, *before, *key;
	enum model_result	 r = MODEL_OK;
	long			 page = 1, max;
	int			 now = s->month_now, last, k;

	max = (now - 1970 * 12 + 1) / MONTHS;
	page_s = query_get(req->arena, req->query, "page");
	if (page_s != NULL && query_page(page_s, max, &page) == -1) {
		http_error(req, resp, 400, arena_printf(req->arena,
		    "The page parameter must be a whole number from 1 to %ld, "
		    "such as /history.json?page=2.", max));
		return;
	}
	last = now - MONTHS * (int)(page - 1);
	before = query_get(req->arena, req->query, "before");
	/* The current months are the snapshot's; the rest are read once. */
	if (before != NULL && !input_is_id(before))
		r = MODEL_NOT_FOUND;
	else if (page == 1 && before == NULL)
		ns = s->history;
	else
		r = notices_load_between(req->db, req->arena, &m->page,
		    clock_month_day1(req->arena, last - (MONTHS - 1)),
		    clock_month_day1(req->arena, last + 1), before,
		    SNAPSHOT_HISTORY_MAX, &ns);
	switch (r) {
	case MODEL_OK:
		break;
	case MODEL_NOT_FOUND:
		http_error(req, resp, 400, "The before parameter must be the "
		    "number of a notice of this page, as the \"next\" link "
		    "gives it.");
		return;
	case MODEL_DB_ERROR:
		http_db_unavailable(req, resp);
		return;
	}

	o = envelope(req, m);
	months = json_object_new_array();
	for (k = 0; k < MONTHS; k++) {
		key = clock_month_text(req->arena, last - k);
		if (!notices_speak_for(&ns, before != NULL, key))
			continue;
		in = pick(req->arena, &ns, in_month, key);
		mo = json_object_new_object();
		json_object_object_add(mo, "name", json_object_new_string(key));
		json_object_object_add(mo, "incidents",
		    json_notices(req, m, &in, KIND_INCIDENT, 0));
		json_object_object_add(mo, "scheduled_maintenances",
		    json_notices(req, m, &in, KIND_MAINTENANCE, 0));
		json_object_array_add(months, mo);
	}
	json_object_object_add(o, "months", months);
	json_object_object_add(o, "newer",
	    page > 1 ? history_link(req, page - 1, NULL) : NULL);
	json_object_object_add(o, "older",
	    page < max ? history_link(req, page + 1, NULL) : NULL);
	json_object_object_add(o, "next", ns.total > ns.n && ns.n > 0 ?
	    history_link(req, page, ns.items[ns.n - 1].id) : NULL);
	json_object_object_add(o, "remaining",
	    json_object_new_int64((int64_t)(ns.total - ns.n)));
	answer(resp, m, o);
}
