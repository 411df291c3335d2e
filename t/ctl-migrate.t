# ctl-migrate.t: lanternctl migrate applies each migration once, in order, all
# or nothing, refuses badly named files, survives a concurrent run, and says
# which setting is wrong or that the database is down.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_pg

ctl=$LANTERN_CTL
src=$LANTERN_SRCDIR/sql/migrations
n=$(ls "$src"/*.sql | wc -l)

# A fresh, empty database beside the one t_start_pg set up.
fresh() {
	t_psql -c "CREATE DATABASE $1" >/dev/null || return 1
	echo "${T_DB_URL/\/lantern\?//$1?}"
}

url=$(fresh fresh1)
out=$("$ctl" --database-url "$url" migrate --dir "$src" 2>"$T_DIR/err")
is "$?" 0 "a fresh database: migrate exits 0"
is "$(grep -c '^applied [0-9]\{4\}_[a-z_]*\.sql$' <<<"$out")" "$n" "and applies every migration"
is "$(head -n 1 <<<"$out")" "applied 0001_schema.sql" "0001 first"
is "$(psql -X -d "$url" -tAc 'SELECT string_agg(version::text, $$,$$ ORDER BY version) FROM schema_migrations' </dev/null)" \
	"$(ls "$src" | sed 's/_.*//; s/^0*//' | paste -sd,)" "each recorded under its version"
is "$(cat "$T_DIR/err")" "" "nothing on stderr"

out=$("$ctl" --database-url "$url" migrate --dir "$src" 2>&1)
is "$?" 0 "a second run exits 0"
is "$out" "" "and prints nothing"
out=$(LANTERN_DATABASE_URL=$url LANTERN_MIGRATIONS_DIR=$src "$ctl" --json migrate)
is "$out" '{"applied":[]}' "--json with nothing pending: an empty list"

# A broken migration: rolled back, not recorded, PostgreSQL's message shown.
bad=$T_DIR/broken
mkdir -p "$bad"
cp "$src"/*.sql "$bad/"
printf 'CREATE TABLE half_done (x int);\nSELECT no_such_function();\n' >"$bad/9999_broken.sql"
out=$("$ctl" --database-url "$url" migrate --dir "$bad" 2>&1)
is "$?" 1 "a failing migration exits 1"
like "$out" "9999_broken.sql.*no_such_function" "naming the file and PostgreSQL's message"
is "$(psql -X -d "$url" -tAc "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'" </dev/null)" 0 \
	"its table was rolled back"
is "$(psql -X -d "$url" -tAc 'SELECT count(*) FROM schema_migrations WHERE version = 9999' </dev/null)" 0 \
	"and it is not recorded"
out=$("$ctl" --json --database-url "$url" migrate --dir "$bad" 2>/dev/null)
is "$out" '{"applied":[],"failed":"9999_broken.sql"}' "--json names the failed migration"

# Names it would skip or misorder are refused before anything runs.
odd=$T_DIR/odd
mkdir -p "$odd"
cp "$src"/*.sql "$odd/"
printf 'CREATE TABLE odd (x int);\n' >"$odd/9005-odd.sql"
out=$("$ctl" --database-url "$url" migrate --dir "$odd" 2>&1)
is "$?" 65 "a badly named file: exit 65"
like "$out" "9005-odd.sql: name is not NNNN_name.sql" "naming the file"
rm "$odd/9005-odd.sql"
printf 'CREATE TABLE dup (x int);\n' >"$odd/0004_again.sql"
out=$("$ctl" --database-url "$url" migrate --dir "$odd" 2>&1)
is "$?" 65 "two files with one version: exit 65"
like "$out" "same version 4" "and says so"
rm "$odd/0004_again.sql"
printf 'SELECT 1;\n\\i other.sql\n' >"$odd/9005_meta.sql"
out=$("$ctl" --database-url "$url" migrate --dir "$odd" 2>&1)
is "$?" 65 "a psql meta-command: exit 65"
like "$out" "9005_meta.sql:2: a psql meta-command" "with its line"
out=$("$ctl" --database-url "$url" migrate --dir "$T_DIR/nowhere" 2>&1)
is "$?" 66 "no such folder: exit 66"

# Two runs at once on an empty database: both succeed, each migration once.
url=$(fresh fresh2)
"$ctl" --database-url "$url" migrate --dir "$src" >"$T_DIR/a.out" 2>"$T_DIR/a.err" &
a=$!
"$ctl" --database-url "$url" migrate --dir "$src" >"$T_DIR/b.out" 2>"$T_DIR/b.err" &
b=$!
wait "$a"
ra=$?
wait "$b"
rb=$?
is "$ra $rb" "0 0" "two concurrent runs both succeed"
is "$(cat "$T_DIR/a.out" "$T_DIR/b.out" | sort | uniq -d)" "" "no migration applied twice"
is "$(cat "$T_DIR/a.out" "$T_DIR/b.out" | wc -l)" "$n" "every migration applied by one of them"
is "$(psql -X -d "$url" -tAc 'SELECT count(*) FROM schema_migrations' </dev/null)" "$n" "each recorded once"
is "$(cat "$T_DIR/a.err" "$T_DIR/b.err")" "" "nothing on stderr"

# Settings and the database being away.
out=$(env -u LANTERN_DATABASE_URL "$ctl" migrate --dir "$src" 2>&1)
is "$?" 78 "no database URL: exit 78"
like "$out" "LANTERN_DATABASE_URL" "naming LANTERN_DATABASE_URL"
out=$(LANTERN_DATABASE_URL='no_such_option=1' "$ctl" migrate --dir "$src" 2>&1)
like "$? $out" "^78 .*LANTERN_DATABASE_URL is not a valid" "a malformed one: exit 78"
out=$("$ctl" --database-url "postgresql:///lantern?host=$T_DIR/nowhere" migrate --dir "$src" 2>&1)
is "$?" 69 "an unreachable database: exit 69"
like "$out" "cannot connect to the database" "and says so"

out=$("$ctl" migrate --help)
is "$?" 0 "migrate --help exits 0"
like "$out" "usage: lanternctl .*migrate" "and shows migrate's usage"
"$ctl" migrate --bogus >/dev/null 2>&1
is "$?" 64 "an unknown option: exit 64"
"$ctl" migrate extra >/dev/null 2>&1
is "$?" 64 "an unexpected argument: exit 64"
t_done
