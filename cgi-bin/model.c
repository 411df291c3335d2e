/* model.c: the public picture of a status page, read from the database */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "log.h"
#include "model.h"

static enum model_result
load_components(struct db *db, struct arena *a, struct model *m)
{
	const char		*params[1] = { m->page_id };
	enum component_status	*statuses;
	PGresult		*res;
	struct component	*c;
	const char		*st;
	int			 i, n;

	if ((res = db_query(db, STMT_COMPONENTS, 1, params)) == NULL)
		return MODEL_DB_ERROR;
	n = PQntuples(res);
	m->components = arena_calloc(a, (size_t)n, sizeof(*m->components));
	statuses = arena_calloc(a, (size_t)n, sizeof(*statuses));
	for (i = 0; i < n; i++) {
		c = &m->components[i];
		c->id = db_get(a, res, i, "id");
		c->name = db_get(a, res, i, "name");
		c->description = db_get(a, res, i, "description");
		c->group = db_get(a, res, i, "group_name");
		st = db_get(a, res, i, "status");
		/* The schema's enum and ours are one list; a mismatch is a bug. */
		if (st == NULL || status_parse(st, &c->status) == -1) {
			log_warnx("component %s has unknown status", c->id);
			c->status = STATUS_MAJOR_OUTAGE;
		}
		statuses[i] = c->status;
	}
	m->ncomponents = (size_t)n;
	m->overall = status_overall(statuses, m->ncomponents);
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
		return MODEL_NO_PAGE;
	}
	m->page_id = db_get(a, res, 0, "id");
	m->page_name = db_get(a, res, 0, "name");
	m->time_zone = db_get(a, res, 0, "time_zone");
	PQclear(res);
	return load_components(db, a, m);
}
