# outage.t: the outage harness.  A bounded load runs from a second process
# (t/outage-load.py: GETs of /, summary.json and the RSS feed) while a
# writer keeps opening incidents through the write API, and PostgreSQL is
# stopped for 60 s, killed with SIGKILL, and frozen with SIGSTOP; then the
# serving process is killed with SIGKILL and stopped with SIGSTOP.  Counted:
# answers, answers other than 200 (none allowed), acknowledged writes found
# afterwards (all of them), and how soon writes work again (5 s at most).
. "$LANTERN_SRCDIR/t/lib.sh"
export LANTERN_POLL_SECONDS=1 LANTERN_DB_TIMEOUT_MS=1000
t_start_all

key=$(lantern_token_create "$T_DB_URL" ops)
page=$(t_psql -c "SELECT id FROM pages")
paths=(/ /api/v2/summary.json /history.rss)
for p in "${paths[@]}"; do t_get "$T_BASE$p"; done
now_ms() { echo $(($(date +%s%N) / 1000000)); }
pg_pids() { local pm; pm=$(head -n 1 "$T_PG_DIR/data/postmaster.pid"); echo "$pm" $(pgrep -P "$pm"); }

# load SECONDS NAME: the reading load in the background; $load is its pid.
load() {
	/usr/bin/python3 "$LANTERN_SRCDIR/t/outage-load.py" "$T_BASE" "$1" "$T_DIR/$2" "${paths[@]}" &
	load=$!
}
# writer SECONDS NAME: opens an incident every 0.2 s, each with its own
# Idempotency-Key; logs "ms n status" to $T_DIR/NAME.  $writer is its pid.
writer() {
	(
		end=$(($(date +%s) + $1)) i=0
		while [ "$(date +%s)" -lt "$end" ]; do
			i=$((i + 1))
			code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST \
				-H "Authorization: OAuth $key" -H 'Content-Type: application/json' \
				-H "Idempotency-Key: $2-$i" \
				--data-binary "{\"incident\": {\"name\": \"$2 write $i\", \"status\": \"investigating\"}}" \
				"$T_BASE/v1/pages/$page/incidents")
			echo "$(now_ms) $i $code" >>"$T_DIR/$2"
			sleep 0.2
		done
	) &
	writer=$!
}
# summary NAME: the load's last line; non200 NAME: how many were not 200.
summary() { tail -n 1 "$T_DIR/$1"; }
non200() { summary "$1" | awk '{ print $4 }'; }
# acked NAME: the writes answered 201; found NAME: how many of those the
# database holds (one a 503 left in doubt may be there too: not counted).
acked() { awk '$3 == 201 { n++ } END { print n + 0 }' "$T_DIR/$1"; }
found() {
	t_psql -c "SELECT count(*) FROM incidents WHERE name = ANY (string_to_array('$(
		awk -v w="$1 write " '$3 == 201 { printf "%s%s%d", s, w, $2; s = "," }' "$T_DIR/$1")', ','))"
}
# back_after NAME MS: ms from MS to the first 201 after it.
back_after() { awk -v t="$2" '$1 >= t && $3 == 201 { print $1 - t; exit }' "$T_DIR/$1"; }

# --- PostgreSQL stopped for 60 s, under load ------------------------------
load 66 stopped
writer 66 stopped-w
sleep 2
lantern_pg_stop "$T_PG_DIR"
sleep 60
lantern_pg_start "$T_PG_DIR" >/dev/null
back=$(now_ms)
wait "$load" "$writer"
diag "database stopped 60 s: $(summary stopped)"
is "$(non200 stopped)" 0 "60 s without the database: every read under load is 200"
ok "and there were reads ($(summary stopped | awk '{ print $2 }'))" \
	[ "$(summary stopped | awk '{ print $2 }')" -gt 500 ]
is "$(found stopped-w)" "$(acked stopped-w)" \
	"every acknowledged write is there ($(acked stopped-w) of $(wc -l <"$T_DIR/stopped-w"))"
w=$(back_after stopped-w "$back")
ok "writes work again ${w:-never} ms after the database is back (5 s at most)" \
	[ "${w:-99999}" -le 5000 ]
is "$(awk '$3 != 201 && $3 != 503 { n++ } END { print n + 0 }' "$T_DIR/stopped-w")" 0 \
	"a write while the database is away is a 503, nothing else"

# --- PostgreSQL killed with SIGKILL during writes ----------------------------
load 12 killed
writer 12 killed-w
sleep 3
kill -KILL $(pg_pids)
sleep 2
rm -f "$T_PG_DIR/data/postmaster.pid"
lantern_pg_start "$T_PG_DIR" >/dev/null
back=$(now_ms)
wait "$load" "$writer"
diag "database killed: $(summary killed)"
is "$(non200 killed)" 0 "PostgreSQL killed: every read is 200"
is "$(found killed-w)" "$(acked killed-w)" \
	"every acknowledged write survived the kill ($(acked killed-w) of $(wc -l <"$T_DIR/killed-w"))"
w=$(back_after killed-w "$back")
ok "writes work again ${w:-never} ms after its restart (5 s at most)" [ "${w:-99999}" -le 5000 ]

# --- PostgreSQL frozen for 10 s ---------------------------------------------
load 16 frozen
writer 16 frozen-w
sleep 2
kill -STOP $(pg_pids)
t0=$(now_ms)
sleep 10
kill -CONT $(pg_pids)
back=$(now_ms)
wait "$load" "$writer"
diag "database frozen: $(summary frozen)"
is "$(non200 frozen)" 0 "PostgreSQL frozen: every read is 200"
is "$(found frozen-w)" "$(acked frozen-w)" \
	"every acknowledged write is there ($(acked frozen-w) of $(wc -l <"$T_DIR/frozen-w"))"
w=$(back_after frozen-w "$back")
ok "writes work again ${w:-never} ms after it thaws (5 s at most)" [ "${w:-99999}" -le 5000 ]
# Each write is logged when answered: none may have taken 5 s or more.
ok "no write waited 5 s for an answer while it was frozen" awk -v t0="$t0" '
	NR > 1 && $1 > t0 && $1 - prev > 5200 { bad = 1 } { prev = $1 } END { exit bad }' \
	"$T_DIR/frozen-w"

# --- The serving process killed with SIGKILL, under load ----------------------
# lantern --supervise holds the socket: requests wait in its queue while a
# new process starts, and nginx sends a GET whose connection died again.
kill -TERM "$T_APP_PID"
wait "$T_APP_PID"
T_APP_ARGS=--supervise t_start_app
for p in "${paths[@]}"; do t_get "$T_BASE$p"; done
serving() { pgrep -P "$T_APP_PID"; }
first=$(serving)
load 8 crashed
writer 8 crashed-w
sleep 2
kill -KILL "$first"
t0=$(now_ms)
replaced() { [ -n "$(serving)" ] && [ "$(serving)" != "$first" ]; }
ok "a new serving process is started" t_until 5 replaced
diag "a new serving process after $(($(now_ms) - t0)) ms"
wait "$load" "$writer"
diag "serving process killed: $(summary crashed)"
is "$(summary crashed | awk '{ print $6 }')" 0 "killed with SIGKILL under load: no 5xx"
is "$(non200 crashed)" 0 "every read is 200"
gap=$(summary crashed | awk '{ print $8 }')
ok "back within a second: the longest time without a 200 is $gap ms" [ "$gap" -lt 1000 ]
like "$(cat "$T_DIR/app.log")" "died of signal 9; starting another" "the supervisor says what happened"
is "$(found crashed-w)" "$(acked crashed-w)" \
	"every acknowledged write survived the kill ($(acked crashed-w) of $(wc -l <"$T_DIR/crashed-w"))"
is "$(awk '$3 != 201 && $3 != 503 { n++ } END { print n + 0 }' "$T_DIR/crashed-w")" 0 \
	"a write the kill cut short is a 503 to retry, nothing else"

# --- The serving process stopped with SIGSTOP for 2 s, under load -----------
load 7 paused
sleep 2
kill -STOP "$(serving)"
sleep 2
kill -CONT "$(serving)"
wait "$load"
diag "serving process paused: $(summary paused)"
is "$(summary paused | awk '{ print $6 }')" 0 "paused for 2 s under load: no 5xx, only late answers"

# --- No program at all, and no copy at hand ---------------------------------
kill -TERM "$T_APP_PID"
wait "$T_APP_PID"
T_NO_SYNC=1 t_get "$T_BASE/api/v2/summary.json?uncached=1"
is "$T_STATUS" 503 "no program: a JSON path is a 503, not nginx's 502"
like "$T_BODY" '^\{"error":"The status service is restarting' "in JSON"
is "$(t_header content-type)" application/json "as JSON"
is "$(t_header access-control-allow-origin)" "*" "readable cross-origin"
is "$(t_header retry-after)" 5 "with Retry-After"
T_NO_SYNC=1 t_get "$T_BASE/?uncached=1"
is "$T_STATUS" 503 "an HTML path: 503 too"
like "$T_BODY" "The status service is restarting" "with a page that says so"
T_NO_SYNC=1 t_get -X PATCH "$T_BASE/v1/pages/$page/components/1"
like "$T_BODY" '^\{"error":' "the write API answers in JSON too"
t_done
