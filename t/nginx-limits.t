# nginx-limits.t: one address holding hundreds of half-sent requests (a
# slow-loris client) does not shut anyone else out: another address still
# gets its page at once.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all
t_get "$T_BASE/"
is "$T_STATUS" 200 "the page"

# 1,000 connections from 127.0.0.1, each with a request line and never the
# end of its headers, held for 8 s.
/usr/bin/python3 - "$T_HTTP" "$T_DIR/held" <<'PY' &
import resource, socket, sys, time
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
held = []
for i in range(1000):
    try:
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        held.append(s)
    except OSError:
        break
open(sys.argv[2], "w").write("%d\n" % len(held))
time.sleep(8)
PY
slow=$!
for i in $(seq 50); do [ -s "$T_DIR/held" ] && break; sleep 0.1; done
is "$(cat "$T_DIR/held")" 1000 "1,000 half-sent requests are held open from one address"
T_NO_SYNC=1 t_get --interface 127.0.0.2 --max-time 3 "$T_BASE/"
is "$T_STATUS" 200 "meanwhile another address gets its page"
T_NO_SYNC=1 t_get --interface 127.0.0.2 --max-time 3 "$T_BASE/api/v2/summary.json"
is "$T_STATUS" 200 "and its JSON"
wait "$slow"
t_done
