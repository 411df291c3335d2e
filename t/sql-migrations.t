# sql-migrations.t: migrations apply once, in order, all or nothing; the
# schema refuses bad data; the demo data has the seed page's uptime.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_pg

out=$("$LANTERN_CTL" --database-url "$T_DB_URL" migrate --dir "$LANTERN_SRCDIR/sql/migrations" 2>&1)
is "$?" 0 "migrating again succeeds"
is "$out" "" "and applies nothing"
n=$(ls "$LANTERN_SRCDIR"/sql/migrations/*.sql | wc -l)
is "$(t_psql -c 'SELECT count(*) FROM schema_migrations')" "$n" "every migration recorded once"

# A broken migration leaves nothing of itself behind.
bad=$T_DIR/migrations
mkdir -p "$bad"
cp "$LANTERN_SRCDIR"/sql/migrations/*.sql "$bad/"
printf 'CREATE TABLE half_done (x int);\nSELECT no_such_function();\n' >"$bad/9999_broken.sql"
"$LANTERN_CTL" --database-url "$T_DB_URL" migrate --dir "$bad" >"$T_DIR/broken.log" 2>&1
ok "a failing migration exits non-zero" [ $? -ne 0 ]
is "$(t_psql -c "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'")" 0 \
	"its table was rolled back"
is "$(t_psql -c 'SELECT count(*) FROM schema_migrations WHERE version = 9999')" 0 \
	"and it is not recorded"

out=$(psql -X -q -v ON_ERROR_STOP=1 -d "$T_DB_URL" -f "$LANTERN_SRCDIR/sql/check-constraints.sql" </dev/null 2>&1)
is "$?" 0 "the schema refuses bad data (check-constraints.sql)"
[ -n "$out" ] && diag "$out"

out=$(psql -X -q -v ON_ERROR_STOP=1 -d "$T_DB_URL" -f "$LANTERN_SRCDIR/sql/check-demo.sql" </dev/null 2>&1)
is "$?" 0 "demo uptime matches the seed page (check-demo.sql)"
like "$out" "Web Page +\| 100\.0 +\| 99\.98 +\| 100\.0" "Web Page: Feb 2026 99.98%"
like "$out" "Runner +\| 99\.33 +\| 100\.0 +\| 100\.0" "Runner: Jan 2026 99.33%"

is "$(t_psql -c "SELECT string_agg(name, ',' ORDER BY position) FROM components")" \
	"Web Page,Runner,API Service,Storage" "the four demo components"
is "$(t_psql -c "SELECT count(*) FROM incident_updates u JOIN incidents i ON i.id = u.incident_id WHERE i.name = 'Agent can''t run'")" \
	7 "Agent can't run has its seven updates"
is "$(t_psql -c "SELECT count(*) FROM incident_updates u JOIN incidents i ON i.id = u.incident_id WHERE i.name = 'The platform.vm0.ai cannot be opened.'")" \
	3 "the February incident has its three updates"
like "$(t_psql -c "SELECT postmortem_body FROM incidents WHERE name = 'Agent can''t run'")" \
	"KEY LESSON" "the January postmortem is there in full"

psql -X -q -v ON_ERROR_STOP=1 -d "$T_DB_URL" -f "$LANTERN_SRCDIR/sql/demo.sql" </dev/null >/dev/null 2>&1
ok "loading the demo data twice is refused" [ $? -ne 0 ]
t_done
