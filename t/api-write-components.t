# api-write-components.t: components and component groups through the
# write API, via the real nginx and PostgreSQL: create, group, reorder,
# ungroup, delete, what readers see of each, the audit trail, and every
# refusal.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

PY=/usr/bin/python3
key=$(lantern_token_create "$T_DB_URL" ops)
T_KEY=$key
ro=$("$LANTERN_CTL" --database-url "$T_DB_URL" token create reader --read-only)
page=$(t_psql -c "SELECT id FROM pages")
V1=$T_BASE/v1/pages/$page

count() { t_psql -c "SELECT count(*) FROM $1"; }
audits() { count "audit_log WHERE action = '$1'"; }
# The component names on / in page order, comma-separated.
page_names() {
	t_get "$T_BASE/"
	printf '%s' "$T_BODY" | grep -o '<span class="name">[^<]*' | sed 's/.*>//' | tr '\n' ,
}
# group_names ID: the names on a group's page, its members', in order.
group_names() {
	t_get "$T_BASE/groups/$1"
	printf '%s' "$T_BODY" | grep -o '<span class="name">[^<]*' | sed 's/.*>//' | tr '\n' ,
}
# comps EXPR: EXPR over components.json's list (c), by name (n: name -> object).
comps() {
	t_get "$T_BASE/api/v2/components.json"
	$PY -c "import json,sys; c=json.load(sys.stdin)['components']; n={x['name']: x for x in c}; print($1)" \
		<<<"$T_BODY" 2>&1
}

# Create.
t_api POST "$V1/components" '{"component": {"name": "Search", "description": "Full-text search",
	"status": "degraded_performance", "start_date": "2026-01-01", "showcase": true}}'
is "$T_STATUS" 201 "create a component: 201"
search=$(t_js 'd["id"]')
is "$(t_js 'd["name"], d["status"], d["description"], d["start_date"], d["group"], d["group_id"], d["page_id"]')" \
	"Search degraded_performance Full-text search 2026-01-01 False None $page" \
	"the answer is the component"
is "$(count "component_status_changes WHERE component_id = $search AND status = 'degraded_performance'")" 1 \
	"its first status is in the history"
like "$(page_names)" "Storage,Search," "/ lists it last"
t_get "$T_BASE/"
like "$T_BODY" "<span class=\"name\">Search</span>" "by its name"
is "$(comps 'n["Search"]["status"], n["Search"]["description"]')" "degraded_performance Full-text search" \
	"components.json has it with its status"

t_api POST "$V1/components" '{"component": {"name": "Search"}}'
is "$T_STATUS" 409 "a second component of that name: 409"
is "$(t_js 'd["field"]')" component.name "naming component.name"
like "$(t_js 'd["error"]')" "exists already" "and saying why"

t_api POST "$V1/components" '{"component": {"name": "Queue"}}'
is "$T_STATUS $(t_js 'd["status"]')" "201 operational" "another, operational by default"
queue=$(t_js 'd["id"]')

# Groups.
t_api POST "$V1/component-groups" "{\"component_group\": {\"name\": \"Backend\",
	\"description\": \"What runs behind\", \"components\": [\"$search\", $queue]}}"
is "$T_STATUS" 201 "create a group of two: 201"
group=$(t_js 'd["id"]')
is "$(t_js 'd["name"], d["group"], d["components"], d["status"]')" \
	"Backend True ['$search', '$queue'] degraded_performance" \
	"the answer is the group, its members in order, its worst status"
is "$(t_psql -c "SELECT string_agg(group_id::text, ',' ORDER BY id) FROM components WHERE id IN ($search, $queue)")" \
	"$group,$group" "both are in it"
page_names >/dev/null
like "$(tr -d '\n' <<<"$T_BODY")" \
	"<li class=\"group\"><div class=\"component-head\"><span class=\"name\">Backend</span>" \
	"/ shows the group as one row"
like "$T_BODY" "<a href=\"/groups/$group\">2 components, each with its uptime</a>" "  linking to its page"
like "$(group_names "$group")" "^Search,Queue,$" "which has its members in order"
is "$(comps '[x["components"] for x in c if x["group"]], n["Queue"]["group_id"]')" \
	"[['$search', '$queue']] $group" "components.json has the group with its children's ids"
is "$(comps 'len(c) - len({x["id"] for x in c})')" 0 \
	"no two entries of components.json share an id (groups and components: one id space)"

t_api PATCH "$V1/component-groups/$group" "{\"component_group\": {\"components\": [\"$queue\", \"$search\"]}}"
is "$T_STATUS" 200 "reorder the group: 200"
is "$(t_js 'd["components"]')" "['$queue', '$search']" "the answer has the new order"
like "$(group_names "$group")" "^Queue,Search,$" "its page follows"
is "$(comps '[x["components"] for x in c if x["group"]]')" "[['$queue', '$search']]" \
	"components.json follows"
t_api PUT "$V1/component-groups/$group" '{"component_group": {"name": "Back end", "description": "Renamed"}}'
is "$T_STATUS $(t_js 'd["name"], d["description"], len(d["components"])')" "200 Back end Renamed 2" \
	"PUT renames it and keeps its members"

t_api PATCH "$V1/components/$queue" '{"component": {"group_id": null}}'
is "$T_STATUS $(t_js 'd["group_id"]')" "200 None" "take a component out of its group (group_id null)"
is "$(comps '[x["components"] for x in c if x["group"]], n["Queue"]["group_id"]')" \
	"[['$search']] None" "the group has one member left"
t_api PATCH "$V1/components/$queue" "{\"component\": {\"group_id\": $group, \"showcase\": false,
	\"only_show_if_degraded\": true, \"start_date\": \"2026-02-01\"}}"
is "$T_STATUS" 200 "put it back, with the other fields: 200"
is "$(t_js 'd["group_id"], d["showcase"], d["only_show_if_degraded"], d["start_date"]')" \
	"$group False True 2026-02-01" "group_id (sent as a number), showcase, only_show_if_degraded, start_date"
t_api PATCH "$V1/components/$queue" '{"component": {"group_id": null}}'

t_api DELETE "$V1/component-groups/$group"
is "$T_STATUS" 204 "delete the group: 204"
is "$T_BODY" "" "with no body"
is "$(count "component_groups")" 0 "the group is gone"
is "$(count "components WHERE id IN ($search, $queue) AND group_id IS NULL")" 2 \
	"its components remain, ungrouped"
unlike "$(page_names)" "Back end" "/ has no group"
like "$(page_names)" "Search" "but still the component"

# Delete a component an incident touched.
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Search is slow\",
	\"components\": {\"$search\": \"major_outage\"}}}"
incident=$(t_js 'd["id"]')
t_api PATCH "$V1/incidents/$incident" "{\"incident\": {\"status\": \"resolved\",
	\"components\": {\"$search\": \"operational\"}}}"
is "$T_STATUS" 200 "an incident moved it and was resolved"
t_api DELETE "$V1/components/$search"
is "$T_STATUS" 204 "delete the component: 204"
is "$T_BODY" "" "with no body"
unlike "$(page_names)" "Search," "gone from /"
is "$(comps '"Search" in n')" False "and from components.json"
is "$(count "component_status_changes WHERE component_id = $search")" 0 "its history went with it"
t_get "$T_BASE/history"
is "$T_STATUS" 200 "/history still renders"
like "$T_BODY" "Search is slow" "with the incident"
t_get "$T_BASE/incidents/$incident"
is "$T_STATUS" 200 "and so does the incident's page"
t_get "$T_BASE/api/v2/incidents.json"
is "$T_STATUS" 200 "and incidents.json"
t_api DELETE "$V1/components/$search"
is "$T_STATUS" 404 "deleting it again: 404"

# Refusals: each a 4xx naming the field, none writes anything.
other=$(t_psql -c "INSERT INTO pages (name, url) VALUES ('Other', 'https://other.example') RETURNING id")
foreign=$(t_psql -c "INSERT INTO components (page_id, name) VALUES ($other, 'Elsewhere') RETURNING id")
before_c=$(count components)
before_g=$(count component_groups)
before_a=$(count audit_log)
long=$(printf 'n%.0s' $(seq 201))
check() {	# check METHOD PATH BODY STATUS FIELD DESCRIPTION
	t_api "$1" "$2" "$3"
	is "$T_STATUS $(t_js 'd.get("field")')" "$4 $5" "$6"
}
check POST "$V1/component-groups" "{\"component_group\": {\"name\": \"G\", \"components\": [\"$queue\", \"999999\"]}}" \
	422 component_group.components.1 "an unknown component in a group: 422 naming it"
check POST "$V1/component-groups" "{\"component_group\": {\"name\": \"G\", \"components\": [\"$foreign\"]}}" \
	422 component_group.components.0 "another page's component: 422"
check POST "$V1/component-groups" "{\"component_group\": {\"name\": \"G\", \"components\": [\"$queue\", true]}}" \
	422 component_group.components.1 "a component id of the wrong type: 422"
check POST "$V1/component-groups" "{\"component_group\": {\"name\": \"G\", \"components\": [\"0$queue\"]}}" \
	422 component_group.components.0 "a malformed component id: 422"
check POST "$V1/component-groups" "{\"component_group\": {\"name\": \"G\", \"components\": [$queue, \"$queue\"]}}" \
	422 component_group.components.1 "a component listed twice: 422"
check POST "$V1/component-groups" "{\"component_group\": {\"name\": \"G\", \"components\": \"$queue\"}}" \
	422 component_group.components "components not an array: 422"
check POST "$V1/component-groups" '{"component_group": {"description": "no name"}}' \
	422 component_group.name "a group without a name: 422"
check POST "$V1/components" "{\"component\": {\"name\": \"$long\"}}" \
	422 component.name "a name too long: 422"
check POST "$V1/components" '{"component": {"name": 42}}' \
	422 component.name "a name of the wrong type: 422"
check POST "$V1/components" '{"component": {"name": " padded "}}' \
	422 component.name "a name with spaces around it: 422"
check POST "$V1/components" '{"component": {"name": "X", "status": "fine"}}' \
	422 component.status "an unknown status: 422"
check POST "$V1/components" '{"component": {"name": "X", "group_id": "999999"}}' \
	422 component.group_id "an unknown group in the body: 422"
check POST "$V1/components" '{"component": {"name": "X", "group_id": [1]}}' \
	422 component.group_id "a group_id of the wrong type: 422"
check POST "$V1/components" '{"component": {"name": "X", "start_date": "2026-02-30"}}' \
	422 component.start_date "an impossible start_date: 422"
check POST "$V1/components" '{"component": {"name": "X", "showcase": "yes"}}' \
	422 component.showcase "showcase not a boolean: 422"
check POST "$V1/components" '{"component": {"name": "X", "position": -1}}' \
	422 component.position "a negative position: 422"
check POST "$V1/components" '{"component": {"name": "X", "colour": "red"}}' \
	422 component.colour "an unknown key: 422"
check POST "$V1/components" '{"name": "X"}' \
	422 component "no component object: 422"
check PATCH "$V1/components/$foreign" '{"component": {"name": "Mine"}}' \
	404 component_id "another page's component by path: 404"
check PATCH "$V1/component-groups/999999" '{"component_group": {"name": "G"}}' \
	404 group_id "an unknown group: 404"
check DELETE "$V1/component-groups/999999" '' 404 group_id "deleting an unknown group: 404"
check DELETE "$V1/component-groups/abc" '' 404 group_id "a group id that is no id: 404"
check DELETE "$V1/components/999999" '' 404 component_id "deleting an unknown component: 404"
t_get -X POST -H "Authorization: Bearer $ro" -H 'Content-Type: application/json' \
	-d '{"component": {"name": "X"}}' "$V1/components"
is "$T_STATUS" 403 "a read-only key: 403"
t_get -X DELETE -H "Authorization: Bearer $ro" "$V1/components/$queue"
is "$T_STATUS" 403 "a read-only key may not delete: 403"
t_get -X POST -H 'Content-Type: application/json' -d '{"component_group": {"name": "X"}}' \
	"$V1/component-groups"
is "$T_STATUS" 401 "no key: 401"
is "$(count components) $(count component_groups) $(count audit_log)" \
	"$before_c $before_g $before_a" "no refusal wrote anything, nor an audit row"
ok "the program is still up" kill -0 "$T_APP_PID"

# Every write is in the audit log, with what was before and after.
is "$(audits component.create) $(audits component.update) $(audits component.delete)" "2 3 1" \
	"component writes are audited"
is "$(audits component_group.create) $(audits component_group.update) $(audits component_group.delete)" "1 2 1" \
	"group writes are audited"
is "$(count "audit_log WHERE action LIKE '%.delete' AND entity_type LIKE 'component%'
	AND before IS NOT NULL AND after IS NULL")" 2 "deletions keep the object in before"
is "$(t_psql -c "SELECT before->>'name' FROM audit_log WHERE action = 'component.delete' AND entity_id = $search")" \
	Search "the deleted component, by name"
is "$(count "audit_log WHERE action IN ('component.update', 'component_group.update')
	AND before IS NOT NULL AND after IS NOT NULL")" 5 "updates keep before and after"
is "$(count "audit_log WHERE action LIKE 'component%' AND token_id IS NULL")" 0 \
	"each names its key"
t_done
