/* db.c: every SQL statement the program runs, and one connection per worker */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "escape.h"
#include "log.h"

static const struct {
	const char	*name;
	const char	*sql;
} stmts[STMT__COUNT] = {
	[STMT_SCHEMA_VERSION] = { "schema_version",
	    "SELECT coalesce(max(version), 0) AS version FROM schema_migrations" },
	[STMT_PAGE] = { "page",
	    "SELECT id, name, time_zone FROM pages ORDER BY id LIMIT 1" },
	[STMT_COMPONENTS] = { "components",
	    "SELECT c.id, c.name, c.status::text AS status, c.description,"
	    "       g.name AS group_name"
	    "  FROM components c"
	    "  LEFT JOIN component_groups g ON g.id = c.group_id"
	    " WHERE c.page_id = $1"
	    " ORDER BY coalesce(g.position, c.position), g.id NULLS FIRST,"
	    "          c.position, c.id" },
};

void
db_init(struct db *db, const struct config *cfg)
{
	db->conn = NULL;
	db->url = cfg->database_url;
	db->timeout_ms = cfg->db_timeout_ms;
}

void
db_close(struct db *db)
{
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = NULL;
}

static void
db_log_error(const char *what, const char *msg)
{
	char	clean[512];

	esc_log(clean, sizeof(clean), msg);
	log_warnx("database: %s: %s", what, clean);
}

/* Connects, bounds every statement's time, and prepares every statement. */
static int
db_connect(struct db *db)
{
	const char *const keys[] = { "application_name", "connect_timeout",
	    "dbname", NULL };
	const char	*vals[4];
	char		 timeout_s[16], timeout_ms[16];
	const char	*params[1];
	PGresult	*res;
	int		 i;

	snprintf(timeout_s, sizeof(timeout_s), "%d",
	    (db->timeout_ms + 999) / 1000 < 2 ? 2 : (db->timeout_ms + 999) / 1000);
	vals[0] = "lantern";
	vals[1] = timeout_s;
	vals[2] = db->url;
	vals[3] = NULL;
	db->conn = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		db_log_error("connect", PQerrorMessage(db->conn));
		goto fail;
	}

	snprintf(timeout_ms, sizeof(timeout_ms), "%d", db->timeout_ms);
	params[0] = timeout_ms;
	res = PQexecParams(db->conn,
	    "SELECT set_config('statement_timeout', $1, false)",
	    1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_log_error("statement_timeout", PQerrorMessage(db->conn));
		PQclear(res);
		goto fail;
	}
	PQclear(res);

	for (i = 0; i < STMT__COUNT; i++) {
		res = PQprepare(db->conn, stmts[i].name, stmts[i].sql, 0, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			db_log_error(stmts[i].name, PQerrorMessage(db->conn));
			PQclear(res);
			goto fail;
		}
		PQclear(res);
	}
	return 0;
fail:
	db_close(db);
	return -1;
}

PGresult *
db_query(struct db *db, enum db_stmt st, int nparams, const char *const *params)
{
	PGresult	*res;
	int		 attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (db->conn == NULL && db_connect(db) == -1)
			return NULL;
		res = PQexecPrepared(db->conn, stmts[st].name, nparams, params,
		    NULL, NULL, 0);
		switch (PQresultStatus(res)) {
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			return res;
		default:
			break;
		}
		db_log_error(stmts[st].name, PQerrorMessage(db->conn));
		PQclear(res);
		if (PQstatus(db->conn) != CONNECTION_BAD)
			return NULL;
		/* The server went away under us: start over once. */
		db_close(db);
	}
	return NULL;
}

const char *
db_get(struct arena *a, const PGresult *res, int row, const char *col)
{
	int	c = PQfnumber(res, col);

	if (c < 0 || PQgetisnull(res, row, c))
		return NULL;
	return arena_strndup(a, PQgetvalue(res, row, c),
	    (size_t)PQgetlength(res, row, c));
}
