# api-v2.t: the Statuspage-compatible JSON API, /incidents/{id}.json,
# /history.json and /api/uptime.json, through the real nginx: shapes as
# Statuspage documents them (t/api-shapes.py), the demo data's values, CORS,
# caching and conditional requests, and JSON errors.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

SHAPES="/usr/bin/python3 $LANTERN_SRCDIR/t/api-shapes.py"
TS='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}[+-][0-9]{2}:[0-9]{2}$'

# get EXPR: a value of the last body (d is the document).
get() { $SHAPES get "$1" <<<"$T_BODY"; }

# shape KIND DESCRIPTION: the last body has KIND's exact shape.
shape() {
	local out
	if out=$($SHAPES check "$1" "$T_BASE" <<<"$T_BODY" 2>&1); then pass "$2"
	else
		local IFS=$'\n'
		fail "$2" $(printf '%s\n' "$out" | head -n 20)
	fi
}

lazy_file() { t_get "$T_BASE$1"; [ "$(t_header x-cache-status)" = FILE ]; }
# public PATH: 200 JSON, CORS, short public caching, validators, and a 304
# for the ETag it gave (and for its Last-Modified) without a body.
public() {
	local path=$1 etag lm
	t_get "$T_BASE$path"
	# An incident's JSON is the program's answer first, then a file with
	# nginx's validators (cgi-bin/mirror.h): those are the ones to keep.
	if [[ $path =~ ^/incidents/[0-9]+\.json$ ]]; then
		ok "$path: a file once asked for" t_until 2 lazy_file "$path"
	fi
	is "$T_STATUS" 200 "$path is 200"
	is "$(t_header content-type)" application/json "$path is JSON"
	is "$(t_header access-control-allow-origin)" "*" "$path may be read cross-origin"
	like "$(t_header cache-control)" '^public, max-age=[0-9]{1,3}$' "$path: short public caching"
	etag=$(t_header etag)
	lm=$(t_header last-modified)
	# The program's, or nginx's for the file of a fixed address (mtime-size).
	like "$etag" '^"([0-9a-f]{16}|[0-9a-f]+-[0-9a-f]+)"$' "$path has a strong ETag"
	like "$lm" 'GMT$' "$path has a Last-Modified"
	local body=$T_BODY headers=$T_HEADERS
	t_get -H "If-None-Match: $etag" "$T_BASE$path"
	is "$T_STATUS" 304 "$path: 304 for its ETag"
	is "$T_BODY" "" "$path: the 304 has no body"
	is "$(t_header access-control-allow-origin)" "*" "$path: the 304 keeps CORS"
	t_get -H "If-Modified-Since: $lm" "$T_BASE$path"
	is "$T_STATUS" 304 "$path: 304 for its Last-Modified"
	t_get -H 'If-None-Match: "0000000000000000"' -H "If-Modified-Since: $lm" "$T_BASE$path"
	is "$T_STATUS" 200 "$path: If-None-Match wins over If-Modified-Since"
	T_BODY=$body
	T_HEADERS=$headers
}

jan=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Agent can''t run'")
feb=$(t_psql -c "SELECT id FROM incidents WHERE name LIKE 'The platform%'")
page_id=$(t_psql -c "SELECT id FROM pages")
runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
web=$(t_psql -c "SELECT id FROM components WHERE name = 'Web Page'")
storage=$(t_psql -c "SELECT id FROM components WHERE name = 'Storage'")

# --- summary.json
public /api/v2/summary.json
shape summary "summary.json has Statuspage's shape"
is "$(get 'd["page"]["id"]')" "$page_id" "the page's id, as a string"
is "$(get 'd["page"]["name"]')" VM0 "the page's name"
is "$(get 'd["page"]["url"]')" "$T_BASE" "the page's URL is the base URL"
is "$(get 'd["page"]["time_zone"]')" UTC "the page's time zone as stored"
like "$(get 'd["page"]["updated_at"]')" "$TS" "updated_at with ms and offset"
is "$(get '",".join(c["name"] for c in d["components"])')" \
	"Web Page,Runner,API Service,Storage" "four components, in their order"
is "$(get '",".join(c["status"] for c in d["components"])')" \
	"operational,operational,operational,operational" "all operational"
is "$(get '[c["position"] for c in d["components"]]')" "[10, 20, 30, 40]" "positions are integers"
is "$(get 'd["components"][1]["id"]')" "$runner" "component ids are the database's, as strings"
is "$(get 'd["components"][0]["created_at"]')" "2025-10-01T00:00:00.000+00:00" "created_at"
is "$(get 'd["components"][0]["start_date"]')" "2025-10-01" "start_date"
is "$(get 'd["components"][0]["description"]')" "null" "no description is null"
is "$(get 'd["status"]')" '{"indicator": "none", "description": "All Systems Operational"}' \
	"status: none, All Systems Operational"
is "$(get 'len(d["incidents"])')" 0 "no unresolved incidents in the demo"
is "$(get 'len(d["scheduled_maintenances"])')" 0 "no maintenance in the demo"

# --- status.json
public /api/v2/status.json
shape status "status.json has Statuspage's shape"
is "$(get 'd["status"]["indicator"]')" none "indicator none"
is "$(get 'd["status"]["description"]')" "All Systems Operational" "All Systems Operational"

# --- components.json
public /api/v2/components.json
shape components "components.json has Statuspage's shape"
is "$(get 'len(d["components"])')" 4 "four components"
is "$(get 'any(c["group"] for c in d["components"])')" false "no groups in the demo"

# A group is a component with "group": true and its children's ids.
t_psql -c "
	WITH g AS (INSERT INTO component_groups (page_id, name, position)
	           SELECT id, 'Platform', 5 FROM pages RETURNING id, page_id)
	UPDATE components c SET group_id = g.id FROM g
	 WHERE c.page_id = g.page_id AND c.name IN ('Web Page', 'API Service')" >/dev/null
group=$(t_psql -c "SELECT id FROM component_groups WHERE name = 'Platform'")
api=$(t_psql -c "SELECT id FROM components WHERE name = 'API Service'")
t_psql -c "UPDATE components SET status = 'degraded_performance' WHERE id = $api" >/dev/null
public /api/v2/components.json
shape components "components.json with a group has Statuspage's shape"
is "$(get '[(c["name"], c["group"]) for c in d["components"]]')" \
	'[["Platform", true], ["Web Page", false], ["API Service", false], ["Runner", false], ["Storage", false]]' \
	"the group comes before its components, at its position"
is "$(get 'd["components"][0]["components"]')" "[\"$web\", \"$api\"]" "the group lists its children's ids"
is "$(get 'd["components"][0]["id"]')" "$group" "the group's id"
is "$(get 'd["components"][0]["status"]')" degraded_performance "the group shows its worst status"
is "$(get '[c["group_id"] for c in d["components"]]')" \
	"[null, \"$group\", \"$group\", null, null]" "children name their group"
t_psql -c "UPDATE components SET status = 'operational', group_id = NULL" >/dev/null
t_psql -c "DELETE FROM component_groups" >/dev/null

# --- incidents.json
public /api/v2/incidents.json
shape incidents "incidents.json has Statuspage's shape"
is "$(get '[i["id"] for i in d["incidents"]]')" "[\"$feb\", \"$jan\"]" "both demo incidents, newest first"
is "$(get 'len(d["incidents"][1]["incident_updates"])')" 8 \
	"January: 7 updates and the postmortem"
is "$(get 'len(d["incidents"][0]["incident_updates"])')" 4 \
	"February: 3 updates and the postmortem"
is "$(get '[u["status"] for u in d["incidents"][1]["incident_updates"]]')" \
	'["postmortem", "resolved", "identified", "identified", "identified", "identified", "identified", "investigating"]' \
	"January's updates newest first, the postmortem on top"
like "$(get 'd["incidents"][1]["incident_updates"][0]["body"]')" "Mock ≠ Real" "the postmortem's text"
is "$(get 'd["incidents"][1]["incident_updates"][0]["created_at"]')" "2026-01-20T10:30:00.000+00:00" \
	"the postmortem's time"
is "$(get 'd["incidents"][1]["incident_updates"][-1]["affected_components"]')" \
	"[{\"code\": \"$runner\", \"name\": \"Runner\", \"old_status\": \"operational\", \"new_status\": \"major_outage\"}]" \
	"Investigating: Runner went from operational to major outage"
is "$(get 'd["incidents"][1]["incident_updates"][1]["affected_components"]')" \
	"[{\"code\": \"$runner\", \"name\": \"Runner\", \"old_status\": \"major_outage\", \"new_status\": \"operational\"}]" \
	"Resolved: Runner back to operational"
is "$(get 'd["incidents"][1]["incident_updates"][2]["affected_components"]')" null \
	"an update that changed nothing has null"
is "$(get '[c["name"] for c in d["incidents"][1]["components"]]')" '["Runner"]' "the incident's components"
is "$(get 'd["incidents"][1]["impact"]')" major "impact"
is "$(get 'd["incidents"][1]["status"]')" postmortem "status"
is "$(get 'd["incidents"][1]["started_at"]')" "2026-01-19T06:02:00.000+00:00" "started_at"
is "$(get 'd["incidents"][1]["resolved_at"]')" "2026-01-19T11:00:00.000+00:00" "resolved_at"
is "$(get 'd["incidents"][1]["monitoring_at"]')" null "never monitored: null"
is "$(get 'd["incidents"][1]["shortlink"]')" "$T_BASE/incidents/$jan" "shortlink from the base URL"
t_get -H 'Host: evil.example' "$T_BASE/api/v2/incidents.json"
unlike "$T_BODY" "evil.example" "links never come from the Host header"

# --- incidents/unresolved.json, before and after an open incident
public /api/v2/incidents/unresolved.json
shape incidents "incidents/unresolved.json has Statuspage's shape"
is "$(get 'd["incidents"]')" "[]" "nothing unresolved in the demo"
t_psql -c "
	WITH i AS (
		INSERT INTO incidents (page_id, name, status, impact, started_at)
		SELECT id, 'Slow \"queues\" <b>', 'investigating', 'minor', now() - interval '10 minutes'
		  FROM pages RETURNING id)
	INSERT INTO incident_updates (incident_id, status, body, created_at)
	SELECT id, 'investigating', 'Jobs wait longer than usual.', now() - interval '10 minutes' FROM i" >/dev/null
open=$(t_psql -c "SELECT id FROM incidents WHERE status = 'investigating'")
public /api/v2/incidents/unresolved.json
shape incidents "unresolved.json with an open incident has Statuspage's shape"
is "$(get '[i["id"] for i in d["incidents"]]')" "[\"$open\"]" "the open incident is unresolved"
is "$(get 'd["incidents"][0]["name"]')" 'Slow "queues" <b>' "its name, as text"
is "$(get 'd["incidents"][0]["resolved_at"]')" null "resolved_at null"
t_get "$T_BASE/api/v2/status.json"
is "$(get 'd["status"]["indicator"]')" minor "a minor incident makes the indicator minor"
t_get "$T_BASE/api/v2/summary.json"
shape summary "summary.json with an open incident"
is "$(get '[i["id"] for i in d["incidents"]]')" "[\"$open\"]" "summary lists it"
t_psql -c "UPDATE incidents SET status = 'resolved', resolved_at = now() WHERE id = $open" >/dev/null

# --- maintenance: one to come, one under way
public /api/v2/scheduled-maintenances.json
shape maintenances "scheduled-maintenances.json (empty) has Statuspage's shape"
is "$(get 'd["scheduled_maintenances"]')" "[]" "no maintenance in the demo"
t_psql -c "
	WITH m AS (
		INSERT INTO incidents (page_id, kind, name, status, impact, scheduled_for, scheduled_until)
		SELECT id, 'maintenance', 'Disk swap', 'scheduled', 'none',
		       now() + interval '1 day', now() + interval '1 day 2 hours' FROM pages RETURNING id),
	     n AS (
		INSERT INTO incidents (page_id, kind, name, status, impact, started_at, scheduled_for, scheduled_until)
		SELECT id, 'maintenance', 'Database upgrade', 'in_progress', 'minor', now() - interval '1 hour',
		       now() - interval '1 hour', now() + interval '1 hour' FROM pages RETURNING id)
	INSERT INTO incident_updates (incident_id, status, body, created_at)
	SELECT id, 'scheduled'::incident_status, 'We will swap a disk.', now() - interval '1 minute' FROM m
	UNION ALL
	SELECT id, 'in_progress'::incident_status, 'Upgrading the primary.', now() - interval '1 hour' FROM n" >/dev/null
soon=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Disk swap'")
now=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Database upgrade'")
public /api/v2/scheduled-maintenances.json
shape maintenances "scheduled-maintenances.json has Statuspage's shape"
is "$(get '[m["id"] for m in d["scheduled_maintenances"]]')" "[\"$soon\", \"$now\"]" \
	"both, the latest scheduled first"
like "$(get 'd["scheduled_maintenances"][0]["scheduled_for"]')" "$TS" "scheduled_for"
like "$(get 'd["scheduled_maintenances"][0]["scheduled_until"]')" "$TS" "scheduled_until"
is "$(get 'd["scheduled_maintenances"][0]["started_at"]')" null "not begun: started_at null"
is "$(get 'd["scheduled_maintenances"][1]["impact"]')" minor "maintenance impact as stored"
public /api/v2/scheduled-maintenances/upcoming.json
shape maintenances "upcoming.json has Statuspage's shape"
is "$(get '[m["id"] for m in d["scheduled_maintenances"]]')" "[\"$soon\"]" "upcoming: the scheduled one"
is "$(get 'd["scheduled_maintenances"][0]["status"]')" scheduled "status scheduled"
public /api/v2/scheduled-maintenances/active.json
shape maintenances "active.json has Statuspage's shape"
is "$(get '[m["id"] for m in d["scheduled_maintenances"]]')" "[\"$now\"]" "active: the one under way"
is "$(get 'd["scheduled_maintenances"][0]["status"]')" in_progress "status in_progress"
t_get "$T_BASE/api/v2/summary.json"
shape summary "summary.json with maintenance"
is "$(get '[m["id"] for m in d["scheduled_maintenances"]]')" "[\"$soon\", \"$now\"]" \
	"summary: upcoming and active maintenance"
is "$(get 'd["status"]')" '{"indicator": "maintenance", "description": "Service Under Maintenance"}' \
	"maintenance under way shows in the status"
t_get "$T_BASE/api/v2/incidents.json"
is "$(get 'len(d["incidents"])')" 3 "incidents.json lists no maintenance"

# --- /incidents/{id}.json
public "/incidents/$jan.json"
shape incident "/incidents/{id}.json has the incident's shape"
is "$(get 'd["incident"]["id"]')" "$jan" "the incident asked for"
is "$(get 'len(d["incident"]["incident_updates"])')" 8 "all updates and the postmortem"
public "/incidents/$soon.json"
shape incident "/incidents/{id}.json of a maintenance"
is "$(get '"scheduled_for" in d["incident"]')" true "a maintenance carries its schedule"
t_get "$T_BASE/incidents/$jan"
like "$(t_header content-type)" "^text/html" "/incidents/{id} stays the HTML page"
for bad in 999999 abc 0 -1; do
	t_get "$T_BASE/incidents/$bad.json"
	is "$T_STATUS" 404 "/incidents/$bad.json is 404"
	is "$(t_header content-type)" application/json "in JSON"
	like "$T_BODY" '^\{"error":"[^"]+"\}$' "with an error message"
	is "$(t_header access-control-allow-origin)" "*" "readable cross-origin"
done

# --- /history.json
# Months as the page counts them (its zone is UTC): this one and back.
month() { t_psql -c "SELECT to_char(date_trunc('month', now()) - interval '$1 months', 'YYYY-MM')"; }
public /history.json
shape history "/history.json has its shape"
is "$(get '[m["name"] for m in d["months"]]')" "[\"$(month 0)\", \"$(month 1)\", \"$(month 2)\"]" \
	"page 1: the three months ending with this one"
is "$(get 'd["newer"]')" null "no newer page than the first"
is "$(get 'd["older"]')" "$T_BASE/history.json?page=2" "a link to the older page"
is "$(get 'd["next"]') $(get 'd["remaining"]')" "null 0" "all of page 1 in one answer: no next, none remaining"
# The page holding January 2026, and the one holding February.
page_of() { t_psql -c "SELECT (extract(year FROM now())::int * 12 + extract(month FROM now())::int
	- (${1%-*} * 12 + ${1#*-})) / 3 + 1"; }
for m in "2026-01 $jan" "2026-02 $feb"; do
	set -- $m
	p=$(page_of "$1")
	t_get "$T_BASE/history.json?page=$p"
	shape history "/history.json?page=$p has its shape"
	is "$(get '{m["name"]: [i["id"] for i in m["incidents"]] for m in d["months"]}["'"$1"'"]')" \
		"[\"$2\"]" "page $p: the incident of $1 in its month"
	is "$(get 'd["newer"]')" "$T_BASE/history.json?page=$((p - 1))" "page $p links to the newer page"
done
# A cursor: the notices of the same months older than it, from its month on.
p=$(page_of 2026-02)
t_get "$T_BASE/history.json?page=$p&before=$feb"
is "$T_STATUS" 200 "/history.json?page=$p&before=$feb is 200"
shape history "  and has the shape of history"
if [ "$(page_of 2026-01)" = "$p" ]; then
	is "$(get '(d["months"][0]["name"], [i["id"] for i in d["months"][0]["incidents"]])')" \
		"[\"2026-01\", [\"$jan\"]]" "  from January's incident on, the notice after the cursor"
	is "$(get '"2026-02" in [m["name"] for m in d["months"]]')" false \
		"  and not February, whose notices came before"
else
	is "$(get 'd["months"]')" "[]" "  February's is the last of its page: no month left"
fi
is "$(get 'd["next"]') $(get 'd["remaining"]')" "null 0" "  nothing older in these months"
is "$(get 'd["older"]')" "$T_BASE/history.json?page=$((p + 1))" "  the older page is the same"
# refused NAME VALUES... FIRST: each NAME=VALUE is a 400 in JSON naming NAME;
# FIRST (a good value, then a bad repeat) is a 200: only the first counts.
refused() {
	local name=$1 bad first=${*: -1}
	for bad in "${@:2:$#-2}"; do
		t_get "$T_BASE/history.json?$name=$bad"
		is "$T_STATUS" 400 "/history.json?$name=$bad is 400"
		is "$(t_header content-type)" application/json "in JSON"
		like "$T_BODY" "^\\{\"error\":\"The $name parameter must be" "naming the parameter"
		is "$(t_header access-control-allow-origin)" "*" "readable cross-origin"
	done
	t_get "$T_BASE/history.json?$name=$first&$name=x"
	is "$T_STATUS" 200 "only the first $name= counts"
}
refused before abc 0 -1 01 1.5 '' 9999999 99999999999999999999 "$feb"
refused page bad 0 -1 1.5 01 '2x' '' 99999999999 1

# --- /api/uptime.json
public /api/uptime.json
shape uptime "/api/uptime.json has its shape"
is "$(get 'd["formula"]["name"]')" statuspage "the formula's name"
is "$(get '[c["name"] for c in d["components"]]')" '["Web Page", "Runner", "API Service", "Storage"]' \
	"every component"
is "$(get 'sum(x["major_outage_seconds"] + x["partial_outage_seconds"] for c in d["components"] for x in c["days"])')" 0 \
	"no outage in the last 90 days of the demo"
is "$(get '[c["uptime"] for c in d["components"]]')" '[100.0, 100.0, 100.0, 100.0]' "90-day uptime 100%"
is "$(get 'd["components"][0]["months"][-1]["name"]')" "$(month 0)" "the months end with this one"
like "$T_BODY" '"uptime":100.00' "100 written with two decimals"
t_psql -c "
	INSERT INTO component_status_changes (component_id, status, changed_at)
	VALUES ($storage, 'major_outage', date_trunc('day', now()) - interval '3 days' + interval '10 hours'),
	       ($storage, 'operational', date_trunc('day', now()) - interval '3 days' + interval '10 hours 30 minutes')" >/dev/null
day=$(t_psql -c "SELECT to_char(now() - interval '3 days', 'YYYY-MM-DD')")
t_get "$T_BASE/api/uptime.json"
shape uptime "/api/uptime.json after an outage"
is "$(get '[x["major_outage_seconds"] for x in d["components"][3]["days"] if x["date"] == "'"$day"'"]')" "[1800]" \
	"Storage: 30 minutes of major outage on $day"
is "$(get 'sum(x["major_outage_seconds"] for c in d["components"][:3] for x in c["days"])')" 0 \
	"and no other component"
like "$(get 'd["components"][3]["uptime"]')" '^99\.[0-9]{2}$' "Storage's 90-day uptime drops below 100"

# A month's uptime, in a month chosen from today (the demo's months leave
# the last twelve in 2027): five months back, out of the 90 days.  API
# Service, which the demo never touched, goes down for an hour and is
# partly down for ten: 1 - (3600 + 0.3 * 36000) / the month's seconds,
# rounded down to two decimals (99.44 in a month of 30 days).
api=$(t_psql -c "SELECT id FROM components WHERE name = 'API Service'")
t_psql -c "
	INSERT INTO component_status_changes (component_id, status, changed_at)
	SELECT $api, s, date_trunc('month', now()) - interval '5 months' + t FROM (VALUES
	       ('major_outage'::component_status, interval '4 days 10 hours'),
	       ('operational', interval '4 days 11 hours'),
	       ('partial_outage', interval '9 days'),
	       ('operational', interval '9 days 10 hours')) v(s, t)" >/dev/null
want=$(t_psql -c "SELECT to_char(floor((1 - (3600 + 0.3 * 36000) / extract(epoch FROM
	(date_trunc('month', now()) - interval '4 months') - (date_trunc('month', now()) - interval '5 months')))
	* 10000) / 100, 'FM990.00')")
t_get "$T_BASE/api/uptime.json"
months() { get '" ".join("%s:%.2f" % (m["name"], m["uptime"]) for m in [c for c in d["components"] if c["name"] == "API Service"][0]["months"] if m["name"] in ("'"$(month 6)"'", "'"$(month 5)"'", "'"$(month 4)"'"))'; }
is "$(months)" "$(month 6):100.00 $(month 5):$want $(month 4):100.00" \
	"API Service in $(month 5): $want (major counts whole, partial 30%), the months around it 100"

# --- errors and CORS elsewhere
t_get "$T_BASE/api/v2/nothing.json"
is "$T_STATUS" 404 "unknown API path is 404"
is "$(t_header content-type)" application/json "in JSON"
is "$(t_header access-control-allow-origin)" "*" "a 404 under /api/ is readable cross-origin"
t_get -X POST "$T_BASE/api/v2/summary.json"
is "$T_STATUS" 405 "POST to the API is 405"
like "$T_BODY" '^\{"error":' "in JSON"
is "$(t_header access-control-allow-origin)" "*" "readable cross-origin"
t_get "$T_BASE/"
is "$(t_header access-control-allow-origin)" "" "the HTML page is not opened cross-origin"

# --- times outside UTC: the program formats each instant itself; the SQL
# functions local_iso() and local_display() are the reference.  St John's
# is 3:30 behind UTC in winter and 2:30 in summer, so both offsets show.
t_psql -c "UPDATE pages SET time_zone = 'America/St_Johns'" >/dev/null
t_get "$T_BASE/incidents/$jan.json"
is "$(get 'd["incident"]["created_at"]')" \
	"$(t_psql -c "SELECT local_iso(created_at, 'America/St_Johns') FROM incidents WHERE id = $jan")" \
	"created_at in the page's zone, as local_iso() writes it"
is "$(get '" ".join(u["created_at"] for u in d["incident"]["incident_updates"])')" \
	"$(t_psql -c "SELECT string_agg(local_iso(t, 'America/St_Johns'), ' ' ORDER BY t DESC)
	                FROM (SELECT created_at FROM incident_updates WHERE incident_id = $jan
	                      UNION ALL SELECT postmortem_published_at FROM incidents WHERE id = $jan) u(t)")" \
	"every update's time too, the postmortem's first"
summer=$(t_psql -c "INSERT INTO incidents (page_id, name, status, impact, started_at, resolved_at)
	SELECT id, 'Summer', 'resolved', 'minor', '2026-07-01 12:00:07.891+00', '2026-07-01 13:00+00'
	  FROM pages RETURNING id" | head -n 1)
t_get "$T_BASE/incidents/$summer.json"
is "$(get 'd["incident"]["started_at"]')" "2026-07-01T09:30:07.891-02:30" "a summer time: -02:30"
t_get "$T_BASE/incidents/$summer"
like "$T_BODY" "$(t_psql -c "SELECT local_display(started_at, 'America/St_Johns') FROM incidents WHERE id = $summer")" \
	"the page shows it as local_display() does"
like "$T_BODY" "Jul 1, 2026 09:30 UTC-02:30" "which is Jul 1, 2026 09:30 UTC-02:30"

# --- the bars' figures: the program puts them together from sparse rows
# (stored days, each component's open span, the window's midnights); the SQL
# function uptime_days() is the reference, day by day, in a zone with
# summer time.  Web and Storage start two days ago, after some of their
# trouble: no data, no downtime.  Today's figures still grow: left out.
t_psql -c "
	INSERT INTO component_status_changes (component_id, status, changed_at) VALUES
	       ($web, 'partial_outage', now() - interval '3 days 2 hours'),
	       ($runner, 'major_outage', now() - interval '50 hours'),
	       ($runner, 'degraded_performance', now() - interval '20 hours');
	UPDATE components SET start_date = (SELECT (now() AT TIME ZONE time_zone)::date - 2 FROM pages)
	 WHERE id IN ($storage, $web)" >/dev/null
t_get "$T_BASE/api/uptime.json"
from=$(get 'd["from"]')
to=$(get 'd["to"]')
days=$(get '"\n".join(sorted("%s %s %d %d" % (c["id"], x["date"], x["partial_outage_seconds"],
	x["major_outage_seconds"]) for c in d["components"] for x in c["days"] if x["date"] < d["to"]))')
is "$days" "$(t_psql -c "SELECT format('%s %s %s %s', component_id, day, partial_seconds, major_seconds)
	  FROM uptime_days((SELECT id FROM pages), '$from', '$to')
	 WHERE day < '$to' ORDER BY 1" | LC_ALL=C sort)" \
	"every component's outage seconds of every past day are uptime_days()'s"
like "$days" "$web [0-9-]+ [1-9][0-9]* 0" "the open partial outage fills days"
like "$days" "$runner [0-9-]+ 0 [1-9][0-9]*" "the closed major outage shows"

# --- Last-Modified is the second the page changed: never before it (an
# If-Modified-Since of a later one would hide the change) and never ahead
# of the clock.  Changes a second apart, as a second change within the
# second is dated apart on purpose (cgi-bin/mirror.c; t/public-files.t).
for i in 1 2 3 4 5 6; do
	sleep 1.1
	t_psql -c "UPDATE components SET description = 'round $i' WHERE id = $runner" >/dev/null
	t_get "$T_BASE/api/v2/summary.json"
	lm=$(date -u -d "$(t_header last-modified)" +%s)
	now=$(date +%s)
	want=$(t_psql -c "SELECT floor(extract(epoch FROM updated_at))::bigint FROM pages")
	[ "$lm" = "$want" ] && [ "$lm" -le "$now" ] && [[ $T_BODY == *"round $i"* ]] || break
done
is "$i $lm $((lm <= now))" "6 $want 1" \
	"Last-Modified is the page's change rounded down, not ahead of the clock, six times running"
t_done
