# program-socket.t: the program serves a socket it is handed (spawn-fcgi's
# fd 0, systemd's LISTEN_FDS) as well as one it makes itself.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_pg

for mode in stdin systemd; do
	sock=$T_DIR/$mode.sock
	LANTERN_DATABASE_URL=$T_DB_URL LANTERN_BASE_URL=http://127.0.0.1 \
		perl "$LANTERN_SRCDIR/t/handoff.pl" "$mode" "$sock" "$LANTERN_BIN" \
		>>"$T_DIR/app.log" 2>&1 &
	pid=$!
	T_PIDS+=("$pid")
	lantern_wait_for_socket "$sock" 10 "$pid"
	like "$(perl "$LANTERN_SRCDIR/t/fcgi-request.pl" "$sock" GET /healthz)" \
		'"status":"ok"' "serves the socket handed over by $mode"
	kill -TERM "$pid"
	wait "$pid"
	is "$?" 0 "and stops cleanly ($mode)"
	ok "leaves the handed socket's file alone ($mode)" [ -S "$sock" ]
	T_PIDS=()
done
like "$(cat "$T_DIR/app.log")" "the socket handed over" "the log says which socket"
t_done
