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
#include "config.h"
#include "handlers.h"
#include "json.h"
#include "model.h"
#include "notices.h"
#include "query.h"

/* Short: a widget polling every minute sees a change within half of it. */
#define API_CACHE	"public, max-age=30"
/* Statuspage's incidents.json and scheduled-maintenances.json hold 50. */
#define RECENT		50
#define MONTHS		3

/* The page and its components, or an error answer already made. */
static int
load_model(struct request *req, struct response *resp, struct model *m)
{
	/* Errors too are read by widgets on other sites. */
	resp->cors = 1;
	switch (model_load(req->db, req->arena, m)) {
	case MODEL_OK:
		return 0;
	case MODEL_NOT_FOUND:
		http_no_page(req, resp);
		return -1;
	case MODEL_DB_ERROR:
		break;
	}
	http_db_unavailable(req, resp);
	return -1;
}

/* The model with what is open now and the banner it makes, or -1 answered. */
static int
load_open(struct request *req, struct response *resp, struct model *m,
    struct notices *open, struct overall_status *st)
{
	if (load_model(req, resp, m) == -1)
		return -1;
	if (notices_load_open(req->db, req->arena, &m->page, open) != MODEL_OK) {
		http_db_unavailable(req, resp);
		return -1;
	}
	*st = notices_overall(req->arena, m, open);
	return 0;
}

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
	resp->cors = 1;
	resp->cache_control = API_CACHE;
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
	return n->maintenance && strcmp(n->status, "scheduled") == 0;
}

static int
is_active(const struct notice *n, const void *arg)
{
	(void)arg;
	return n->maintenance && (strcmp(n->status, "in_progress") == 0 ||
	    strcmp(n->status, "verifying") == 0);
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
	struct model		 m;
	struct notices		 open;
	struct overall_status	 st;
	json_object		*o;

	if (load_open(req, resp, &m, &open, &st) == -1)
		return;
	o = envelope(req, &m);
	json_object_object_add(o, "components", json_components(&m));
	json_object_object_add(o, "incidents",
	    json_notices(req, &m, &open, 0, 0));
	json_object_object_add(o, "scheduled_maintenances",
	    json_notices(req, &m, &open, 1, 0));
	json_object_object_add(o, "status", json_status(&st));
	answer(resp, &m, o);
}

/*
 * GET /api/v2/status.json (and HEAD): {page, status}, the overall
 * indicator (none, minor, major, critical, maintenance) and its words.
 * 200/304; 503 when the database cannot be read.
 */
void
api_v2_status(struct request *req, struct response *resp)
{
	struct model		 m;
	struct notices		 open;
	struct overall_status	 st;
	json_object		*o;

	if (load_open(req, resp, &m, &open, &st) == -1)
		return;
	o = envelope(req, &m);
	json_object_object_add(o, "status", json_status(&st));
	answer(resp, &m, o);
}

/*
 * GET /api/v2/components.json (and HEAD): {page, components}, groups
 * among them as components with "group": true.  200/304; 503.
 */
void
api_v2_components(struct request *req, struct response *resp)
{
	struct model	 m;
	json_object	*o;

	if (load_model(req, resp, &m) == -1)
		return;
	o = envelope(req, &m);
	json_object_object_add(o, "components", json_components(&m));
	answer(resp, &m, o);
}

/* The 50 most recent notices of one kind under key, newest first. */
static void
recent(struct request *req, struct response *resp, int maintenance,
    const char *key)
{
	struct model	 m;
	struct notices	 ns;
	json_object	*o;

	if (load_model(req, resp, &m) == -1)
		return;
	if (notices_load_recent(req->db, req->arena, &m.page, maintenance ?
	    "maintenance" : "incident", RECENT, &ns) != MODEL_OK) {
		http_db_unavailable(req, resp);
		return;
	}
	o = envelope(req, &m);
	json_object_object_add(o, key,
	    json_notices(req, &m, &ns, maintenance, RECENT));
	answer(resp, &m, o);
}

/*
 * GET /api/v2/incidents.json (and HEAD): {page, incidents}, the 50 most
 * recent incidents, newest first, each with every update.  200/304; 503.
 */
void
api_v2_incidents(struct request *req, struct response *resp)
{
	recent(req, resp, 0, "incidents");
}

/*
 * GET /api/v2/scheduled-maintenances.json (and HEAD): {page,
 * scheduled_maintenances}, the 50 most recent, latest first.  200/304; 503.
 */
void
api_v2_maintenances(struct request *req, struct response *resp)
{
	recent(req, resp, 1, "scheduled_maintenances");
}

/* Open notices of one kind, those keep() takes, under key. */
static void
open_notices(struct request *req, struct response *resp, int maintenance,
    int (*keep)(const struct notice *, const void *), const char *key)
{
	struct model	 m;
	struct notices	 open;
	json_object	*o;

	if (load_model(req, resp, &m) == -1)
		return;
	if (notices_load_open(req->db, req->arena, &m.page, &open) != MODEL_OK) {
		http_db_unavailable(req, resp);
		return;
	}
	if (keep != NULL)
		open = pick(req->arena, &open, keep, NULL);
	o = envelope(req, &m);
	json_object_object_add(o, key,
	    json_notices(req, &m, &open, maintenance, 0));
	answer(resp, &m, o);
}

/*
 * GET /api/v2/incidents/unresolved.json (and HEAD): {page, incidents},
 * those not yet resolved, newest first.  200/304; 503.
 */
void
api_v2_unresolved(struct request *req, struct response *resp)
{
	open_notices(req, resp, 0, NULL, "incidents");
}

/*
 * GET /api/v2/scheduled-maintenances/upcoming.json (and HEAD): {page,
 * scheduled_maintenances}, those still "scheduled".  200/304; 503.
 */
void
api_v2_upcoming(struct request *req, struct response *resp)
{
	open_notices(req, resp, 1, is_upcoming, "scheduled_maintenances");
}

/*
 * GET /api/v2/scheduled-maintenances/active.json (and HEAD): {page,
 * scheduled_maintenances}, those "in_progress" or "verifying".  200/304;
 * 503.
 */
void
api_v2_active(struct request *req, struct response *resp)
{
	open_notices(req, resp, 1, is_active, "scheduled_maintenances");
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
	struct model	 m;
	struct notice	*n;
	json_object	*o;

	if (load_model(req, resp, &m) == -1)
		return;
	switch (notices_load_one(req->db, req->arena, &m.page, req->params[0],
	    &n)) {
	case MODEL_OK:
		break;
	case MODEL_NOT_FOUND:
		http_error(req, resp, 404, "There is no incident with this number.");
		return;
	case MODEL_DB_ERROR:
		http_db_unavailable(req, resp);
		return;
	}
	o = envelope(req, &m);
	json_object_object_add(o, "incident", json_notice(req, &m, n));
	answer(resp, &m, o);
}

/* Months are counted as year * 12 + month - 1, so arithmetic is plain. */
static int
month_of(const char *ymd)
{
	int	y = 0, mo = 0;

	if (ymd == NULL || sscanf(ymd, "%4d-%2d", &y, &mo) != 2 || mo < 1 ||
	    mo > 12)
		return -1;
	return y * 12 + mo - 1;
}

static const char *
month_text(struct arena *a, int month)
{
	return arena_printf(a, "%04d-%02d", month / 12, month % 12 + 1);
}

/* A page number: digits only, no sign, no leading zero, 1..max. */
static int
page_parse(const char *s, long max, long *out)
{
	long	n = 0;
	size_t	i;

	if (s[0] < '1' || s[0] > '9' || strlen(s) > 9)
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	if (n > max)
		return -1;
	*out = n;
	return 0;
}

static json_object *
history_link(const struct request *req, long page)
{
	return json_object_new_string(arena_printf(req->arena,
	    "%s/history.json?page=%ld", req->cfg->base_url, page));
}

/*
 * GET /history.json[?page=N] (and HEAD): the notice history as JSON,
 * Lantern's own (Statuspage documents no public equivalent), built from
 * the same objects as API v2:
 *
 *   {"page": {page},
 *    "months": [{"name": "2026-11",
 *                "incidents": [incident...],
 *                "scheduled_maintenances": [maintenance...]}, ...],
 *    "newer": URL or null, "older": URL or null}
 *
 * Three calendar months a page, newest first: page 1 ends with the current
 * month, page 2 holds the three before, and so on back to 1970-01.  A
 * notice belongs to the month it began in (or was scheduled for).
 * 200/304; 400 JSON naming the parameter for a page that is not a whole
 * number in range; 503.
 */
void
api_history(struct request *req, struct response *resp)
{
	struct model	 m;
	struct notices	 ns, in;
	json_object	*o, *months, *mo;
	const char	*page_s, *key;
	long		 page = 1, max;
	int		 now, last, k;

	if (load_model(req, resp, &m) == -1)
		return;
	if ((now = month_of(m.page.today)) < 1970 * 12) {
		http_db_unavailable(req, resp);
		return;
	}
	max = (now - 1970 * 12 + 1) / MONTHS;
	page_s = query_get(req->arena, req->query, "page");
	if (page_s != NULL && page_parse(page_s, max, &page) == -1) {
		http_error(req, resp, 400, arena_printf(req->arena,
		    "The page parameter must be a whole number from 1 to %ld, "
		    "such as /history.json?page=2.", max));
		return;
	}
	last = now - MONTHS * (int)(page - 1);
	if (notices_load_between(req->db, req->arena, &m.page,
	    arena_printf(req->arena, "%s-01", month_text(req->arena,
	    last - (MONTHS - 1))), arena_printf(req->arena, "%s-01",
	    month_text(req->arena, last + 1)), &ns) != MODEL_OK) {
		http_db_unavailable(req, resp);
		return;
	}

	o = envelope(req, &m);
	months = json_object_new_array();
	for (k = 0; k < MONTHS; k++) {
		key = month_text(req->arena, last - k);
		in = pick(req->arena, &ns, in_month, key);
		mo = json_object_new_object();
		json_object_object_add(mo, "name", json_object_new_string(key));
		json_object_object_add(mo, "incidents",
		    json_notices(req, &m, &in, 0, 0));
		json_object_object_add(mo, "scheduled_maintenances",
		    json_notices(req, &m, &in, 1, 0));
		json_object_array_add(months, mo);
	}
	json_object_object_add(o, "months", months);
	json_object_object_add(o, "newer",
	    page > 1 ? history_link(req, page - 1) : NULL);
	json_object_object_add(o, "older",
	    page < max ? history_link(req, page + 1) : NULL);
	answer(resp, &m, o);
}
