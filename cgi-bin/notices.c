/* notices.c: incidents and scheduled maintenance with their updates */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "log.h"
#include "input.h"
#include "notices.h"

static long long
get_ll(struct arena *a, const PGresult *res, int row, const char *col)
{
	const char	*v = db_get(a, res, row, col);

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

const struct notice *
notices_find(const struct notices *ns, const char *id)
{
	size_t	i;

	for (i = 0; i < ns->n; i++)
		if (strcmp(ns->items[i].id, id) == 0)
			return &ns->items[i];
	return NULL;
}

/*
 * The database's words become the vocabulary's values here, once.  Its
 * enum types hold no other words; one added to them before it is added
 * here is logged and read as the first value of its kind.
 */
static enum component_status
component_status(const char *s)
{
	enum component_status	st;

	return s != NULL && status_parse(s, &st) == 0 ? st : STATUS_MAJOR_OUTAGE;
}

static int
unknown_word(const char *what, const char *s)
{
	log_warnx("database: unknown %s \"%s\"", what, s != NULL ? s : "(null)");
	return 0;
}

static enum notice_status
notice_status(const char *s)
{
	enum notice_status	st;

	return notice_status_parse(s, &st) == 0 ? st :
	    (unknown_word("notice status", s), NOTICE_INVESTIGATING);
}

static void
notice_words(struct notice *n, const char *kind, const char *status,
    const char *impact)
{
	if (notice_kind_parse(kind, &n->kind) == -1) {
		unknown_word("notice kind", kind);
		n->kind = KIND_INCIDENT;
	}
	n->status = notice_status(status);
	if (impact_parse(impact, &n->impact) == -1) {
		unknown_word("impact", impact);
		n->impact = IMPACT_NONE;
	}
}

/* Something found by its id among many: a notice, or an update. */
struct by_id {
	long long	 id;
	void		*item;
};

static int
by_id_cmp(const void *a, const void *b)
{
	long long	x = ((const struct by_id *)a)->id, y = ((const struct by_id *)b)->id;

	return x < y ? -1 : x > y;
}

static void *
by_id_find(const struct by_id *index, size_t n, const char *id)
{
	struct by_id	 key = { id != NULL ? strtoll(id, NULL, 10) : -1, NULL };
	struct by_id	*hit = bsearch(&key, index, n, sizeof(*index), by_id_cmp);

	return hit != NULL ? hit->item : NULL;
}

/*
 * The components each notice affects, one query for all of them; rows
 * come ordered by notice, so each run is counted before it is copied.
 */
static enum model_result
load_affected(struct db *db, struct arena *a, struct notices *ns,
    const struct by_id *notices, const char *const *params)
{
	struct notice	*n;
	PGresult	*res;
	int		 r, k, rows, col;

	if ((res = db_query(db, STMT_AFFECTED, 1, params)) == NULL)
		return MODEL_DB_ERROR;
	rows = PQntuples(res);
	col = PQfnumber(res, "incident_id");
	for (r = 0; r < rows; r = k) {
		for (k = r + 1; k < rows && strcmp(PQgetvalue(res, k, col),
		    PQgetvalue(res, r, col)) == 0; k++)
			continue;
		if ((n = by_id_find(notices, ns->n, PQgetvalue(res, r,
		    col))) == NULL)
			continue;
		n->affected = arena_calloc(a, (size_t)(k - r), sizeof(*n->affected));
		for (; r < k; r++) {
			n->affected[n->naffected].id = db_get(a, res, r,
			    "component_id");
			n->affected[n->naffected++].name = db_get(a, res, r, "name");
		}
	}
	PQclear(res);
	return MODEL_OK;
}

/*
 * Updates and the changes they made, for every notice loaded, then the
 * components each notice affects.  Each row finds its notice or update
 * through a sorted index, and each notice gets room for its own updates
 * only: the cost grows with the rows, not with their square.
 */
static enum model_result
load_updates(struct db *db, struct arena *a, struct notices *ns)
{
	struct notice_update	*u;
	struct notice		*n;
	struct change		*c;
	struct by_id		*notices, *updates;
	struct buf		 ids;
	const char		*params[1];
	PGresult		*res;
	size_t			 i, k, nupdates = 0;
	int			 r, rows;

	if (ns->n == 0)
		return MODEL_OK;
	/* An array literal of ids that came from the database: digits only. */
	buf_init(&ids, a);
	buf_putc(&ids, '{');
	notices = arena_calloc(a, ns->n, sizeof(*notices));
	for (i = 0; i < ns->n; i++) {
		buf_printf(&ids, "%s%s", i ? "," : "", ns->items[i].id);
		notices[i] = (struct by_id){ strtoll(ns->items[i].id, NULL, 10),
		    &ns->items[i] };
	}
	buf_putc(&ids, '}');
	qsort(notices, ns->n, sizeof(*notices), by_id_cmp);
	params[0] = ids.data;

	if ((res = db_query(db, STMT_UPDATES, 1, params)) == NULL)
		return MODEL_DB_ERROR;
	rows = PQntuples(res);
	for (r = 0; r < rows; r++)
		if ((n = by_id_find(notices, ns->n, PQgetvalue(res, r,
		    PQfnumber(res, "incident_id")))) != NULL)
			n->nupdates++;
	for (i = 0; i < ns->n; i++) {
		ns->items[i].updates = arena_calloc(a, ns->items[i].nupdates + 1,
		    sizeof(struct notice_update));
		ns->items[i].nupdates = 0;
	}
	updates = arena_calloc(a, (size_t)rows + 1, sizeof(*updates));
	for (r = 0; r < rows; r++) {
		if ((n = by_id_find(notices, ns->n, PQgetvalue(res, r,
		    PQfnumber(res, "incident_id")))) == NULL)
			continue;
		u = &n->updates[n->nupdates++];
		u->id = db_get(a, res, r, "id");
		u->status = notice_status(db_get(a, res, r, "status"));
		u->body = db_get(a, res, r, "body");
		u->at = db_moment(a, res, r, "at");
		u->label = strcmp(db_get(a, res, r, "same_status"), "t") == 0 ?
		    "Update" : notice_statuses[u->status].label;
		updates[nupdates++] = (struct by_id){ strtoll(u->id, NULL, 10), u };
	}
	PQclear(res);
	qsort(updates, nupdates, sizeof(*updates), by_id_cmp);

	if ((res = db_query(db, STMT_UPDATE_CHANGES, 1, params)) == NULL)
		return MODEL_DB_ERROR;
	rows = PQntuples(res);
	/* Rows come ordered by update: each update's run is counted first. */
	for (r = 0; r < rows; r = (int)k) {
		u = by_id_find(updates, nupdates, PQgetvalue(res, r,
		    PQfnumber(res, "update_id")));
		for (k = (size_t)r + 1; (int)k < rows && strcmp(PQgetvalue(res,
		    (int)k, PQfnumber(res, "update_id")), PQgetvalue(res, r,
		    PQfnumber(res, "update_id"))) == 0; k++)
			continue;
		if (u == NULL)
			continue;
		u->changes = arena_calloc(a, k - (size_t)r, sizeof(*c));
		for (; r < (int)k; r++) {
			c = &u->changes[u->nchanges++];
			c->component_id = db_get(a, res, r, "component_id");
			c->component = db_get(a, res, r, "name");
			c->from = component_status(db_get(a, res, r, "old_status"));
			c->to = component_status(db_get(a, res, r, "new_status"));
		}
	}
	PQclear(res);
	return load_affected(db, a, ns, notices, params);
}

static enum model_result
load(struct db *db, struct arena *a, enum db_stmt st, int nparams,
    const char *const *params, struct notices *ns)
{
	struct notice	*n;
	const char	*v;
	PGresult	*res;
	int		 r, rows;

	memset(ns, 0, sizeof(*ns));
	if ((res = db_query(db, st, nparams, params)) == NULL)
		return MODEL_DB_ERROR;
	rows = PQntuples(res);
	ns->items = arena_calloc(a, (size_t)rows + 1, sizeof(*ns->items));
	ns->total = (size_t)rows;
	if (rows > 0 && (v = db_get(a, res, 0, "total")) != NULL)
		ns->total = (size_t)strtoull(v, NULL, 10);
	for (r = 0; r < rows; r++) {
		n = &ns->items[ns->n++];
		n->id = db_get(a, res, r, "id");
		n->name = db_get(a, res, r, "name");
		notice_words(n, db_get(a, res, r, "kind"), db_get(a, res, r,
		    "status"), db_get(a, res, r, "impact"));
		n->month = db_get(a, res, r, "month");
		v = db_get(a, res, r, "duration");
		n->duration = v != NULL ? strtoll(v, NULL, 10) : -1;
		n->postmortem = db_get(a, res, r, "postmortem_body");
		n->postmortem_draft = n->postmortem;
		n->page_id = db_get(a, res, r, "page_id");
		n->activity = db_moment(a, res, r, "activity");
		n->created_epoch = get_ll(a, res, r, "created_epoch");
		n->activity_epoch = get_ll(a, res, r, "activity_epoch");
		n->scheduled_for_epoch = get_ll(a, res, r, "scheduled_for_epoch");
		n->scheduled_until_epoch = get_ll(a, res, r, "scheduled_until_epoch");
		n->created = db_moment(a, res, r, "created");
		n->updated = db_moment(a, res, r, "updated");
		n->monitoring = db_moment(a, res, r, "monitoring");
		n->started = db_moment(a, res, r, "started");
		n->resolved = db_moment(a, res, r, "resolved");
		n->scheduled_for = db_moment(a, res, r, "scheduled_for");
		n->scheduled_until = db_moment(a, res, r, "scheduled_until");
		n->postmortem_at = db_moment(a, res, r, "postmortem");
		/* Shown only once published. */
		if (n->postmortem_at.iso == NULL)
			n->postmortem = NULL;
	}
	PQclear(res);
	return load_updates(db, a, ns);
}

enum model_result
notices_load_one(struct db *db, struct arena *a, const struct page *p,
    const char *id, struct notice **out)
{
	const char		*params[2] = { p->id, id };
	struct notices		 ns;
	enum model_result	 r;

	/* Ids are positive integers; anything else names nothing. */
	if (!input_is_id(id))
		return MODEL_NOT_FOUND;
	if ((r = load(db, a, STMT_NOTICE, 2, params, &ns)) != MODEL_OK)
		return r;
	if (ns.n == 0)
		return MODEL_NOT_FOUND;
	*out = &ns.items[0];
	return MODEL_OK;
}

enum model_result
notices_load_open(struct db *db, struct arena *a, const struct page *p,
    struct notices *ns)
{
	const char	*params[1] = { p->id };

	return load(db, a, STMT_NOTICES_OPEN, 1, params, ns);
}

enum model_result
notices_load_between(struct db *db, struct arena *a, const struct page *p,
    const char *first, const char *end, const char *before, int max,
    struct notices *ns)
{
	const char		*params[5] = { p->id, first, end,
				    arena_printf(a, "%d", max), before };
	enum model_result	 r;
	PGresult		*res;

	if ((r = load(db, a, STMT_NOTICES_BETWEEN, 5, params, ns)) != MODEL_OK ||
	    before == NULL || ns->n > 0)
		return r;
	/*
	 * Nothing after the cursor: the end of the months, or a cursor that
	 * names no notice of the page.  Asked only then, which is rare.
	 */
	params[1] = before;
	if ((res = db_query(db, STMT_NOTICE, 2, params)) == NULL)
		return MODEL_DB_ERROR;
	r = PQntuples(res) > 0 ? MODEL_OK : MODEL_NOT_FOUND;
	PQclear(res);
	return r;
}

int
notices_speak_for(const struct notices *ns, int after_cursor, const char *month)
{
	const char	*newest, *oldest;

	newest = !after_cursor ? "9999-12" : ns->n > 0 ? ns->items[0].month : "";
	oldest = ns->total > ns->n && ns->n > 0 ?
	    ns->items[ns->n - 1].month : "0000-00";
	return strcmp(month, newest) <= 0 && strcmp(month, oldest) >= 0;
}

enum model_result
notices_load_recent(struct db *db, struct arena *a, const struct page *p,
    const enum notice_kind *kind, int n, struct notices *ns)
{
	const char	*params[3] = { p->id, kind != NULL ?
			    notice_kinds[*kind].name : NULL, arena_printf(a, "%d", n) };

	return load(db, a, STMT_NOTICES_RECENT, 3, params, ns);
}

enum model_result
notices_load_component(struct db *db, struct arena *a, const struct page *p,
    const char *component_id, int n, struct notices *ns)
{
	const char	*params[3] = { p->id, component_id, arena_printf(a, "%d", n) };

	return load(db, a, STMT_NOTICES_COMPONENT, 3, params, ns);
}

struct overall_status
notices_overall(struct arena *a, const struct model *m, const struct notices *open)
{
	enum component_status	*st = arena_calloc(a, m->ncomponents + 1, sizeof(*st));
	enum page_indicator	 worst = INDICATOR_NONE, imp;
	int			 maint = 0;
	size_t			 i;

	for (i = 0; i < m->ncomponents; i++)
		st[i] = m->components[i].status;
	for (i = 0; i < open->n; i++) {
		const struct notice *n = &open->items[i];

		switch (n->kind) {
		case KIND_MAINTENANCE:
			maint |= notice_statuses[n->status].phase == PHASE_UNDER_WAY;
			break;
		case KIND_INCIDENT:
			imp = impacts[n->impact].indicator;
			if (indicator_severity(imp) > indicator_severity(worst))
				worst = imp;
			break;
		}
	}
	return status_overall(st, m->ncomponents, worst, maint);
}
