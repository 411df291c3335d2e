/* db.h: every SQL statement the program runs, and one connection per worker */
#ifndef LANTERN_DB_H
#define LANTERN_DB_H

#include <libpq-fe.h>

struct arena;
struct config;

enum db_stmt {
	STMT_SCHEMA_VERSION,
	STMT_PAGE,
	STMT_COMPONENTS,
	STMT_GROUPS,		/* page */
	STMT_UPTIME_DAYS,	/* page, first day, last day */
	STMT_INCIDENT_DAYS,	/* page, first day, last day */
	STMT_NOTICE,		/* page, id */
	STMT_NOTICES_OPEN,	/* page */
	STMT_NOTICES_BETWEEN,	/* page, first day, day after the last */
	STMT_NOTICES_RECENT,	/* page, kind or NULL for both, how many */
	STMT_NOTICES_COMPONENT,	/* page, component, how many */
	STMT_UPDATES,		/* notice ids as an array */
	STMT_UPDATE_CHANGES,	/* notice ids as an array */
	STMT__COUNT
};

struct db {
	PGconn		*conn;		/* NULL until the first query */
	const char	*url;
	int		 timeout_ms;
	/* Prepared on first use, so a statement's failure stays its own. */
	unsigned char	 prepared[STMT__COUNT];
};

void		 db_init(struct db *, const struct config *);
void		 db_close(struct db *);
/*
 * Runs a prepared statement, connecting (again) first if need be.  A
 * connection lost under a read is re-established and the read tried once
 * more, so a database restart costs no request.  Returns NULL on failure,
 * having logged why; the caller PQclear()s a result.
 */
PGresult	*db_query(struct db *, enum db_stmt, int nparams,
		    const char *const *params);
struct moment;

/* A column of a row by name, copied into the arena; NULL for SQL NULL. */
const char	*db_get(struct arena *, const PGresult *, int row, const char *col);
/* The pair of columns PREFIX_iso and PREFIX_display as a moment. */
struct moment	 db_moment(struct arena *, const PGresult *, int row, const char *prefix);

#endif
