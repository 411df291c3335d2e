# t/notify.sh: what lantern-notify's tests (t/notify-*.t) and bench/notify
# share, sourced after t/lib.sh: a real SMTP server and HTTP receiver on
# loopback, the link key, the notifier itself, and subscribers, events and
# deliveries queued with SQL (the tables of 0013 and 0019 are the contract
# between the two).  The events are made with their deliveries already
# (fanned_out_at set), so a test says exactly who gets what; the fan-out
# itself is subscribers-outbox.t's and notify-e2e.t's.

: "${LANTERN_NOTIFY_BIN:=$(dirname "$LANTERN_BIN")/lantern-notify}"

# tn_start_smtp: aiosmtpd on a free port; sets TN_SMTP_PORT, TN_MAIL (its folder).
tn_start_smtp() {
	TN_SMTP_PORT=$(lantern_free_port)
	T_PORTS+=("$TN_SMTP_PORT")
	TN_MAIL=$T_DIR/mail
	/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-smtp.py" "$TN_SMTP_PORT" "$TN_MAIL" \
		</dev/null >>"$T_DIR/smtp.log" 2>&1 &
	T_PIDS+=($!)
	t_until 10 lantern_port_busy "$TN_SMTP_PORT" || { fail "the SMTP server starts"; exit 1; }
}

# tn_start_receiver: the HTTP receiver on a free port; sets TN_HOOK (its
# base URL) and TN_HOOKS (its folder).
tn_start_receiver() {
	local port
	port=$(lantern_free_port)
	T_PORTS+=("$port")
	TN_HOOKS=$T_DIR/hooks
	TN_HOOK=http://127.0.0.1:$port
	/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-receiver.py" "$port" "$TN_HOOKS" \
		</dev/null >>"$T_DIR/receiver.log" 2>&1 &
	T_PIDS+=($!)
	t_until 10 lantern_port_busy "$port" || { fail "the HTTP receiver starts"; exit 1; }
}

# tn_link_key: the key links are signed with (TN_LINK_KEY, mode 0600).
tn_link_key() {
	TN_LINK_KEY=$T_DIR/link.key
	[ -f "$TN_LINK_KEY" ] && return 0
	(umask 077 && openssl rand 32 >"$TN_LINK_KEY")
}

# tn_env: the notifier's settings for this test, one NAME=VALUE a line;
# TN_EXTRA_ENV (space-separated NAME=VALUE) adds or overrides.
tn_env() {
	echo "LANTERN_NOTIFY_DATABASE_URL=$(lantern_pg_url "$T_PG_DIR" notify)"
	echo "LANTERN_BASE_URL=https://status.example.test"
	echo "LANTERN_LINK_KEY_FILE=$TN_LINK_KEY"
	echo "LANTERN_MAIL_FROM=Example Status <status@example.test>"
	[ -n "${TN_SMTP_PORT:-}" ] && echo "LANTERN_SMTP_URL=smtp://127.0.0.1:$TN_SMTP_PORT" &&
		echo "LANTERN_SMTP_PLAIN=1"
	echo "LANTERN_NOTIFY_ALLOW_PRIVATE=1"
	echo "LANTERN_NOTIFY_RETRY_SECONDS=1"
	local kv
	for kv in ${TN_EXTRA_ENV:-}; do echo "$kv"; done
}

# tn_start_notify [WRAPPER...]: the notifier, in the background (through
# WRAPPER, a command that execs its arguments, so TN_PID is still the
# notifier's): sets TN_PID.
tn_start_notify() {
	local -a vars
	mapfile -t vars < <(tn_env)
	"$@" env "${vars[@]}" "$LANTERN_NOTIFY_BIN" </dev/null >>"$T_DIR/notify.log" 2>&1 &
	TN_PID=$!
	T_PIDS+=("$TN_PID")
}

# tn_sql [psql options]: SQL from stdin as the superuser (t_psql reads none).
tn_sql() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$T_DB_URL" -tA "$@"
}

# tn_subscriber CHANNEL ADDRESS [CONFIRMED(t|f)]: a subscriber of the demo
# page, its id printed.  Its secret is 64 hex digits of 'ab'.
tn_subscriber() {
	local confirmed=${3:-t}
	tn_sql -v channel="$1" -v address="$2" <<SQL
INSERT INTO subscribers (page_id, channel, address, secret, created_by, confirmed_at)
SELECT id, :'channel', :'address', repeat('ab', 32), 'operator',
       CASE WHEN '$confirmed' = 't' THEN now() END
  FROM pages ORDER BY id LIMIT 1
RETURNING id;
SQL
}

# tn_incident_event [UPDATE_TEXT [INCIDENT_NAME]]: an incident event with
# Statuspage's payload for the demo page's first incident, its id printed.
tn_incident_event() {
	local body=${1:-We are looking into errors on the API.} name=${2:-API errors}
	tn_sql -v body="$body" -v name="$name" <<'SQL'
WITH i AS (SELECT id, page_id FROM incidents ORDER BY id LIMIT 1)
INSERT INTO notification_events (page_id, kind, incident_id, incident_update_id,
                                 fanned_out_at, payload)
SELECT i.page_id, 'incident', i.id, 9001, now(), jsonb_build_object(
    'page', jsonb_build_object('id', i.page_id::text, 'status_indicator', 'major',
                               'status_description', 'Partial System Outage'),
    'incident', jsonb_build_object(
        'id', i.id::text, 'name', :'name', 'status', 'identified', 'impact', 'major',
        'created_at', '2026-11-30T09:00:00.000+00:00',
        'updated_at', '2026-11-30T09:10:00.000+00:00',
        'shortlink', 'https://status.example.test/incidents/' || i.id,
        'incident_updates', jsonb_build_array(
            jsonb_build_object('id', '9001', 'status', 'identified', 'body', :'body',
                'created_at', '2026-11-30T09:10:00.000+00:00',
                'display_at', '2026-11-30T09:10:00.000+00:00',
                'affected_components', jsonb_build_array(jsonb_build_object(
                    'code', '1', 'name', 'API', 'old_status', 'operational',
                    'new_status', 'partial_outage'))),
            jsonb_build_object('id', '9000', 'status', 'investigating',
                'body', 'Older update.', 'created_at', '2026-11-30T09:00:00.000+00:00',
                'display_at', '2026-11-30T09:00:00.000+00:00',
                'affected_components', NULL))))
  FROM i
RETURNING id;
SQL
}

# tn_confirmation_event SUBSCRIBER: the confirmation for one subscriber, queued.
tn_confirmation_event() {
	local ev
	ev=$(tn_sql -v s="$1" <<'SQL'
INSERT INTO notification_events (page_id, kind, subscriber_id, fanned_out_at, payload)
SELECT page_id, 'confirmation', id, now(), jsonb_build_object(
    'page', jsonb_build_object('id', page_id::text, 'status_indicator', 'none',
                               'status_description', 'All Systems Operational'),
    'subscriber', jsonb_build_object('id', id::text))
  FROM subscribers WHERE id = :'s'
RETURNING id;
SQL
)
	tn_queue "$ev" "$1"
}

# tn_queue EVENT SUBSCRIBER...: one delivery of EVENT to each, then the NOTIFY the program sends.
tn_queue() {
	local ev=$1
	shift
	tn_sql -v ev="$ev" -v subs="{$(IFS=,; echo "$*")}" <<'SQL'
INSERT INTO deliveries (event_id, subscriber_id)
SELECT :'ev', unnest(:'subs'::bigint[]);
NOTIFY lantern_outbox;
SQL
}

# tn_pending: deliveries not yet settled.
tn_pending() {
	t_psql -c "SELECT count(*) FROM deliveries WHERE state = 'pending'"
}

tn_pending_is() { [ "$(tn_pending)" = "$1" ]; }
tn_drained() {
	[ "$(t_psql -c "SELECT count(*) FROM notification_events WHERE fanned_out_at IS NULL")" = 0 ] &&
		tn_pending_is 0
}

# tn_state SUBSCRIBER: its deliveries' states, counted, e.g. "pending:1 sent:3".
tn_state() {
	t_psql -c "SELECT string_agg(state || ':' || n, ' ' ORDER BY state)
		FROM (SELECT state, count(*) n FROM deliveries WHERE subscriber_id = $1 GROUP BY state) s"
}
tn_state_is() { [ "$(tn_state "$1")" = "$2" ]; }
# tn_sql_is WANT SQL: the query's answer is WANT.
tn_sql_is() { [ "$(t_psql -c "$2")" = "$1" ]; }

# tn_files DIR: how many messages or requests DIR holds.
tn_files() {
	find "$1" -name '*.json' 2>/dev/null | wc -l
}

# tn_mail TO EXPR: EXPR evaluated on the one message delivered to TO (as m,
# from t/notify-check.py mails), printed; "no mail" or "N mails" when there
# is not exactly one.
tn_mail() {
	/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-check.py" mails "$TN_MAIL" |
		/usr/bin/python3 -c '
import json, re, sys
ms = [m for m in map(json.loads, sys.stdin) if sys.argv[1] in m["to"]]
if len(ms) != 1:
    print("%d mails" % len(ms) if ms else "no mail")
else:
    m = ms[0]
    print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}

# tn_hook PATH EXPR: the same for the requests the receiver got at PATH (as r).
tn_hook() {
	/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-check.py" hooks "$TN_HOOKS" |
		/usr/bin/python3 -c '
import json, sys
rs = [r for r in map(json.loads, sys.stdin) if r["path"] == sys.argv[1]]
if len(rs) != 1:
    print("%d requests" % len(rs) if rs else "no request")
else:
    r = rs[0]
    b = json.loads(r["body"])
    print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}

# tn_link ID PURPOSE: subscriber ID's signed link, worked out by the test.
tn_link() {
	/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-check.py" link "$TN_LINK_KEY" \
		https://status.example.test "$1" "$2"
}
