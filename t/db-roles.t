# db-roles.t: least privilege in the database.  The reader cannot change
# anything, the writer cannot change the schema nor rewrite the audit log
# (nor more of keys, the page and people than the console's owner screens
# change),
# nobody gets in without a password (or as another system user), and the
# program works with its two connection strings, each as its own role.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

# as URL SQL: runs SQL as the role of URL in a transaction that is rolled
# back whatever it did; prints what psql said, errors included.
as() {
	printf 'BEGIN;\n%s;\nROLLBACK;\n' "$2" |
		psql -X -q -tA -v ON_ERROR_STOP=1 -d "$1" 2>&1
}

# refused WHO URL SQL: SQL fails for want of a privilege.
refused() {
	local out
	out=$(as "$2" "$3")
	like "$out" "permission denied|must be owner" "$1 may not: $3"
}

tables=$(t_psql -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
ok "the schema has tables" [ "$(wc -w <<<"$tables")" -ge 10 ]

# The reader: no row of any table changes, whatever the table.
for t in $tables; do
	col=$(t_psql -c "SELECT attname FROM pg_attribute WHERE attrelid = '$t'::regclass
		AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum DESC LIMIT 1")
	refused reader "$T_READ_URL" "INSERT INTO $t DEFAULT VALUES"
	refused reader "$T_READ_URL" "UPDATE $t SET $col = $col"
	refused reader "$T_READ_URL" "DELETE FROM $t"
	refused reader "$T_READ_URL" "TRUNCATE $t"
done
is "$(as "$T_READ_URL" 'SELECT count(*) > 0 FROM components')" t "the reader reads public data"
refused reader "$T_READ_URL" "SELECT count(*) FROM api_tokens"
refused reader "$T_READ_URL" "SELECT count(*) FROM audit_log"
refused reader "$T_READ_URL" "SELECT count(*) FROM idempotency_keys"
refused reader "$T_READ_URL" "CREATE TEMPORARY TABLE scratch (x int)"
refused reader "$T_READ_URL" "SELECT * FROM components FOR UPDATE"

# The writer: rows of the domain, never the schema.
is "$(as "$T_WRITE_URL" "UPDATE components SET description = 'x' WHERE id = (SELECT min(id) FROM components) RETURNING 1")" \
	1 "the writer changes a component"
is "$(as "$T_WRITE_URL" "INSERT INTO audit_log (action, entity_type) VALUES ('test.insert', 'test')")" \
	"" "the writer adds to the audit log"
refused writer "$T_WRITE_URL" "CREATE TABLE extra (x int)"
refused writer "$T_WRITE_URL" "CREATE TEMPORARY TABLE scratch (x int)"
refused writer "$T_WRITE_URL" "ALTER TABLE incidents ADD COLUMN extra int"
refused writer "$T_WRITE_URL" "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"
refused writer "$T_WRITE_URL" "DROP TABLE component_days"
refused writer "$T_WRITE_URL" "CREATE OR REPLACE FUNCTION forbid_update() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'"
refused writer "$T_WRITE_URL" "UPDATE audit_log SET action = 'rewritten'"
refused writer "$T_WRITE_URL" "DELETE FROM audit_log"
refused writer "$T_WRITE_URL" "TRUNCATE audit_log"
# The console's owner screens (0017) write as the writer: it reads the audit log, makes and
# revokes keys, changes the page's name, URL and time zone, and adds, changes and removes
# people.  Nothing more of those tables.
is "$(as "$T_WRITE_URL" "SELECT count(*) >= 0 FROM audit_log")" t "the writer reads the audit log"
is "$(as "$T_WRITE_URL" "INSERT INTO api_tokens (page_id, name, token_hash, read_only) VALUES (1, 'minted', sha256('x'), false) RETURNING 1")" \
	1 "the writer makes a key (its hash)"
t_psql -c "INSERT INTO api_tokens (name, token_hash, read_only, revoked_at) VALUES ('revoked', sha256('r'), false, now())"
refused writer "$T_WRITE_URL" "UPDATE api_tokens SET read_only = false"
refused writer "$T_WRITE_URL" "UPDATE api_tokens SET token_hash = sha256('y')"
refused writer "$T_WRITE_URL" "UPDATE api_tokens SET page_id = NULL"
refused writer "$T_WRITE_URL" "DELETE FROM api_tokens"
like "$(as "$T_WRITE_URL" "UPDATE api_tokens SET revoked_at = NULL WHERE name = 'revoked'")" \
	"stays revoked" "the writer may not un-revoke a key"
is "$(as "$T_WRITE_URL" "UPDATE pages SET name = 'Renamed', url = 'https://status.example.org', time_zone = 'Europe/Berlin' RETURNING 1")" \
	1 "the writer changes the page's name, URL and time zone"
refused writer "$T_WRITE_URL" "UPDATE pages SET created_at = now()"
refused writer "$T_WRITE_URL" "INSERT INTO pages (name, url) VALUES ('Another', 'https://evil.example')"
refused writer "$T_WRITE_URL" "DELETE FROM pages"
refused writer "$T_WRITE_URL" "UPDATE people SET password_hash = '\$argon2id\$x'"
refused writer "$T_WRITE_URL" "UPDATE people SET email = 'someone@evil.example'"
refused writer "$T_WRITE_URL" "UPDATE people SET created_at = now()"
refused writer "$T_WRITE_URL" "TRUNCATE people"
refused writer "$T_WRITE_URL" "DELETE FROM schema_migrations"

# The owner runs the migrations: it owns every table.
is "$(t_psql -c "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'")" \
	lantern_owner "lantern_owner owns every table"
is "$(t_psql -c "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles
	WHERE rolname LIKE 'lantern%' AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)")" \
	"" "no Lantern role is a superuser or may make roles or databases"

# No password, no entry; nor as the superuser from another system user.
base="postgresql:///lantern?host=$T_PG_DIR"
for role in lantern_reader lantern_writer lantern_owner; do
	out=$(PGPASSFILE=/dev/null psql -X -w -tA -d "$base&user=$role" -c 'SELECT 1' 2>&1 </dev/null)
	like "$out" "no password supplied|password authentication failed" "$role without its password: refused"
done
out=$(psql -X -w -tA -d "$base&user=lantern_reader&password=wrong" -c 'SELECT 1' 2>&1 </dev/null)
like "$out" "password authentication failed" "a wrong password: refused"
for role in postgres lantern_owner lantern_reader; do
	out=$(cd / && runuser -u nobody -- psql -X -w -tA -h "$T_PG_DIR" -U "$role" -d lantern \
		-c 'SELECT 1' 2>&1 </dev/null)
	like "$out" "authentication failed|no password supplied" "the system user nobody as $role: refused"
done
for f in "$T_PG_DIR"/*.pgpass; do
	is "$(stat -c %a "$f")" 600 "$(basename "$f") is mode 0600"
	ok "nobody cannot read $(basename "$f")" \
		bash -c "cd / && ! runuser -u nobody -- cat '$f' >/dev/null 2>&1"
done
ok "the program's passfile holds no owner's password" \
	bash -c "! grep -q lantern_owner '$T_PG_DIR/app.pgpass'"

# The program: the reader for the page, the writer for a write, both at work.
key=$(lantern_token_create "$T_DB_URL" ops)
T_KEY=$key
page=$(t_psql -c 'SELECT id FROM pages ORDER BY id LIMIT 1')
t_api POST "$T_BASE/v1/pages/$page/incidents" \
	'{"incident": {"name": "Least privilege check", "status": "investigating", "body": "Looking."}}'
is "$T_STATUS" 201 "a write through the API, as the writer"
t_get "$T_BASE/"
like "$T_BODY" "Least privilege check" "is on the page, read as the reader"
sessions=$(t_psql -c "SELECT application_name || '=' || usename FROM pg_stat_activity
	WHERE application_name LIKE 'lantern%' GROUP BY 1 ORDER BY 1" | paste -sd' ')
like "$sessions" "(^| )lantern-write=lantern_writer( |$)" "the write's connection is the writer's"
like "$sessions" "(^| )lantern-snapshot=lantern_reader( |$)" "the snapshot's is the reader's"
like "$sessions" "(^| )lantern-listen=lantern_reader( |$)" "LISTEN's is the reader's"
like "$sessions" "(^| )lantern-ticker=lantern_writer( |$)" "the ticker's is the writer's"
unlike "$sessions" "=(postgres|lantern_owner)( |$)" "the program never connects as the owner or superuser"
is "$(t_psql -c "SELECT count(*) FROM audit_log WHERE action = 'incident.create'")" 1 \
	"the audit row is written"
t_done
