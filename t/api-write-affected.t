# api-write-affected.t: the components an incident affects (Statuspage's
# component_ids) through the real nginx and PostgreSQL: every refusal
# writes nothing; the set shows in the write API's answer, in API v2's
# incidents, unresolved, summary and per-incident JSON, on the incident
# page and in the component feeds; PATCH replaces it; a deleted component
# leaves it; an incident read outside the snapshot has it too; lanternctl.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

SHAPES="/usr/bin/python3 $LANTERN_SRCDIR/t/api-shapes.py"
key=$(lantern_token_create "$T_DB_URL" ops)
T_KEY=$key
page=$(t_psql -c "SELECT id FROM pages")
V1=$T_BASE/v1/pages/$page
cid() { t_psql -c "SELECT id FROM components WHERE page_id = $page AND name = '$1'"; }
web=$(cid 'Web Page')
runner=$(cid Runner)
api=$(cid 'API Service')
storage=$(cid Storage)
count() { t_psql -c "SELECT count(*) FROM $1"; }

# shape KIND DESCRIPTION: the last body has Statuspage's shape for KIND
# (the checker prints nothing, and says what is wrong otherwise).
shape() { is "$($SHAPES check "$1" "$T_BASE" <<<"$T_BODY" 2>&1 | head -n 5)" "" "$2"; }
# names: the names of the incident's components in the last body (d is
# the incident, or holds it under "incident").
names() { t_js '",".join(c["name"] for c in d.get("incident", d)["components"])'; }

# Another page with a component of its own, and a group.
other=$(t_psql -c "WITH p AS (INSERT INTO pages (name, url) VALUES ('Other', 'http://other.example')
	RETURNING id) INSERT INTO components (page_id, name) SELECT id, 'Elsewhere' FROM p RETURNING id")
# Groups and components have ids of their own: the group must not share
# its id with any component, or the id would name that component (or the
# other page's id this page's group).  Groups are made until one does not,
# and only that one is kept.
group=$(t_psql -c "INSERT INTO component_groups (page_id, name) VALUES ($page, 'Backend') RETURNING id")
while [ -n "$(t_psql -c "SELECT 1 FROM components WHERE id = $group")" ]; do
	group=$(t_psql -c "INSERT INTO component_groups (page_id, name) VALUES ($page,
		'Backend $group') RETURNING id")
done
t_psql -c "DELETE FROM component_groups WHERE id <> $group" >/dev/null

# --- Refusals: 422 naming the entry and the id; nothing written ----------
incidents=$(count incidents)
audit=$(count audit_log)
affected=$(count incident_components)
version=$(t_psql -c "SELECT version FROM pages WHERE id = $page")
refuse() {	# BODY STATUS FIELD ERROR-REGEX DESCRIPTION
	t_api POST "$V1/incidents" "$1"
	is "$T_STATUS $(t_js 'd.get("field")')" "$2 $3" "$5: $2 naming $3"
	like "$(t_js 'd.get("error")')" "$4" "  and the id: $(t_js 'd.get("error")')"
}
refuse '{"incident": {"name": "x", "component_ids": ["nope"]}}' \
	422 incident.component_ids.0 '"nope"' '["nope"]'
refuse "{\"incident\": {\"name\": \"x\", \"component_ids\": [\"$web\", \"$group\"]}}" \
	422 incident.component_ids.1 "^$group is a component group" "a group's id"
refuse "{\"incident\": {\"name\": \"x\", \"component_ids\": [\"$other\"]}}" \
	422 incident.component_ids.0 "no component $other on this page" "another page's component"
refuse '{"incident": {"name": "x", "component_ids": ["999999999"]}}' \
	422 incident.component_ids.0 "no component 999999999 " "an id that names nothing"
refuse "{\"incident\": {\"name\": \"x\", \"component_ids\": \"$web\"}}" \
	422 incident.component_ids "must be an array of ids, not a string" "a string, not an array"
refuse '{"incident": {"name": "x", "component_ids": {"a": 1}}}' \
	422 incident.component_ids "not an object" "an object"
refuse '{"incident": {"name": "x", "component_ids": [true]}}' \
	422 incident.component_ids.0 "not true or false" "an entry that is no id"
refuse "{\"incident\": {\"name\": \"x\", \"component_ids\": [\"$web\", $web]}}" \
	422 incident.component_ids.1 "listed twice" "an id twice"
refuse "{\"incident\": {\"name\": \"x\", \"component_ids\": [\"$web\"],
	\"components\": {\"$group\": \"major_outage\"}}}" \
	422 "incident.components.$group" "no such component" "a group's id among components"
is "$(count incidents) $(count audit_log) $(count incident_components)" \
	"$incidents $audit $affected" "no refusal wrote an incident, an audit row or a component"
is "$(t_psql -c "SELECT version FROM pages WHERE id = $page")" "$version" \
	"nor moved the page's version"

# --- Opened with component_ids and a status -------------------------------
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Slow pages\", \"status\": \"investigating\",
	\"body\": \"Pages load slowly.\", \"component_ids\": [\"$api\", $web],
	\"components\": {\"$runner\": \"degraded_performance\"}}}"
is "$T_STATUS" 201 "open with component_ids: 201"
id=$(t_js 'd["id"]')
is "$(names)" "Web Page,Runner,API Service" \
	"the answer's components: those of component_ids and components, in page order"
is "$(t_js 'd["components"][1]["status"]')" degraded_performance "each as it is now"
is "$(t_js 'd["incident_updates"][0]["affected_components"]')" \
	"[{'code': '$runner', 'name': 'Runner', 'old_status': 'operational', 'new_status': 'degraded_performance'}]" \
	"the update's affected_components: only the status it moved"
is "$(count "incident_components WHERE incident_id = $id")" 3 "three rows recorded"
is "$(t_psql -c "SELECT status FROM components WHERE id = $web")" operational \
	"component_ids alone moves no status"
is "$(t_psql -c "SELECT after->'components' IS NOT NULL FROM audit_log WHERE action = 'incident.create' ORDER BY id DESC LIMIT 1")" \
	t "the audit row has them"

for path in /api/v2/incidents.json /api/v2/incidents/unresolved.json /api/v2/summary.json; do
	t_get "$T_BASE$path"
	is "$(t_js "','.join(c['name'] for i in d['incidents'] if i['id'] == '$id' for c in i['components'])")" \
		"Web Page,Runner,API Service" "$path: the incident's components"
	shape "$(case $path in *summary*) echo summary ;; *) echo incidents ;; esac)" \
		"$path keeps Statuspage's shape"
done
t_get "$T_BASE/incidents/$id.json"
is "$(names)" "Web Page,Runner,API Service" "/incidents/$id.json: its components"
shape incident "/incidents/$id.json keeps Statuspage's shape"
t_get "$T_BASE/incidents/$id"
like "$T_BODY" "<p class=\"affected-line\">This incident affected: Web Page, Runner, and API Service\.</p>" \
	"the incident page says what it affected"
t_get "$T_BASE/components/$api/history.rss"
like "$T_BODY" "<title>Slow pages</title>" "the feed of a component named only in component_ids has it"

# --- PATCH: component_ids replaces; components joins ----------------------
updates=$(count "incident_updates WHERE incident_id = $id")
t_api PATCH "$V1/incidents/$id" "{\"incident\": {\"component_ids\": [\"$api\"]}}"
is "$T_STATUS $(names)" "200 API Service" "PATCH component_ids replaces the set"
is "$(count "incident_updates WHERE incident_id = $id")" "$updates" \
	"and makes no entry on the timeline"
t_get "$T_BASE/incidents/$id.json"
is "$(names)" "API Service" "readers see the new set"
t_get "$T_BASE/incidents/$id"
like "$T_BODY" "This incident affected: API Service\.</p>" "one component: its name alone"

t_api PATCH "$V1/incidents/$id" "{\"incident\": {\"status\": \"identified\",
	\"components\": {\"$storage\": \"partial_outage\"}}}"
is "$T_STATUS $(names)" "200 API Service,Storage" "a status in components joins the set"
t_get "$T_BASE/incidents/$id"
like "$T_BODY" "This incident affected: API Service and Storage\.</p>" "two: A and B"

t_api PATCH "$V1/incidents/$id" "{\"incident\": {\"component_ids\": [\"$web\"],
	\"components\": {\"$storage\": \"operational\"}}}"
is "$T_STATUS $(names)" "200 Web Page,Storage" "both: component_ids and components' ids"
t_api PATCH "$V1/incidents/$id" "{\"incident\": {\"component_ids\": [\"$web\", \"$storage\"],
	\"components\": {\"$web\": \"operational\"}}}"
is "$T_STATUS $(names)" "200 Web Page,Storage" "an id in both counts once"

n=$(count "incident_components WHERE incident_id = $id")
t_api PATCH "$V1/incidents/$id" "{\"incident\": {\"name\": \"Renamed\",
	\"component_ids\": [\"$web\", \"$other\"]}}"
is "$T_STATUS $(t_js 'd.get("field")')" "422 incident.component_ids.1" "a bad PATCH: 422 naming the entry"
is "$(t_psql -c "SELECT name FROM incidents WHERE id = $id") $(count "incident_components WHERE incident_id = $id")" \
	"Slow pages $n" "and changed nothing"
t_api PATCH "$V1/incidents/$id" '{"incident": {"component_ids": "none"}}'
is "$T_STATUS" 422 "a PATCH with a string: 422"

t_api PATCH "$V1/incidents/$id" '{"incident": {"component_ids": []}}'
is "$T_STATUS $(t_js 'd["components"]')" "200 []" "component_ids [] leaves none"
t_get "$T_BASE/incidents/$id"
unlike "$T_BODY" "affected-line" "and the page says nothing of it"

# --- A deleted component leaves the incidents it affected -----------------
t_api PATCH "$V1/incidents/$id" "{\"incident\": {\"component_ids\": [\"$web\", \"$storage\"]}}"
t_api DELETE "$V1/components/$storage" ''
is "$T_STATUS" 204 "delete an affected component: 204"
t_get "$T_BASE/incidents/$id.json"
is "$T_STATUS $(names)" "200 Web Page" "the incident stays, without it"
t_get "$T_BASE/incidents/$id"
like "$T_BODY" "This incident affected: Web Page\.</p>" "its page too"

# --- The set is public: a change of it alone notifies ---------------------
v=$(t_psql -c "SELECT version FROM pages WHERE id = $page")
t_psql -c "INSERT INTO incident_components (incident_id, component_id, page_id) VALUES ($id, $api, $page)"
ok "a row written by hand moves the page's version" \
	[ "$(t_psql -c "SELECT version FROM pages WHERE id = $page")" -gt "$v" ]
t_get "$T_BASE/incidents/$id.json"
is "$(names)" "Web Page,API Service" "and readers see it"
ok "the database refuses another page's component" \
	bash -c "! psql -X -q -d '$T_DB_URL' -c 'INSERT INTO incident_components (incident_id, component_id, page_id)
		VALUES ($id, $other, $page)' </dev/null 2>/dev/null"

# --- Maintenance, and the demo's incidents --------------------------------
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Runner upgrade\", \"status\": \"scheduled\",
	\"scheduled_for\": \"2030-01-05T02:00:00Z\", \"scheduled_until\": \"2030-01-05T04:00:00Z\",
	\"component_ids\": [\"$runner\"]}}"
is "$T_STATUS $(names)" "201 Runner" "maintenance takes component_ids too"
mid=$(t_js 'd["id"]')
t_get "$T_BASE/incidents/$mid"
like "$T_BODY" "This scheduled maintenance affected: Runner\.</p>" "and its page says so"
jan=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Agent can''t run'")
t_get "$T_BASE/incidents/$jan"
like "$T_BODY" "This incident affected: Runner\.</p>" "the demo's January incident affected Runner"

# --- The uptime bar's tooltip of today names incidents that affect it -----
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Quiet trouble\",
	\"component_ids\": [\"$api\"]}}"
is "$T_STATUS" 201 "an incident that moves no status"
# today NAME: the tooltip of component NAME's last cell on /.
today() {
	/usr/bin/python3 -c 'import re, sys
b = sys.stdin.read()
i = b.index("<span class=\"name\">%s</span>" % sys.argv[1])
print(re.findall(r"<i class=\"[a-z0-9 ]+\" title=\"(.*?)\"></i>", b[i:b.index("uptime-legend", i)], re.S)[-1])' "$1" <<<"$T_BODY"
}
t_get "$T_BASE/"
like "$(today 'API Service')" "Quiet trouble" "API Service's bar names it today"
unlike "$(today Runner)" "Quiet trouble" "Runner's does not"

# --- An incident outside the snapshot, read on demand ---------------------
t_psql -c "WITH old AS (INSERT INTO incidents (page_id, name, status, impact, created_at, updated_at,
		started_at, resolved_at) VALUES ($page, 'Old outage', 'resolved', 'minor',
		'2020-03-01 10:00Z', '2020-03-01 11:00Z', '2020-03-01 10:00Z', '2020-03-01 11:00Z')
		RETURNING id)
	INSERT INTO incident_components (incident_id, component_id, page_id)
	SELECT id, c, $page FROM old, unnest(ARRAY[$web, $api]) c" >/dev/null
old=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Old outage'")
t_psql -c "INSERT INTO incidents (page_id, name, status, impact, started_at, resolved_at)
	SELECT $page, 'Filler ' || g, 'resolved', 'none', now() - interval '1 hour', now()
	  FROM generate_series(1, 55) g" >/dev/null
t_get "$T_BASE/api/v2/incidents.json"
is "$(t_js "'$old' in [i['id'] for i in d['incidents']]")" False "the old incident is not among the recent"
t_get "$T_BASE/incidents/$old.json"
is "$T_STATUS $(names)" "200 Web Page,API Service" "/incidents/$old.json reads its components"
t_get "$T_BASE/incidents/$old"
like "$T_BODY" "This incident affected: Web Page and API Service\.</p>" "and its page"

# --- lanternctl incident open/update --component C ------------------------
lc() { LANTERN_URL=$T_BASE LANTERN_API_KEY=$key "$LANTERN_CTL" --page "$page" "$@" 2>"$T_DIR/err"; }
out=$(lc --json incident open "Ctl outage" --component 'web page' --component Runner=partial_outage)
is "$?" 0 "lanternctl incident open --component C --component C=STATUS: exit 0"
T_BODY=$out
cid=$(t_js 'd["id"]')
is "$(names)" "Web Page,Runner" "both are affected"
is "$(t_psql -c "SELECT status FROM components WHERE id = $web")" operational "C alone moves no status"
out=$(lc --json incident update "$cid" --component 'API Service')
is "$?" 0 "lanternctl incident update --component C: exit 0"
T_BODY=$out
is "$(names)" "Web Page,Runner,API Service" "C joins those the incident affected"
out=$(lc incident update "$cid" --component Nowhere)
is "$?" 65 "an unknown component: exit 65"
t_done
