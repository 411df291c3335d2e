# db-frozen.t: a database that takes connections but never answers (every
# process of the cluster stopped with SIGSTOP) costs bounded waits: pages
# keep coming from the snapshot, a write fails within 5 s with a JSON 503
# and Retry-After, SIGTERM stops the program within 2 s with its ticker
# stuck; thawed, writes work again without a restart.
. "$LANTERN_SRCDIR/t/lib.sh"
export LANTERN_TICK_SECONDS=1	# the ticker is in the database every second
T_WORKERS=2
t_start_all

key=$(lantern_token_create "$T_DB_URL" ops)
page=$(t_psql -c "SELECT id FROM pages")
pg_pids() {
	local pm
	pm=$(head -n 1 "$T_PG_DIR/data/postmaster.pid")
	echo "$pm" $(pgrep -P "$pm")
}
freeze() { kill -STOP $(pg_pids); }
thaw() { kill -CONT $(pg_pids); }
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")

t_get "$T_BASE/"
is "$T_STATUS" 200 "the page before the freeze"
freeze
T_NO_SYNC=1 t_get "$T_BASE/"
is "$T_STATUS" 200 "frozen: the page is still served"
like "$T_BODY" "Web Page" "from the snapshot"
T_NO_SYNC=1 t_get "$T_BASE/api/v2/summary.json"
is "$T_STATUS" 200 "and summary.json"

t0=$(date +%s%N)
T_NO_SYNC=1 t_get -X PATCH -H "Authorization: OAuth $key" -H 'Content-Type: application/json' \
	--data-binary '{"component": {"description": "frozen"}}' "$T_BASE/v1/pages/$page/components/$runner"
took=$(ms_since "$t0")
is "$T_STATUS" 503 "a write while frozen is 503"
ok "within 5 s (took $took ms)" [ "$took" -lt 5000 ]
like "$T_BODY" '^\{"error":' "with a JSON error"
like "$T_BODY" "did not answer in time" "saying the database did not answer"
is "$(t_header retry-after)" 5 "and when to try again"

t0=$(date +%s%N)
T_NO_SYNC=1 t_get "$T_BASE/healthz"
took=$(ms_since "$t0")
is "$T_STATUS" 503 "/healthz says 503 while frozen"
ok "within 5 s (took $took ms)" [ "$took" -lt 5000 ]

thaw
t0=$(date +%s%N)
for i in $(seq 50); do
	T_NO_SYNC=1 t_get -X PATCH -H "Authorization: OAuth $key" -H 'Content-Type: application/json' \
		--data-binary '{"component": {"description": "thawed"}}' "$T_BASE/v1/pages/$page/components/$runner"
	[ "$T_STATUS" = 200 ] && break
	sleep 0.1
done
took=$(ms_since "$t0")
is "$T_STATUS" 200 "thawed: writes work again"
ok "within 5 s (took $took ms)" [ "$took" -lt 5000 ]
is "$(t_psql -c "SELECT description FROM components WHERE id = $runner")" thawed "and are written"

# Frozen with the ticker inside the database: SIGTERM must not wait for it.
sleep 1.5
freeze
sleep 1.2
t0=$(date +%s%N)
kill -TERM "$T_APP_PID"
gone() { case $(ps -o stat= -p "$T_APP_PID") in '' | Z*) return 0 ;; esac; return 1; }
for i in $(seq 100); do gone && break; sleep 0.05; done
took=$(ms_since "$t0")
gone || took=99999	# still running after 5 s
thaw
ok "SIGTERM with the database frozen stops the program in under 2 s (took $took ms)" \
	[ "$took" -lt 2000 ]
wait "$T_APP_PID"
is "$?" 0 "and it exits 0"
t_done
