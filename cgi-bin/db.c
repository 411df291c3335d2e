/*
 * db.c: one connection per worker and its prepared statements, the reads
 * of the public picture, and the SQLSTATE table
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "escape.h"
#include "log.h"
#include "tape.h"
#include "xmalloc.h"

#define LOCAL_TIME DB_LOCAL_TIME

/* A notice's last change: itself, its newest update, its postmortem. */
#define NOTICE_ACTIVITY \
	"greatest(i.updated_at, i.postmortem_published_at," \
	"         (SELECT max(u.created_at) FROM incident_updates u" \
	"           WHERE u.incident_id = i.id))"

#define NOTICE_SELECT \
	"SELECT i.id, i.name, i.kind::text AS kind, i.status::text AS status," \
	"       i.impact::text AS impact," \
	"       to_char(coalesce(i.started_at, i.scheduled_for) AT TIME ZONE p.time_zone," \
	"               'YYYY-MM') AS month," \
	"       extract(epoch FROM coalesce(i.resolved_at, now()) - i.started_at)::bigint" \
	"           AS duration," \
	"       i.postmortem_body, i.page_id," \
	"       floor(extract(epoch FROM i.created_at))::bigint AS created_epoch," \
	"       floor(extract(epoch FROM i.scheduled_for))::bigint AS scheduled_for_epoch," \
	"       floor(extract(epoch FROM i.scheduled_until))::bigint AS scheduled_until_epoch," \
	"       floor(extract(epoch FROM " NOTICE_ACTIVITY "))::bigint AS activity_epoch, " \
	LOCAL_TIME(NOTICE_ACTIVITY, "activity") ", " \
	LOCAL_TIME("i.created_at", "created") ", " \
	LOCAL_TIME("i.updated_at", "updated") ", " \
	LOCAL_TIME("i.monitoring_at", "monitoring") ", " \
	LOCAL_TIME("i.started_at", "started") ", " \
	LOCAL_TIME("i.resolved_at", "resolved") ", " \
	LOCAL_TIME("i.scheduled_for", "scheduled_for") ", " \
	LOCAL_TIME("i.scheduled_until", "scheduled_until") ", " \
	LOCAL_TIME("i.postmortem_published_at", "postmortem")
#define NOTICE_FROM \
	"  FROM incidents i JOIN pages p ON p.id = i.page_id"
#define NOTICE_COLUMNS NOTICE_SELECT NOTICE_FROM

static const struct db_sql stmts[STMT__COUNT] = {
	[STMT_SCHEMA_VERSION] = { "schema_version",
	    "SELECT coalesce(max(version), 0) AS version FROM schema_migrations" },
	[STMT_DATA_VERSION] = { "data_version",
	    "SELECT version FROM pages ORDER BY id LIMIT 1" },
	/* next_midnight: when the page's day ends and the uptime bars move. */
	[STMT_PAGE] = { "page",
	    "SELECT id, name, url, time_zone, version,"
	    "       to_char(now() AT TIME ZONE time_zone, 'YYYY-MM-DD') AS today,"
	    "       extract(epoch FROM ((now() AT TIME ZONE time_zone)::date + 1)"
	    "               ::timestamp AT TIME ZONE time_zone)::bigint AS next_midnight,"
	    "       floor(extract(epoch FROM updated_at))::bigint AS updated,"
	    "       local_iso(updated_at, time_zone) AS updated_iso"
	    "  FROM pages ORDER BY id LIMIT 1" },
	[STMT_COMPONENTS] = { "components",
	    "SELECT c.id, c.name, c.status::text AS status, c.description,"
	    "       g.name AS group_name, c.group_id, c.position, c.showcase,"
	    "       c.only_show_if_degraded, c.start_date::text AS start_date, "
	    LOCAL_TIME("c.created_at", "created") ", "
	    LOCAL_TIME("c.updated_at", "updated")
	    "  FROM components c"
	    "  JOIN pages p ON p.id = c.page_id"
	    "  LEFT JOIN component_groups g ON g.id = c.group_id"
	    " WHERE c.page_id = $1"
	    " ORDER BY coalesce(g.position, c.position), g.id NULLS FIRST,"
	    "          c.position, c.id" },
	/* A group's status is its worst component's, maintenance below trouble. */
	[STMT_GROUPS] = { "groups",
	    "SELECT g.id, g.name, g.description, g.position,"
	    "       coalesce(array_to_string(array_agg(c.id ORDER BY c.position, c.id)"
	    "                FILTER (WHERE c.id IS NOT NULL), ','), '') AS children, "
	    LOCAL_TIME("g.created_at", "created") ", "
	    LOCAL_TIME("g.updated_at", "updated")
	    "  FROM component_groups g"
	    "  JOIN pages p ON p.id = g.page_id"
	    "  LEFT JOIN components c ON c.group_id = g.id"
	    " WHERE g.page_id = $1"
	    " GROUP BY g.id, p.time_zone"
	    " ORDER BY g.position, g.id" },
	/*
	 * The figures of the SQL function uptime_days(), whose dense grid of
	 * components by days cost 5 us a cell: its three sparse parts, put
	 * together by uptime_complete().  Times in microseconds.
	 */
	[STMT_UPTIME_WINDOW] = { "uptime_window",
	    "SELECT g::date::text AS day,"
	    "       (extract(epoch FROM g AT TIME ZONE p.time_zone) * 1000000)::bigint AS start_us,"
	    "       (extract(epoch FROM (g + interval '1 day') AT TIME ZONE p.time_zone)"
	    "           * 1000000)::bigint AS end_us,"
	    "       (extract(epoch FROM now()) * 1000000)::bigint AS now_us"
	    "  FROM pages p,"
	    "       generate_series($2::date::timestamp, $3::date::timestamp, interval '1 day') g"
	    " WHERE p.id = $1"
	    " ORDER BY g" },
	[STMT_UPTIME_OPEN] = { "uptime_open",
	    "SELECT c.id, l.status::text AS last_status,"
	    "       (extract(epoch FROM l.changed_at) * 1000000)::bigint AS last_us,"
	    "       coalesce(c.start_date,"
	    "                (SELECT (f.changed_at AT TIME ZONE p.time_zone)::date"
	    "                   FROM component_status_changes f"
	    "                  WHERE f.component_id = c.id"
	    "                  ORDER BY f.changed_at, f.id LIMIT 1))::text AS start_day"
	    "  FROM components c"
	    "  JOIN pages p ON p.id = c.page_id"
	    "  LEFT JOIN LATERAL ("
	    "        SELECT s.status, s.changed_at FROM component_status_changes s"
	    "         WHERE s.component_id = c.id"
	    "         ORDER BY s.changed_at DESC, s.id DESC LIMIT 1) l ON true"
	    " WHERE c.page_id = $1" },
	[STMT_UPTIME_STORED] = { "uptime_stored",
	    "SELECT cd.component_id, cd.day::text AS day, cd.partial_seconds,"
	    "       cd.major_seconds, cd.degraded_seconds, cd.maintenance_seconds"
	    "  FROM component_days cd JOIN components c ON c.id = cd.component_id"
	    " WHERE c.page_id = $1 AND cd.day BETWEEN $2::date AND $3::date"
	    " ORDER BY cd.component_id, cd.day" },
	[STMT_INCIDENT_DAYS] = { "incident_days",
	    "SELECT component_id, day::text AS day, name"
	    "  FROM incident_days($1::bigint, $2::date, $3::date)" },
	[STMT_NOTICE] = { "notice",
	    NOTICE_COLUMNS
	    " WHERE i.page_id = $1 AND i.id = $2" },
	/* What is going on now, and maintenance still to come. */
	[STMT_NOTICES_OPEN] = { "notices_open",
	    NOTICE_COLUMNS
	    " WHERE i.page_id = $1 AND i.resolved_at IS NULL"
	    " ORDER BY i.kind, coalesce(i.started_at, i.scheduled_for) DESC, i.id DESC" },
	/* total: how many there are, of which LIMIT keeps the newest. */
	[STMT_NOTICES_BETWEEN] = { "notices_between",
	    NOTICE_SELECT ", count(*) OVER () AS total" NOTICE_FROM
	    " WHERE i.page_id = $1"
	    "   AND coalesce(i.started_at, i.scheduled_for)"
	    "       >= $2::date::timestamp AT TIME ZONE p.time_zone"
	    "   AND coalesce(i.started_at, i.scheduled_for)"
	    "       < $3::date::timestamp AT TIME ZONE p.time_zone"
	    "   AND ($5::bigint IS NULL OR (coalesce(i.started_at, i.scheduled_for), i.id)"
	    "        < (SELECT coalesce(c.started_at, c.scheduled_for), c.id"
	    "             FROM incidents c WHERE c.id = $5 AND c.page_id = $1))"
	    " ORDER BY coalesce(i.started_at, i.scheduled_for) DESC, i.id DESC"
	    " LIMIT $4" },
	/* The newest by when they began (or are to begin), one kind or both. */
	[STMT_NOTICES_RECENT] = { "notices_recent",
	    NOTICE_COLUMNS
	    " WHERE i.page_id = $1 AND ($2::incident_kind IS NULL OR i.kind = $2)"
	    " ORDER BY coalesce(i.started_at, i.scheduled_for) DESC, i.id DESC"
	    " LIMIT $3" },
	/*
	 * Those that touched one component, by an update or a status change,
	 * or that name it among the components they affect.
	 */
	[STMT_NOTICES_COMPONENT] = { "notices_component",
	    NOTICE_COLUMNS
	    " WHERE i.page_id = $1"
	    "   AND (EXISTS (SELECT 1 FROM incident_update_components uc"
	    "                  JOIN incident_updates u ON u.id = uc.update_id"
	    "                 WHERE u.incident_id = i.id AND uc.component_id = $2)"
	    "        OR EXISTS (SELECT 1 FROM component_status_changes sc"
	    "                    WHERE sc.incident_id = i.id AND sc.component_id = $2)"
	    "        OR EXISTS (SELECT 1 FROM incident_components ic"
	    "                    WHERE ic.incident_id = i.id AND ic.component_id = $2))"
	    " ORDER BY coalesce(i.started_at, i.scheduled_for) DESC, i.id DESC"
	    " LIMIT $3" },
	/* Newest first; an update keeping its predecessor's status is an "Update". */
	[STMT_UPDATES] = { "updates",
	    "SELECT u.incident_id, u.id, u.status::text AS status, u.body,"
	    "       coalesce(lag(u.status) OVER w = u.status, false) AS same_status, "
	    LOCAL_TIME("u.created_at", "at")
	    "  FROM incident_updates u"
	    "  JOIN incidents i ON i.id = u.incident_id"
	    "  JOIN pages p ON p.id = i.page_id"
	    " WHERE u.incident_id = ANY($1::bigint[])"
	    " WINDOW w AS (PARTITION BY u.incident_id ORDER BY u.created_at, u.id)"
	    " ORDER BY u.incident_id, u.created_at DESC, u.id DESC" },
	[STMT_UPDATE_CHANGES] = { "update_changes",
	    "SELECT uc.update_id, c.id AS component_id, c.name,"
	    "       uc.old_status::text AS old_status,"
	    "       uc.new_status::text AS new_status"
	    "  FROM incident_update_components uc"
	    "  JOIN incident_updates u ON u.id = uc.update_id"
	    "  JOIN components c ON c.id = uc.component_id"
	    " WHERE u.incident_id = ANY($1::bigint[])"
	    " ORDER BY uc.update_id, c.position, c.id" },
	/* Each notice's affected components, in the page's order of them. */
	[STMT_AFFECTED] = { "affected",
	    "SELECT ic.incident_id, c.id AS component_id, c.name"
	    "  FROM incident_components ic"
	    "  JOIN components c ON c.id = ic.component_id"
	    "  LEFT JOIN component_groups g ON g.id = c.group_id"
	    " WHERE ic.incident_id = ANY($1::bigint[])"
	    " ORDER BY ic.incident_id, coalesce(g.position, c.position),"
	    "          g.id NULLS FIRST, c.position, c.id" },
};

/* Whether fd (the stop pipe, or -1) says the program is stopping. */
static int
stopping(int fd)
{
	struct pollfd	p = { fd, POLLIN, 0 };

	return fd >= 0 && poll(&p, 1, 0) == 1;
}

void
db_init(struct db *db, const struct config *cfg, enum db_role role,
    const char *name)
{
	memset(db, 0, sizeof(*db));
	db->url = role == DB_WRITE ? cfg->write_database_url : cfg->database_url;
	db->name = name;
	db->timeout_ms = cfg->db_timeout_ms;
	db->stop_fd = -1;
}

void
db_tape(struct db *db, struct tape *t, int replay)
{
	db->tape = t;
	db->replaying = t != NULL && replay;
}

void
db_stop_on(struct db *db, int fd)
{
	db->stop_fd = fd;
}

int
db_stopping(const struct db *db)
{
	return stopping(db->stop_fd);
}

void
db_close(struct db *db)
{
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = NULL;
	db->in_tx = 0;
	db->nprepared = 0;
}

static void
db_log_error(const char *what, const char *msg)
{
	char	clean[512];

	esc_log(clean, sizeof(clean), msg);
	log_warnx("database: %s: %s", what, clean);
}

/* The server's notices and libpq's own (a lost connection): to the log. */
static void
db_notice(void *arg, const char *message)
{
	(void)arg;
	db_log_error("notice", message);
}


/*
 * Waits for the socket of conn until deadline (monotonic ms): 1 when it
 * is ready, 0 when the deadline passed or stop_fd (if not -1) became
 * readable.  A server that stops answering (frozen, or a network gone
 * quiet) costs a bounded wait, never a worker or a stop.
 */
static int
wait_socket(PGconn *conn, short events, long long deadline, int stop_fd)
{
	struct pollfd	fds[2];
	long long	left;
	int		n;

	for (;;) {
		if ((left = deadline - clock_mono_ms()) <= 0)
			return 0;
		fds[0] = (struct pollfd){ PQsocket(conn), events, 0 };
		fds[1] = (struct pollfd){ stop_fd, POLLIN, 0 };
		n = poll(fds, stop_fd >= 0 ? 2 : 1, (int)left);
		if (n == -1 && errno != EINTR)
			return 0;
		if (n > 0 && stop_fd >= 0 && fds[1].revents != 0)
			return 0;
		if (n > 0 && fds[0].revents != 0)
			return 1;
	}
}

/*
 * The last result of what was sent on conn, waited for until deadline.
 * NULL with *late set when the deadline passed first: the connection is
 * then in an unknown state and must be dropped.
 */
static PGresult *
conn_result(PGconn *conn, long long deadline, int stop_fd, int *late)
{
	PGresult	*res, *last = NULL;
	int		 flushing = 1;

	*late = 0;
	for (;;) {
		if (flushing && (flushing = PQflush(conn)) == -1)
			flushing = 0;	/* broken: PQgetResult says how */
		if (!flushing && !PQisBusy(conn)) {
			if ((res = PQgetResult(conn)) == NULL)
				return last;
			PQclear(last);
			last = res;
			continue;
		}
		if (!wait_socket(conn, POLLIN | (flushing ? POLLOUT : 0),
		    deadline, stop_fd)) {
			PQclear(last);
			*late = 1;
			return NULL;
		}
		if (!PQconsumeInput(conn) && PQisBusy(conn)) {
			PQclear(last);
			return NULL;	/* lost: PQerrorMessage says how */
		}
	}
}

/*
 * What was just sent (sent: whether PQsend* took it) gives, within the
 * deadline.  NULL when there is no result; the connection is then
 * dropped, though not the transaction's state: a statement after a lost
 * one must fail, not run on a new connection outside the transaction.
 */
static PGresult *
db_wait(struct db *db, int sent, const char *what)
{
	PGresult	*res = NULL;
	int		 late = 0;

	if (sent)
		res = conn_result(db->conn, clock_mono_ms() + db->timeout_ms,
		    db->stop_fd, &late);
	db->late = late;
	if (res != NULL)
		return res;
	if (late && stopping(db->stop_fd))
		;	/* given up for the stop, not for the database */
	else if (late)
		log_warnx("database: %s: no answer within %d ms", what,
		    db->timeout_ms);
	else
		db_log_error(what, PQerrorMessage(db->conn));
	db->sqlstate[0] = '\0';
	PQfinish(db->conn);
	db->conn = NULL;
	db->nprepared = 0;
	return NULL;
}

/*
 * A connection named name within timeout_ms, or NULL (logged), with *late
 * set if the server did not answer in time.
 */
static PGconn *
db_open(const char *url, const char *name, int timeout_ms, int stop_fd,
    int *late)
{
	const char *const keys[] = { "application_name", "dbname", NULL };
	const char	*vals[3] = { name, url, NULL };
	long long	 deadline = clock_mono_ms() + timeout_ms;
	PGconn		*conn;
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;

	*late = 0;
	if ((conn = PQconnectStartParams(keys, vals, 1)) == NULL)
		return NULL;
	while (PQstatus(conn) != CONNECTION_BAD && st != PGRES_POLLING_OK &&
	    st != PGRES_POLLING_FAILED) {
		if (!wait_socket(conn, st == PGRES_POLLING_READING ? POLLIN :
		    POLLOUT, deadline, stop_fd)) {
			if (!stopping(stop_fd))
				log_warnx("database: connect: no answer within "
				    "%d ms", timeout_ms);
			*late = 1;
			PQfinish(conn);
			return NULL;
		}
		st = PQconnectPoll(conn);
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		db_log_error("connect", PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	PQsetNoticeProcessor(conn, db_notice, NULL);
	PQsetnonblocking(conn, 1);
	return conn;
}

PGconn *
db_listen(const struct config *cfg, const char *name, const char *channel,
    int stop_fd)
{
	PGconn		*conn;
	PGresult	*res = NULL;
	char		*sql, *ident;
	int		 late;

	if ((conn = db_open(cfg->database_url, name, cfg->db_timeout_ms,
	    stop_fd, &late)) == NULL)
		return NULL;
	ident = PQescapeIdentifier(conn, channel, strlen(channel));
	sql = ident != NULL ? xmalloc(strlen(ident) + 8) : NULL;
	if (sql != NULL)
		snprintf(sql, strlen(ident) + 8, "LISTEN %s", ident);
	if (sql != NULL && PQsendQuery(conn, sql))
		res = conn_result(conn, clock_mono_ms() + cfg->db_timeout_ms,
		    stop_fd, &late);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		db_log_error("listen", PQerrorMessage(conn));
		PQfinish(conn);
		conn = NULL;
	}
	PQclear(res);
	free(sql);
	PQfreemem(ident);
	return conn;
}

/* Connects and bounds every statement's time, on the server's side too. */
static int
db_connect(struct db *db)
{
	char		 timeout_ms[16];
	const char	*params[1];
	PGresult	*res;

	if ((db->conn = db_open(db->url, db->name, db->timeout_ms,
	    db->stop_fd, &db->late)) == NULL)
		return -1;

	snprintf(timeout_ms, sizeof(timeout_ms), "%d", db->timeout_ms);
	params[0] = timeout_ms;
	/*
	 * Reads cannot write, whatever a handler does: only db_begin()'s
	 * transactions (the write API, the ticker) are READ WRITE.
	 */
	res = db_wait(db, PQsendQueryParams(db->conn,
	    "SELECT set_config('statement_timeout', $1, false),"
	    "       set_config('default_transaction_read_only', 'on', false)",
	    1, NULL, params, NULL, NULL, 0), "statement_timeout");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		if (res != NULL)
			db_log_error("statement_timeout", PQerrorMessage(db->conn));
		PQclear(res);
		goto fail;
	}
	PQclear(res);
	return 0;
fail:
	db_close(db);
	return -1;
}

/* What a client may hear of a failure: the constraint's message, scrubbed. */
static void
db_note_error(struct db *db, const PGresult *res)
{
	const char	*st = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char	*msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char	*con = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);

	snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", st != NULL ? st : "");
	esc_log(db->constraint, sizeof(db->constraint), con != NULL ? con : "");
	esc_log(db->detail, sizeof(db->detail), msg != NULL ? msg : "");
}

static int
db_simple(struct db *db, const char *sql)
{
	PGresult	*res;
	int		 ok;

	if (db->conn == NULL)
		return -1;
	if ((res = db_wait(db, PQsendQuery(db->conn, sql), sql)) == NULL)
		return -1;
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok) {
		db_log_error(sql, PQerrorMessage(db->conn));
		db_note_error(db, res);
	}
	PQclear(res);
	return ok ? 0 : -1;
}

/*
 * Opens a transaction with sql.  A dead connection is noticed here, before
 * anything is read or written, and one made anew is tried once more.
 */
static int
db_begin_with(struct db *db, const char *sql)
{
	db->sqlstate[0] = '\0';
	db->commit_unknown = 0;
	if (db->replaying) {
		db->in_tx = 1;
		return 0;
	}
	if (db->conn != NULL && PQstatus(db->conn) != CONNECTION_OK)
		db_close(db);
	if (db->conn == NULL && db_connect(db) == -1)
		return -1;
	if (db_simple(db, sql) == -1) {
		if (db->late)
			return -1;
		db_close(db);
		if (db_connect(db) == -1 || db_simple(db, sql) == -1)
			return -1;
	}
	db->in_tx = 1;
	return 0;
}

int
db_begin(struct db *db)
{
	return db_begin_with(db, "BEGIN READ WRITE");
}

int
db_begin_read(struct db *db)
{
	return db_begin_with(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

int
db_commit(struct db *db)
{
	int	sent = db->conn != NULL, r;

	if (db->replaying) {
		db->in_tx = 0;
		return 0;
	}
	r = db_simple(db, "COMMIT");

	/* Sent, then no answer: it may or may not have happened. */
	db->commit_unknown = sent && r == -1 && db->conn == NULL;
	db->in_tx = 0;
	return r;
}

void
db_rollback(struct db *db)
{
	if (db->in_tx && db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK) {
		char	keep[6];

		/* Keep the failure that made us roll back, not ROLLBACK's. */
		memcpy(keep, db->sqlstate, sizeof(keep));
		db_simple(db, "ROLLBACK");
		memcpy(db->sqlstate, keep, sizeof(keep));
	}
	db->in_tx = 0;
}

int
db_error_status(const struct db *db)
{
	static const struct {
		const char	*prefix;
		int		 status;
	} map[] = {
		{ "23505", 409 },	/* unique_violation: it exists already */
		{ "23P01", 409 },	/* exclusion_violation */
		{ "40001", 409 },	/* serialization_failure: try again */
		{ "40P01", 409 },	/* deadlock_detected: try again */
		{ "23", 422 },		/* any other broken constraint */
		{ "22", 422 },		/* data exception: a bad time, a bad number */
		{ "P0001", 422 },	/* RAISE in a trigger: a rule of the domain */
	};
	size_t	i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strncmp(db->sqlstate, map[i].prefix, strlen(map[i].prefix)) == 0)
			return map[i].status;
	return 503;
}

/* Whether sql is prepared on db's connection. */
static int
prepared(const struct db *db, const struct db_sql *sql)
{
	int	i;

	for (i = 0; i < db->nprepared; i++)
		if (db->prepared[i] == sql)
			return 1;
	return 0;
}

PGresult *
db_query(struct db *db, enum db_stmt st, int nparams, const char *const *params)
{
	return db_run(db, &stmts[st], nparams, params);
}

PGresult *
db_run(struct db *db, const struct db_sql *sql, int nparams,
    const char *const *params)
{
	PGresult	*res;
	int		 attempt;

	db->sqlstate[0] = '\0';
	db->queries++;
	if (db->replaying)
		return tape_play(db->tape, sql->name);
	for (attempt = 0; attempt < 2; attempt++) {
		if (db->conn == NULL && (db->in_tx || db_connect(db) == -1))
			return NULL;
		if (!prepared(db, sql)) {
			res = db_wait(db, PQsendPrepare(db->conn, sql->name,
			    sql->text, 0, NULL), sql->name);
			/* More statements than room: a bug, found by any test. */
			if (PQresultStatus(res) == PGRES_COMMAND_OK &&
			    db->nprepared < DB_PREPARED_MAX)
				db->prepared[db->nprepared++] = sql;
			else if (PQresultStatus(res) == PGRES_COMMAND_OK)
				log_warnx("database: more than %d statements",
				    DB_PREPARED_MAX);
			PQclear(res);
			if (db->conn == NULL && db->late)
				return NULL;
			if (db->conn == NULL)
				continue;	/* lost: start over, if we may */
		}
		res = db_wait(db, PQsendQueryPrepared(db->conn, sql->name,
		    nparams, params, NULL, NULL, 0), sql->name);
		/* A server that went quiet is not asked again. */
		if (res == NULL && db->late)
			return NULL;
		if (res == NULL)
			continue;
		switch (PQresultStatus(res)) {
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			if (db->tape != NULL)
				tape_record(db->tape, sql->name, res);
			return res;
		default:
			break;
		}
		db_log_error(sql->name, PQerrorMessage(db->conn));
		db_note_error(db, res);
		PQclear(res);
		if (PQstatus(db->conn) != CONNECTION_BAD || db->in_tx)
			return NULL;
		/* The server went away under us: start over once. */
		db_close(db);
	}
	return NULL;
}

static void
clear(void *res)
{
	PQclear(res);
}

PGresult *
db_own(struct arena *a, PGresult *res)
{
	return arena_cleanup(a, clear, res);
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

struct moment
db_moment(struct arena *a, const PGresult *res, int row, const char *prefix)
{
	char	name[64];
	int	ms, off;

	snprintf(name, sizeof(name), "%s_ms", prefix);
	ms = PQfnumber(res, name);
	snprintf(name, sizeof(name), "%s_offset", prefix);
	off = PQfnumber(res, name);
	if (ms < 0 || off < 0 || PQgetisnull(res, row, ms) ||
	    PQgetisnull(res, row, off))
		return (struct moment){ NULL, NULL };
	return clock_moment(a, strtoll(PQgetvalue(res, row, ms), NULL, 10),
	    atoi(PQgetvalue(res, row, off)));
}
