# subscribers-outbox.t: the transactional outbox through the real nginx,
# program and PostgreSQL.  A write that publishes queues one event and one
# delivery per interested subscriber, in its own transaction: exactly those
# of the components it affects or moves, those following the incident (until
# its resolution), never the unconfirmed, the gone or the quarantined, nothing
# with deliver_notifications false, nothing for a write rolled back; a
# component's new status to that component's subscribers; and 10,000
# subscribers queued in one statement, quickly.
. "$LANTERN_SRCDIR/t/lib.sh"
# One worker: every write meets the statements the others prepared on its
# connection (a name taken twice cannot hide on another worker).
T_WORKERS=1
t_start_all

T_KEY=$(lantern_token_create "$T_DB_URL" ops)
page=$(t_psql -c "SELECT id FROM pages")
V1=$T_BASE/v1/pages/$page
cid() { t_psql -c "SELECT id FROM components WHERE page_id = $page AND name = '$1'"; }
web=$(cid 'Web Page')
api=$(cid 'API Service')
storage=$(cid Storage)
count() { t_psql -c "SELECT count(*) FROM $1"; }
secret=$(printf '%064d' 0)

# sub NAME [SQL columns=values...]: a confirmed whole-page e-mail subscriber
# NAME@example.com, changed by the assignments given; its id.
sub() {
	local name=$1 id
	shift
	id=$(t_psql -c "INSERT INTO subscribers (page_id, channel, address, secret, created_by,
		confirmed_at) VALUES ($page, 'email', '$name@example.com', '$secret', 'operator', now())
		RETURNING id")
	[ $# -gt 0 ] && t_psql -c "UPDATE subscribers SET $(IFS=,; echo "$*") WHERE id = $id"
	echo "$id"
}
# chose ID COMPONENT...: the subscriber hears of those components only.
chose() {
	local id=$1 c
	shift
	t_psql -c "UPDATE subscribers SET all_components = false WHERE id = $id" >/dev/null
	for c; do
		t_psql -c "INSERT INTO subscriber_components VALUES ($id, $c)" >/dev/null
	done
}
# told: who the newest event is queued for, by name, in order.
told() {
	t_psql -c "SELECT coalesce(string_agg(split_part(s.address, '@', 1), ' '
		ORDER BY s.address), '-') FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
		WHERE d.event_id = (SELECT max(id) FROM notification_events)"
}
events() { count notification_events; }

all=$(sub all)
webby=$(sub webby)
chose "$webby" "$web"
stor=$(sub stor)
chose "$stor" "$storage"
sub unconfirmed "confirmed_at = NULL" >/dev/null
sub gone "unsubscribed_at = now()" >/dev/null
sub quarantined "quarantined_at = now()" >/dev/null
other=$(t_psql -c "INSERT INTO pages (name, url) VALUES ('Other', 'http://other.example') RETURNING id")
t_psql -c "INSERT INTO subscribers (page_id, channel, address, secret, created_by, confirmed_at)
	VALUES ($other, 'email', 'otherpage@example.com', '$secret', 'operator', now())" >/dev/null

# --- An incident: its components' subscribers and the whole page's -------
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Web down\", \"status\": \"investigating\",
	\"body\": \"Looking.\", \"components\": {\"$web\": \"partial_outage\"}}}"
is "$T_STATUS" 201 "an incident opens"
inc=$(t_js 'd["id"]')
upd=$(t_js 'd["incident_updates"][0]["id"]')
is "$(events)" 1 "one event"
is "$(told)" "all webby" "to the whole page's and the moved component's; not the unconfirmed, gone, quarantined, another's, or another page's"
is "$(t_psql -c "SELECT kind || ' ' || incident_id || ' ' || incident_update_id FROM notification_events")" \
	"incident $inc $upd" "the event names the incident and its update"
T_BODY=$(t_psql -c "SELECT payload FROM notification_events")
is "$(t_js 'sorted(d)')" "['incident', 'page']" "the payload is Statuspage's body without meta"
is "$(t_js 'sorted(d["page"])')" "['id', 'status_description', 'status_indicator']" "  page: id, status_indicator, status_description"
payload=$T_BODY
t_get "$T_BASE/api/v2/status.json"
status=$(t_js 'd["status"]["indicator"] + " " + d["status"]["description"]')
T_BODY=$payload
is "$(t_js 'd["page"]["id"] + " " + d["page"]["status_indicator"] + " " + d["page"]["status_description"]')" \
	"$page $status" "  the page's status as the write leaves it (as status.json says)"
is "$(t_js 'd["incident"]["id"] + " " + d["incident"]["name"] + " " + d["incident"]["status"]')" \
	"$inc Web down investigating" "  the incident as the API shows it"
is "$(t_js '[(c["code"], c["new_status"]) for c in d["incident"]["incident_updates"][0]["affected_components"]]')" \
	"[('$web', 'partial_outage')]" "  with its updates' affected_components"
is "$(t_psql -c "SELECT count(*) FROM deliveries WHERE state = 'pending' AND attempts = 0
	AND next_attempt_at <= now()")" 2 "deliveries are pending and due"

# A follower of this incident, and one of another incident.
follower=$(sub follower "incident_id = $inc")
t_api POST "$V1/incidents" '{"incident": {"name": "Elsewhere", "status": "investigating"}}'
other_inc=$(t_js 'd["id"]')
is "$(told)" "all" "an incident affecting nothing: the whole page's only"
sub elsefollower "incident_id = $other_inc" >/dev/null

# component_ids alone makes no timeline entry, so tells nobody.
n=$(events)
t_api PATCH "$V1/incidents/$inc" "{\"incident\": {\"component_ids\": [\"$web\", \"$storage\"]}}"
is "$T_STATUS $(events)" "200 $n" "affected components changed alone: no event"
t_api PATCH "$V1/incidents/$inc" '{"incident": {"status": "identified", "body": "Found it."}}'
is "$(events)" $((n + 1)) "an update: one event"
is "$(told)" "all follower stor webby" "to the followers and the subscribers of every affected component"

# deliver_notifications false posts silently.
n=$(events)
t_api PATCH "$V1/incidents/$inc" '{"incident": {"body": "Quietly.", "deliver_notifications": false}}'
is "$T_STATUS $(events)" "200 $n" "deliver_notifications false: no event"
is "$(t_psql -c "SELECT count(*) FROM incident_updates WHERE incident_id = $inc")" 3 "  the update is posted"
t_api PATCH "$V1/incidents/$inc" '{"incident": {"body": "Loud.", "deliver_notifications": "no"}}'
is "$T_STATUS $(t_js 'd["field"]')" "422 incident.deliver_notifications" "deliver_notifications must be a boolean"

# A write rolled back after queueing queues nothing: the audit row, written
# after the outbox, fails.
t_psql -c "CREATE FUNCTION t_refuse() RETURNS trigger LANGUAGE plpgsql AS
	\$\$BEGIN RAISE EXCEPTION 'refused by the test'; END\$\$;
	CREATE TRIGGER t_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION t_refuse()"
n=$(events)
d=$(count deliveries)
t_api PATCH "$V1/incidents/$inc" '{"incident": {"body": "Never."}}'
ok "a write whose audit row fails is refused ($T_STATUS)" [ "$T_STATUS" -ge 400 ]
is "$(events) $(count deliveries)" "$n $d" "  and nothing of it is queued"
t_psql -c "DROP TRIGGER t_refuse ON audit_log"

# Resolution reaches the followers; nothing after it does.
t_api PATCH "$V1/incidents/$inc" "{\"incident\": {\"status\": \"resolved\", \"components\": {\"$web\": \"operational\"}}}"
is "$(told)" "all follower stor webby" "the resolution reaches the followers"
t_api PATCH "$V1/incidents/$inc" '{"incident": {"body": "A word after."}}'
is "$(told)" "all stor webby" "after the resolution the followers hear no more"

# Maintenance is told like an incident.
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Upgrade\", \"status\": \"scheduled\",
	\"scheduled_for\": \"2030-01-01T00:00:00Z\", \"scheduled_until\": \"2030-01-01T01:00:00Z\",
	\"component_ids\": [\"$storage\"]}}"
is "$T_STATUS $(told)" "201 all stor" "maintenance: the whole page's and its components'"

# --- A component's status ------------------------------------------------
t_api PATCH "$V1/components/$storage" '{"component": {"status": "major_outage"}}'
is "$(told)" "all stor" "a component's new status: the whole page's and that component's"
T_BODY=$(t_psql -c "SELECT payload FROM notification_events ORDER BY id DESC LIMIT 1")
is "$(t_js 'sorted(d)')" "['component', 'component_update', 'page']" "the payload: page, component_update, component"
is "$(t_js 'sorted(d["component_update"])')" "['component_id', 'created_at', 'id', 'new_status', 'old_status']" \
	"  component_update as Statuspage's"
is "$(t_js 'd["component_update"]["old_status"] + " " + d["component_update"]["new_status"] + " " + d["component_update"]["component_id"]')" \
	"operational major_outage $storage" "  from and to"
is "$(t_js 'sorted(d["component"])')" "['created_at', 'id', 'name', 'status']" "  component as Statuspage's"
like "$(t_js 'd["page"]["status_indicator"]')" "^(major|critical)$" "  the page as the change leaves it"
is "$(t_psql -c "SELECT component_id FROM notification_events ORDER BY id DESC LIMIT 1")" "$storage" "the event names the component"
n=$(events)
t_api PATCH "$V1/components/$storage" '{"component": {"description": "Disks."}}'
is "$T_STATUS $(events)" "200 $n" "no new status: no event"
t_api PATCH "$V1/components/$storage" '{"component": {"status": "major_outage"}}'
is "$T_STATUS $(events)" "200 $n" "the same status again: no event"

# --- 10,000 subscribers: one statement, quickly ---------------------------
t_psql -c "INSERT INTO subscribers (page_id, channel, address, secret, created_by, confirmed_at)
	SELECT $page, 'email', 'bulk' || g || '@example.com', '$secret', 'operator', now()
	  FROM generate_series(1, 10000) g" >/dev/null
t_psql -c "ANALYZE subscribers" >/dev/null
# ms METHOD URL BODY: the request's time through nginx, in milliseconds.
ms() {
	printf '%s' "$3" >"$T_DIR/req"
	curl -sS -o /dev/null -w '%{time_total}' -X "$1" -H "Authorization: OAuth $T_KEY" \
		-H 'Content-Type: application/json' --data-binary "@$T_DIR/req" "$2" |
		awk '{ printf "%d", $1 * 1000 }'
}
quiet=0 loud=0
for i in 1 2 3; do
	q=$(ms POST "$V1/incidents" "{\"incident\": {\"name\": \"Quiet $i\", \"deliver_notifications\": false}}")
	l=$(ms POST "$V1/incidents" "{\"incident\": {\"name\": \"Loud $i\"}}")
	quiet=$((quiet + q)) loud=$((loud + l))
done
is "$(t_psql -c "SELECT count(*) FROM deliveries WHERE event_id = (SELECT max(id) FROM notification_events)")" \
	10001 "10,000 subscribers more: 10,001 deliveries queued (and the one whole-page subscriber)"
is "$(t_psql -c "SELECT count(DISTINCT event_id) FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
	WHERE s.address LIKE 'bulk%'")" 3 "each publishing queued one event for them"
diag "publishing with 10,000 subscribers: $((loud / 3)) ms on average, $((quiet / 3)) ms without notifications"
# Generous: sanitizers and a shared machine; the figure is in the diag above.
ok "publishing to 10,000 subscribers answers within 1.5 s ($((loud / 3)) ms)" [ $((loud / 3)) -lt 1500 ]

# The notifier is woken by the commit that queues, not by its next poll:
# psql prints a notification it received after the command that caused it.
event=$(t_psql -c "SELECT max(id) FROM notification_events")
sub=$(t_psql -c "SELECT min(id) FROM subscribers")
like "$(psql -X -q -d "$T_DB_URL" -c 'LISTEN lantern_outbox' \
	-c "INSERT INTO deliveries (event_id, subscriber_id) VALUES ($event, $sub) ON CONFLICT DO NOTHING" \
	-c "INSERT INTO deliveries (event_id, subscriber_id) SELECT $event, id FROM subscribers
		WHERE address LIKE 'bulk1%' ON CONFLICT DO NOTHING" 2>&1 </dev/null)" \
	'Asynchronous notification "lantern_outbox" received' "queueing deliveries notifies lantern_outbox"

t_done
