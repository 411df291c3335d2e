# db-restart.t: the program outlives its database: pages served from the
# last snapshot while it is down, back by itself when it returns, never
# restarted.
. "$LANTERN_SRCDIR/t/lib.sh"
T_WORKERS=2
# A refresh a second and a database timeout of one: pages call their data
# stale 3 s after the database last confirmed it.
export LANTERN_POLL_SECONDS=1 LANTERN_DB_TIMEOUT_MS=1000
t_start_all

for i in 1 2 3 4; do t_get "$T_BASE/"; done
is "$T_STATUS" 200 "page served before the restart"

runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
lantern_pg_stop "$T_PG_DIR"
t_get "$T_BASE/"
is "$T_STATUS" 200 "the page is still served while the database is down"
like "$T_BODY" "Web Page" "from the last snapshot"
# A component's feed reads the database; without it, the snapshot's newest.
T_NO_SYNC=1 t_get "$T_BASE/components/$runner/history.rss"
is "$T_STATUS" 200 "a component's feed is still served while the database is down"
like "$T_BODY" "Agent can.t run" "with the component's incidents among the newest"
unlike "$T_BODY" "platform.vm0.ai cannot be opened" "and only the component's (not Web Page's)"
t_get "$T_BASE/healthz"
is "$T_STATUS" 503 "/healthz is 503 while the database is down"
like "$T_BODY" '"database":"unreachable"' "and says the database is unreachable"

# Older than a refresh: pages say so; JSON keeps its shape; every answer
# tells the data's age.
sleep 4
T_NO_SYNC=1 t_get "$T_BASE/"
is "$T_STATUS" 200 "a stale page is still 200"
like "$T_BODY" '<p class="stale" role="status">Status as of <time datetime="[0-9T:.+-]+">[A-Z][a-z]{2} [0-9]+, [0-9]{4} [0-9]{2}:[0-9]{2} UTC</time>, less than a minute ago: the status service cannot reach its database' \
	"the page says how old its status is and why"
age=$(t_header lantern-data-age)
ok "Lantern-Data-Age says the data is at least 3 s old ($age)" [ "${age:-0}" -ge 3 ]
like "$T_BODY" "Web Page" "the components are still shown"
T_NO_SYNC=1 t_get "$T_BASE/incidents/1"
like "$T_BODY" 'class="stale"' "so does an incident page"
T_NO_SYNC=1 t_get "$T_BASE/api/v2/summary.json"
is "$T_STATUS" 200 "summary.json is 200"
ok "in Statuspage's shape, nothing added" python3 -c '
import json, sys; d = json.load(sys.stdin)
sys.exit(sorted(d) != ["components", "incidents", "page", "scheduled_maintenances", "status"])' <<<"$T_BODY"
ok "with its age in a header too" [ "$(t_header lantern-data-age)" -ge 3 ]
T_NO_SYNC=1 t_get "$T_BASE/healthz"
like "$T_BODY" '"stale":true' "/healthz says the snapshot is stale"

lantern_pg_start "$T_PG_DIR" >/dev/null
# Every worker holds a connection that died with the server: each must heal.
for i in 1 2 3 4 5 6; do
	t_get "$T_BASE/"
	[ "$T_STATUS" = 200 ] || break
done
is "$T_STATUS" 200 "every request is 200 once the database is back"
like "$T_BODY" "Web Page" "with the page"
ok "the page no longer calls itself stale" t_until 6 t_fresh
ok "and its data is fresh ($(t_header lantern-data-age) s)" [ "$(t_header lantern-data-age)" -le 2 ]

lantern_pg_run "$LANTERN_PG_BIN/pg_ctl" -D "$T_PG_DIR/data" -m fast -w restart >/dev/null </dev/null
for i in 1 2 3 4 5 6; do
	t_get "$T_BASE/healthz"
	[ "$T_STATUS" = 200 ] || break
done
is "$T_STATUS" 200 "a restart in between requests costs no request"
ok "the program was never restarted" kill -0 "$T_APP_PID"
t_done
