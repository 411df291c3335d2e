# manage-owner.t: the console's owner screens through nginx and a real
# PostgreSQL: API keys (made and shown once, working against the write
# API, revoked for good), the audit log (who, what, when, what changed,
# filters, pages of it), page settings (on / within a second, time zone
# checked) and people (added, role, disabled with their sessions ended at
# once, removed, the last owner kept).  An editor is refused everywhere
# here; a refusal writes nothing; a form sent twice writes once.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

PAGE=$(t_psql -c 'SELECT id FROM pages ORDER BY id LIMIT 1')
audits() { t_psql -c "SELECT count(*) FROM audit_log${1:+ WHERE $1}"; }

t_person own@example.org 'owner password 1' owner
t_person ed@example.org 'editor password 1'
t_signin ed@example.org 'editor password 1'
ED_COOKIE=$T_COOKIE
t_signin own@example.org 'owner password 1'
OWN_COOKIE=$T_COOKIE
OWN_ID=$(t_psql -c "SELECT id FROM people WHERE email = 'own@example.org'")
ED_ID=$(t_psql -c "SELECT id FROM people WHERE email = 'ed@example.org'")

# --- an editor: every owner route refused, GET and POST, nothing written ------
T_COOKIE=$ED_COOKIE
t_manage /
mapfile -t edform < <(t_form "/sign-out")
before=$(audits)
people=$(t_psql -c "SELECT string_agg(email || role || coalesce(disabled_at::text, ''), ',' ORDER BY id) FROM people")
for p in /people /keys /audit /settings /keys/1/revoke "/people/$OWN_ID/remove"; do
	t_manage "$p"
	is "$T_STATUS" 403 "an editor: GET /manage$p is 403"
done
for p in /people "/people/$OWN_ID" "/people/$OWN_ID/remove" /keys /keys/1/revoke /settings; do
	t_manage "$p" -X POST "${edform[0]}" "${edform[1]}" --data-urlencode once=x$RANDOM \
		--data-urlencode role=editor --data-urlencode name=x --data-urlencode email=x@example.org
	is "$T_STATUS" 403 "an editor: POST /manage$p is 403"
done
is "$(audits)" "$before" "an editor's owner forms wrote nothing to the audit log"
is "$(t_psql -c "SELECT string_agg(email || role || coalesce(disabled_at::text, ''), ',' ORDER BY id) FROM people")" \
	"$people" "nor to people"
is "$(t_psql -c 'SELECT count(*) FROM api_tokens')" 0 "nor made a key"
t_manage /
unlike "$T_BODY" 'href="/manage/keys"' "an editor's nav does not offer the owner's screens"

# --- API keys ------------------------------------------------------------------
T_COOKIE=$OWN_COOKIE
t_manage /
like "$T_BODY" 'href="/manage/keys">API keys</a>' "an owner's nav has API keys"
like "$T_BODY" 'href="/manage/audit">Audit log</a>' "the audit log"
like "$T_BODY" 'href="/manage/settings">Settings</a>' "and settings"
t_manage /keys
is "$T_STATUS:$(t_header cache-control)" "200:no-store" "GET /manage/keys: 200, never cached"
like "$T_BODY" "No keys yet" "no keys at first"
mapfile -t form < <(t_form /keys)
is "${#form[@]}" 4 "the new-key form carries its CSRF and one-time tokens"
T_NO_SYNC=1 t_manage /keys -X POST "${form[@]}" --data-urlencode 'name=Deploy <bot>' --data-urlencode access=write
is "$T_STATUS" 200 "making a key: 200 with the key"
key=$(grep -o 'value="lantern_[0-9a-f]\{64\}"' <<<"$T_BODY" | sed 's/value="\(.*\)"/\1/')
ok "the answer shows the key" [ -n "$key" ]
like "$T_BODY" 'shown this once and never again' "saying it is shown once"
like "$T_BODY" '<strong>Deploy &lt;bot&gt;</strong>' "its name, escaped"
key_id=$(t_psql -c "SELECT id FROM api_tokens WHERE name = 'Deploy <bot>'")
is "$(t_psql -c "SELECT encode(token_hash, 'hex') = encode(sha256('$key'::bytea), 'hex') AND NOT read_only AND page_id = $PAGE FROM api_tokens WHERE id = $key_id")" \
	t "the database keeps its SHA-256, write access, this page"
is "$(t_psql -c "SELECT count(*) FROM audit_log WHERE before::text LIKE '%$key%' OR after::text LIKE '%$key%'")
$(t_psql -c "SELECT count(*) FROM idempotency_keys WHERE response LIKE '%$key%'")" "0
0" "the key is in no audit row and no kept answer"
is "$(t_psql -c "SELECT a.action || ' ' || a.person_email || ' ' || a.entity_id FROM audit_log a ORDER BY id DESC LIMIT 1")" \
	"token.create own@example.org $key_id" "audited as the owner's token.create"
T_NO_SYNC=1 t_manage /keys -X POST "${form[@]}" --data-urlencode 'name=Deploy <bot>' --data-urlencode access=write
is "$T_STATUS" 200 "the same form again: 200"
unlike "$T_BODY" 'lantern_[0-9a-f]{64}' "and no key: it is never shown again"
like "$T_BODY" 'sent twice' "saying the form was sent twice"
is "$(t_psql -c 'SELECT count(*) FROM api_tokens')" 1 "one key made"
t_manage /keys
like "$T_BODY" 'Deploy &lt;bot&gt;</span>' "the list names it"
like "$T_BODY" 'last used never' "never used yet"
unlike "$T_BODY" "$key" "and never shows the key"

T_KEY=$key
t_api POST "$T_BASE/v1/pages/$PAGE/incidents" \
	'{"incident": {"name": "Made with a console key", "status": "investigating", "body": "Looking."}}'
is "$T_STATUS" 201 "the new key writes through the API"
t_manage /keys
unlike "$T_BODY" 'last used never' "and the list says when it was last used"

t_manage /keys
mapfile -t form < <(t_form /keys)
t_manage /keys -X POST "${form[@]}" --data-urlencode 'name=Reader' --data-urlencode access=read
T_KEY=$(grep -o 'value="lantern_[0-9a-f]\{64\}"' <<<"$T_BODY" | sed 's/value="\(.*\)"/\1/')
t_api POST "$T_BASE/v1/pages/$PAGE/incidents" '{"incident": {"name": "Nope", "status": "investigating"}}'
is "$T_STATUS" 403 "a read-only key may not write"

t_manage /keys
mapfile -t form < <(t_form /keys)
n=$(audits)
t_manage /keys -X POST "${form[@]}" --data-urlencode 'name= ' --data-urlencode access=write
is "$T_STATUS" 422 "a blank name: 422"
like "$T_BODY" 'role="alert">api_key.name' "the screen says which field"
like "$T_BODY" 'id="key-name" name="name" maxlength="200" required autocomplete="off" value=" " aria-invalid="true" aria-describedby="refusal"' \
	"the input is marked, with what was typed"
is "$(audits):$(t_psql -c 'SELECT count(*) FROM api_tokens')" "$n:2" "nothing written"

t_manage "/keys/$key_id/revoke"
is "$T_STATUS" 200 "revoking asks first"
like "$T_BODY" 'Revoke .Deploy &lt;bot&gt;.' "naming the key"
mapfile -t form < <(t_form "/keys/$key_id/revoke")
t_manage "/keys/$key_id/revoke" -X POST "${form[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/keys" "revoked: 303 to the keys"
T_KEY=$key
t_api POST "$T_BASE/v1/pages/$PAGE/incidents" '{"incident": {"name": "After revocation", "status": "investigating"}}'
is "$T_STATUS" 401 "the revoked key no longer works"
t_manage /keys
like "$T_BODY" '<span class="badge">revoked</span>' "the list says it is revoked"
t_manage "/keys/$key_id/revoke" -X POST "${form[@]}"
is "$T_STATUS" 303 "the confirmation sent twice: the same answer"
is "$(audits "action = 'token.revoke'")" 1 "revoked (and audited) once"
t_manage "/keys/$key_id/revoke"
like "$T_BODY" 'revoked already' "the confirmation of a revoked key says so"
t_manage "/keys/99999/revoke"
is "$T_STATUS" 404 "no such key: 404"
is "$(t_psql -c "SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = $key_id")" t \
	"revoked in the database"

# --- page settings -----------------------------------------------------------------
t_manage /settings
is "$T_STATUS" 200 "GET /manage/settings: 200"
like "$T_BODY" 'id="page-time_zone" name="time_zone" required value="UTC"' "showing the page's time zone"
mapfile -t form < <(t_form /settings)
n=$(audits)
was=$(t_psql -c "SELECT name || ' ' || url || ' ' || time_zone || ' ' || version FROM pages WHERE id = $PAGE")
t_manage /settings -X POST "${form[@]}" --data-urlencode 'name=Acme <Status>' \
	--data-urlencode url=https://status.example.org --data-urlencode time_zone=Mars/Olympus_Mons
is "$T_STATUS" 422 "a time zone PostgreSQL does not know: 422"
like "$T_BODY" 'role="alert">page.time_zone must be a time zone the database knows' "said in the form's terms"
like "$T_BODY" 'id="page-time_zone" name="time_zone" required value="Mars/Olympus_Mons" aria-invalid="true" aria-describedby="page-time_zone-hint refusal"' \
	"the field marked, with what was typed"
like "$T_BODY" 'value="Acme &lt;Status&gt;"' "the other fields kept as typed"
is "$(t_psql -c "SELECT name || ' ' || url || ' ' || time_zone || ' ' || version FROM pages WHERE id = $PAGE"):$(audits)" \
	"$was:$n" "nothing written"
t_manage /settings -X POST "${form[@]}" --data-urlencode 'name=Acme <Status>' \
	--data-urlencode url=ftp://status.example.org --data-urlencode time_zone=UTC
is "$T_STATUS" 422 "a URL that is not http(s): 422"
like "$T_BODY" 'aria-invalid="true" aria-describedby="page-url-hint refusal"' "naming the URL"

T_NO_SYNC=1 t_manage /settings -X POST "${form[@]}" --data-urlencode 'name=Acme <Status>' \
	--data-urlencode url=https://status.example.org --data-urlencode time_zone=Europe/Berlin
is "$T_STATUS:$(t_header location)" "303:/manage/settings" "saved: 303 back"
seen_name() {
	T_NO_SYNC=1 t_get "$T_BASE/"
	[[ $T_BODY == *'Acme &lt;Status&gt;'* ]]
}
ok "/ shows the new name within a second" t_until 1 seen_name
is "$(t_psql -c "SELECT name || ' ' || url || ' ' || time_zone FROM pages WHERE id = $PAGE")" \
	"Acme <Status> https://status.example.org Europe/Berlin" "the page row holds all three"
is "$(t_psql -c "SELECT before->>'time_zone' || ' ' || (after->>'time_zone') || ' ' || person_email
	FROM audit_log WHERE action = 'page.update'")" "UTC Europe/Berlin own@example.org" \
	"audited as page.update with before and after"
T_NO_SYNC=1 t_manage /settings -X POST "${form[@]}" --data-urlencode 'name=Acme <Status>' \
	--data-urlencode url=https://status.example.org --data-urlencode time_zone=Europe/Berlin
is "$T_STATUS:$(audits "action = 'page.update'")" "303:1" "the same form again: written once"
t_manage /settings
like "$T_BODY" 'value="Europe/Berlin"' "the form shows the new zone"

# --- people ------------------------------------------------------------------------
t_manage /people
is "$T_STATUS" 200 "GET /manage/people: 200"
like "$T_BODY" "href=\"/manage/people/$ED_ID/remove\"" "others can be removed from the list"
unlike "$T_BODY" "href=\"/manage/people/$OWN_ID/remove\"" "but it does not offer to remove oneself"
mapfile -t form < <(t_form /people)
T_NO_SYNC=1 t_manage /people -X POST "${form[@]}" --data-urlencode email=new@example.org \
	--data-urlencode role=editor --data-urlencode 'password=typed by the owner'
is "$T_STATUS:$(t_header location)" "303:/manage/people" "someone added with a typed password: 303"
T_NO_SYNC=1 t_manage /people -X POST "${form[@]}" --data-urlencode email=new@example.org \
	--data-urlencode role=editor --data-urlencode 'password=typed by the owner'
is "$T_STATUS:$(t_psql -c "SELECT count(*) FROM people WHERE email = 'new@example.org'")" "303:1" \
	"the same form again: added once"
is "$(t_psql -c "SELECT password_hash LIKE '\$argon2id\$%' AND role = 'editor' FROM people WHERE email = 'new@example.org'")" \
	t "kept as Argon2id, an editor"
t_signin new@example.org 'typed by the owner'
is "$T_STATUS" 303 "and they sign in"
NEW_COOKIE=$T_COOKIE
NEW_ID=$(t_psql -c "SELECT id FROM people WHERE email = 'new@example.org'")

T_COOKIE=$OWN_COOKIE
t_manage /people
mapfile -t form < <(t_form /people)
t_manage /people -X POST "${form[@]}" --data-urlencode email=gen@example.org --data-urlencode role=owner
is "$T_STATUS" 200 "without a password: 200, with one made"
pw=$(grep -o 'id="new-password" class="secret" readonly spellcheck="false" autocomplete="off" value="[a-z0-9]*"' <<<"$T_BODY" |
	sed 's/.*value="\(.*\)"/\1/')
is "${#pw}" 24 "a password of 24 characters, shown once"
t_manage /people -X POST "${form[@]}" --data-urlencode email=gen@example.org --data-urlencode role=owner
is "$T_STATUS" 200 "the same form again: 200"
like "$T_BODY" 'sent twice: they were added once' "saying it was sent twice"
unlike "$T_BODY" "$pw" "and never the password again"
is "$(t_psql -c "SELECT count(*) FROM people WHERE email = 'gen@example.org'")" 1 "added once"
t_signin gen@example.org "$pw"
is "$T_STATUS" 303 "which signs them in"
GEN_ID=$(t_psql -c "SELECT id FROM people WHERE email = 'gen@example.org'")

T_COOKIE=$OWN_COOKIE
t_manage /people
mapfile -t form < <(t_form /people)
n=$(t_psql -c 'SELECT count(*) FROM people')
t_manage /people -X POST "${form[@]}" --data-urlencode email=NEW@example.org --data-urlencode role=editor \
	--data-urlencode 'password=another long one'
is "$T_STATUS" 409 "an e-mail taken (in another case): 409"
like "$T_BODY" 'role="alert">Someone has this e-mail already' "saying so"
like "$T_BODY" 'id="person-email" name="email" required autocomplete="off" value="NEW@example.org" aria-invalid="true"' \
	"the e-mail marked, as typed"
t_manage /people -X POST "${form[@]}" --data-urlencode email=weak@example.org --data-urlencode role=editor \
	--data-urlencode password=short
is "$T_STATUS" 422 "a weak password: 422"
like "$T_BODY" 'aria-invalid="true" aria-describedby="person-password-hint refusal"' "the password marked"
unlike "$T_BODY" 'value="short"' "and never shown back"
t_manage /people -X POST "${form[@]}" --data-urlencode email=x@example.org --data-urlencode role=admin
is "$T_STATUS" 422 "an unknown role: 422"
is "$(t_psql -c 'SELECT count(*) FROM people')" "$n" "no one added by the refusals"

# Disabled: their session ends at once, and they cannot sign in.
T_COOKIE=$NEW_COOKIE
t_manage /
is "$T_STATUS" 200 "new@ is signed in"
mapfile -t nform < <(t_form "/components/$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")/status")
runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
t_manage "/components/$runner/status" -X POST "${nform[@]}" --data-urlencode status=partial_outage
is "$T_STATUS" 303 "and writes (so the audit log names them)"
T_COOKIE=$OWN_COOKIE
t_manage /people
mapfile -t form < <(t_form "/people/$NEW_ID")
T_NO_SYNC=1 t_manage "/people/$NEW_ID" -X POST "${form[@]}" --data-urlencode disabled=1
is "$T_STATUS:$(t_header location)" "303:/manage/people" "disabling: 303"
T_COOKIE=$NEW_COOKIE
T_NO_SYNC=1 t_manage /
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in" "their next request is sent to sign in: the session ended at once"
is "$(t_psql -c "SELECT count(*) FROM sessions WHERE person_id = $NEW_ID")" 0 "their sessions are gone"
t_signin new@example.org 'typed by the owner'
is "$T_STATUS" 403 "and they cannot sign in"
T_COOKIE=$OWN_COOKIE
t_manage /people
like_text "$T_BODY" 'new@example.org</span>
<span><span class="badge">editor</span> <span class="badge">disabled</span>' "the list says disabled"
mapfile -t form < <(t_form "/people/$NEW_ID")
t_manage "/people/$NEW_ID" -X POST "${form[@]}" --data-urlencode disabled=0
is "$T_STATUS" 303 "enabling: 303"
t_signin new@example.org 'typed by the owner'
is "$T_STATUS" 303 "they sign in again"

# Roles, and the last owner.
T_COOKIE=$OWN_COOKIE
t_manage /people
mapfile -t form < <(t_form "/people/$NEW_ID")
t_manage "/people/$NEW_ID" -X POST "${form[@]}" --data-urlencode role=owner
is "$T_STATUS:$(t_psql -c "SELECT role FROM people WHERE id = $NEW_ID")" "303:owner" "made an owner"
is "$(t_psql -c "SELECT before->>'role' || '>' || (after->>'role') FROM audit_log WHERE action = 'person.update' ORDER BY id DESC LIMIT 1")" \
	"editor>owner" "audited with before and after"
# own@ stays the only owner who can sign in: gen@ and new@ disabled.
for id in "$NEW_ID" "$GEN_ID"; do
	t_manage /people
	mapfile -t form < <(t_form "/people/$id")
	t_manage "/people/$id" -X POST "${form[@]}" --data-urlencode disabled=1
	is "$T_STATUS" 303 "another owner disabled"
done
n=$(audits)
t_manage /people
mapfile -t form < <(t_form "/people/$OWN_ID")
t_manage "/people/$OWN_ID" -X POST "${form[@]}" --data-urlencode role=editor
is "$T_STATUS" 422 "the last owner who can sign in cannot be made an editor: 422"
like "$T_BODY" 'role="alert">This is the last owner who can sign in' "saying so"
is "$(t_psql -c "SELECT role FROM people WHERE id = $OWN_ID"):$(audits)" "owner:$n" "nothing written"
t_manage "/people/$OWN_ID" -X POST "${form[@]}" --data-urlencode disabled=1
is "$T_STATUS" 409 "nor can an owner disable themselves"
t_manage "/people/$OWN_ID/remove" -X POST "${form[@]}"
is "$T_STATUS" 409 "nor remove themselves"
is "$(t_psql -c "SELECT count(*) FROM people WHERE id = $OWN_ID AND disabled_at IS NULL AND role = 'owner'"):$(audits)" \
	"1:$n" "nothing written"
out=$(psql -X -q -tA -d "$T_WRITE_URL" -c "UPDATE people SET disabled_at = now() WHERE id = $OWN_ID" 2>&1)
like "$out" "last owner" "the database keeps the rule whoever writes"
"$LANTERN_CTL" --database-url "$T_OWNER_URL" user role own@example.org editor >/dev/null 2>"$T_DIR/ctl.err"
is "$?:$(t_psql -c "SELECT role FROM people WHERE id = $OWN_ID")" "65:owner" "lanternctl user meets the same rule"
like "$(cat "$T_DIR/ctl.err")" "last owner" "and says so"

# Removed, after a confirmation; what they did keeps their e-mail.
t_manage "/people/$NEW_ID/remove"
is "$T_STATUS" 200 "removing asks first"
like "$T_BODY" '<h1>Remove new@example.org</h1>' "naming them"
mapfile -t form < <(t_form "/people/$NEW_ID/remove")
T_NO_SYNC=1 t_manage "/people/$NEW_ID/remove" -X POST "${form[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/people" "removed: 303"
is "$(t_psql -c "SELECT count(*) FROM people WHERE id = $NEW_ID")" 0 "they are gone"
T_NO_SYNC=1 t_manage "/people/$NEW_ID/remove" -X POST "${form[@]}"
is "$T_STATUS:$(audits "action = 'person.delete'")" "303:1" "the confirmation sent twice: removed once"
is "$(t_psql -c "SELECT person_email || ' ' || (person_id IS NULL) FROM audit_log WHERE action = 'component.update' ORDER BY id DESC LIMIT 1")" \
	"new@example.org true" "their audit entries keep their e-mail"
t_manage "/people/$NEW_ID/remove"
is "$T_STATUS" 404 "no one to remove any more: 404"

# --- the audit log -----------------------------------------------------------------
t_manage /audit
is "$T_STATUS" 200 "GET /manage/audit: 200"
like "$T_BODY" '<strong>person.delete</strong> of <a href="/manage/audit\?type=person&amp;id='"$NEW_ID"'">person #'"$NEW_ID"'</a>' \
	"the newest first, its object a filter link"
like "$T_BODY" 'by new@example.org \(removed since\)' "a removed person's entries by their e-mail"
like "$T_BODY" "by API key .Deploy &lt;bot&gt;. \(#$key_id\)" "the API's by their key"
like "$T_BODY" '<tr><th scope="row">time_zone</th><td>"UTC"</td><td>"Europe/Berlin"</td></tr>' \
	"what changed: before and after of each field"
unlike "$T_BODY" '<th scope="row">url</th><td>"https://status.example.org"</td><td>"https://status.example.org"' \
	"not what stayed"
t_manage "/audit?type=api_token"
unlike "$T_BODY" '<strong>(page|person|component|incident)\.' "filtered by object: only keys"
like "$T_BODY" '<strong>token.revoke</strong>' "the keys' entries"
t_manage "/audit?type=page&id=$PAGE"
like "$T_BODY" '<strong>page.update</strong>' "by object and id: the page's settings"
is "$(grep -c '<li class="audit-entry">' <<<"$T_BODY")" 1 "only those"
t_manage "/audit?person=$OWN_ID"
unlike "$T_BODY" 'by (new@|API key|system)' "filtered by person: only own@'s"
like "$T_BODY" '<option value="'"$OWN_ID"'" selected>own@example.org</option>' "the person chosen in the form"
t_manage "/audit?id=12x"
is "$T_STATUS" 400 "a malformed filter: 400"
like "$T_BODY" 'role="alert">A filter is malformed' "saying so"
# Escaped: a name with markup, as the API wrote it.
T_KEY=$(lantern_token_create "$T_DB_URL" ops)
t_api POST "$T_BASE/v1/pages/$PAGE/components" '{"component": {"name": "<img src=x onerror=alert(1)>"}}'
t_manage "/audit?type=component"
like "$T_BODY" '<td>"&lt;img src=x onerror=alert\(1\)&gt;"</td>' "values are escaped"
unlike "$T_BODY" '<img src=x' "never markup"
# Pages of 50, newest first, by id.
t_psql -c "INSERT INTO audit_log (action, entity_type, entity_id) SELECT 'test.fill', 'filler', g FROM generate_series(1, 60) g"
t_manage "/audit?type=filler"
is "$(grep -c '<li class="audit-entry">' <<<"$T_BODY")" 50 "50 entries a page"
like "$T_BODY" 'filler #60</a>' "the newest first"
older=$(grep -o 'href="/manage/audit?before=[0-9]*&amp;type=filler">Older' <<<"$T_BODY" | sed 's/href="\([^"]*\)".*/\1/; s/&amp;/\&/g')
ok "a link to older entries, keeping the filter" [ -n "$older" ]
t_manage "${older#/manage}"
is "$(grep -c '<li class="audit-entry">' <<<"$T_BODY")" 10 "the next page holds the rest"
like "$T_BODY" 'filler #10</a>' "from where the first stopped"
unlike "$T_BODY" 'Older entries' "and is the last"
t_done
