# snapshot-file.t: every snapshot is also kept on disk, and a program
# started while the database is down serves it: the page outlives a
# restart during an outage.  A damaged file is refused; with nothing at
# all to show, the answer is a 503 with Retry-After, in JSON on JSON paths.
. "$LANTERN_SRCDIR/t/lib.sh"
export LANTERN_POLL_SECONDS=1 LANTERN_DB_TIMEOUT_MS=1000
mkdir -p "$T_DIR/state"
export LANTERN_SNAPSHOT_FILE=$T_DIR/state/snapshot
T_WORKERS=2
t_start_all
file=$LANTERN_SNAPSHOT_FILE

t_get "$T_BASE/"
is "$T_STATUS" 200 "the page"
ok "the snapshot is kept on disk" [ -s "$file" ]
is "$(stat -c %a "$file")" 600 "readable by the program's user alone"
ok "and written whole: no temporary file is left" [ ! -e "$file.new" ]

t_psql -c "UPDATE components SET name = 'Runner of the tape' WHERE name = 'Runner'" >/dev/null
t_get "$T_BASE/"
like "$T_BODY" "Runner of the tape" "a change is served"
ok "and kept on disk with the next snapshot" grep -q "Runner of the tape" "$file"

# restart_down STATUS [COMMAND...]: the database stopped, the program
# killed, COMMAND run, the program started again; waits (5 s at most) until
# / answers STATUS.
restart_down() {
	local status=$1
	shift
	lantern_pg_stop "$T_PG_DIR"
	kill -KILL "$T_APP_PID"
	wait "$T_APP_PID" 2>/dev/null
	"${@:-true}"
	t_start_app
	answers() { T_NO_SYNC=1 t_get "$T_BASE/"; [ "$T_STATUS" = "$1" ]; }
	t_until 5 answers "$status"
}

# A restart while the database is down.
restart_down 200
is "$T_STATUS" 200 "restarted with the database down: the page is served"
like "$T_BODY" "Runner of the tape" "as it was last read"
sleep 3.5	# older than a refresh: a poll, a database timeout and a second
T_NO_SYNC=1 t_get "$T_BASE/"
like "$T_BODY" 'class="stale"' "then saying it is not current"
T_NO_SYNC=1 t_get "$T_BASE/api/v2/summary.json"
is "$T_STATUS" 200 "summary.json too"
like "$T_BODY" '"name":"Runner of the tape"' "from the same snapshot"
T_NO_SYNC=1 t_get "$T_BASE/healthz"
is "$T_STATUS" 503 "/healthz is 503"
like "$T_BODY" '"stale":true' "and says the snapshot is stale"
like "$(cat "$T_DIR/app.log")" "serving the one saved at" "the log says where the page comes from"

lantern_pg_start "$T_PG_DIR" >/dev/null
ok "the database back: the page is current again" t_until 5 t_fresh

# What the snapshot does not hold (a cursor page of the history) is read
# from the database, and kept beside the snapshot: a restart during an
# outage serves it as last read.
newest=$(t_psql -c "SELECT max(id) FROM incidents")
t_get "$T_BASE/history.json?before=$newest"
is "$T_STATUS" 200 "a cursor page of the history"
cursor=$T_BODY
ok "is kept beside the snapshot" t_until 3 grep -rlq -- "before=$newest" "$file.answers"
t_get "$T_BASE/history?before=$newest"
is "$T_STATUS" 200 "and the page of it"
older=$(grep -o '<h[23][^>]*>[^<]*' <<<"$T_BODY" | tail -n 1)
is "$(stat -c %a "$file.answers")" 700 "in a folder of the program's user alone"
restart_down 200
# Another address for nginx (its microcache keeps the last copy a while),
# the same answer for the program, which heeds only "before".
T_NO_SYNC=1 t_get "$T_BASE/history.json?before=$newest&past=nginx"
is "$T_STATUS" 200 "restarted with the database down: the cursor page is served"
is "$T_BODY" "$cursor" "as it was last read"
sleep 3.5	# older than a refresh
T_NO_SYNC=1 t_get "$T_BASE/history?before=$newest&past=nginx"
is "$T_STATUS" 200 "the HTML page of it too"
ok "as it was last read" grep -qF -- "$older" <<<"$T_BODY"
is "$(grep -c 'class="stale"' <<<"$T_BODY")" 1 "saying, once, that it is not current"
T_NO_SYNC=1 t_get "$T_BASE/history.json?before=$((newest - 1))"
is "$T_STATUS" 503 "one never read is a 503, not a guess"
lantern_pg_start "$T_PG_DIR" >/dev/null
ok "the database back" t_until 5 t_fresh

# Damaged: refused, and with the database down there is nothing to show.
damage() { printf 'x' | dd of="$file" bs=1 seek=200 conv=notrunc status=none; }
restart_down 503 damage
is "$T_STATUS" 503 "a damaged file is not served: 503"
is "$(t_header retry-after)" 5 "with Retry-After"
like "$(cat "$T_DIR/app.log")" "not a snapshot this program wrote, or damaged" "the log says why"
T_NO_SYNC=1 t_get "$T_BASE/api/v2/summary.json"
is "$T_STATUS" 503 "summary.json: 503"
like "$T_BODY" '^\{"error":' "in JSON"
is "$(t_header retry-after)" 5 "with Retry-After"
t_done
