/* store-template.c: the console's incident templates, written and read */
#include <string.h>

#include "arena.h"
#include "store.h"

const struct db_sql store_template_lock = { "template_lock",
    "SELECT id FROM incident_templates WHERE page_id = $1 AND id = $2"
    " FOR UPDATE" };

static const struct db_sql sql_template_insert = { "template_insert",
    "INSERT INTO incident_templates (page_id, name, title, body)"
    " VALUES ($1, $2, coalesce($3, ''), coalesce($4, '')) RETURNING id" };

enum store_result
store_template_insert(struct store *st, const char *page,
    const struct template_patch *p, const char **id)
{
	const char	*params[] = { page, p->name, p->title, p->body };

	return store_insert(st, &sql_template_insert, STORE_N(params), params,
	    id);
}

static const struct db_sql sql_template_update = { "template_update",
    "UPDATE incident_templates SET name = coalesce($3, name),"
    "       title = coalesce($4, title), body = coalesce($5, body),"
    "       updated_at = now()"
    " WHERE page_id = $1 AND id = $2" };

enum store_result
store_template_update(struct store *st, const char *page, const char *id,
    const struct template_patch *p)
{
	const char	*params[] = { page, id, p->name, p->title, p->body };

	return store_run_one(st, &sql_template_update, STORE_N(params), params);
}

static const struct db_sql sql_template_delete = { "template_delete",
    "DELETE FROM incident_templates WHERE page_id = $1 AND id = $2" };

enum store_result
store_template_delete(struct store *st, const char *page, const char *id)
{
	const char	*params[] = { page, id };

	return store_run_one(st, &sql_template_delete, STORE_N(params), params);
}

/* By name, as a person looks for one; ids break ties of case. */
static const struct db_sql sql_templates = { "templates",
    "SELECT id, name, title, body FROM incident_templates"
    " WHERE page_id = $1 AND ($2::bigint IS NULL OR id = $2)"
    " ORDER BY lower(name), id LIMIT $3" };

enum store_result
store_templates(struct store *st, const char *page, const char *id, int max,
    struct store_template **out, size_t *n)
{
	const char		*params[3] = { page, id, store_number(st, max) };
	PGresult		*res;
	enum store_result	 r;
	int			 i;

	*out = NULL;
	*n = 0;
	if ((r = store_run(st, &sql_templates, 3, params, &res)) != STORE_OK)
		return r;
	*out = arena_calloc(st->arena, (size_t)PQntuples(res) + 1, sizeof(**out));
	for (i = 0; i < PQntuples(res); i++)
		(*out)[(*n)++] = (struct store_template){
			db_get(st->arena, res, i, "id"),
			db_get(st->arena, res, i, "name"),
			db_get(st->arena, res, i, "title"),
			db_get(st->arena, res, i, "body") };
	PQclear(res);
	return *n == 0 && id != NULL ? STORE_NONE : STORE_OK;
}
