# ctl-token.t: lanternctl token create/list/revoke: keys shown once, stored as
# SHA-256 only, listed without secrets, revoked for good; exit codes scripts
# can trust.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_pg

ctl=$LANTERN_CTL
export LANTERN_DATABASE_URL=$T_DB_URL
json_ok() { /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$1"; }
# field JSON EXPR: a value out of JSON, for example field "$out" 'd["id"]'.
field() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($2)" <<<"$1"; }

key=$("$ctl" token create "ci deploy" 2>"$T_DIR/err")
is "$?" 0 "token create exits 0"
like "$key" '^lantern_[0-9a-f]{64}$' "and prints one key: lantern_ and 64 hex digits"
is "$(cat "$T_DIR/err")" "" "nothing on stderr"
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
is "$(t_psql -c "SELECT encode(token_hash, 'hex') FROM api_tokens WHERE name = 'ci deploy'")" "$hash" \
	"the database holds the key's SHA-256"
is "$(t_psql -c "SELECT read_only FROM api_tokens WHERE name = 'ci deploy'")" f "read-write by default"
dump=$(pg_dump -d "$T_DB_URL" --data-only --table=api_tokens --table=audit_log </dev/null)
unlike "$dump" "${key#lantern_}" "the key itself is nowhere in the tables"
like "$(t_psql -c "SELECT action || ' ' || (after->>'name') FROM audit_log WHERE entity_type = 'api_token'")" \
	"^token.create ci deploy$" "the creation is in the audit log"

key2=$("$ctl" token create "  reader  " --read-only)
like "$key2" '^lantern_[0-9a-f]{64}$' "a second key"
ok "the two keys differ" [ "$key" != "$key2" ]
is "$(t_psql -c "SELECT read_only FROM api_tokens WHERE name = 'reader'")" t \
	"--read-only is stored, the name trimmed"

out=$("$ctl" --json token create "json bot")
is "$?" 0 "create --json exits 0"
ok "create --json is JSON" json_ok "$out"
like "$(field "$out" 'd["key"]')" '^lantern_[0-9a-f]{64}$' "with the key"
is "$(field "$out" 'd["name"], d["read_only"], type(d["id"]).__name__')" "json bot False str" \
	"its name, access and id"
like "$(field "$out" 'd["created_at"]')" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$' "and when"
json_id=$(field "$out" 'd["id"]')

out=$("$ctl" token list)
is "$?" 0 "token list exits 0"
like "$out" "^ID +ACCESS +PAGE +CREATED +LAST USED +REVOKED +NAME$" "a table with headings"
like "$out" "read-write .* ci deploy$" "it shows the first token"
like "$out" "read-only .* reader$" "and the read-only one"
unlike "$out" "${key#lantern_}|${key2#lantern_}|$hash|lantern_" "and never a key or hash"
is "$(wc -l <<<"$out")" 4 "one line per token"

out=$("$ctl" --json token list)
ok "list --json is JSON" json_ok "$out"
is "$(field "$out" 'len(d), sorted(d[0])')" \
	"3 ['created_at', 'id', 'last_used_at', 'name', 'page_id', 'read_only', 'revoked_at']" \
	"three tokens with their fields, no hash"
unlike "$out" "${key#lantern_}|$hash" "no key or hash in the JSON"

out=$("$ctl" token revoke "$json_id")
is "$?" 0 "token revoke exits 0"
like "$out" "revoked token $json_id \(json bot\)" "and says which"
ok "revoked_at is set" [ "$(t_psql -c "SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = $json_id")" = t ]
like "$("$ctl" token list)" "^$json_id +.*[0-9]Z +json bot$" "list shows when it was revoked"
is "$(field "$("$ctl" token list --json)" "[t['revoked_at'] is not None for t in d if t['id'] == '$json_id']")" \
	"[True]" "and so does list --json"
out=$("$ctl" token revoke "$json_id" 2>&1)
is "$?" 66 "revoking it again: exit 66"
like "$out" "already revoked" "and says so"
out=$("$ctl" token revoke 999999 2>&1)
is "$?" 66 "revoking an unknown token: exit 66"
like "$out" "no such token 999999" "and says so"
"$ctl" token revoke abc >/dev/null 2>&1
is "$?" 65 "revoking a non-number: exit 65"

long=$(printf 'x%.0s' $(seq 201))
"$ctl" token create "$long" >/dev/null 2>"$T_DIR/err"
is "$?" 65 "a name of 201 characters: exit 65"
like "$(cat "$T_DIR/err")" "longer than 200" "and says so"
out=$("$ctl" token create "$(printf 'é%.0s' $(seq 200))")
like "$out" '^lantern_' "200 two-byte characters are fine"
"$ctl" token create "   " >/dev/null 2>&1
is "$?" 65 "an empty name: exit 65"
"$ctl" token create "$(printf 'a\001b')" >/dev/null 2>&1
is "$?" 65 "a control character: exit 65"
"$ctl" token create "$(printf 'a\377b')" >/dev/null 2>&1
is "$?" 65 "not UTF-8: exit 65"
"$ctl" token create x --page 424242 >/dev/null 2>&1
is "$?" 66 "an unknown page: exit 66"
page=$(t_psql -c 'SELECT min(id) FROM pages')
"$ctl" token create "page bot" --page "$page" >/dev/null
is "$(t_psql -c "SELECT page_id FROM api_tokens WHERE name = 'page bot'")" "$page" "--page is stored"
is "$(t_psql -c 'SELECT count(*) FROM api_tokens')" 5 "no token made by a refused create"

"$ctl" frobnicate >/dev/null 2>&1
is "$?" 64 "an unknown command: exit 64"
"$ctl" token frobnicate >/dev/null 2>&1
is "$?" 64 "an unknown token command: exit 64"
"$ctl" token create >/dev/null 2>&1
is "$?" 64 "create without a name: exit 64"
"$ctl" token list --frob >/dev/null 2>&1
is "$?" 64 "an unknown option: exit 64"
"$ctl" >/dev/null 2>&1
is "$?" 64 "no command: exit 64"

for cmd in "" migrate token "token create" "token list" "token revoke"; do
	# shellcheck disable=SC2086 # the words of the command
	out=$(env -u LANTERN_DATABASE_URL "$ctl" $cmd --help)
	is "$?" 0 "lanternctl${cmd:+ $cmd} --help exits 0"
	like "$out" "usage: lanternctl .*${cmd:-COMMAND}" "and shows its usage"
done
like "$("$ctl" --version)" '^lanternctl [0-9]' "--version"

out=$(env -u LANTERN_DATABASE_URL "$ctl" token list 2>&1)
is "$?" 78 "no database URL: exit 78"
like "$out" "LANTERN_DATABASE_URL" "naming LANTERN_DATABASE_URL"
"$ctl" --database-url "postgresql:///lantern?host=$T_DIR/nowhere" token create x >/dev/null 2>&1
is "$?" 69 "an unreachable database: exit 69"

# Never reads stdin: a pipe that never ends (a FIFO held open) does not block it.
mkfifo "$T_DIR/fifo"
exec 3<>"$T_DIR/fifo"
timeout 10 "$ctl" token list <&3 >/dev/null
is "$?" 0 "an open pipe on stdin does not block it"
exec 3>&-
t_done
