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

# 0007: a database made before groups and components shared one id space
# keeps its groups, under ids no component has.
t_psql -c 'CREATE DATABASE before_0007'
old_url=${T_DB_URL/\/lantern\?//before_0007?}
mkdir -p "$T_DIR/m6"
for f in "$LANTERN_SRCDIR"/sql/migrations/000[1-6]_*.sql; do cp "$f" "$T_DIR/m6/"; done
"$LANTERN_CTL" --database-url "$old_url" migrate --dir "$T_DIR/m6" >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -d "$old_url" -f "$LANTERN_SRCDIR/sql/demo.sql" </dev/null >/dev/null 2>&1
psql -X -q -v ON_ERROR_STOP=1 -d "$old_url" -tA </dev/null >/dev/null 2>&1 <<'SQL'
INSERT INTO component_groups (page_id, name) SELECT id, 'Backend' FROM pages;
UPDATE components SET group_id = 1 WHERE name IN ('API Service', 'Storage');
SQL
is "$(psql -X -d "$old_url" -tAc 'SELECT count(*) FROM component_groups g JOIN components c USING (id)' </dev/null)" \
	1 "before 0007 a group could have a component's id"
"$LANTERN_CTL" --database-url "$old_url" migrate --dir "$LANTERN_SRCDIR/sql/migrations" >/dev/null 2>&1
is "$?" 0 "0007 migrates such a database"
is "$(psql -X -d "$old_url" -tAc 'SELECT count(*) FROM component_groups g JOIN components c USING (id)' </dev/null)" \
	0 "after it no group has a component's id"
is "$(psql -X -d "$old_url" -tAc "SELECT string_agg(c.name, ',' ORDER BY c.position) FROM components c JOIN component_groups g ON g.id = c.group_id WHERE g.name = 'Backend'" </dev/null)" \
	"API Service,Storage" "the group keeps its members"
is "$(psql -X -q -d "$old_url" -tAc "INSERT INTO component_groups (page_id, name) SELECT id, 'Edge' FROM pages RETURNING id NOT IN (SELECT id FROM components)" </dev/null)" \
	t "a new group takes an id no component has"
out=$(psql -X -d "$old_url" -tAc "INSERT INTO components (id, page_id, name) SELECT g.id, g.page_id, 'Clash' FROM component_groups g LIMIT 1" </dev/null 2>&1)
like "$out" "taken by a component or group" "an explicit id a group has is refused"

# 0008 gives incidents made before it the components their updates moved,
# as their affected components: none shows fewer than before.
t_psql -c "CREATE DATABASE before8" >/dev/null
url8=${T_DB_URL/\/lantern\?//before8?}
mkdir -p "$T_DIR/before8"
for f in "$LANTERN_SRCDIR"/sql/migrations/*.sql; do
	[ "$(basename "$f" | cut -c1-4)" -lt 8 ] && cp "$f" "$T_DIR/before8/"
done
"$LANTERN_CTL" --database-url "$url8" migrate --dir "$T_DIR/before8" >/dev/null 2>&1 &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$url8" -f "$LANTERN_SRCDIR/sql/demo.sql" </dev/null >/dev/null 2>&1
ok "the demo data loads into a schema before 0008" [ $? -eq 0 ]
"$LANTERN_CTL" --database-url "$url8" migrate --dir "$LANTERN_SRCDIR/sql/migrations" >/dev/null 2>&1
ok "then the rest migrate" [ $? -eq 0 ]
is "$(psql -X -qtA -d "$url8" -c "SELECT string_agg(i.name || ': ' || c.name, '; ' ORDER BY i.id)
	FROM incident_components ic JOIN incidents i ON i.id = ic.incident_id
	JOIN components c ON c.id = ic.component_id" </dev/null)" \
	"Agent can't run: Runner; The platform.vm0.ai cannot be opened.: Web Page" \
	"each incident affects what its updates moved"
t_done
