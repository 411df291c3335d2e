# program-signals.t: SIGTERM and SIGINT stop the program within 2 s, idle or
# busy, and a request already in flight is still answered.
. "$LANTERN_SRCDIR/t/lib.sh"

# stop_and_time SIGNAL: sends it to the program; sets RC and MS.
stop_and_time() {
	local t0 t1
	t0=$(date +%s%N)
	kill -"$1" "$T_APP_PID"
	wait "$T_APP_PID"
	RC=$?
	t1=$(date +%s%N)
	MS=$(((t1 - t0) / 1000000))
	T_PIDS=()
}

t_start_pg
T_WORKERS=8
t_start_app
ok "socket is mode 0660" [ "$(stat -c %a "$T_SOCK")" = 660 ]
sleep 0.5
stop_and_time TERM
is "$RC" 0 "idle program exits 0 on SIGTERM"
ok "idle program exits in under 2 s (took ${MS} ms)" [ "$MS" -lt 2000 ]
ok "socket removed on exit" [ ! -e "$T_SOCK" ]

t_start_app
stop_and_time INT
is "$RC" 0 "SIGINT stops it too"
ok "in under 2 s (took ${MS} ms)" [ "$MS" -lt 2000 ]

# A request whose parameters are still arriving when SIGTERM comes in must be
# answered before the program exits.
t_start_app
fifo=$T_DIR/go
mkfifo "$fifo"
perl "$LANTERN_SRCDIR/t/fcgi-request.pl" "$T_SOCK" GET /healthz "$fifo" >"$T_DIR/inflight" 2>&1 &
client=$!
sleep 0.5
t0=$(date +%s%N)
kill -TERM "$T_APP_PID"
sleep 0.3
echo go >"$fifo"
wait "$client"
is "$?" 0 "in-flight request completed"
like "$(cat "$T_DIR/inflight")" '"status":"ok"' "in-flight request answered in full"
wait "$T_APP_PID"
RC=$?
MS=$((($(date +%s%N) - t0) / 1000000))
T_PIDS=()
is "$RC" 0 "program exits 0 after finishing it"
ok "and within 2 s (took ${MS} ms)" [ "$MS" -lt 2000 ]

# A client that never finishes its request cannot hold the program up.
t_start_app
mkfifo "$T_DIR/never"
perl "$LANTERN_SRCDIR/t/fcgi-request.pl" "$T_SOCK" GET /healthz "$T_DIR/never" >/dev/null 2>&1 &
client=$!
sleep 0.5
stop_and_time TERM
is "$RC" 0 "a stuck client: the program still exits 0"
ok "within 2 s (took ${MS} ms)" [ "$MS" -lt 2000 ]
like "$(cat "$T_DIR/app.log")" "requests still running" "and says it left a request behind"
kill "$client" 2>/dev/null
exec 4<>"$T_DIR/never"	# unblocks the client's open() so it can die
wait "$client" 2>/dev/null
exec 4>&-

# A stale socket file left by a crash does not stop a restart; a live one does.
t_start_app
kill -KILL "$T_APP_PID"
wait "$T_APP_PID" 2>/dev/null
T_PIDS=()
ok "crash leaves the socket file" [ -S "$T_SOCK" ]
t_start_app
like "$(perl "$LANTERN_SRCDIR/t/fcgi-request.pl" "$T_SOCK" GET /healthz)" '"status":"ok"' \
	"restart after a crash serves again"
LANTERN_DATABASE_URL=$T_DB_URL LANTERN_BASE_URL=http://127.0.0.1 LANTERN_SOCKET=$T_SOCK \
	timeout 10 "$LANTERN_BIN" </dev/null >"$T_DIR/second.log" 2>&1
rc=$?
is "$((rc != 0 && rc != 124))" 1 "a second program refuses a socket in use (exit $rc, not 0, not the timeout's 124)"
like "$(cat "$T_DIR/second.log")" "another program is listening" "and says why"
like "$(perl "$LANTERN_SRCDIR/t/fcgi-request.pl" "$T_SOCK" GET /healthz)" '"status":"ok"' \
	"the first one still serves"

# Under systemd (Type=notify, WatchdogSec): READY=1 once serving,
# WATCHDOG=1 twice a period while healthy, STOPPING=1 at a stop.  A
# datagram socket stands in for the manager.
stop_and_time TERM
/usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
while True:
    print(s.recv(4096).decode(), flush=True)' "$T_DIR/notify" >"$T_DIR/notify.log" 2>&1 &
manager=$!
for i in $(seq 50); do [ -S "$T_DIR/notify" ] && break; sleep 0.1; done
NOTIFY_SOCKET=$T_DIR/notify WATCHDOG_USEC=400000 t_start_app
ready() { grep -q '^READY=1$' "$T_DIR/notify.log"; }
t_until 10 ready
sleep 1.2
is "$(grep -c '^READY=1$' "$T_DIR/notify.log")" 1 "READY=1 once serving"
n=$(sed -n '/^READY=1$/,$p' "$T_DIR/notify.log" | grep -c '^WATCHDOG=1$')
ok "WATCHDOG=1 every 0.2 s for a watchdog of 0.4 s ($n in the 1.2 s after READY)" [ "$n" -ge 4 ]
stop_and_time TERM
like "$(tail -n 1 "$T_DIR/notify.log")" '^STOPPING=1$' "STOPPING=1 at the stop"
kill "$manager"

# The systemd units in the repository are valid, with this build's program.
sed "s|^ExecStart=.*|ExecStart=$LANTERN_BIN|" "$(dirname "$LANTERN_BIN")/systemd/lantern.service" \
	>"$T_DIR/lantern.service"
cp "$LANTERN_SRCDIR/systemd/lantern.socket" "$T_DIR/"
out=$(cd "$T_DIR" && SYSTEMD_LOG_LEVEL=warning timeout 20 systemd-analyze verify \
	--man=no ./lantern.socket ./lantern.service 2>&1)
is "$out" "" "systemd-analyze verify finds nothing wrong in lantern.service and lantern.socket"
like "$(cat "$T_DIR/lantern.service")" "Type=notify" "the service says when it is ready"
like "$(cat "$T_DIR/lantern.service")" "Restart=always" "and is restarted whatever stops it"
like "$(cat "$T_DIR/lantern.service")" "WatchdogSec=" "and when it hangs"
t_done
