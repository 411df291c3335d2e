# subscribers-outbox.t: the transactional outbox through the real nginx,
# program and PostgreSQL.  A write that publishes queues one event in its own
# transaction, which lantern_fan_out() (run by lantern-notify; here by
# t_fan_out) makes into one delivery per interested subscriber: exactly those
# of the components it affects or moves, those following the incident (until
# its resolution), never the unconfirmed, the gone or the quarantined, nothing
# with deliver_notifications false, nothing for a write rolled back; a
# component's new status, by itself or moved by an incident, to that
# component's subscribers; a published postmortem when asked; maintenance
# that starts and completes by itself; nothing for an incident deleted before
# it was told; and 10,000 subscribers cost the publishing write nothing.
. "$LANTERN_SRCDIR/t/lib.sh"
# One worker: every write meets the statements the others prepared on its
# connection (a name taken twice cannot hide on another worker).
T_WORKERS=1
export LANTERN_TICK_SECONDS=1	# maintenance moves on within a second
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
# told [KIND]: who the newest event (of kind, incident unless said) is told
# to, by name, in order, once its deliveries are made.
told() {
	t_fan_out
	t_psql -c "SELECT coalesce(string_agg(split_part(s.address, '@', 1), ' '
		ORDER BY s.address), '-') FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
		WHERE d.event_id = (SELECT max(id) FROM notification_events WHERE kind = '${1:-incident}')"
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
is "$(t_psql -c "SELECT string_agg(kind, ' ' ORDER BY id) FROM notification_events")" "incident component" \
	"two events: the incident's, and its moved component's"
is "$(t_psql -c "SELECT count(*) FROM deliveries")" 0 "the write made no delivery: lantern-notify makes them"
is "$(told)" "all webby" "to the whole page's and the moved component's; not the unconfirmed, gone, quarantined, another's, or another page's"
is "$(t_psql -c "SELECT kind || ' ' || incident_id || ' ' || incident_update_id FROM notification_events WHERE kind = 'incident'")" \
	"incident $inc $upd" "the event names the incident and its update"
is "$(told component)" "all webby" "the moved component is told as its own change would be"
T_BODY=$(t_psql -c "SELECT payload FROM notification_events WHERE kind = 'component'")
is "$(t_js 'd["component"]["id"] + " " + d["component_update"]["old_status"] + " " + d["component_update"]["new_status"]')" \
	"$web operational partial_outage" "  with Statuspage's component and component_update"
T_BODY=$(t_psql -c "SELECT payload FROM notification_events WHERE kind = 'incident'")
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
	AND next_attempt_at <= now()")" 4 "deliveries are pending and due"

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
t_fan_out
d=$(count deliveries)
t_api PATCH "$V1/incidents/$inc" '{"incident": {"body": "Never."}}'
ok "a write whose audit row fails is refused ($T_STATUS)" [ "$T_STATUS" -ge 400 ]
t_fan_out
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

# Maintenance that starts and completes by itself tells each move, unless it
# was scheduled silently.
from=$(date -u -d '+2 seconds' +%Y-%m-%dT%H:%M:%SZ)
until=$(date -u -d '+4 seconds' +%Y-%m-%dT%H:%M:%SZ)
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Auto\", \"status\": \"scheduled\",
	\"scheduled_for\": \"$from\", \"scheduled_until\": \"$until\", \"component_ids\": [\"$storage\"],
	\"scheduled_auto_in_progress\": true, \"scheduled_auto_completed\": true}}"
auto=$(t_js 'd["id"]')
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Hush\", \"status\": \"scheduled\",
	\"scheduled_for\": \"$from\", \"scheduled_until\": \"$until\", \"deliver_notifications\": false,
	\"scheduled_auto_in_progress\": true, \"scheduled_auto_completed\": true}}"
hush=$(t_js 'd["id"]')
# moves_told ID: each of the incident's events as status:deliveries, in order.
moves_told() {
	t_fan_out
	t_psql -c "SELECT coalesce(string_agg(u.status || ':' || (SELECT count(*) FROM deliveries d
		WHERE d.event_id = e.id), ' ' ORDER BY e.id), '-') FROM notification_events e
		JOIN incident_updates u ON u.id = e.incident_update_id WHERE e.incident_id = $1"
}
auto_done() { [ "$(t_psql -c "SELECT status FROM incidents WHERE id = $hush")" = completed ] &&
	[ "$(moves_told "$auto")" = "scheduled:2 in_progress:2 completed:2" ]; }
ok "maintenance that moves by itself is done within 15 s" t_until 15 auto_done
is "$(moves_told "$auto")" "scheduled:2 in_progress:2 completed:2" \
	"  its start and its completion are told, as its scheduling was, to the same"
T_BODY=$(t_psql -c "SELECT payload FROM notification_events WHERE incident_id = $auto ORDER BY id DESC LIMIT 1")
is "$(t_js 'd["incident"]["status"] + " / " + d["incident"]["incident_updates"][0]["body"]')" \
	"completed / The scheduled maintenance has been completed." "  with the incident as it then is"
is "$(moves_told "$hush")" "-" "  scheduled silently, it starts and completes silently"

# A postmortem is told when asked, to the followers too; else not.
t_api PUT "$V1/incidents/$inc/postmortem" '{"postmortem": {"body_draft": "What happened."}}'
n=$(events)
t_api PUT "$V1/incidents/$inc/postmortem/publish" '{"postmortem": {"notify_subscribers": "yes"}}'
is "$T_STATUS $(t_js 'd["field"]')" "422 postmortem.notify_subscribers" "notify_subscribers must be a boolean"
t_api PUT "$V1/incidents/$inc/postmortem/publish" '{"postmortem": {"notify_subscribers": true}}'
is "$T_STATUS $(events)" "200 $((n + 1))" "a postmortem published with notify_subscribers: one event"
is "$(told)" "all follower stor webby" "  to the followers and the subscribers of its components"
T_BODY=$(t_psql -c "SELECT payload FROM notification_events ORDER BY id DESC LIMIT 1")
is "$(t_js 'd["incident"]["incident_updates"][0]["status"] + " / " + d["incident"]["incident_updates"][0]["body"]')" \
	"postmortem / What happened." "  the postmortem is the incident's newest entry"
t_api PATCH "$V1/incidents/$other_inc" '{"incident": {"status": "resolved", "deliver_notifications": false}}'
t_api PUT "$V1/incidents/$other_inc/postmortem" '{"postmortem": {"body_draft": "Quiet."}}'
n=$(events)
t_api PUT "$V1/incidents/$other_inc/postmortem/publish" '{"postmortem": {}}'
is "$T_STATUS $(events)" "200 $n" "a postmortem published without notify_subscribers: no event"

# An incident deleted before lantern-notify made its deliveries is told to nobody.
t_api POST "$V1/incidents" '{"incident": {"name": "Posted by mistake"}}'
mistake=$(t_js 'd["id"]')
t_api DELETE "$V1/incidents/$mistake"
t_fan_out
is "$(t_psql -c "SELECT count(*) || ' ' || count(d.id) || ' ' || bool_and(e.fanned_out_at IS NOT NULL)
	FROM notification_events e LEFT JOIN deliveries d ON d.event_id = e.id
	WHERE e.incident_id = $mistake")" "1 0 true" "an incident deleted before it was told: its event makes no delivery"

# --- A component's status ------------------------------------------------
t_api PATCH "$V1/components/$storage" '{"component": {"status": "major_outage"}}'
is "$(told component)" "all stor" "a component's new status: the whole page's and that component's"
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

# --- 10,000 subscribers: nothing more for the publishing write ----------
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
t_fan_out
d=$(count deliveries)
quiet=0 loud=0
for i in 1 2 3; do
	q=$(ms POST "$V1/incidents" "{\"incident\": {\"name\": \"Quiet $i\", \"deliver_notifications\": false}}")
	l=$(ms POST "$V1/incidents" "{\"incident\": {\"name\": \"Loud $i\"}}")
	quiet=$((quiet + q)) loud=$((loud + l))
done
is "$(count deliveries)" "$d" "publishing to 10,000 subscribers writes not one delivery: its cost is one event"
t_fan_out
is "$(t_psql -c "SELECT count(*) FROM deliveries WHERE event_id = (SELECT max(id) FROM notification_events)")" \
	10001 "  which becomes 10,001 deliveries (and the one whole-page subscriber)"
is "$(t_psql -c "SELECT count(DISTINCT event_id) FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
	WHERE s.address LIKE 'bulk%'")" 3 "each publishing queued one event for them"
diag "publishing with 10,000 subscribers: $((loud / 3)) ms on average, $((quiet / 3)) ms without notifications"
# Generous: sanitizers and a shared machine; the figure is in the diag above.
ok "publishing to 10,000 subscribers answers within 1.5 s ($((loud / 3)) ms)" [ $((loud / 3)) -lt 1500 ]

# An event made into deliveries is never made again.
t_psql -c "UPDATE notification_events SET fanned_out_at = NULL WHERE id = (SELECT max(id) FROM notification_events)"
t_fan_out
is "$(t_psql -c "SELECT count(*) FROM deliveries WHERE event_id = (SELECT max(id) FROM notification_events)")" \
	10001 "making an event's deliveries twice makes none twice"

# The notifier is woken by the commit that queues, not by its next poll:
# psql prints a notification it received after the command that caused it.
like "$(psql -X -q -d "$T_DB_URL" -c 'LISTEN lantern_outbox' \
	-c "INSERT INTO notification_events (page_id, kind, payload) VALUES ($page, 'component', '{}')" \
	-c "SELECT 1" 2>&1 </dev/null)" \
	'Asynchronous notification "lantern_outbox" received' "queueing an event notifies lantern_outbox"

t_done
