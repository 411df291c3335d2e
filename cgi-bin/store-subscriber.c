/* store-subscriber.c: subscribers, written, and the outbox that tells them */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "store.h"

const struct db_sql store_subscriber_lock = { "subscriber_lock",
    "SELECT id FROM subscribers WHERE page_id = $1 AND id = $2 FOR UPDATE" };

/*
 * The outbox: one event per write that tells anyone, with whom it
 * concerns, so queueing costs one row whatever the number of
 * subscribers; lantern-notify makes the deliveries (lantern_fan_out(),
 * migration 0019, which holds the rules of who hears what).
 */

/*
 * An incident's new timeline entry ($3), or its postmortem ($3 NULL):
 * for those who chose a component it affects or this entry moved, and
 * for its followers until its resolution, the resolving entry (and the
 * postmortem after it) included.
 */
static const struct db_sql sql_outbox_incident = { "outbox_incident",
    "INSERT INTO notification_events (page_id, kind, incident_id,"
    "       incident_update_id, payload, component_ids, followers)"
    "SELECT $1, 'incident', $2, $3, $4::jsonb,"
    "       ARRAY(SELECT ic.component_id FROM incident_components ic"
    "              WHERE ic.incident_id = $2"
    "             UNION SELECT uc.component_id FROM incident_update_components uc"
    "              WHERE uc.update_id = $3::bigint),"
    "       NOT EXISTS (SELECT 1 FROM incident_updates u"
    "                    WHERE u.incident_id = $2 AND u.id < $3::bigint"
    "                      AND u.status IN ('resolved', 'postmortem', 'completed'))" };

/* A component's status change: to the whole page's subscribers who chose it. */
static const struct db_sql sql_outbox_component = { "outbox_component",
    "INSERT INTO notification_events (page_id, kind, component_id, payload,"
    "       component_ids)"
    " VALUES ($1, 'component', $2, $3::jsonb, ARRAY[$2::bigint])" };

/* A confirmation goes to one live, unconfirmed subscriber alone. */
static const struct db_sql sql_outbox_confirmation = { "outbox_confirmation",
    "INSERT INTO notification_events (page_id, kind, subscriber_id, payload)"
    "SELECT $1, 'confirmation', $2, $3::jsonb"
    " WHERE EXISTS (SELECT 1 FROM subscribers"
    "                WHERE id = $2 AND page_id = $1 AND confirmed_at IS NULL"
    "                  AND unsubscribed_at IS NULL)" };

enum store_result
store_outbox_incident(struct store *st, const char *page, const char *incident,
    const char *update, const char *payload)
{
	const char	*params[] = { page, incident, update, payload };

	return store_run(st, &sql_outbox_incident, STORE_N(params), params, NULL);
}

enum store_result
store_outbox_component(struct store *st, const char *page, const char *component,
    const char *payload)
{
	const char	*params[] = { page, component, payload };

	return store_run(st, &sql_outbox_component, STORE_N(params), params, NULL);
}

enum store_result
store_outbox_confirmation(struct store *st, const char *page,
    const char *subscriber, const char *payload)
{
	const char	*params[] = { page, subscriber, payload };

	return store_run_one(st, &sql_outbox_confirmation, STORE_N(params), params);
}

/* The newest status change of a component: the id of Statuspage's component_update. */
static const struct db_sql sql_component_change = { "component_last_change",
    "SELECT id FROM component_status_changes WHERE component_id = $1"
    " ORDER BY changed_at DESC, id DESC LIMIT 1" };

enum store_result
store_component_change(struct store *st, const char *component, const char **id)
{
	const char	*params[] = { component };

	return store_value(st, &sql_component_change, STORE_N(params), params, id);
}

/* A live twin (same page, channel, address, subject) makes nothing: STORE_NONE. */
static const struct db_sql sql_subscriber_insert = { "subscriber_insert",
    "INSERT INTO subscribers (page_id, channel, address, incident_id, all_components,"
    "       secret, created_by, confirmed_at)"
    " VALUES ($1, $2, $3, $4::bigint, $5::boolean, $6, $7,"
    "         CASE WHEN $8::boolean THEN now() END)"
    " ON CONFLICT DO NOTHING RETURNING id" };

enum store_result
store_subscriber_insert(struct store *st, const char *page,
    const struct subscriber_new *s, const char **id)
{
	const char	*params[] = { page, s->channel, s->address, s->incident,
			    store_bool(s->all_components), s->secret,
			    s->by_operator ? "operator" : "visitor",
			    store_bool(s->by_operator) };

	return store_value(st, &sql_subscriber_insert, STORE_N(params), params, id);
}

/*
 * The chosen components become ids (when all is false) or none; a
 * subscriber of page only.  $4 counts the ids, so an id that is no
 * component of the page (a group, another page's) shows as a shortfall.
 */
static const struct db_sql sql_subscriber_choice_clear = { "subscriber_choice_clear",
    "DELETE FROM subscriber_components sc USING subscribers s"
    " WHERE sc.subscriber_id = s.id AND s.id = $2 AND s.page_id = $1" };
static const struct db_sql sql_subscriber_choice_set = { "subscriber_choice_set",
    "WITH s AS (UPDATE subscribers SET all_components = $3::boolean"
    "            WHERE id = $2 AND page_id = $1 RETURNING id),"
    " chosen AS (INSERT INTO subscriber_components (subscriber_id, component_id)"
    "            SELECT s.id, c.id FROM s, components c"
    "             WHERE c.page_id = $1 AND c.id = ANY ($4::bigint[])"
    "            RETURNING component_id)"
    " SELECT (SELECT count(*) FROM s) AS found, (SELECT count(*) FROM chosen) AS chosen" };

enum store_result
store_subscriber_choose(struct store *st, const char *page, const char *id,
    int all, const char *const *components, size_t n)
{
	const char		*clear[] = { page, id };
	const char		*params[4];
	struct buf		 arr;
	PGresult		*res;
	enum store_result	 r;
	size_t			 i;

	/* A Postgres array of ids: digits only (input_is_id() checked them). */
	buf_init(&arr, st->arena);
	buf_putc(&arr, '{');
	for (i = 0; !all && i < n; i++) {
		if (i > 0)
			buf_putc(&arr, ',');
		buf_puts(&arr, components[i]);
	}
	buf_putc(&arr, '}');
	params[0] = page;
	params[1] = id;
	params[2] = store_bool(all);
	params[3] = arr.data;
	if ((r = store_run(st, &sql_subscriber_choice_clear, STORE_N(clear), clear,
	    NULL)) != STORE_OK || (r = store_run(st, &sql_subscriber_choice_set,
	    STORE_N(params), params, &res)) != STORE_OK)
		return r;
	r = strcmp(PQgetvalue(res, 0, 0), "1") == 0 &&
	    strtoull(PQgetvalue(res, 0, 1), NULL, 10) == (all ? 0 : n) ?
	    STORE_OK : STORE_NONE;
	PQclear(res);
	return r;
}

static const struct db_sql sql_subscriber_confirm = { "subscriber_confirm",
    "UPDATE subscribers SET confirmed_at = now()"
    " WHERE id = $1 AND confirmed_at IS NULL AND unsubscribed_at IS NULL" };

enum store_result
store_subscriber_confirm(struct store *st, const char *id)
{
	const char	*params[] = { id };

	return store_run_one(st, &sql_subscriber_confirm, STORE_N(params), params);
}

/* Pending deliveries of one who left are dropped: nothing more reaches them. */
static const struct db_sql sql_subscriber_leave = { "subscriber_leave",
    "UPDATE subscribers SET unsubscribed_at = now()"
    " WHERE id = $1 AND ($2::bigint IS NULL OR page_id = $2::bigint)"
    "   AND unsubscribed_at IS NULL" };

enum store_result
store_subscriber_leave(struct store *st, const char *page, const char *id)
{
	const char	*params[] = { id, page };

	return store_run_one(st, &sql_subscriber_leave, STORE_N(params), params);
}

/*
 * One sign-up from a visitor, counted against key (an e-mail or a client
 * address) over the last hour: 0 if it may go on, else the attempts made.
 */
static const struct db_sql sql_subscribe_attempt = { "subscribe_attempt",
    "SELECT subscribe_attempt($1, $2, $3::integer)" };

enum store_result
store_subscribe_attempt(struct store *st, const char *kind, const char *key,
    int limit, int *allowed)
{
	const char		*params[] = { kind, key, store_number(st, limit) };
	const char		*v;
	enum store_result	 r;

	if ((r = store_value(st, &sql_subscribe_attempt, STORE_N(params), params,
	    &v)) == STORE_OK)
		*allowed = strcmp(v, "t") == 0;
	return r == STORE_NONE ? STORE_FAILED : r;
}

/*
 * A subscriber as the API shows it: its state in one word, its times (the
 * page's zone), its components (all of the page's when it chose all).
 */
#define SUBSCRIBER_ROW \
	"SELECT s.id, s.page_id, s.channel, s.address, s.incident_id, s.all_components," \
	"       s.created_by, s.consecutive_failures," \
	"       CASE WHEN s.unsubscribed_at IS NOT NULL THEN 'unsubscribed'" \
	"            WHEN s.quarantined_at IS NOT NULL THEN 'quarantined'" \
	"            WHEN s.confirmed_at IS NULL THEN 'unconfirmed'" \
	"            ELSE 'active' END AS state," \
	"       (SELECT coalesce(json_agg(c.id::text ORDER BY c.id), '[]')" \
	"          FROM components c WHERE c.page_id = s.page_id AND (s.all_components" \
	"            OR c.id IN (SELECT component_id FROM subscriber_components" \
	"                         WHERE subscriber_id = s.id))) AS components," \
	LOCAL_TIME("s.created_at", "created") ", " \
	LOCAL_TIME("s.confirmed_at", "confirmed") ", " \
	LOCAL_TIME("s.quarantined_at", "quarantined") ", " \
	LOCAL_TIME("s.unsubscribed_at", "unsubscribed") \
	"  FROM subscribers s JOIN pages p ON p.id = s.page_id"

/* $2 a channel or NULL; $3 a state or 'all'. */
#define SUBSCRIBER_FILTER \
	" WHERE page_id = $1 AND ($2::text IS NULL OR channel = $2)" \
	"   AND ($3 = 'all' OR state = $3)"

static const struct db_sql sql_subscribers_list = { "subscribers_list",
    "SELECT * FROM (" SUBSCRIBER_ROW ") s" SUBSCRIBER_FILTER
    " ORDER BY created_ms DESC, id DESC LIMIT $4::integer OFFSET $5::integer" };
static const struct db_sql sql_subscribers_count = { "subscribers_count",
    "SELECT count(*) FROM (SELECT s.page_id, s.channel,"
    "       CASE WHEN s.unsubscribed_at IS NOT NULL THEN 'unsubscribed'"
    "            WHEN s.quarantined_at IS NOT NULL THEN 'quarantined'"
    "            WHEN s.confirmed_at IS NULL THEN 'unconfirmed'"
    "            ELSE 'active' END AS state FROM subscribers s) s" SUBSCRIBER_FILTER };
static const struct db_sql sql_subscriber_get = { "subscriber_get",
    SUBSCRIBER_ROW " WHERE s.page_id = $1 AND s.id = $2" };
/* The page a subscriber is on (a signed link names the subscriber alone). */
static const struct db_sql sql_subscriber_page = { "subscriber_page",
    "SELECT page_id FROM subscribers WHERE id = $1" };

enum store_result
store_subscribers_list(struct store *st, const char *page, const char *channel,
    const char *state, long long limit, long long offset, PGresult **res)
{
	const char	*params[] = { page, channel, state, store_number(st, limit),
			    store_number(st, offset) };

	return store_run(st, &sql_subscribers_list, STORE_N(params), params, res);
}

enum store_result
store_subscribers_count(struct store *st, const char *page, const char *channel,
    const char *state, const char **count)
{
	const char	*params[] = { page, channel, state };

	return store_value(st, &sql_subscribers_count, STORE_N(params), params, count);
}

enum store_result
store_subscriber_get(struct store *st, const char *page, const char *id,
    PGresult **res)
{
	const char		*params[] = { page, id };
	enum store_result	 r;

	if ((r = store_run(st, &sql_subscriber_get, STORE_N(params), params,
	    res)) == STORE_OK && PQntuples(*res) == 0) {
		PQclear(*res);
		*res = NULL;
		return STORE_NONE;
	}
	return r;
}

enum store_result
store_subscriber_page(struct store *st, const char *id, const char **page)
{
	const char	*params[] = { id };

	return store_value(st, &sql_subscriber_page, STORE_N(params), params, page);
}

/* An incident or maintenance of the page that is not over: one to follow. */
static const struct db_sql sql_incident_open = { "incident_open",
    "SELECT id FROM incidents WHERE page_id = $1 AND id = $2 AND resolved_at IS NULL" };

enum store_result
store_incident_open(struct store *st, const char *page, const char *id)
{
	const char	*params[] = { page, id }, *v;

	return store_value(st, &sql_incident_open, STORE_N(params), params, &v);
}

/* A live, unconfirmed subscription of that address to that subject. */
static const struct db_sql sql_subscriber_pending = { "subscriber_pending",
    "SELECT id FROM subscribers"
    " WHERE page_id = $1 AND channel = $2 AND lower(address) = lower($3)"
    "   AND incident_id IS NOT DISTINCT FROM $4::bigint"
    "   AND unsubscribed_at IS NULL AND confirmed_at IS NULL" };

enum store_result
store_subscriber_pending(struct store *st, const char *page,
    const struct subscriber_new *s, const char **id)
{
	const char	*params[] = { page, s->channel, s->address, s->incident };

	return store_value(st, &sql_subscriber_pending, STORE_N(params), params, id);
}
