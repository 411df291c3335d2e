/*
 * store.c: what every write goes through (the key, the page, the audit
 * row, the Idempotency-Key), the ticker's round, and the helpers of
 * store-*.c
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "store.h"

/* How long an Idempotency-Key is remembered. */
#define IDEM_DAY	"interval '24 hours'"

enum store_result
store_run(struct store *st, const struct db_sql *sql, int nparams,
    const char *const *params, PGresult **out)
{
	PGresult	*res;

	if ((res = db_run(st->db, sql, nparams, params)) == NULL)
		return STORE_FAILED;
	if (out != NULL)
		*out = res;
	else
		PQclear(res);
	return STORE_OK;
}

enum store_result
store_insert(struct store *st, const struct db_sql *sql, int nparams,
    const char *const *params, const char **id)
{
	PGresult		*res;
	enum store_result	 r;

	if ((r = store_run(st, sql, nparams, params, &res)) != STORE_OK)
		return r;
	*id = db_get(st->arena, res, 0, "id");
	PQclear(res);
	return STORE_OK;
}

enum store_result
store_value(struct store *st, const struct db_sql *sql, int nparams,
    const char *const *params, const char **value)
{
	PGresult		*res;
	enum store_result	 r;

	if ((r = store_run(st, sql, nparams, params, &res)) != STORE_OK)
		return r;
	r = PQntuples(res) > 0 ? STORE_OK : STORE_NONE;
	if (r == STORE_OK)
		*value = arena_strdup(st->arena, PQgetvalue(res, 0, 0));
	PQclear(res);
	return r;
}

enum store_result
store_run_one(struct store *st, const struct db_sql *sql, int nparams,
    const char *const *params)
{
	PGresult		*res;
	enum store_result	 r;

	if ((r = store_run(st, sql, nparams, params, &res)) != STORE_OK)
		return r;
	r = strcmp(PQcmdTuples(res), "0") == 0 ? STORE_NONE : STORE_OK;
	PQclear(res);
	return r;
}

const char *
store_number(struct store *st, long long v)
{
	return v < 0 ? NULL : arena_printf(st->arena, "%lld", v);
}

const char *
store_bool(int v)
{
	return v == -1 ? NULL : v ? "true" : "false";
}

enum store_result
store_lock(struct store *st, const struct db_sql *lock, const char *page,
    const char *id, PGresult **row)
{
	const char		*params[2] = { page, id };
	PGresult		*res;
	enum store_result	 r;

	if ((r = store_run(st, lock, 2, params, &res)) != STORE_OK)
		return r;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return STORE_NONE;
	}
	if (row != NULL)
		*row = res;
	else
		PQclear(res);
	return STORE_OK;
}

static const struct db_sql sql_token_by_hash = { "token_by_hash",
    "SELECT id, page_id, read_only, encode(token_hash, 'hex') AS hash"
    "  FROM api_tokens"
    " WHERE token_hash = decode($1, 'hex') AND revoked_at IS NULL" };

enum store_result
store_token_find(struct store *st, const char *hash_hex, struct store_token *t)
{
	const char		*params[1] = { hash_hex };
	PGresult		*res;
	enum store_result	 r;

	if ((r = store_run(st, &sql_token_by_hash, 1, params,
	    &res)) != STORE_OK)
		return r;
	r = PQntuples(res) == 1 ? STORE_OK : STORE_NONE;
	if (r == STORE_OK) {
		t->id = db_get(st->arena, res, 0, "id");
		t->page_id = db_get(st->arena, res, 0, "page_id");
		t->hash = db_get(st->arena, res, 0, "hash");
		t->read_only = strcmp(PQgetvalue(res, 0, PQfnumber(res,
		    "read_only")), "t") == 0;
	}
	PQclear(res);
	return r;
}

static const struct db_sql sql_token_used = { "token_used",
    "UPDATE api_tokens SET last_used_at = now() WHERE id = $1" };

enum store_result
store_token_used(struct store *st, const char *token)
{
	const char	*params[1] = { token };

	return store_run(st, &sql_token_used, 1, params, NULL);
}

static const struct db_sql sql_page_version = { "page_version",
    "SELECT version FROM pages WHERE id = $1" };

enum store_result
store_page_version(struct store *st, const char *page, long long *version)
{
	const char		*params[1] = { page };
	PGresult		*res;
	enum store_result	 r;

	if ((r = store_run(st, &sql_page_version, 1, params, &res)) != STORE_OK)
		return r;
	r = PQntuples(res) > 0 ? STORE_OK : STORE_NONE;
	if (r == STORE_OK)
		*version = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return r;
}

enum store_result
store_page_exists(struct store *st, const char *page)
{
	long long	 version;

	return store_page_version(st, page, &version);
}

/* Two retries of one POST queue here instead of both writing. */
static const struct db_sql sql_idem_lock = { "idem_lock",
    "SELECT pg_advisory_xact_lock(hashtextextended("
    "       coalesce('key:' || $1, 'person:' || $2) || ':' || $3, 0))" };

enum store_result
store_idem_lock(struct store *st, const struct store_actor *who,
    const char *key)
{
	const char	*params[3] = { who->token, who->person, key };

	return store_run(st, &sql_idem_lock, 3, params, NULL);
}

/* A key holds for a day (IDEM_DAY), then is pruned by the ticker. */
static const struct db_sql sql_idem_get = { "idem_get",
    "SELECT status, response, encode(request_sha256, 'hex') AS hash"
    "  FROM idempotency_keys"
    " WHERE actor = coalesce('key:' || $1, 'person:' || $2) AND key = $3"
    "   AND created_at > now() - " IDEM_DAY };

enum store_result
store_idem_get(struct store *st, const struct store_actor *who,
    const char *key, struct store_answer *a)
{
	const char		*params[3] = { who->token, who->person, key };
	PGresult		*res;
	enum store_result	 r;

	if ((r = store_run(st, &sql_idem_get, 3, params, &res)) != STORE_OK)
		return r;
	r = PQntuples(res) > 0 ? STORE_OK : STORE_NONE;
	if (r == STORE_OK) {
		a->status = atoi(PQgetvalue(res, 0, PQfnumber(res, "status")));
		a->request_sha256 = db_get(st->arena, res, 0, "hash");
		a->body = db_get(st->arena, res, 0, "response");
	}
	PQclear(res);
	return r;
}

/* An expired key the ticker has not pruned yet is used anew. */
static const struct db_sql sql_idem_put = { "idem_put",
    "INSERT INTO idempotency_keys"
    "       (token_id, person_id, key, method, path, request_sha256, status,"
    "        response)"
    " VALUES ($1, $2, $3, $4, $5, decode($6, 'hex'), $7, $8)"
    " ON CONFLICT (actor, key) DO UPDATE SET"
    "       method = EXCLUDED.method, path = EXCLUDED.path,"
    "       request_sha256 = EXCLUDED.request_sha256,"
    "       status = EXCLUDED.status, response = EXCLUDED.response,"
    "       created_at = now()"
    " WHERE idempotency_keys.created_at <= now() - " IDEM_DAY };

enum store_result
store_idem_put(struct store *st, const struct store_actor *who,
    const char *key, const char *path, const struct store_answer *a)
{
	const char	*params[8] = { who->token, who->person, key, "POST",
			    path, a->request_sha256,
			    arena_printf(st->arena, "%d", a->status), a->body };

	return store_run(st, &sql_idem_put, 8, params, NULL);
}

static const struct db_sql sql_audit = { "audit",
    "INSERT INTO audit_log"
    "       (token_id, person_id, action, entity_type, entity_id, before, after)"
    " VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)" };

enum store_result
store_audit(struct store *st, const struct store_actor *who,
    const char *action, const char *entity_type, const char *entity_id,
    const char *before, const char *after)
{
	const char	*params[7] = { who->token, who->person, action,
			    entity_type, entity_id, before, after };

	return store_run(st, &sql_audit, 7, params, NULL);
}

/*
 * Statuspage's scheduled_auto_in_progress and _completed.  With several
 * app nodes each runs these; the row locks let one of them move each.
 * The timeline entry's status and text are notice_statuses[]' (status.c,
 * $1 and $2); the incident's statuses are literals of the set-based SQL.
 * Each answers the entries it made that are to be told.
 */
#define TICKED \
    " added AS (" \
    "  INSERT INTO incident_updates (incident_id, status, body)" \
    "  SELECT id, $1::incident_status, $2 FROM moved RETURNING incident_id, id)" \
    "SELECT m.page_id AS page, a.incident_id AS incident, a.id AS update" \
    "  FROM added a JOIN moved m ON m.id = a.incident_id WHERE m.auto_told"

static const struct db_sql sql_maint_start = { "maint_start",
    "WITH moved AS ("
    "  UPDATE incidents SET status = 'in_progress',"
    "         started_at = coalesce(started_at, scheduled_for)"
    "   WHERE kind = 'maintenance' AND status = 'scheduled'"
    "     AND auto_in_progress AND scheduled_for <= now()"
    "  RETURNING id, page_id, auto_told),"
    " noted AS ("
    "  INSERT INTO audit_log (action, entity_type, entity_id, after)"
    "  SELECT 'maintenance.auto_start', 'incident', id,"
    "         '{\"status\": \"in_progress\"}' FROM moved)," TICKED };

static const struct db_sql sql_maint_complete = { "maint_complete",
    "WITH moved AS ("
    "  UPDATE incidents SET status = 'completed',"
    "         started_at = coalesce(started_at, scheduled_for),"
    "         resolved_at = greatest(scheduled_until, coalesce(started_at, scheduled_for))"
    "   WHERE kind = 'maintenance' AND status IN ('scheduled', 'in_progress', 'verifying')"
    "     AND auto_completed AND scheduled_until <= now()"
    "  RETURNING id, page_id, auto_told),"
    " noted AS ("
    "  INSERT INTO audit_log (action, entity_type, entity_id, after)"
    "  SELECT 'maintenance.auto_complete', 'incident', id,"
    "         '{\"status\": \"completed\"}' FROM moved)," TICKED };

static const struct db_sql sql_idem_prune = { "idem_prune",
    "DELETE FROM idempotency_keys WHERE created_at <= now() - " IDEM_DAY };

/* The updates one move made, appended to *ticked. */
static enum store_result
tick_move(struct store *st, const struct db_sql *sql, enum notice_status to,
    struct store_ticked **ticked, size_t *n)
{
	const char		*params[] = { notice_statuses[to].name,
				    notice_statuses[to].body };
	struct store_ticked	*more;
	PGresult		*res;
	enum store_result	 r;
	int			 i, rows;

	if ((r = store_run(st, sql, STORE_N(params), params, &res)) != STORE_OK)
		return r;
	rows = PQntuples(res);
	more = arena_calloc(st->arena, *n + (size_t)rows + 1, sizeof(*more));
	if (*n > 0)
		memcpy(more, *ticked, *n * sizeof(*more));
	for (i = 0; i < rows; i++, (*n)++) {
		more[*n].page = arena_strdup(st->arena, PQgetvalue(res, i, 0));
		more[*n].incident = arena_strdup(st->arena, PQgetvalue(res, i, 1));
		more[*n].update = arena_strdup(st->arena, PQgetvalue(res, i, 2));
	}
	PQclear(res);
	*ticked = more;
	return STORE_OK;
}

enum store_result
store_tick(struct store *st, struct store_ticked **ticked, size_t *n)
{
	enum store_result	r;

	/* Both moves first, so a half-move is never seen; then the pruning. */
	*ticked = NULL;
	*n = 0;
	if ((r = tick_move(st, &sql_maint_start, NOTICE_IN_PROGRESS, ticked,
	    n)) != STORE_OK || (r = tick_move(st, &sql_maint_complete,
	    NOTICE_COMPLETED, ticked, n)) != STORE_OK)
		return r;
	return store_run(st, &sql_idem_prune, 0, NULL, NULL);
}
