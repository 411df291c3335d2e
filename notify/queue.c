/* queue.c: every statement lantern-notify runs: claim, record, renew, release, sweep */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "job.h"
#include "log.h"
#include "queue.h"
#include "xmalloc.h"

/*
 * Due, claimable, and for a subscriber who may get it: live, not
 * quarantined, and confirmed, except that the confirmation itself goes
 * only to one who is not yet.  SKIP LOCKED lets notifiers run side by
 * side; the claim's expiry hands a dead one's work to the next.
 */
static const char SQL_CLAIM[] =
    "WITH c AS ("
    " UPDATE deliveries d"
    "    SET claimed_until = now() + make_interval(secs => $3),"
    "        attempts = d.attempts + 1"
    "  WHERE d.id IN ("
    "   SELECT d2.id FROM deliveries d2"
    "     JOIN subscribers s ON s.id = d2.subscriber_id"
    "     JOIN notification_events e ON e.id = d2.event_id"
    "    WHERE d2.state = 'pending' AND d2.next_attempt_at <= now()"
    "      AND (d2.claimed_until IS NULL OR d2.claimed_until < now())"
    "      AND s.unsubscribed_at IS NULL AND s.quarantined_at IS NULL"
    "      AND CASE WHEN e.kind = 'confirmation' THEN s.confirmed_at IS NULL"
    "               ELSE s.confirmed_at IS NOT NULL END"
    "      AND ($2 OR s.channel <> 'email')"
    "      AND (e.incident_id IS NULL OR EXISTS (SELECT 1 FROM incidents i"
    "                                             WHERE i.id = e.incident_id))"
    "    ORDER BY d2.next_attempt_at"
    "    LIMIT $1"
    "    FOR UPDATE OF d2 SKIP LOCKED)"
    " RETURNING d.id, d.event_id, d.subscriber_id, d.attempts)"
    "SELECT c.id, c.subscriber_id, c.attempts, s.channel, s.address, s.secret,"
    "       e.kind, coalesce(e.incident_id, 0) AS incident_id,"
    "       coalesce(e.incident_update_id, 0) AS incident_update_id,"
    "       e.payload::text AS payload, p.name AS page_name"
    "  FROM c JOIN subscribers s ON s.id = c.subscriber_id"
    "  JOIN notification_events e ON e.id = c.event_id"
    "  JOIN pages p ON p.id = e.page_id"
    " ORDER BY c.id";

static const char SQL_SENT[] =
    "WITH a AS (INSERT INTO delivery_attempts (delivery_id, ok, detail, duration_ms)"
    "           VALUES ($1, true, $2, $3)),"
    "     d AS (UPDATE deliveries SET state = 'sent', sent_at = now(),"
    "                  claimed_until = NULL, last_error = NULL"
    "            WHERE id = $1 RETURNING subscriber_id)"
    "UPDATE subscribers SET consecutive_failures = 0"
    " WHERE id = (SELECT subscriber_id FROM d) AND consecutive_failures <> 0";

/*
 * $4: seconds to the next attempt, NULL when there is none.  A retry that
 * would fall past the day is a failure now.  Only a pending delivery
 * changes: one dropped meanwhile (the subscriber quarantined while it was
 * in flight) stays dropped.  Returns whether this failure quarantined
 * the subscriber.
 */
static const char SQL_FAILED[] =
    "WITH a AS (INSERT INTO delivery_attempts (delivery_id, ok, detail, duration_ms)"
    "           VALUES ($1, false, $2, $3)),"
    "     d AS (UPDATE deliveries"
    "              SET state = CASE WHEN $4::integer IS NULL"
    "                                 OR created_at + make_interval(secs => $5)"
    "                                    < now() + make_interval(secs => $4::integer)"
    "                               THEN 'failed' ELSE 'pending' END,"
    "                  next_attempt_at = now() + make_interval(secs => coalesce($4::integer, 0)),"
    "                  claimed_until = NULL, last_error = $2"
    "            WHERE id = $1 AND state = 'pending' RETURNING subscriber_id)"
    "UPDATE subscribers s"
    "   SET consecutive_failures = s.consecutive_failures + 1,"
    "       quarantined_at = CASE WHEN s.consecutive_failures + 1 >= $6"
    "                             THEN coalesce(s.quarantined_at, now())"
    "                             ELSE s.quarantined_at END"
    " WHERE s.id = (SELECT subscriber_id FROM d)"
    " RETURNING s.id, s.quarantined_at IS NOT NULL AS quarantined";

static const char SQL_DROP_QUARANTINED[] =
    "UPDATE deliveries SET state = 'dropped', claimed_until = NULL,"
    "       last_error = 'not sent: the subscriber was quarantined after '"
    "                    || $2 || ' failures in a row'"
    " WHERE subscriber_id = $1 AND state = 'pending'";

static const char SQL_RENEW[] =
    "UPDATE deliveries SET claimed_until = now() + make_interval(secs => $2)"
    " WHERE id = ANY ($1::bigint[]) AND state = 'pending'";

static const char SQL_RELEASE[] =
    "UPDATE deliveries SET claimed_until = NULL"
    " WHERE id = ANY ($1::bigint[]) AND state = 'pending'";

/* Nobody will take these: say so instead of keeping them pending. */
static const char SQL_SWEEP_GONE[] =
    "UPDATE deliveries d SET state = 'dropped', claimed_until = NULL,"
    "       last_error = CASE WHEN s.unsubscribed_at IS NOT NULL"
    "                         THEN 'not sent: unsubscribed'"
    "                         ELSE 'not sent: the subscriber is quarantined' END"
    "  FROM subscribers s"
    " WHERE s.id = d.subscriber_id AND d.state = 'pending'"
    "   AND (d.claimed_until IS NULL OR d.claimed_until < now())"
    "   AND (s.unsubscribed_at IS NOT NULL OR s.quarantined_at IS NOT NULL)";

static const char SQL_SWEEP_CONFIRMED[] =
    "UPDATE deliveries d SET state = 'dropped', claimed_until = NULL,"
    "       last_error = 'not sent: already confirmed'"
    "  FROM subscribers s, notification_events e"
    " WHERE s.id = d.subscriber_id AND e.id = d.event_id AND d.state = 'pending'"
    "   AND (d.claimed_until IS NULL OR d.claimed_until < now())"
    "   AND e.kind = 'confirmation' AND s.confirmed_at IS NOT NULL";

/* An incident deleted since it was queued (posted by mistake) is not told. */
static const char SQL_SWEEP_DELETED[] =
    "UPDATE deliveries d SET state = 'dropped', claimed_until = NULL,"
    "       last_error = 'not sent: the incident was deleted'"
    "  FROM notification_events e"
    " WHERE e.id = d.event_id AND d.state = 'pending'"
    "   AND (d.claimed_until IS NULL OR d.claimed_until < now())"
    "   AND e.incident_id IS NOT NULL"
    "   AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = e.incident_id)";

/* Waiting for a confirmation (or a relay) that never came. */
static const char SQL_SWEEP_STALE[] =
    "UPDATE deliveries SET state = 'failed', claimed_until = NULL,"
    "       last_error = coalesce(last_error, 'not sent within a day')"
    " WHERE state = 'pending' AND created_at < now() - make_interval(secs => $1)"
    "   AND (claimed_until IS NULL OR claimed_until < now())";

void
queue_init(struct queue *o, const char *url)
{
	memset(o, 0, sizeof(*o));
	o->url = xstrdup(url);
}

void
queue_close(struct queue *o)
{
	if (o->conn != NULL)
		PQfinish(o->conn);
	free(o->url);
	memset(o, 0, sizeof(*o));
}

static void
lost(struct queue *o, const char *what)
{
	char	msg[256];

	snprintf(msg, sizeof(msg), "%s", o->conn != NULL ?
	    PQerrorMessage(o->conn) : "no connection");
	msg[strcspn(msg, "\n")] = '\0';
	log_warnx("database: %s: %s", what, msg);
	if (o->conn != NULL && PQstatus(o->conn) != CONNECTION_OK) {
		PQfinish(o->conn);
		o->conn = NULL;
	}
}

int
queue_connect(struct queue *o)
{
	PGresult	*r;
	long long	 now = clock_mono_ms();

	if (o->conn != NULL && PQstatus(o->conn) == CONNECTION_OK)
		return 0;
	if (now < o->next_connect_ms)
		return -1;
	o->next_connect_ms = now + 1000;
	if (o->conn != NULL)
		PQfinish(o->conn);
	o->conn = PQconnectdb(o->url);
	if (PQstatus(o->conn) != CONNECTION_OK) {
		lost(o, "cannot connect");
		return -1;
	}
	r = PQexec(o->conn, "LISTEN " QUEUE_CHANNEL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		PQclear(r);
		lost(o, "LISTEN");
		return -1;
	}
	PQclear(r);
	return 0;
}

int
queue_socket(struct queue *o)
{
	return o->conn != NULL ? PQsocket(o->conn) : -1;
}

int
queue_notified(struct queue *o)
{
	PGnotify	*n;
	int		 got = 0;

	if (o->conn == NULL)
		return -1;
	if (!PQconsumeInput(o->conn)) {
		lost(o, "reading notifications");
		return -1;
	}
	while ((n = PQnotifies(o->conn)) != NULL) {
		got = 1;
		PQfreemem(n);
	}
	return got;
}

/* Runs sql; the result if it has status want, else NULL (logged). */
static PGresult *
run(struct queue *o, const char *what, const char *sql, int n,
    const char *const *params, ExecStatusType want)
{
	PGresult	*r;

	if (o->conn == NULL)
		return NULL;
	r = PQexecParams(o->conn, sql, n, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != want) {
		PQclear(r);
		lost(o, what);
		return NULL;
	}
	return r;
}

static const char *
col(PGresult *r, int row, const char *name, struct arena *a)
{
	return arena_strdup(a, PQgetvalue(r, row, PQfnumber(r, name)));
}

int
queue_fan_out(struct queue *o)
{
	PGresult	*r;
	char		 batch[16];
	const char	*params[1] = { batch };
	int		 n;

	snprintf(batch, sizeof(batch), "%d", QUEUE_FAN_OUT_BATCH);
	if ((r = run(o, "making deliveries", "SELECT lantern_fan_out($1)", 1,
	    params, PGRES_TUPLES_OK)) == NULL)
		return -1;
	n = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return n;
}

struct job *
queue_claim(struct queue *o, int max, int with_mail, int *n)
{
	PGresult	*r;
	struct job	*head = NULL, **tail = &head, *j;
	char		 smax[16], claim[16];
	const char	*params[3];
	int		 i, bad;

	*n = 0;
	snprintf(smax, sizeof(smax), "%d", max);
	snprintf(claim, sizeof(claim), "%d", QUEUE_CLAIM_SECONDS);
	params[0] = smax;
	params[1] = with_mail ? "true" : "false";
	params[2] = claim;
	if ((r = run(o, "claiming", SQL_CLAIM, 3, params, PGRES_TUPLES_OK)) == NULL)
		return NULL;
	for (i = 0; i < PQntuples(r); i++) {
		j = job_new();
		j->d.id = strtoll(PQgetvalue(r, i, PQfnumber(r, "id")), NULL, 10);
		j->d.subscriber_id = strtoll(PQgetvalue(r, i,
		    PQfnumber(r, "subscriber_id")), NULL, 10);
		j->d.incident_id = strtoll(PQgetvalue(r, i,
		    PQfnumber(r, "incident_id")), NULL, 10);
		j->d.incident_update_id = strtoll(PQgetvalue(r, i,
		    PQfnumber(r, "incident_update_id")), NULL, 10);
		j->d.attempts = atoi(PQgetvalue(r, i, PQfnumber(r, "attempts")));
		j->d.address = col(r, i, "address", j->arena);
		j->d.secret = col(r, i, "secret", j->arena);
		j->d.payload = col(r, i, "payload", j->arena);
		j->d.page_name = col(r, i, "page_name", j->arena);
		/* The schema's CHECKs allow nothing else: a mismatch is a newer schema. */
		bad = channel_parse(PQgetvalue(r, i, PQfnumber(r, "channel")),
		    &j->d.channel) == -1 || event_kind_parse(PQgetvalue(r, i,
		    PQfnumber(r, "kind")), &j->d.kind) == -1;
		if (bad) {
			j->result = JOB_FAILED;
			snprintf(j->detail, sizeof(j->detail), "unknown channel "
			    "or event kind");
		}
		*tail = j;
		tail = &j->next;
		(*n)++;
	}
	PQclear(r);
	return head;
}

void
queue_record(struct queue *o, const struct job *j, int duration_ms,
    int retry_seconds)
{
	PGresult	*r;
	char		 id[24], ms[16], retry[16], day[16], after[8];
	const char	*params[6];
	int		 quarantined;

	snprintf(id, sizeof(id), "%lld", j->d.id);
	snprintf(ms, sizeof(ms), "%d", duration_ms < 0 ? 0 : duration_ms);
	snprintf(retry, sizeof(retry), "%d", retry_seconds);
	snprintf(day, sizeof(day), "%d", QUEUE_GIVE_UP_SECONDS);
	snprintf(after, sizeof(after), "%d", QUEUE_QUARANTINE_AFTER);
	params[0] = id;
	params[1] = j->detail;
	params[2] = ms;
	if (j->result == JOB_SENT) {
		if ((r = run(o, "recording a delivery", SQL_SENT, 3, params,
		    PGRES_COMMAND_OK)) != NULL)
			PQclear(r);
		return;
	}
	params[3] = j->result == JOB_RETRY ? retry : NULL;
	params[4] = day;
	params[5] = after;
	if ((r = run(o, "recording a failure", SQL_FAILED, 6, params,
	    PGRES_TUPLES_OK)) == NULL)
		return;
	quarantined = PQntuples(r) == 1 &&
	    strcmp(PQgetvalue(r, 0, PQfnumber(r, "quarantined")), "t") == 0;
	PQclear(r);
	if (!quarantined)
		return;
	snprintf(id, sizeof(id), "%lld", j->d.subscriber_id);
	params[0] = id;
	params[1] = after;
	if ((r = run(o, "dropping a quarantined subscriber's deliveries",
	    SQL_DROP_QUARANTINED, 2, params, PGRES_COMMAND_OK)) != NULL) {
		if (atoi(PQcmdTuples(r)) > 0)
			log_info("subscriber %lld quarantined after %d failures "
			    "in a row; %s pending deliveries dropped",
			    j->d.subscriber_id, QUEUE_QUARANTINE_AFTER,
			    PQcmdTuples(r));
		PQclear(r);
	}
}

/* The jobs' ids as a PostgreSQL array literal, in arena a; NULL for none. */
static const char *
id_array(struct arena *a, const struct job *list)
{
	struct buf	b;

	if (list == NULL)
		return NULL;
	buf_init(&b, a);
	buf_putc(&b, '{');
	for (; list != NULL; list = list->next)
		buf_printf(&b, "%lld%s", list->d.id, list->next != NULL ? "," : "");
	buf_putc(&b, '}');
	return b.data;
}

static void
claims(struct queue *o, const struct job *list, const char *what,
    const char *sql, int nparams)
{
	struct arena	*a;
	PGresult	*r;
	const char	*params[2];
	char		 claim[16];

	if (list == NULL)
		return;
	a = arena_new();
	snprintf(claim, sizeof(claim), "%d", QUEUE_CLAIM_SECONDS);
	params[0] = id_array(a, list);
	params[1] = claim;
	if ((r = run(o, what, sql, nparams, params, PGRES_COMMAND_OK)) != NULL)
		PQclear(r);
	arena_free(a);
}

void
queue_renew(struct queue *o, const struct job *list)
{
	claims(o, list, "renewing claims", SQL_RENEW, 2);
}

void
queue_release(struct queue *o, const struct job *list)
{
	claims(o, list, "releasing claims", SQL_RELEASE, 1);
}

void
queue_sweep(struct queue *o)
{
	PGresult	*r;
	char		 day[16];
	const char	*params[1] = { day };

	snprintf(day, sizeof(day), "%d", QUEUE_GIVE_UP_SECONDS);
	if ((r = run(o, "sweeping", SQL_SWEEP_GONE, 0, NULL,
	    PGRES_COMMAND_OK)) != NULL)
		PQclear(r);
	if ((r = run(o, "sweeping", SQL_SWEEP_CONFIRMED, 0, NULL,
	    PGRES_COMMAND_OK)) != NULL)
		PQclear(r);
	if ((r = run(o, "sweeping", SQL_SWEEP_DELETED, 0, NULL,
	    PGRES_COMMAND_OK)) != NULL)
		PQclear(r);
	if ((r = run(o, "sweeping", SQL_SWEEP_STALE, 1, params,
	    PGRES_COMMAND_OK)) != NULL)
		PQclear(r);
}

int
queue_backoff(int first, int attempts, unsigned int random)
{
	long long	wait = first;
	int		i;

	for (i = 1; i < attempts && wait < 3600; i++)
		wait *= 2;
	if (wait > 3600)
		wait = 3600;
	/* Equal jitter: half fixed, half random, so receivers that failed together do not retry together. */
	return (int)(wait / 2 + (long long)(random % (unsigned int)(wait / 2 + 1)));
}
