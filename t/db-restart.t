# db-restart.t: the program outlives its database: pages served from the
# last snapshot while it is down, back by itself when it returns, never
# restarted.
. "$LANTERN_SRCDIR/t/lib.sh"
T_WORKERS=2
t_start_all

for i in 1 2 3 4; do t_get "$T_BASE/"; done
is "$T_STATUS" 200 "page served before the restart"

lantern_pg_stop "$T_PG_DIR"
t_get "$T_BASE/"
is "$T_STATUS" 200 "the page is still served while the database is down"
like "$T_BODY" "Web Page" "from the last snapshot"
t_get "$T_BASE/healthz"
is "$T_STATUS" 503 "/healthz is 503 while the database is down"
like "$T_BODY" '"database":"unreachable"' "and says the database is unreachable"

lantern_pg_start "$T_PG_DIR" >/dev/null
# Every worker holds a connection that died with the server: each must heal.
for i in 1 2 3 4 5 6; do
	t_get "$T_BASE/"
	[ "$T_STATUS" = 200 ] || break
done
is "$T_STATUS" 200 "every request is 200 once the database is back"
like "$T_BODY" "Web Page" "with the page"

lantern_pg_run "$LANTERN_PG_BIN/pg_ctl" -D "$T_PG_DIR/data" -m fast -w restart >/dev/null </dev/null
for i in 1 2 3 4 5 6; do
	t_get "$T_BASE/healthz"
	[ "$T_STATUS" = 200 ] || break
done
is "$T_STATUS" 200 "a restart in between requests costs no request"
ok "the program was never restarted" kill -0 "$T_APP_PID"
