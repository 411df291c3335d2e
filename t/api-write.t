# api-write.t: the write API through the real nginx and PostgreSQL: the whole
# life of an incident, what readers see of it, and every refusal.
. "$LANTERN_SRCDIR/t/lib.sh"
export LANTERN_TICK_SECONDS=1	# maintenance moves on within a second
t_start_all

PY=/usr/bin/python3
key=$(lantern_token_create "$T_DB_URL" ops)
T_KEY=$key
ro=$("$LANTERN_CTL" --database-url "$T_DB_URL" token create reader --read-only)
page=$(t_psql -c "SELECT id FROM pages")
runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
V1=$T_BASE/v1/pages/$page

count() { t_psql -c "SELECT count(*) FROM $1"; }

# Open.
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"API errors\", \"status\": \"investigating\",
	\"impact_override\": \"major\", \"body\": \"Elevated **errors** on the API.\",
	\"components\": {\"$runner\": \"partial_outage\"}}}"
is "$T_STATUS" 201 "open an incident: 201"
id=$(t_js 'd["id"]')
is "$(t_js 'd["name"], d["status"], d["impact"]')" "API errors investigating major" \
	"the answer is the incident"
is "$(t_js 'd["incident_updates"][0]["affected_components"][0]["new_status"]')" partial_outage \
	"its first update moved Runner to partial outage"
is "$(t_header cache-control)" no-store "writes are never cached"
is "$(t_psql -c "SELECT status FROM components WHERE id = $runner")" partial_outage \
	"Runner's status changed"
is "$(t_psql -c "SELECT count(*) FROM component_status_changes WHERE component_id = $runner AND incident_id = $id")" 1 \
	"and the change is in the status history, with its incident"

t_get "$T_BASE/"
like "$T_BODY" "<h1>Partial System Outage</h1>" "/ shows the outage at once"
like "$T_BODY" "<a href=\"/incidents/$id\">API errors</a>" "and the incident"
like "$T_BODY" "Elevated <strong>errors</strong> on the API\." "with its update"
t_get "$T_BASE/api/v2/summary.json"
is "$(t_js '[i["name"] for i in d["incidents"]]')" "['API errors']" "summary.json lists it"
is "$(t_js '[c["status"] for c in d["components"] if c["name"] == "Runner"][0]')" partial_outage \
	"summary.json: Runner partial outage"
sleep 2	# an outage of whole seconds, for the uptime below

for step in identified monitoring; do
	t_api PATCH "$V1/incidents/$id" "{\"incident\": {\"status\": \"$step\", \"body\": \"Now $step.\"}}"
	is "$T_STATUS" 200 "update to $step: 200"
	is "$(t_js 'd["status"]')" "$step" "the incident is $step"
done
t_api PATCH "$V1/incidents/$id" "{\"incident\": {\"status\": \"resolved\",
	\"components\": {\"$runner\": \"operational\"}}}"
is "$T_STATUS" 200 "resolve: 200"
is "$(t_js 'd["status"], d["resolved_at"] is not None')" "resolved True" "resolved, with its time"
is "$(t_js 'd["incident_updates"][0]["body"]')" "This incident has been resolved." \
	"an update without text gets Statuspage's words"
is "$(t_psql -c "SELECT status FROM components WHERE id = $runner")" operational "Runner is back"

t_api PUT "$V1/incidents/$id/postmortem" '{"postmortem": {"body_draft": "# What happened\n\nA bad deploy."}}'
is "$T_STATUS" 200 "postmortem draft: 200"
t_get "$T_BASE/incidents/$id"
unlike "$T_BODY" "A bad deploy" "a draft is not shown"
t_api PUT "$V1/incidents/$id/postmortem/publish" '{"postmortem": {}}'
is "$T_STATUS" 200 "publish the postmortem: 200"
is "$(t_js 'd["published_at"] is not None')" True "it has its time"

t_get "$T_BASE/history"
labels=$(printf '%s' "$T_BODY" | tr -d '\n' | sed "s/.*>API errors<\/a><\/h3>//; s/<\/article>.*//" |
	grep -o '<strong class="label">[^<]*' | sed 's/.*>//' | tr '\n' ,)
is "$labels" "Postmortem,Resolved,Monitoring,Identified,Investigating," \
	"/history shows the whole timeline, newest first"
t_get "$T_BASE/history.atom"
like "$T_BODY" "<title>API errors</title>" "the Atom feed has it"
t_get "$T_BASE/api/v2/incidents/unresolved.json"
is "$(t_js 'len(d["incidents"])')" 0 "nothing unresolved any more"
t_get "$T_BASE/api/uptime.json"
like "$(t_js '[c["days"][-1]["partial_outage_seconds"] for c in d["components"] if c["name"] == "Runner"][0]')" \
	'^[1-9][0-9]*$' "Runner's uptime today counts the partial outage"
is "$(count "audit_log WHERE action LIKE 'incident.%' OR action LIKE 'postmortem.%'")" 6 \
	"every write is in the audit log"
is "$(t_psql -c "SELECT count(*) FROM audit_log WHERE action = 'incident.update' AND before IS NOT NULL AND after IS NOT NULL")" 3 \
	"updates keep what was before and after"

# Components.
t_api PATCH "$V1/components/$runner" '{"component": {"status": "degraded_performance"}}'
is "$T_STATUS" 200 "set a component's status: 200"
is "$(t_js 'd["status"], d["name"]')" "degraded_performance Runner" "the answer is the component"
t_get "$T_BASE/"
like "$T_BODY" "<h1>Partially Degraded Service</h1>" "the page follows"
t_api PATCH "$V1/components/$runner" '{"component": {"status": "operational"}}'

# Maintenance.
t_api POST "$V1/incidents" '{"incident": {"name": "Database upgrade", "status": "scheduled",
	"scheduled_for": "2030-01-05T02:00:00Z", "scheduled_until": "2030-01-05T04:00:00Z",
	"scheduled_auto_in_progress": true, "scheduled_auto_completed": true}}'
is "$T_STATUS" 201 "schedule maintenance: 201"
is "$(t_js 'd["status"], d["scheduled_for"][:10]')" "scheduled 2030-01-05" "it is scheduled"
t_get "$T_BASE/api/v2/scheduled-maintenances/upcoming.json"
is "$(t_js '[m["name"] for m in d["scheduled_maintenances"]]')" "['Database upgrade']" "upcoming lists it"

# Maintenance with scheduled_auto_*: it starts and completes by itself.
from=$(date -u -d '+3 seconds' +%Y-%m-%dT%H:%M:%SZ)
until=$(date -u -d '+6 seconds' +%Y-%m-%dT%H:%M:%SZ)
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Quick restart\", \"status\": \"scheduled\",
	\"scheduled_for\": \"$from\", \"scheduled_until\": \"$until\",
	\"scheduled_auto_in_progress\": true, \"scheduled_auto_completed\": true}}"
auto=$(t_js 'd["id"]')
seen=
for i in $(seq 60); do
	s=$(t_psql -c "SELECT status FROM incidents WHERE id = $auto")
	case " $seen " in *" $s "*) ;; *) seen="$seen $s" ;; esac
	[ "$s" = completed ] && break
	if [ "$s" = in_progress ] && [ -z "${banner:-}" ]; then
		t_get "$T_BASE/"
		banner=$(printf '%s' "$T_BODY" | grep -o '<h1>[^<]*</h1>')
	fi
	sleep 0.25
done
is "${seen# }" "scheduled in_progress completed" "auto maintenance: scheduled, in progress, completed"
is "${banner:-}" "<h1>Service Under Maintenance</h1>" "while in progress the page says so"
t_get "$T_BASE/incidents/$auto"
like "$T_BODY" "Scheduled maintenance is currently in progress\." "its start is on the timeline"
like "$T_BODY" "The scheduled maintenance has been completed\." "and its end"

# Correcting an update's text.
upd=$(t_psql -c "SELECT id FROM incident_updates WHERE incident_id = $id AND status = 'identified'")
t_get "$T_BASE/incidents/$id.json"
was=$(t_js 'd["incident"]["updated_at"]')
# atom_updated ID: the <updated> of incident ID's entry in the last body.
atom_updated() {
	$PY -c 'import sys, xml.etree.ElementTree as E
a = "{http://www.w3.org/2005/Atom}"
for e in E.fromstring(sys.stdin.read()).iter(a + "entry"):
    if e.find(a + "id").text.endswith("incidents/" + sys.argv[1]):
        print(e.find(a + "updated").text)' "$1" <<<"$T_BODY"
}
t_get "$T_BASE/history.atom"
atom_was=$(atom_updated "$id")
sleep 1.1
t_api PATCH "$V1/incidents/$id/incident_updates/$upd" '{"incident_update": {"body": "Now identified: a bad deploy."}}'
is "$T_STATUS" 200 "edit an update: 200"
is "$(t_js 'd["id"], d["body"]')" "$upd Now identified: a bad deploy." "the answer is the update"
t_get "$T_BASE/incidents/$id"
like "$T_BODY" "Now identified: a bad deploy\." "the page shows the correction"
t_get "$T_BASE/incidents/$id.json"
ok "a correction moves the incident's updated_at ($was, then $(t_js 'd["incident"]["updated_at"]'))" \
	[ "$(t_js 'd["incident"]["updated_at"]')" != "$was" ]
t_get "$T_BASE/history.atom"
atom_now=$(atom_updated "$id")
ok "and the feed entry's <updated> ($atom_was, then $atom_now)" \
	[ -n "$atom_was" -a "$atom_now" != "$atom_was" ]
t_api PATCH "$V1/incidents/$id/incident_updates/999999" '{"incident_update": {"body": "x"}}'
is "$T_STATUS" 404 "an unknown update: 404"

# Idempotency: a retried POST creates one incident.
before=$(count incidents)
body='{"incident": {"name": "Retried", "body": "Once only."}}'
t_api POST "$V1/incidents" "$body" -H 'Idempotency-Key: retry-1'
first=$(t_js 'd["id"]')
t_api POST "$V1/incidents" "$body" -H 'Idempotency-Key: retry-1'
is "$T_STATUS $(t_js 'd["id"]')" "201 $first" "the retry gets the first answer"
is "$(count incidents)" $((before + 1)) "and one incident was made"
t_api POST "$V1/incidents" '{"incident": {"name": "Something else"}}' -H 'Idempotency-Key: retry-1'
is "$T_STATUS" 409 "the same key on another request: 409"
t_api POST "$V1/components" "$body" -H 'Idempotency-Key: retry-1'
is "$T_STATUS" 409 "the same key and body at another address: 409"
is "$(t_js 'd["field"]')" Idempotency-Key "naming the header"
before=$(count incidents)
for idem in "$(printf 'caf\xc3\xa9')" "$(printf 'bad\xff')" "with space" "$(printf 'x%.0s' $(seq 256))"; do
	t_api POST "$V1/incidents" "$body" -H "Idempotency-Key: $idem"
	is "$T_STATUS:$(t_js 'd["field"]')" 400:Idempotency-Key \
		"an Idempotency-Key not visible ASCII, or of 256 characters: 400 (${idem:0:12})"
done
is "$(count incidents)" "$before" "and nothing written"

# Refusals.
t_get -X POST -H 'Content-Type: application/json' -d '{}' "$V1/incidents"
is "$T_STATUS" 401 "no key: 401"
like "$(t_header www-authenticate)" "^Bearer" "with WWW-Authenticate"
t_get -X POST -H "Authorization: OAuth lantern_$(printf '0%.0s' $(seq 64))" \
	-H 'Content-Type: application/json' -d '{}' "$V1/incidents"
is "$T_STATUS" 401 "a wrong key: 401"
t_get -X POST -H "Authorization: Bearer $ro" -H 'Content-Type: application/json' \
	-d '{"incident": {"name": "x"}}' "$V1/incidents"
is "$T_STATUS" 403 "a read-only key (as Bearer): 403"
"$LANTERN_CTL" --database-url "$T_DB_URL" token revoke \
	"$(t_psql -c "SELECT id FROM api_tokens WHERE name = 'reader'")" >/dev/null
t_get -X POST -H "Authorization: Bearer $ro" -H 'Content-Type: application/json' \
	-d '{"incident": {"name": "x"}}' "$V1/incidents"
is "$T_STATUS" 401 "a revoked key: 401"
t_api POST "$T_BASE/v1/pages/999/incidents" '{"incident": {"name": "x"}}'
is "$T_STATUS" 404 "an unknown page: 404"
for p in 999/components 999/component-groups abc/incidents 99999999999999999999/incidents; do
	t_api POST "$T_BASE/v1/pages/$p" '{"component": {"name": "x"}, "component_group": {"name": "x", "components": ["1"]}, "incident": {"name": "x"}}'
	is "$T_STATUS $(t_js 'd["field"]')" "404 page_id" "a write to page $p: 404 naming page_id"
done
t_api PATCH "$V1/incidents/999999" '{"incident": {"status": "resolved"}}'
is "$T_STATUS" 404 "an unknown incident: 404"
t_api GET "$V1/incidents" ''
is "$T_STATUS $(t_header allow)" "405 POST" "GET on the collection: 405 with Allow"
t_api PUT "$V1/incidents/$first/postmortem/publish" '{"postmortem": {}}'
is "$T_STATUS" 409 "publishing before resolving: 409"
t_get -X POST -H "Authorization: OAuth $key" -H 'Content-Type: text/plain' \
	-d 'name=x' "$V1/incidents"
is "$T_STATUS" 415 "not JSON: 415"
head -c 70000 /dev/zero | tr '\0' 'a' >"$T_DIR/big"
t_get -X POST -H "Authorization: OAuth $key" -H 'Content-Type: application/json' \
	--data-binary "@$T_DIR/big" "$V1/incidents"
is "$T_STATUS" 413 "over 64 KiB: 413"
is "$(t_js 'd["error"]')" "The body is larger than 64 KiB." "in JSON"

# A batch of malformed bodies: each a clear 4xx naming what is wrong, none
# writes anything, none brings the program down.
before=$(count incidents)
audit=$(count audit_log)
deep='{"incident": {"name": "x", "metadata": {"a": {"b": {"c": {"d": {"e": {"f": {"g": 1}}}}}}}}}'
bad=(
	'{"incident": {"name": "truncated"'
	"$deep"
	'{"incident": {"name": 42}}'
	'{"incident": {"name": "x", "status": "on fire"}}'
	'{"incident": {"name": "x", "impact_override": ["major"]}}'
	'{"incident": {"name": "x", "components": {"999999": "major_outage"}}}'
	"{\"incident\": {\"name\": \"x\", \"components\": {\"$runner\": \"broken\"}}}"
	'{"incident": {"name": "x", "surprise": true}}'
	'{"incident": {}}'
	'[1, 2, 3]'
	'{"incident": {"name": "x"}} trailing'
	'{"incident": {"name": "x", "status": "scheduled"}}'
	'{"incident": {"name": "x", "scheduled_for": "tomorrow", "scheduled_until": "later"}}'
	'{"incident": {"name": "x", "scheduled_for": "2030-01-05T04:00:00Z", "scheduled_until": "2030-01-05T02:00:00Z"}}'
	"{\"incident\": {\"name\": \"$(printf 'n%.0s' $(seq 400))\"}}"
	''
)
for body in "${bad[@]}"; do
	t_api POST "$V1/incidents" "$body"
	like "$T_STATUS" '^4[0-9][0-9]$' "refused with 4xx ($T_STATUS): ${body:0:50}"
	# A Python traceback has letters too: the answer must be JSON whose
	# error is a sentence.
	is "$(t_js 'isinstance(d.get("error"), str) and len(d["error"].split()) >= 2')" True \
		"  and says why: $(t_js 'd.get("error"), d.get("field")' | head -c 120)"
done
printf '{"incident": {"name": "bad \xff\xfe utf-8"}}' >"$T_DIR/req"
t_get -X POST -H "Authorization: OAuth $key" -H 'Content-Type: application/json' \
	--data-binary "@$T_DIR/req" "$V1/incidents"
is "$T_STATUS" 400 "invalid UTF-8: 400"
is "$(count incidents)" "$before" "no malformed body wrote an incident"
is "$(count audit_log)" "$audit" "nor an audit row"
ok "the program is still up" kill -0 "$T_APP_PID"

# SQL and HTML in valid bodies are just text.
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"x'); DROP TABLE incidents; --\",
	\"body\": \"<img src=x onerror=alert(1)> <script>alert(2)</script>\"}}"
is "$T_STATUS" 201 "SQL in a name is a name"
is "$(count "incidents WHERE name = 'x''); DROP TABLE incidents; --'")" 1 "stored as written"
t_get "$T_BASE/"
unlike "$T_BODY" "<img src=x|<script>alert" "HTML in an update is shown as text"

# The database's own words (tables, constraints) never reach a client.
t_api POST "$V1/incidents" '{"incident": {"name": " Padded", "status": "investigating"}}'
is "$T_STATUS" 422 "a name with a leading space: 422"
is "$(t_js 'd["field"]')" incident.name "naming the field"
t_api POST "$V1/incidents" '{"incident": {"name": "Blank", "status": "investigating", "body": "   "}}'
is "$T_STATUS" 422 "a blank update text: 422"
is "$(t_js 'd["field"]')" incident.body "naming the field"
unlike "$T_BODY" "violates|constraint|relation|incidents_|incident_updates" \
	"in words of ours, not PostgreSQL's"

# A character no feed's XML could carry is refused at the door, by field.
n=$(count incidents)
t_api POST "$V1/incidents" '{"incident": {"name": "Bad \ufffe name", "status": "investigating"}}'
is "$T_STATUS" 422 "U+FFFE in a name: 422"
is "$(t_js 'd["field"]')" incident.name "naming the field"
like "$(t_js 'd["error"]')" "noncharacters \(U\+FFFE" "and the character"
t_api POST "$V1/incidents" '{"incident": {"name": "C1", "status": "investigating", "body": "x\u0085y"}}'
is "$T_STATUS" 422 "a C1 control in the body: 422"
t_api POST "$V1/incidents" '{"incident": {"name": "x", "name": "y", "status": "investigating"}}'
is "$T_STATUS" 400 "a key twice: 400, not the last one winning"
is "$(t_js 'd["field"]')" incident.name "naming the key"
is "$(count incidents)" "$n" "nothing was written"

# An Idempotency-Key holds for a day: one older is used anew, then pruned.
is "$(t_psql -c "INSERT INTO idempotency_keys (token_id, key, method, path, request_sha256, status, response, created_at)
	SELECT t.id, k, 'POST', '/v1/pages/$page/incidents', sha256('x'), 201, '{\"name\": \"Old answer\"}',
	       now() - interval '25 hours'
	  FROM api_tokens t, (VALUES ('day-old'), ('stale')) v(k) WHERE t.name = 'ops'
	RETURNING key" | wc -l)" 2 "two keys a day old"
t_api POST "$V1/incidents" '{"incident": {"name": "A day later", "status": "investigating"}}' \
	-H 'Idempotency-Key: day-old'
is "$T_STATUS" 201 "a key a day old is not replayed: the write is done"
is "$(t_js 'd["name"]')" "A day later" "and answered for itself"
ok "an expired key left by the ticker is pruned within seconds" t_until 5 bash -c \
	"[ \"\$(psql -X -qtA -d '$T_DB_URL' -c \"SELECT count(*) FROM idempotency_keys WHERE key = 'stale'\")\" = 0 ]"

# The write path is rate limited.
seq 300 | xargs -P 32 -I{} curl -s -o /dev/null -w '%{http_code}\n' -X PATCH \
	-H "Authorization: OAuth $key" -H 'Content-Type: application/json' \
	-d '{"component": {}}' "$V1/components/$runner" >"$T_DIR/codes"
like "$(sort -u "$T_DIR/codes" | tr '\n' ' ')" "429" "a burst of writes meets 429"

t_done
