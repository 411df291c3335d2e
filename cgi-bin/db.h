/*
 * db.h: one connection per worker, its prepared statements, the reads of
 * the public picture, and the SQLSTATE table.  Writes live in store.h,
 * each beside its SQL.
 */
#ifndef LANTERN_DB_H
#define LANTERN_DB_H

#include <libpq-fe.h>

struct arena;
struct config;
struct tape;

/*
 * A statement: prepared under its name on each connection the first time
 * it runs there.  Names are unique; the SQL takes only parameters.
 */
struct db_sql {
	const char	*name;
	const char	*text;
};

/* How many statements a connection keeps prepared at most. */
#define DB_PREPARED_MAX	96

/* The reads of the public picture, kept in db.c. */
enum db_stmt {
	STMT_SCHEMA_VERSION,
	STMT_DATA_VERSION,	/* the page's version: any public change moves it */
	STMT_PAGE,
	STMT_COMPONENTS,
	STMT_GROUPS,		/* page */
	STMT_UPTIME_WINDOW,	/* page, first day, last day */
	STMT_UPTIME_OPEN,	/* page */
	STMT_UPTIME_STORED,	/* page, first day, last day */
	STMT_INCIDENT_DAYS,	/* page, first day, last day */
	STMT_NOTICE,		/* page, id */
	STMT_NOTICES_OPEN,	/* page */
	STMT_NOTICES_BETWEEN,	/* page, first day, day after the last, how many,
				   older than this notice (NULL: from the newest) */
	STMT_NOTICES_RECENT,	/* page, kind or NULL for both, how many */
	STMT_NOTICES_COMPONENT,	/* page, component, how many */
	STMT_UPDATES,		/* notice ids as an array */
	STMT_UPDATE_CHANGES,	/* notice ids as an array */
	STMT_AFFECTED,		/* notice ids as an array */
	STMT__COUNT
};

struct db {
	PGconn		*conn;		/* NULL until the first query */
	const char	*url;
	const char	*name;		/* application_name: who is asking */
	int		 timeout_ms;
	int		 stop_fd;	/* see db_stop_on(); -1: none */
	/* Prepared on first use, so a statement's failure stays its own. */
	const struct db_sql *prepared[DB_PREPARED_MAX];
	int		 nprepared;
	int		 in_tx;		/* a lost connection is then no retry */
	int		 late;		/* the last call found no answer in time */
	int		 commit_unknown; /* COMMIT sent, its answer never came */
	char		 sqlstate[6];	/* of the last failure, "" if none */
	char		 detail[160];	/* its message, scrubbed for clients */
	char		 constraint[64]; /* the constraint it broke, "" if none */
	unsigned long	 queries;	/* statements run: did an answer read? */
	struct tape	*tape;		/* see db_tape() */
	int		 replaying;
};

/*
 * Which of the program's two connection strings a connection uses: reads
 * of public data (the snapshot, /healthz, older history) go to
 * LANTERN_DATABASE_URL, a role that may only read; anything that writes
 * (the write API, the ticker) to LANTERN_WRITE_DATABASE_URL.
 */
enum db_role {
	DB_READ,
	DB_WRITE
};

/*
 * name is the application_name the server sees ("lantern", ...).  Every
 * wait for the database is bounded by LANTERN_DB_TIMEOUT_MS.
 */
void		 db_init(struct db *, const struct config *, enum db_role,
		    const char *name);
/*
 * From now on every result of db_query() is recorded on tape; or, with
 * replay, read from it instead of the database, transactions being then
 * only said.  NULL stops either.  See tape.h.
 */
void		 db_tape(struct db *, struct tape *, int replay);
/*
 * Waits end at once when fd becomes readable: the program is stopping.
 * For the threads behind the scenes; a worker finishes its request.
 */
void		 db_stop_on(struct db *, int fd);
/* Whether that fd says so: a failure then is the stop's, not worth a word. */
int		 db_stopping(const struct db *);
void		 db_close(struct db *);
/*
 * Runs a prepared statement, connecting (again) first if need be.  A
 * connection lost under a read is re-established and the read tried once
 * more, so a database restart costs no request.  Returns NULL on failure,
 * having logged why; the caller PQclear()s a result.
 */
PGresult	*db_query(struct db *, enum db_stmt, int nparams,
		    const char *const *params);
/* The same for a statement kept beside its code (store*.c). */
PGresult	*db_run(struct db *, const struct db_sql *, int nparams,
		    const char *const *params);
struct moment;

/* A write transaction; db_rollback() is safe after any failure. */
int		 db_begin(struct db *);
/* A read-only REPEATABLE READ transaction: many reads, one picture. */
int		 db_begin_read(struct db *);
/*
 * A reading connection of its own that LISTENs on channel, named name;
 * NULL if the database cannot be reached (logged).  The caller
 * PQfinish()es it.
 */
PGconn		*db_listen(const struct config *, const char *name,
		    const char *channel, int stop_fd);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);
/*
 * The HTTP status a failed write deserves, from the SQLSTATE of the last
 * failure: a broken constraint is the client's (409, 422), the rest ours.
 */
int		 db_error_status(const struct db *);

/*
 * res, owned by a from now on: PQclear()ed when a is freed
 * (arena_cleanup()).  For a request's arena: a snapshot's lives long.
 */
PGresult	*db_own(struct arena *a, PGresult *res);
/* A column of a row by name, copied into the arena; NULL for SQL NULL. */
const char	*db_get(struct arena *, const PGresult *, int row, const char *col);
/*
 * An instant as milliseconds since the epoch and the page's UTC offset at
 * that instant (the page is p in the query); db_moment() reads the pair
 * and clock_moment() makes its forms.  Formatting them in SQL cost most of
 * a snapshot's build.
 */
#define DB_LOCAL_TIME(col, as) \
	"floor(extract(epoch FROM " col ") * 1000)::bigint AS " as "_ms, " \
	"extract(epoch FROM (" col ") AT TIME ZONE p.time_zone" \
	"                 - (" col ") AT TIME ZONE 'UTC')::integer AS " as "_offset"

/* The pair of columns PREFIX_iso and PREFIX_display as a moment. */
struct moment	 db_moment(struct arena *, const PGresult *, int row, const char *prefix);

#endif
