# sql-uptime.t: daily uptime totals (component_days) stay exact on every history edit, and
# uptime_days/incident_days give the bars and tooltips the demo page shows.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_pg

out=$(psql -X -q -v ON_ERROR_STOP=1 -d "$T_DB_URL" -f "$LANTERN_SRCDIR/sql/check-uptime.sql" </dev/null 2>&1)
is "$?" 0 "uptime bookkeeping and figures are right (check-uptime.sql)"
[ -n "$out" ] && diag "$out"

vm0="(SELECT id FROM pages WHERE name = 'VM0')"
runner="(SELECT id FROM components WHERE name = 'Runner')"

is "$(t_psql -c "SELECT count(*), count(DISTINCT component_id), count(DISTINCT day) FROM uptime_days($vm0, date '2026-11-28' - 89, '2026-11-28')")" \
	"360|4|90" "the 90-day bar ending 2026-11-28: 4 components x 90 days"
is "$(t_psql -c "SELECT major_seconds, data_seconds FROM uptime_days($vm0, '2026-01-19', '2026-01-19', '2026-11-28 00:00Z') WHERE component_id = $runner")" \
	"17880|86400" "Runner was down 17880 s on 2026-01-19"
is "$(t_psql -c "SELECT day, name FROM incident_days($vm0, '2026-01-01', '2026-01-31') WHERE component_id = $runner")" \
	"2026-01-19|Agent can't run" "the tooltip of Runner's 2026-01-19 names the incident"
is "$(t_psql -c "SELECT string_agg(format('%s %s %s', c.name, d.day, d.major_seconds), ', ' ORDER BY c.position)
                   FROM component_days d JOIN components c ON c.id = d.component_id")" \
	"Web Page 2026-02-10 480, Runner 2026-01-19 17880" "only the demo's two outage days are stored"

# A live database already has history when 0002 arrives: the migration fills component_days.
t_psql -c "CREATE DATABASE backfill"
bf_url=${T_DB_URL/\/lantern\?//backfill?}
mkdir -p "$T_DIR/m1"
cp "$LANTERN_SRCDIR/sql/migrations/0001_schema.sql" "$T_DIR/m1/"
"$LANTERN_CTL" --database-url "$bf_url" migrate --dir "$T_DIR/m1" >/dev/null 2>&1 &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$bf_url" -f "$LANTERN_SRCDIR/sql/demo.sql" </dev/null >/dev/null 2>&1
is "$?" 0 "a database with only 0001 gets the demo history"
out=$("$LANTERN_CTL" --database-url "$bf_url" migrate --dir "$LANTERN_SRCDIR/sql/migrations" 2>&1)
is "$?" 0 "the uptime migration applies on top of it"
like "$out" "applied 0002_uptime.sql" "and says so"
is "$(psql -X -q -d "$bf_url" -tA -c "SELECT string_agg(format('%s %s %s', c.name, d.day, d.major_seconds), ', ' ORDER BY c.position)
                   FROM component_days d JOIN components c ON c.id = d.component_id" </dev/null)" \
	"Web Page 2026-02-10 480, Runner 2026-01-19 17880" "the backfill stored the existing outages"

# An outage shorter than a second is kept (as one second), not rounded away.
t_psql -c "INSERT INTO component_status_changes (component_id, status, changed_at)
           VALUES ($runner, 'major_outage', '2026-03-03 10:00:00Z'),
                  ($runner, 'operational', '2026-03-03 10:00:00.4Z')"
is "$(t_psql -c "SELECT major_seconds FROM component_days WHERE component_id = $runner AND day = '2026-03-03'")" \
	1 "a 0.4 s outage is stored as 1 s"
is "$(t_psql -c "SELECT major_seconds FROM uptime_days($vm0, '2026-03-03', '2026-03-03', '2026-11-28 00:00Z') WHERE component_id = $runner")" \
	1 "and uptime_days reports it"
t_done
