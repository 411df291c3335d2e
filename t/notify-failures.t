# notify-failures.t: lantern-notify when things go wrong, with a real SMTP
# server (aiosmtpd) and HTTP receiver on loopback: a private target refused
# without the setting; a redirect not followed; retries with backoff; a
# receiver failing 10 times in a row quarantined while another keeps
# receiving; a mail address the relay rejects given up at once; the
# notifier SIGKILLed mid-batch and started again delivers every queued
# message, any duplicate with the same Message-ID or Lantern-Delivery id;
# and its database role can do nothing else.
. "$LANTERN_SRCDIR/t/lib.sh"
. "$LANTERN_SRCDIR/t/notify.sh"

t_start_pg
tn_link_key
tn_start_smtp
tn_start_receiver

tn_requests() {
	grep -l "\"path\": \"$1\"" "$TN_HOOKS"/*.json 2>/dev/null | wc -l
}
stop_notify() {
	kill -TERM "$TN_PID"
	wait "$TN_PID"
}

# --- Private targets: refused without LANTERN_NOTIFY_ALLOW_PRIVATE.
# https to the receiver's port: refused before any connection is tried.
private=$(tn_subscriber webhook "${TN_HOOK/http:/https:}/private")
named=$(tn_subscriber webhook "https://localhost:${TN_HOOK##*:}/named")
plain=$(tn_subscriber webhook "http://example.test/plain")
ev=$(tn_incident_event)
tn_queue "$ev" "$private" "$named" "$plain"
TN_EXTRA_ENV=LANTERN_NOTIFY_ALLOW_PRIVATE=0 tn_start_notify
ok "without the setting, both settle" t_until 10 tn_drained
is "$(tn_state "$private")" "failed:1" "a loopback target fails at once, not retried"
like "$(t_psql -c "SELECT last_error FROM deliveries WHERE subscriber_id = $private")" \
	'^refused: the target resolves to a loopback address' "saying why"
like "$(t_psql -c "SELECT last_error FROM deliveries WHERE subscriber_id = $named")" \
	'^refused: the target resolves to a loopback address' "a name that resolves to loopback is refused"
like "$(t_psql -c "SELECT last_error FROM deliveries WHERE subscriber_id = $plain")" \
	'^refused: only https://' "plain http is refused too"
is "$(tn_files "$TN_HOOKS")" 0 "the receiver got nothing"
stop_notify

# --- Everything else with private targets allowed (the receiver is on loopback).
tn_start_notify

# A redirect is a failure, not followed.
redir=$(tn_subscriber webhook "$TN_HOOK/redirect")
tn_queue "$(tn_incident_event)" "$redir"
ok "a redirect is attempted" t_until 10 tn_sql_is t "SELECT count(*) > 0 FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.subscriber_id = $redir"
sleep 0.5
is "$(t_psql -c "SELECT ok, detail FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.subscriber_id = $redir ORDER BY a.id LIMIT 1")" \
	"f|HTTP 302" "a 302 is a failure"
is "$(tn_requests /ok)" 0 "and its Location is not followed"

# Retries: failing twice, then answering, the delivery goes on its third attempt.
flaky=$(tn_subscriber webhook "$TN_HOOK/flaky-2/x")
tn_queue "$(tn_incident_event)" "$flaky"
ok "a receiver failing twice gets it on the third attempt" t_until 20 tn_state_is "$flaky" sent:1
is "$(t_psql -c "SELECT attempts FROM deliveries WHERE subscriber_id = $flaky")" 3 "three attempts counted"
is "$(t_psql -c "SELECT string_agg(ok::text, ',' ORDER BY a.id) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.subscriber_id = $flaky")" \
	"false,false,true" "each attempt recorded"
is "$(t_psql -c "SELECT consecutive_failures FROM subscribers WHERE id = $flaky")" 0 \
	"a success sets the failure count back to 0"
is "$(t_psql -c "SELECT (max(a.at) - min(a.at)) > interval '1 second' FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.subscriber_id = $flaky")" \
	t "the retries waited (backoff)"

# Mail: a 5xx is given up at once; a 4xx is retried.
rejected=$(tn_subscriber email reject@example.test)
tempfail=$(tn_subscriber email tempfail@example.test)
tn_queue "$(tn_incident_event)" "$rejected" "$tempfail"
ok "the rejected address is given up" t_until 10 tn_state_is "$rejected" failed:1
like "$(t_psql -c "SELECT last_error FROM deliveries WHERE subscriber_id = $rejected")" \
	'^SMTP 550' "with the relay's 550"
ok "the 451 is tried again" t_until 10 tn_sql_is t "SELECT attempts >= 2 AND state = 'pending' FROM deliveries WHERE subscriber_id = $tempfail"
t_psql -c "UPDATE subscribers SET unsubscribed_at = now() WHERE id IN ($tempfail, $redir)"

# --- Quarantine: 10 failures in a row, while another receiver goes on.
bad=$(tn_subscriber webhook "$TN_HOOK/fail/bad")
good=$(tn_subscriber webhook "$TN_HOOK/good")
for i in $(seq 12); do tn_queue "$(tn_incident_event "update $i")" "$bad" "$good"; done
ok "the failing receiver is quarantined" t_until 30 tn_sql_is t "SELECT quarantined_at IS NOT NULL FROM subscribers WHERE id = $bad"
is "$(t_psql -c "SELECT consecutive_failures FROM subscribers WHERE id = $bad")" 10 \
	"after exactly 10 failures in a row"
ok "the other receiver gets all twelve" t_until 20 tn_state_is "$good" sent:12
is "$(tn_requests /good)" 12 "once each"
ok "nothing of the quarantined one is left pending" t_until 10 eval '! tn_state "$bad" | grep -q pending'
like "$(t_psql -c "SELECT string_agg(DISTINCT last_error, ',') FROM deliveries WHERE subscriber_id = $bad AND state = 'dropped'")" \
	'quarantined after 10 failures' "its deliveries are dropped, saying why"
n=$(tn_requests /fail/bad)
sleep 3
is "$(tn_requests /fail/bad)" "$n" "and no more requests go to it"
tn_queue "$(tn_incident_event)" "$bad" "$good"
ok "a later event reaches the good receiver" t_until 10 tn_state_is "$good" sent:13
is "$(tn_requests /fail/bad)" "$n" "not the quarantined one"

# --- SIGKILL mid-batch: every queued message is delivered after a restart.
stop_notify
ids=()
for i in $(seq 40); do ids+=("$(tn_subscriber webhook "$TN_HOOK/slow-1/$i")"); done
for i in $(seq 60); do ids+=("$(tn_subscriber email "k$i@example.test")"); done
tn_queue "$(tn_incident_event "the kill")" "${ids[@]}"
queued=$(t_psql -c "SELECT count(*) FROM deliveries WHERE state = 'pending'")
before=$(tn_files "$TN_HOOKS")
TN_EXTRA_ENV=LANTERN_NOTIFY_CONCURRENCY=8 tn_start_notify
t_until 10 eval 'test "$(tn_files "$TN_HOOKS")" -gt "$before"'
kill -KILL "$TN_PID"
wait "$TN_PID" 2>/dev/null
inflight=$(t_psql -c "SELECT count(*) FROM deliveries WHERE state = 'pending' AND claimed_until > now()")
diag "killed with $inflight claimed, $(tn_pending) of $queued pending"
ok "killed mid-batch: something was claimed and not settled" test "$inflight" -gt 0
tn_start_notify
ok "restarted, it delivers everything queued (a dead notifier's claims lapse)" \
	t_until 60 tn_drained
is "$(t_psql -c "SELECT count(*) FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE s.id = ANY ('{$(IFS=,; echo "${ids[*]}")}') AND d.state = 'sent'")" \
	100 "all 100 sent"
# Every request or mail names its delivery; a duplicate names the same one.
is "$(/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-check.py" hooks "$TN_HOOKS" | /usr/bin/python3 -c '
import json, sys
by = {}
for r in map(json.loads, sys.stdin):
    if r["path"].startswith("/slow-1/"):
        by.setdefault(r["path"], set()).add(r["headers"]["Lantern-Delivery"])
print(len(by), all(len(v) == 1 for v in by.values()))')" "40 True" \
	"each webhook received, its duplicates (if any) with the same Lantern-Delivery"
is "$(/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-check.py" mails "$TN_MAIL" | /usr/bin/python3 -c '
import json, sys
by = {}
for m in map(json.loads, sys.stdin):
    if m["to"][0].startswith("k"):
        by.setdefault(m["to"][0], set()).add(m["message_id"])
print(len(by), all(len(v) == 1 for v in by.values()))')" "60 True" \
	"each mail received, its duplicates (if any) with the same Message-ID"

# --- SIGTERM: what is in flight finishes within the grace, or is given back.
for i in 1 2 3; do ids2+=("$(tn_subscriber webhook "$TN_HOOK/slow-2/term-$i")"); done
long=$(tn_subscriber webhook "$TN_HOOK/slow-9/term-long")
tn_queue "$(tn_incident_event "the stop")" "${ids2[@]}" "$long"
ok "four deliveries in flight" t_until 10 tn_sql_is 4 "SELECT count(*) FROM deliveries WHERE claimed_until > now() AND state = 'pending'"
kill -TERM "$TN_PID"
started=$SECONDS
wait "$TN_PID"
is "$?" 0 "SIGTERM with deliveries in flight: it exits 0"
ok "within the 5 s grace and a second" test $((SECONDS - started)) -le 7
is "$(t_psql -c "SELECT string_agg(DISTINCT state, ',') FROM deliveries WHERE subscriber_id IN ($(IFS=,; echo "${ids2[*]}"))")" \
	sent "those that finished in time are recorded as sent"
is "$(t_psql -c "SELECT state, claimed_until IS NULL, attempts FROM deliveries WHERE subscriber_id = $long")" \
	"pending|t|1" "the one still going is given back, unclaimed, for the next start"
like "$(cat "$T_DIR/notify.log")" '1 deliveries unfinished after 5 s: given back' "saying so"

# --- The role: lantern_notify does its work and nothing else.
NOTIFY_URL=$(lantern_pg_url "$T_PG_DIR" notify)
refused() {
	local out
	out=$(psql -X -q -d "$NOTIFY_URL" -tAc "$1" </dev/null 2>&1)
	like "$out" 'permission denied' "lantern_notify may not: $1"
}
refused "INSERT INTO subscribers (page_id, channel, address, secret, created_by) VALUES (1, 'email', 'x@example.test', repeat('a', 64), 'operator')"
refused "UPDATE subscribers SET address = 'x@example.test'"
refused "UPDATE subscribers SET confirmed_at = now()"
refused "INSERT INTO notification_events (page_id, kind, payload) VALUES (1, 'incident', '{}')"
refused "INSERT INTO deliveries (event_id, subscriber_id) VALUES (1, 1)"
refused "DELETE FROM deliveries"
refused "UPDATE delivery_attempts SET ok = true"
refused "SELECT count(*) FROM api_tokens"
refused "SELECT count(*) FROM people"
refused "UPDATE incidents SET name = 'x'"
t_done
