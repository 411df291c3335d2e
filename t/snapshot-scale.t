# snapshot-scale.t: a big page (300 components in 30 groups, a quarter of
# 1,500 incidents with 4 updates each) is served whole in bounded memory,
# and a request that would need more than LANTERN_REQUEST_MEMORY_MB answers
# 503 while the program stays up.
. "$LANTERN_SRCDIR/t/lib.sh"
# AddressSanitizer keeps freed memory in quarantine (256 MB by default),
# which would count against the cap below as if the program held it.
export ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=16"
unset LANTERN_REQUEST_MEMORY_MB	# the default cap, whatever the caller's
# Before the snapshot, /api/uptime.json alone took 2.4 GB with 300 components.
CAP_KB=$((400 * 1024))

T_HTTP=$(lantern_free_port)
T_HTTPS=$(lantern_free_port)
t_start_pg

# The quarter /history shows first: this month and the two before (the page's
# zone is UTC).  Incidents are 30 minutes long, one every ~87 minutes, each
# taking one component (incident n, component n mod 300) to partial outage and
# back, so every component has five outages in its uptime bars.
start=$(date +%s)
cat >"$T_DIR/scale.sql" <<-'SQL'
	\set ON_ERROR_STOP 1
	BEGIN;
	CREATE TEMP TABLE q ON COMMIT DROP AS
	SELECT id AS page, date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
	       - interval '2 months' AS qs, now() - interval '2 hours' AS qe
	  FROM pages;

	INSERT INTO component_groups (page_id, name, description, position, created_at, updated_at)
	SELECT page, 'Scale group ' || lpad(g::text, 2, '0'), 'Group ' || g || ' of 30.', 100 + 10 * g,
	       qs - interval '1 day', qs - interval '1 day'
	  FROM q, generate_series(1, 30) g;
	INSERT INTO components (page_id, group_id, name, description, position, start_date,
	                        created_at, updated_at)
	SELECT q.page, g.id, 'Scale component ' || lpad(k::text, 3, '0'),
	       'Component ' || k || ', in group ' || ((k - 1) / 10 + 1) || '.', k,
	       (q.qs - interval '1 day')::date, q.qs - interval '1 day', q.qs - interval '1 day'
	  FROM q CROSS JOIN generate_series(1, 300) k
	  JOIN component_groups g ON g.name = 'Scale group ' || lpad(((k - 1) / 10 + 1)::text, 2, '0');
	-- Inserting a component recorded "operational" now; it has been since its start.
	UPDATE component_status_changes s SET changed_at = c.created_at
	  FROM components c WHERE c.id = s.component_id AND c.name LIKE 'Scale component %';

	CREATE TEMP TABLE gen ON COMMIT DROP AS
	SELECT n, q.page, c.id AS component,
	       q.qs + (q.qe - q.qs) * (n - 1) / 1500 AS t0
	  FROM q CROSS JOIN generate_series(1, 1500) n
	  JOIN components c ON c.name = 'Scale component ' || lpad(((n - 1) % 300 + 1)::text, 3, '0');
	INSERT INTO incidents (page_id, name, status, impact, created_at, updated_at, started_at,
	                       monitoring_at, resolved_at)
	SELECT page, 'Scale incident ' || lpad(n::text, 4, '0'), 'resolved',
	       (ARRAY['none', 'minor', 'major', 'critical'])[n % 4 + 1]::incident_impact,
	       t0, t0 + interval '30 minutes', t0, t0 + interval '20 minutes', t0 + interval '30 minutes'
	  FROM gen;
	ALTER TABLE gen ADD COLUMN incident bigint;
	UPDATE gen SET incident = i.id FROM incidents i
	 WHERE i.name = 'Scale incident ' || lpad(gen.n::text, 4, '0');
	INSERT INTO incident_updates (incident_id, status, body, created_at)
	SELECT incident, (ARRAY['investigating', 'identified', 'monitoring', 'resolved'])[s + 1]::incident_status,
	       'Update ' || (s + 1) || ' of incident ' || n || ': **builds** are slower than usual '
	       || 'in one region; we are looking at the queue and will post again within the hour.',
	       t0 + s * interval '10 minutes'
	  FROM gen CROSS JOIN generate_series(0, 3) s;
	INSERT INTO incident_update_components (update_id, component_id, old_status, new_status)
	SELECT u.id, g.component,
	       CASE u.status WHEN 'investigating' THEN 'operational' ELSE 'partial_outage' END::component_status,
	       CASE u.status WHEN 'investigating' THEN 'partial_outage' ELSE 'operational' END::component_status
	  FROM gen g JOIN incident_updates u ON u.incident_id = g.incident
	 WHERE u.status IN ('investigating', 'resolved');
	INSERT INTO component_status_changes (component_id, status, changed_at, incident_id)
	SELECT component, 'partial_outage'::component_status, t0, incident FROM gen
	UNION ALL
	SELECT component, 'operational', t0 + interval '30 minutes', incident FROM gen;
	COMMIT;
SQL
if t_psql -f "$T_DIR/scale.sql" >/dev/null 2>"$T_DIR/scale.log"; then
	pass "300 components and 1,500 incidents loaded"
else
	fail "300 components and 1,500 incidents loaded" "$(cat "$T_DIR/scale.log")"
	exit 1
fi
diag "loading took $(($(date +%s) - start)) s"
is "$(t_psql -c "SELECT count(*) FROM components")/$(t_psql -c "SELECT count(*) FROM incident_updates
	WHERE incident_id IN (SELECT id FROM incidents WHERE name LIKE 'Scale incident %')")" 304/6000 \
	"the page has 304 components, the quarter 6,000 updates"

# fcgi PATH ACCEPT: a GET straight to the program (nginx could answer from
# its cache); sets T_STATUS, the Content-Type in T_TYPE and the body in T_BODY.
fcgi() {
	timeout 30 perl "$LANTERN_SRCDIR/t/fcgi-request.pl" -p "HTTP_ACCEPT=$2" "$T_SOCK" GET "$1" \
		>"$T_DIR/raw" 2>>"$T_DIR/fcgi.log"
	T_STATUS=$(sed -n 's/^Status: \([0-9]*\).*/\1/p; /^\r\{0,1\}$/q' "$T_DIR/raw")
	T_TYPE=$(sed -n 's/^Content-Type: \([^\r]*\).*/\1/p; /^\r\{0,1\}$/q' "$T_DIR/raw")
	T_BODY=$(sed '1,/^\r\{0,1\}$/d' "$T_DIR/raw")
}
# ready: until a small public page is 200, for at most 20 s: the program
# answers 503 until its first snapshot is built, which takes a while here.
ready() {
	local start i
	start=$(date +%s%N)
	for i in $(seq 200); do
		fcgi /api/v2/status.json application/json
		[ "$T_STATUS" = 200 ] && break
		sleep 0.1
	done
	is "$T_STATUS" 200 "a small page (status.json) is served $(( ($(date +%s%N) - start) / 1000000 )) ms after the start"
}

t_start_app
t_start_nginx
ready

# big PATH: through nginx, with time for a page of several MB.
big() { t_get --max-time 30 "$T_BASE$1"; }

big /
is "$T_STATUS" 200 "/ is 200"
like "$T_BODY" '<span class="name">Scale group 30</span>' "/ has the last group"
like "$(tail -c 100 <<<"$T_BODY")" '</html>' "/ is whole"
size=$(printf '%s' "$T_BODY" | wc -c)
# 30 rows of groups, not 300 of components: / grows with what is wrong.
ok "/ is small: $size bytes" [ "$size" -lt 100000 ]
last=$(printf '%s' "$T_BODY" | grep -o 'href="/groups/[0-9]*">10 components' | tail -n 1 | grep -o '[0-9][0-9]*' | head -n 1)
big "/groups/$last"
is "$T_STATUS" 200 "the last group's page is 200"
like "$T_BODY" '<span class="name">Scale component 300</span>' "  and has the last component"
is "$(grep -c 'class="uptime-bar"' <<<"$T_BODY")" 10 "  with the bars of its ten"

# A busy quarter is read a page at a time: each page holds a bounded
# number of notices and links to the rest, and together they hold all.
big /history
is "$T_STATUS" 200 "/history is 200"
like "$T_BODY" 'Scale component 300' "/history has the last component's uptime"
like "$T_BODY" '>Scale incident 1500<' "/history starts with the newest incident"
first_page=$(grep -o '>Scale incident [0-9]*</a></h3>' <<<"$T_BODY" | wc -l)
ok "a page of history holds a bounded number of notices ($first_page)" [ "$first_page" -le 250 ]
like "$(tail -c 100 <<<"$T_BODY")" '</html>' "/history is whole"
diag "/history is $(printf '%s' "$T_BODY" | wc -c) bytes"
seen=$(grep -o '>Scale incident [0-9]*</a></h3>' <<<"$T_BODY")
pages=1 empty=0
while next=$(grep -o 'rel="next" href="[^"]*before=[0-9]*"' <<<"$T_BODY" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g'); [ -n "$next" ] && [ $pages -lt 20 ]; do
	big "$next"
	[ "$T_STATUS" = 200 ] || break
	pages=$((pages + 1))
	seen+=$'\n'$(grep -o '>Scale incident [0-9]*</a></h3>' <<<"$T_BODY")
	grep -q 'No notices reported this month' <<<"$T_BODY" && empty=$((empty + 1))
done
is "$(grep -c . <<<"$seen")" 1500 "following the links to older notices, $pages pages list 1,500 notices"
is "$(sort -u <<<"$seen" | grep -c .)" 1500 "every incident of the quarter, each once"
like "$seen" '>Scale incident 0001<' "down to the oldest of the quarter"
is "$empty" 0 "no page claims a month of the quarter had none"

# The same quarter as JSON: "next" goes on after the last notice given.
big /history.json
is "$T_STATUS" 200 "/history.json is 200"
seen=$(t_js '"\n".join(i["name"] for m in d["months"] for i in m["incidents"])')
first_page=$(grep -c . <<<"$seen")
ok "an answer of /history.json holds a bounded number of notices ($first_page)" [ "$first_page" -le 250 ]
is "$(t_js 'd["remaining"]')" $((1500 - first_page)) "its remaining counts the rest of the quarter"
pages=1
while next=$(t_js 'd["next"] or ""'); [ -n "$next" ] && [ $pages -lt 20 ]; do
	big "${next#"$T_BASE"}"
	[ "$T_STATUS" = 200 ] || break
	pages=$((pages + 1))
	seen+=$'\n'$(t_js '"\n".join(i["name"] for m in d["months"] for i in m["incidents"])')
done
is "$T_STATUS $(t_js 'd["next"], d["remaining"]')" "200 None 0" "the last answer has no next"
is "$(grep -c . <<<"$seen")" 1500 "following next, $pages answers list 1,500 notices"
is "$(sort -u <<<"$seen" | grep -c .)" 1500 "every incident of the quarter, each once"

big /api/uptime.json
is "$T_STATUS" 200 "/api/uptime.json is 200"
is "$(t_js 'len(d["components"]), d["components"][-1]["name"] if d["components"] else None')" \
	"304 Scale component 300" "/api/uptime.json has every component, the last last"

big /api/v2/summary.json
is "$T_STATUS" 200 "/api/v2/summary.json is 200"
is "$(t_js 'len(d["components"]), "Scale component 300" in [c["name"] for c in d["components"]]')" \
	"334 True" "summary.json has every component and group"

big /history.rss
is "$T_STATUS" 200 "/history.rss is 200"
is "$(grep -o '<item>' <<<"$T_BODY" | wc -l)" 50 "/history.rss has its 50 newest"
like "$T_BODY" 'Scale incident 1500' "the newest first"
like "$(tail -c 100 <<<"$T_BODY")" '</rss>' "/history.rss is whole"

# The program's memory: now, and at its peak (building the snapshot and
# answering the pages above).
rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$T_APP_PID/status")
hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$T_APP_PID/status")
diag "program memory: VmRSS $((${rss:-0} / 1024)) MB, VmHWM $((${hwm:-0} / 1024)) MB"
ok "its resident memory stays under 400 MB ($((${rss:-0} / 1024)) MB)" \
	test "${rss:-$CAP_KB}" -lt "$CAP_KB"
ok "and so did its peak ($((${hwm:-0} / 1024)) MB)" test "${hwm:-$CAP_KB}" -lt "$CAP_KB"

# One megabyte a request: /history (the notices read for it, and its
# 575 KB) and /api/uptime.json cannot be answered within it; / (480 KB,
# from the snapshot) no longer says much, and is left out.
lantern_stop "$T_APP_PID"
LANTERN_REQUEST_MEMORY_MB=1 t_start_app
ready

fcgi /history 'text/html'
is "$T_STATUS" 503 "with LANTERN_REQUEST_MEMORY_MB=1, /history answers 503"
fcgi /api/uptime.json 'application/json'
is "$T_STATUS" 503 "/api/uptime.json answers 503"
like "$T_TYPE" '^application/json' "in JSON"
is "$(t_js 'type(d["error"]).__name__')" str "with {\"error\": ...}"
fcgi /healthz 'application/json'
is "$T_STATUS" 200 "right after, /healthz is 200"
fcgi /api/v2/status.json application/json
is "$T_STATUS" 200 "and so is a small page (status.json)"
ok "the program is still up" lantern_alive "$T_APP_PID"
t_done
