# notify-dns.t: lantern-notify's name lookups hold back only their own
# delivery, and where it may connect is decided at connect time.  The
# notifier runs with a DNS server of the test's own: in a mount namespace
# whose /etc/resolv.conf (bind-mounted) names t/notify-dns.py on a
# loopback address, port 53 (glibc's resolver takes no other port).  That
# needs root's unshare and port 53; without them the lookups' part is
# skipped, saying so, and the refusals of literals and localhost still run.
. "$LANTERN_SRCDIR/t/lib.sh"
. "$LANTERN_SRCDIR/t/notify.sh"

t_start_pg
tn_link_key
tn_start_receiver
port=${TN_HOOK##*:}

skip() { echo "ok $((++_t_n)) # SKIP $1"; }

# The DNS server: a random loopback address, so that two runs side by side
# do not meet.  timeout:20 outlasts the notifier's 10 s connect timeout, so
# a dead name's lookup is still running when the notifier gives up on it.
DNS_IP=127.77.$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1))
DNS_LOG=$T_DIR/dns-queries.log
printf 'nameserver %s\noptions timeout:20 attempts:1\n' "$DNS_IP" >"$T_DIR/resolv.conf"
# "${IN_NS[@]}" COMMAND...: COMMAND with the test's resolv.conf, in a
# namespace of its own; a command, not a function, so that it execs (the
# notifier's pid is the one started).
IN_NS=(unshare --mount /bin/sh -c 'mount --bind "$0" /etc/resolv.conf && exec "$@"'
	"$T_DIR/resolv.conf")
in_ns() { "${IN_NS[@]}" "$@"; }
dns=
why=
if ! in_ns true 2>"$T_DIR/unshare.err"; then
	why="unshare --mount with a bind-mounted /etc/resolv.conf: $(head -c 200 "$T_DIR/unshare.err")"
else
	/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-dns.py" "$DNS_IP" "$DNS_LOG" \
		fast.lantern.test=127.0.0.1 slow.lantern.test=127.0.0.1@6 \
		loop.lantern.test=127.0.0.1 private.lantern.test=10.0.0.1 \
		dead.lantern.test=- </dev/null >>"$T_DIR/dns.log" 2>&1 &
	T_PIDS+=($!)
	if ! t_until 10 grep -q ready "$DNS_LOG" 2>/dev/null; then
		why="a DNS server on $DNS_IP port 53: $(tail -n 1 "$T_DIR/dns.log")"
	elif [ "$(in_ns getent ahostsv4 fast.lantern.test | awk 'NR == 1 { print $1 }')" != 127.0.0.1 ]; then
		why="names looked up in the namespace do not reach the test's DNS server (nscd, /etc/hosts?)"
	else
		dns=1
	fi
fi
[ -n "$dns" ] || diag "the lookups' part is skipped: $why"

# --- Refused at connect time, without LANTERN_NOTIFY_ALLOW_PRIVATE: the
# address libcurl is about to connect to is checked, whatever the name.
declare -A refused=(
	[localhost]="https://localhost:$port/localhost"
	[127.0.0.2]="https://127.0.0.2:$port/127.0.0.2"
	[::1]="https://[::1]:$port/v6"
)
declare -A class=([localhost]=loopback [127.0.0.2]=loopback [::1]=loopback)
if [ -n "$dns" ]; then
	refused[loop.lantern.test]="https://loop.lantern.test:$port/loop"
	refused[private.lantern.test]="https://private.lantern.test:$port/private"
	class[loop.lantern.test]=loopback
	class[private.lantern.test]=private
fi
declare -A sub
for t in "${!refused[@]}"; do sub[$t]=$(tn_subscriber webhook "${refused[$t]}"); done
tn_queue "$(tn_incident_event)" "${sub[@]}"
if [ -n "$dns" ]; then
	TN_EXTRA_ENV=LANTERN_NOTIFY_ALLOW_PRIVATE=0 tn_start_notify "${IN_NS[@]}"
else
	TN_EXTRA_ENV=LANTERN_NOTIFY_ALLOW_PRIVATE=0 tn_start_notify
fi
ok "every refused target settles" t_until 20 tn_drained
for t in "${!refused[@]}"; do
	s=${sub[$t]}
	is "$(tn_state "$s")" failed:1 "$t: failed at once, not retried"
	is "$(t_psql -c "SELECT last_error FROM deliveries WHERE subscriber_id = $s")" \
		"refused: the target resolves to a ${class[$t]} address (LANTERN_NOTIFY_ALLOW_PRIVATE=1 allows it)" \
		"$t: the reason recorded"
	is "$(t_psql -c "SELECT a.ok, a.detail = d.last_error FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.subscriber_id = $s")" \
		"f|t" "$t: as the attempt's detail"
	is "$(t_psql -c "SELECT consecutive_failures FROM subscribers WHERE id = $s")" 1 \
		"$t: a failure toward quarantine"
done
is "$(tn_files "$TN_HOOKS")" 0 "the receiver got nothing"
if [ -n "$dns" ]; then
	like "$(cat "$DNS_LOG")" '^private\.lantern\.test A$' \
		"the name was looked up (by libcurl), and refused when it came to connect"
else
	skip "a name resolving to a private address: $why"
fi
kill -TERM "$TN_PID"
wait "$TN_PID"

if [ -z "$dns" ]; then
	skip "a slow lookup holds back only its own delivery: $why"
	t_done
	exit 0
fi

# --- A slow lookup holds back its own delivery, not another's.  Proxies
# from the environment are ignored (this one would refuse every request).
TN_EXTRA_ENV="http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 ALL_PROXY=http://127.0.0.1:9" \
	tn_start_notify "${IN_NS[@]}"
t_until 10 grep -q 'notify: delivering' "$T_DIR/notify.log"
slow=$(tn_subscriber webhook "http://slow.lantern.test:$port/slow")
fast=$(tn_subscriber webhook "http://fast.lantern.test:$port/fast")
# The slow one first: it is claimed, and started, before the fast one.
tn_queue "$(tn_incident_event)" "$slow" "$fast"
ok "the fast one is delivered" t_until 10 tn_state_is "$fast" sent:1
is "$(tn_state "$slow")" pending:1 "while the slow name is still being looked up"
is "$(t_psql -c "SELECT sent_at - created_at < interval '3 seconds' FROM deliveries WHERE subscriber_id = $fast")" \
	t "within 3 s of being queued (the slow name takes 6)"
ok "the slow one arrives too" t_until 20 tn_state_is "$slow" sent:1
is "$(t_psql -c "SELECT s.sent_at - f.sent_at > interval '4 seconds' FROM deliveries s, deliveries f WHERE s.subscriber_id = $slow AND f.subscriber_id = $fast")" \
	t "well after the fast one"
is "$(tn_hook /slow 'r["headers"]["Lantern-Delivery"] != ""')" True "straight to the receiver, not through the proxy"
like "$(cat "$DNS_LOG")" '^slow\.lantern\.test A$' "the slow name was asked of the test's DNS server"

# --- A name whose server never answers: given up at the connect timeout
# (10 s), and the notifier goes on meanwhile, while the lookup's thread
# runs out its 20 s by itself.  A delivery coming due at 11 s goes at once.
dead=$(tn_subscriber webhook "http://dead.lantern.test:$port/dead")
later=$(tn_subscriber webhook "http://fast.lantern.test:$port/later")
tn_sql <<SQL
INSERT INTO deliveries (event_id, subscriber_id, next_attempt_at)
SELECT e, s, now() + make_interval(secs => d)
  FROM (SELECT max(id) e FROM notification_events) ev,
       (VALUES ($dead, 0), ($later, 11)) v(s, d);
NOTIFY lantern_outbox;
SQL
ok "the dead lookup is given up" t_until 30 tn_sql_is t \
	"SELECT count(*) > 0 FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.subscriber_id = $dead"
like "$(t_psql -c "SELECT a.detail || ' ' || a.duration_ms FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.subscriber_id = $dead ORDER BY a.id LIMIT 1")" \
	'^Resolving timed out after 1[0-9]{4} milliseconds (9[0-9]{3}|1[0-9]{4})$' "at the 10 s connect timeout, saying so"
ok "the delivery due at 11 s is sent" t_until 30 tn_state_is "$later" sent:1
is "$(t_psql -c "SELECT sent_at - next_attempt_at < interval '3 seconds' FROM deliveries WHERE subscriber_id = $later")" \
	t "within 3 s of coming due: nothing waited for the dead lookup's thread"

# --- SIGTERM while a lookup hangs: out within the 5 s grace and a second.
ok "the dead name is tried again" t_until 10 tn_sql_is t \
	"SELECT attempts = 2 AND claimed_until > now() FROM deliveries WHERE subscriber_id = $dead"
kill -TERM "$TN_PID"
started=$SECONDS
wait "$TN_PID"
is "$?" 0 "SIGTERM with a lookup hanging: it exits 0"
ok "within the grace and a second ($((SECONDS - started)) s)" test $((SECONDS - started)) -le 7
is "$(t_psql -c "SELECT state, claimed_until IS NULL FROM deliveries WHERE subscriber_id = $dead")" \
	"pending|t" "the hanging one is given back"
t_done
