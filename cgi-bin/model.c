/* model.c: the public picture of a status page, read from the database */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "log.h"
#include "model.h"

/* A number of a row; 0 for NULL.  Read in place: no copy to keep. */
static long long
get_long(const PGresult *res, int row, const char *col)
{
	int	c = PQfnumber(res, col);

	if (c < 0 || PQgetisnull(res, row, c))
		return 0;
	return strtoll(PQgetvalue(res, row, c), NULL, 10);
}

static int
is_true(struct arena *a, const PGresult *res, int row, const char *col)
{
	const char	*v = db_get(a, res, row, col);

	return v != NULL && strcmp(v, "t") == 0;
}

const struct component *
model_component(const struct model *m, const char *id)
{
	size_t	i;

	for (i = 0; i < m->ncomponents; i++)
		if (strcmp(m->components[i].id, id) == 0)
			return &m->components[i];
	return NULL;
}

static enum model_result
load_groups(struct db *db, struct arena *a, struct model *m)
{
	const char		*params[1] = { m->page.id };
	const struct component	*c;
	struct group		*g;
	PGresult		*res;
	char			*ids, *id, *save;
	int			 i, n;

	if ((res = db_query(db, STMT_GROUPS, 1, params)) == NULL)
		return MODEL_DB_ERROR;
	n = PQntuples(res);
	m->groups = arena_calloc(a, (size_t)n, sizeof(*m->groups));
	for (i = 0; i < n; i++) {
		g = &m->groups[m->ngroups++];
		g->id = db_get(a, res, i, "id");
		g->name = db_get(a, res, i, "name");
		g->description = db_get(a, res, i, "description");
		g->position = get_long(res, i, "position");
		g->created = db_moment(a, res, i, "created");
		g->updated = db_moment(a, res, i, "updated");
		g->status = STATUS_OPERATIONAL;
		/* "12,13": ids from the database, split in place. */
		ids = (char *)db_get(a, res, i, "children");
		g->children = arena_calloc(a, m->ncomponents + 1, sizeof(*g->children));
		for (id = strtok_r(ids, ",", &save); id != NULL &&
		    g->nchildren < m->ncomponents; id = strtok_r(NULL, ",", &save)) {
			g->children[g->nchildren++] = id;
			if ((c = model_component(m, id)) != NULL &&
			    status_severity(c->status) >
			    status_severity(g->status))
				g->status = c->status;
		}
	}
	PQclear(res);
	return MODEL_OK;
}

static enum model_result
load_components(struct db *db, struct arena *a, struct model *m)
{
	const char		*params[1] = { m->page.id };
	PGresult		*res;
	struct component	*c;
	const char		*st;
	int			 i, n;

	if ((res = db_query(db, STMT_COMPONENTS, 1, params)) == NULL)
		return MODEL_DB_ERROR;
	n = PQntuples(res);
	m->components = arena_calloc(a, (size_t)n, sizeof(*m->components));
	for (i = 0; i < n; i++) {
		c = &m->components[i];
		c->id = db_get(a, res, i, "id");
		c->name = db_get(a, res, i, "name");
		c->description = db_get(a, res, i, "description");
		c->group = db_get(a, res, i, "group_name");
		c->group_id = db_get(a, res, i, "group_id");
		c->position = get_long(res, i, "position");
		c->showcase = is_true(a, res, i, "showcase");
		c->only_show_if_degraded = is_true(a, res, i, "only_show_if_degraded");
		c->start_date = db_get(a, res, i, "start_date");
		c->created = db_moment(a, res, i, "created");
		c->updated = db_moment(a, res, i, "updated");
		st = db_get(a, res, i, "status");
		/* The schema's enum and ours are one list; a mismatch is a bug. */
		if (st == NULL || status_parse(st, &c->status) == -1) {
			log_warnx("component %s has unknown status", c->id);
			c->status = STATUS_MAJOR_OUTAGE;
		}
	}
	m->ncomponents = (size_t)n;
	PQclear(res);
	return MODEL_OK;
}

enum model_result
model_load(struct db *db, struct arena *a, struct model *m)
{
	PGresult	*res;

	memset(m, 0, sizeof(*m));
	if ((res = db_query(db, STMT_PAGE, 0, NULL)) == NULL)
		return MODEL_DB_ERROR;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return MODEL_NOT_FOUND;
	}
	m->page.id = db_get(a, res, 0, "id");
	m->page.name = db_get(a, res, 0, "name");
	m->page.url = db_get(a, res, 0, "url");
	m->page.time_zone = db_get(a, res, 0, "time_zone");
	m->page.today = db_get(a, res, 0, "today");
	m->page.next_midnight = (time_t)get_long(res, 0, "next_midnight");
	m->page.version = get_long(res, 0, "version");
	m->page.updated = (time_t)get_long(res, 0, "updated");
	m->page.updated_iso = db_get(a, res, 0, "updated_iso");
	PQclear(res);
	if (load_components(db, a, m) != MODEL_OK)
		return MODEL_DB_ERROR;
	return load_groups(db, a, m);
}

static struct component *
find_component(struct model *m, const char *id)
{
	return (struct component *)model_component(m, id);
}

/* The cell of day in c's days (sorted by date), or NULL. */
static struct uptime_day *
find_day(struct component *c, const char *day)
{
	size_t	lo = 0, hi = c->ndays, mid;
	int	cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((cmp = strcmp(c->days[mid].date, day)) == 0)
			return &c->days[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The component of a row, trying the last one first: rows come ordered by
 * component, so the search runs once per component, not once per row.
 */
static struct component *
row_component(struct model *m, struct component *last, const char *id)
{
	if (id == NULL)
		return NULL;
	if (last != NULL && strcmp(last->id, id) == 0)
		return last;
	return find_component(m, id);
}

/* Rows come ordered by component and day; each day finds its cell. */
static void
attach_incidents(struct arena *a, struct model *m, const PGresult *res)
{
	struct component	*c = NULL;
	struct uptime_day	*d;
	const char		**grown;
	int			 i;

	for (i = 0; i < PQntuples(res); i++) {
		if ((c = row_component(m, c, PQgetvalue(res, i, 0))) == NULL ||
		    (d = find_day(c, PQgetvalue(res, i, 1))) == NULL)
			continue;
		grown = arena_alloc(a, (d->nincidents + 1) * sizeof(*grown));
		if (d->nincidents > 0)
			memcpy(grown, d->incidents, d->nincidents * sizeof(*grown));
		grown[d->nincidents++] = db_get(a, res, i, "name");
		d->incidents = grown;
	}
}

/* The stored totals, rows ordered by component and day. */
static void
attach_stored(struct model *m, const PGresult *res)
{
	struct component	*c = NULL;
	struct uptime_day	*d;
	int			 i;

	for (i = 0; i < PQntuples(res); i++) {
		if ((c = row_component(m, c, PQgetvalue(res, i, 0))) == NULL ||
		    (d = find_day(c, PQgetvalue(res, i, 1))) == NULL)
			continue;
		d->partial = get_long(res, i, "partial_seconds");
		d->major = get_long(res, i, "major_seconds");
		d->degraded = get_long(res, i, "degraded_seconds");
		d->maintenance = get_long(res, i, "maintenance_seconds");
	}
}

/*
 * Each component's days of the window, the stored totals in them, then
 * the open span of each: the rows are components plus days plus stored
 * days with trouble, not components times days.
 */
enum model_result
model_load_uptime(struct db *db, struct arena *a, struct model *m,
    const char *first, const char *last)
{
	const char		 *params[3] = { m->page.id, first, last };
	PGresult		 *win = NULL, *open = NULL, *res = NULL;
	struct component	 *c;
	struct uptime_open	  o;
	const char		**dates;
	long long		 *start, *end;
	const char		 *st;
	size_t			  k, n = 0;
	int			  i;
	enum model_result	  r = MODEL_DB_ERROR;

	if ((win = db_query(db, STMT_UPTIME_WINDOW, 3, params)) == NULL ||
	    (open = db_query(db, STMT_UPTIME_OPEN, 1, params)) == NULL ||
	    (res = db_query(db, STMT_UPTIME_STORED, 3, params)) == NULL)
		goto done;
	n = (size_t)PQntuples(win);
	/* One copy of each date, shared by every component's cell. */
	dates = arena_calloc(a, n + 1, sizeof(*dates));
	start = arena_calloc(a, n + 1, sizeof(*start));
	end = arena_calloc(a, n + 1, sizeof(*end));
	for (k = 0; k < n; k++) {
		dates[k] = db_get(a, win, (int)k, "day");
		start[k] = get_long(win, (int)k, "start_us");
		end[k] = get_long(win, (int)k, "end_us");
	}
	for (k = 0; k < m->ncomponents; k++) {
		c = &m->components[k];
		c->days = arena_calloc(a, n + 1, sizeof(*c->days));
		c->ndays = n;
		for (i = 0; i < (int)n; i++)
			c->days[i].date = dates[i];
	}
	attach_stored(m, res);
	o.now_us = n > 0 ? get_long(win, 0, "now_us") : 0;
	for (i = 0; i < PQntuples(open); i++) {
		if ((c = find_component(m, PQgetvalue(open, i, 0))) == NULL)
			continue;
		o.start_day = db_get(a, open, i, "start_day");
		st = db_get(a, open, i, "last_status");
		o.has_last = st != NULL && status_parse(st, &o.last) == 0;
		o.last_us = get_long(open, i, "last_us");
		for (k = 0; k < n; k++)
			uptime_complete(&c->days[k], start[k], end[k], &o);
	}
	r = MODEL_OK;
done:
	PQclear(win);
	PQclear(open);
	PQclear(res);
	return r;
}

enum model_result
model_load_day_incidents(struct db *db, struct arena *a, struct model *m,
    const char *first, const char *last)
{
	const char	*params[3] = { m->page.id, first, last };
	PGresult	*res;

	if ((res = db_query(db, STMT_INCIDENT_DAYS, 3, params)) == NULL)
		return MODEL_DB_ERROR;
	attach_incidents(a, m, res);
	PQclear(res);
	return MODEL_OK;
}

const struct uptime_day *
model_days_from(const struct component *c, const char *first, size_t *n)
{
	size_t	k = 0;

	while (k < c->ndays && strcmp(c->days[k].date, first) < 0)
		k++;
	*n = c->ndays - k;
	return c->days + k;
}
