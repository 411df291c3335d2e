/*
 * store-owner.c: what the console's owner screens write: API keys, the
 * page's settings, people (their sessions end with their access)
 */
#include <stddef.h>

#include "arena.h"
#include "json.h"
#include "store.h"

/* A key of this page or of every page (lanternctl's), locked for a revocation. */
const struct db_sql store_token_lock = { "token_lock",
    "SELECT id FROM api_tokens"
    " WHERE (page_id = $1 OR page_id IS NULL) AND id = $2 FOR UPDATE" };

/* The page's settings: $2 is the page again, as the path would name it. */
const struct db_sql store_page_lock = { "page_lock",
    "SELECT id FROM pages WHERE id = $1 AND id = $2 FOR UPDATE" };

/* People belong to the installation, not to a page: $1 only types. */
const struct db_sql store_person_lock = { "person_lock",
    "SELECT id, role::text AS role FROM people"
    " WHERE $1::bigint IS NOT NULL AND id = $2 FOR UPDATE" };

/* As the audit row and the replayed answer keep them: never a hash. */
static const struct db_sql sql_token_json = { "token_json",
    "SELECT jsonb_build_object('id', id::text, 'name', name,"
    "       'page_id', page_id::text, 'read_only', read_only,"
    "       'created_at', created_at, 'revoked_at', revoked_at)::text AS j"
    "  FROM api_tokens WHERE (page_id = $1 OR page_id IS NULL) AND id = $2" };
static const struct db_sql sql_page_json = { "page_json",
    "SELECT jsonb_build_object('id', id::text, 'name', name, 'url', url,"
    "       'time_zone', time_zone)::text AS j"
    "  FROM pages WHERE id = $1 AND id = $2" };
static const struct db_sql sql_person_json = { "person_json",
    "SELECT jsonb_build_object('id', id::text, 'email', email,"
    "       'role', role, 'disabled_at', disabled_at)::text AS j"
    "  FROM people WHERE $1::bigint IS NOT NULL AND id = $2" };

static json_object *
row_json(struct store *st, const struct db_sql *sql, const char *page,
    const char *id)
{
	const char	*params[2] = { page, id };
	PGresult	*res;
	json_object	*o = NULL;

	if (id == NULL || store_run(st, sql, 2, params, &res) != STORE_OK)
		return NULL;
	if (PQntuples(res) == 1)
		o = json_tokener_parse(PQgetvalue(res, 0, 0));
	PQclear(res);
	return o;
}

json_object *
store_token_json(struct store *st, const char *page, const char *id)
{
	return row_json(st, &sql_token_json, page, id);
}

json_object *
store_page_json(struct store *st, const char *page, const char *id)
{
	return row_json(st, &sql_page_json, page, id);
}

json_object *
store_person_json(struct store *st, const char *page, const char *id)
{
	return row_json(st, &sql_person_json, page, id);
}

static const struct db_sql sql_token_insert = { "token_insert",
    "INSERT INTO api_tokens (page_id, name, token_hash, read_only)"
    " VALUES ($1, $2, decode($3, 'hex'), $4) RETURNING id" };

enum store_result
store_token_insert(struct store *st, const char *page, const char *name,
    const char *hash_hex, int read_only, const char **id)
{
	const char	*params[4] = { page, name, hash_hex, store_bool(read_only) };

	return store_insert(st, &sql_token_insert, STORE_N(params), params, id);
}

static const struct db_sql sql_token_revoke = { "token_revoke",
    "UPDATE api_tokens SET revoked_at = now()"
    " WHERE (page_id = $1 OR page_id IS NULL) AND id = $2"
    "   AND revoked_at IS NULL" };

enum store_result
store_token_revoke(struct store *st, const char *page, const char *id)
{
	const char	*params[2] = { page, id };

	return store_run_one(st, &sql_token_revoke, STORE_N(params), params);
}

static const struct db_sql sql_page_settings = { "page_settings",
    "UPDATE pages SET name = coalesce($2, name), url = coalesce($3, url),"
    "       time_zone = coalesce($4, time_zone)"
    " WHERE id = $1" };

enum store_result
store_page_settings(struct store *st, const char *page, const char *name,
    const char *url, const char *time_zone)
{
	const char	*params[4] = { page, name, url, time_zone };

	return store_run_one(st, &sql_page_settings, STORE_N(params), params);
}

static const struct db_sql sql_person_insert = { "person_insert",
    "INSERT INTO people (email, password_hash, role)"
    " VALUES ($1, $2, $3::person_role) RETURNING id" };

enum store_result
store_person_insert(struct store *st, const char *email, const char *hash,
    const char *role, const char **id)
{
	const char	*params[3] = { email, hash, role };

	return store_insert(st, &sql_person_insert, STORE_N(params), params, id);
}

/*
 * Disabled: their sessions end in the same transaction, so no request of
 * theirs is served after the commit (session.c also refuses a disabled
 * person's session, whatever is left of it).
 */
static const struct db_sql sql_person_update = { "person_update",
    "WITH p AS ("
    "  UPDATE people SET role = coalesce($2::person_role, role),"
    "         disabled_at = CASE $3::boolean WHEN true THEN"
    "             coalesce(disabled_at, now()) WHEN false THEN NULL"
    "             ELSE disabled_at END"
    "   WHERE id = $1 RETURNING id, disabled_at),"
    " s AS (DELETE FROM sessions WHERE person_id IN"
    "       (SELECT id FROM p WHERE disabled_at IS NOT NULL))"
    "SELECT id FROM p" };

enum store_result
store_person_update(struct store *st, const char *id, const char *role,
    int disabled)
{
	const char		*params[3] = { id, role, store_bool(disabled) };
	PGresult		*res;
	enum store_result	 r;

	if ((r = store_run(st, &sql_person_update, STORE_N(params), params,
	    &res)) != STORE_OK)
		return r;
	r = PQntuples(res) == 1 ? STORE_OK : STORE_NONE;
	PQclear(res);
	return r;
}

/* Sessions and one-time form tokens go with them (ON DELETE CASCADE). */
static const struct db_sql sql_person_delete = { "person_delete",
    "DELETE FROM people WHERE $1::bigint IS NOT NULL AND id = $2" };

enum store_result
store_person_delete(struct store *st, const char *page, const char *id)
{
	const char	*params[2] = { page, id };

	return store_run_one(st, &sql_person_delete, STORE_N(params), params);
}
