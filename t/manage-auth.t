# manage-auth.t: the web console's doors, through nginx and a real
# PostgreSQL: people made with lanternctl user, signing in (and the answers
# that must not tell anything), the session cookie, CSRF tokens and
# Origin, expiry, signing out here and everywhere, the throttle on failed
# sign-ins, roles, and what the database roles may see of it all.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

CTL=("$LANTERN_CTL" --database-url "$T_OWNER_URL")
ORIGIN=http://127.0.0.1:$T_HTTP
M=$T_BASE/manage
OWNER=owner@example.org
EDITOR=Editor@Example.org
PW_OWNER='correct horse battery'
PW_EDITOR='staple-hinge-lantern'

# user ARGS... [<<<PASSWORD]: lanternctl user, its exit status in $rc.
user() { "${CTL[@]}" user "$@" >"$T_DIR/ctl.out" 2>"$T_DIR/ctl.err"; rc=$?; }

# --- lanternctl user ---------------------------------------------------------
user add "$OWNER" --role owner <<<"$PW_OWNER"
is "$rc" 0 "user add --role owner: exit 0"
like "$(cat "$T_DIR/ctl.out")" "^person [0-9]+ added: $OWNER \(owner\)$" "and says so"
user add "$EDITOR" <<<"$PW_EDITOR"
is "$rc" 0 "user add (an editor by default): exit 0"
user add editor@example.org <<<"another-password"
is "$rc" 65 "the same e-mail in another case: exit 65"
like "$(cat "$T_DIR/ctl.err")" "has this e-mail already" "saying it is taken"
user add not-an-email <<<"long enough password"
is "$rc" 65 "an e-mail without @: exit 65"
user add short@example.org <<<"short"
is "$rc" 65 "a password under 10 characters: exit 65"
user add nopw@example.org </dev/null
is "$rc" 65 "no password on stdin: exit 65"
user add
is "$rc" 64 "user add without EMAIL: exit 64"
user add x@example.org --role admin <<<"long enough password"
is "$rc" 64 "an unknown role: exit 64"
"${CTL[@]}" user frobnicate >/dev/null 2>&1
is "$?" 64 "an unknown user command: exit 64"
is "$(t_psql -c "SELECT count(*) FROM people")" 2 "two people, nobody else"
is "$(t_psql -c "SELECT count(*) FROM people WHERE password_hash LIKE '\$argon2id\$v=19\$m=65536,t=2,p=1\$%'")" 2 \
	"passwords are kept as Argon2id at libsodium's interactive cost"
is "$(t_psql -c "SELECT count(*) FROM people WHERE password_hash LIKE '%horse%' OR password_hash LIKE '%staple%'")" 0 \
	"and never as typed"
user list --json
is "$(/usr/bin/python3 -c 'import json,sys; print(" ".join(p["email"] + ":" + p["role"] for p in json.load(sys.stdin)))' <"$T_DIR/ctl.out")" \
	"$OWNER:owner $EDITOR:editor" "user list --json: both, with their roles"
user list
like "$(cat "$T_DIR/ctl.out")" "^ID +ROLE +CREATED +SESSIONS +DISABLED +EMAIL" "user list: a table"
user role "$OWNER" editor
is "$rc" 65 "the last owner cannot be made an editor: exit 65"
user remove "$OWNER"
is "$rc" 65 "nor removed: exit 65"
user role nobody@example.org owner
is "$rc" 66 "user role of nobody: exit 66"
user remove nobody@example.org
is "$rc" 66 "user remove of nobody: exit 66"
user passwd nobody@example.org <<<"long enough password"
is "$rc" 66 "user passwd of nobody: exit 66"
user role "$EDITOR" bishop
is "$rc" 65 "user role with an unknown role: exit 65"
user add temp@example.org <<<"temporary password"
user remove temp@example.org
is "$rc" 0 "user remove: exit 0"
is "$(t_psql -c "SELECT count(*) FROM people WHERE email = 'temp@example.org'")" 0 "the person is gone"
is "$(t_psql -c "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE entity_type = 'person'")" \
	"person.create,person.create,person.create,person.remove" "people's changes are in the audit log"

# --- signing in ---------------------------------------------------------------
# signin EMAIL PASSWORD [curl options...]: the sign-in form, sent from our origin.
signin() {
	local email=$1 pw=$2
	shift 2
	t_get -X POST -H "Origin: $ORIGIN" --data-urlencode "email=$email" \
		--data-urlencode "password=$pw" "$@" "$M/sign-in"
}
# The session id the last answer's Set-Cookie gave.
cookie_of() { t_header set-cookie | sed -n 's/^__Host-lantern_session=\([0-9a-f]\{64\}\);.*/\1/p'; }
# as COOKIE [curl options...] URL: a request in that session.
as() {
	local c=$1
	shift
	t_get -H "Cookie: __Host-lantern_session=$c" "$@"
}
# The CSRF token in the last page's forms.
csrf_of() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' <<<"$T_BODY" | head -n 1; }
# post COOKIE PATH [curl options...]: a form of the console, sent in that session.
post() {
	local c=$1 path=$2
	shift 2
	as "$c" -X POST "$@" "$M$path"
}
forget_failures() { t_psql -c "DELETE FROM signin_throttle" >/dev/null; }

t_get "$M/sign-in"
is "$T_STATUS" 200 "GET /manage/sign-in: 200"
like "$T_BODY" '<input id="password" name="password" type="password"' "a form with a password field"
is "$(t_header cache-control)" no-store "the console is never cached"
unlike "$(t_header x-cache-status)" "HIT|MISS|EXPIRED|STALE" "nor does nginx's microcache take it"
is "$(t_header x-frame-options)" DENY "no other site may frame it"
like "$(t_header content-security-policy)" "form-action 'self'" "nor receive its forms"
t_get "$M/"
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in" "/manage/ without a session: 303 to the sign-in form"
t_get "$M"
is "$T_STATUS:$(t_header location)" "303:/manage/" "/manage: 303 to /manage/"

signin "$OWNER" "$PW_OWNER"
is "$T_STATUS:$(t_header location)" "303:/manage/" "the right password: 303 to /manage/"
like "$(t_header set-cookie)" '^__Host-lantern_session=[0-9a-f]{64}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=604800$' \
	"the cookie: __Host-, Path=/, Secure, HttpOnly, SameSite=Strict, 7 days"
unlike "$(t_header set-cookie)" "Domain=" "and no Domain"
owner1=$(cookie_of)
is "$(t_psql -c "SELECT count(*) FROM sessions WHERE id_hash = sha256(convert_to('$owner1', 'UTF8'))")" 1 \
	"the database keeps the session id's SHA-256"
is "$(t_psql -c "SELECT count(*) FROM sessions WHERE encode(id_hash, 'hex') = '$owner1' OR encode(csrf_secret, 'hex') = '$owner1'")" 0 \
	"and never the id itself"
is "$(t_psql -c "SELECT extract(epoch FROM expires_at - created_at)::int || ' ' || extract(epoch FROM idle_expires_at - created_at)::int FROM sessions")" \
	"604800 43200" "it ends after 7 days, or 12 hours unused"

as "$owner1" "$M/"
is "$T_STATUS" 200 "/manage/ in the session: 200"
like "$T_BODY" "<h1>Now: " "the Now screen"
like "$T_BODY" "$OWNER \(owner\)" "says who is signed in"
like "$T_BODY" '<span class="name">Runner</span>' "lists the components"
like "$T_BODY" 'status-operational' "with their status"
like "$T_BODY" "Open incidents" "has open incidents"
like "$T_BODY" "Maintenance to come" "and maintenance"
is "$(t_header cache-control)" no-store "Cache-Control: no-store"
csrf1=$(csrf_of)
like "$csrf1" '^[0-9a-f]{64}$' "every form carries a CSRF token"

# Byte for byte the same refusal, whoever the e-mail belongs to, in the same time.
forget_failures
signin "$EDITOR" "wrong password here"
is "$T_STATUS" 403 "a wrong password: 403"
wrong=$T_BODY
wrong_headers=$(grep -iv '^date:' <<<"$T_HEADERS")
signin nobody@example.org "wrong password here"
is "$T_STATUS" 403 "an unknown account: 403"
is "$T_BODY" "$wrong" "the same bytes for an unknown account as for a wrong password"
is "$(grep -iv '^date:' <<<"$T_HEADERS")" "$wrong_headers" "and the same headers"
like "$wrong" "The e-mail or the password is wrong" "which says only that"
is "$(t_header set-cookie)" "" "no cookie for a refusal"
# timed EMAIL: seconds a wrong sign-in took, the least of three (other
# tests on the machine only ever add time).
timed() {
	local i t best=
	for i in 1 2 3; do
		t=$(curl -sS -o /dev/null -w '%{time_total}' -X POST -H "Origin: $ORIGIN" \
			--data-urlencode "email=$1" --data-urlencode "password=wrong password here" "$M/sign-in")
		best=$(/usr/bin/python3 -c "import sys; print(min(float(x) for x in sys.argv[1:]))" $t $best)
	done
	echo "$best"
}
forget_failures
t_known=$(timed "$EDITOR")
t_unknown=$(timed nobody@example.org)
forget_failures
ok "an unknown account takes a password check's time too ($t_unknown s against $t_known s)" \
	/usr/bin/python3 -c "import sys; k, u = float(sys.argv[1]), float(sys.argv[2]); sys.exit(not (u > 0.4 * k and k > 0.4 * u))" \
	"$t_known" "$t_unknown"

# --- CSRF and Origin ------------------------------------------------------------
post "$owner1" /sign-out -H "Origin: $ORIGIN"
is "$T_STATUS" 403 "sign out without the CSRF token: 403"
like "$T_BODY" "security token" "saying why"
# Wrong in its last digit, whatever that digit is (a fixed "0" would be the
# right token one run in sixteen, and sign out).
[ "${csrf1: -1}" = 0 ] && wrong="${csrf1%?}1" || wrong="${csrf1%?}0"
post "$owner1" /sign-out -H "Origin: $ORIGIN" --data-urlencode "csrf=$wrong"
is "$T_STATUS" 403 "with a wrong token: 403"
post "$owner1" /sign-out -H "Origin: https://evil.example" --data-urlencode "csrf=$csrf1"
is "$T_STATUS" 403 "the right token from another origin: 403"
post "$owner1" /sign-out --data-urlencode "csrf=$csrf1"
is "$T_STATUS" 403 "the right token without an Origin: 403"
post "$owner1" /sign-out -H "Origin: null" --data-urlencode "csrf=$csrf1"
is "$T_STATUS" 403 "Origin: null: 403"
is "$(t_psql -c "SELECT count(*) FROM sessions")" 1 "none of them ended the session"
as "$owner1" "$M/"
is "$T_STATUS" 200 "which still works"
forget_failures
t_get -X POST -H "Origin: https://evil.example" --data-urlencode "email=$OWNER" \
	--data-urlencode "password=$PW_OWNER" "$M/sign-in"
is "$T_STATUS" 403 "a sign-in form sent from another origin: 403"
is "$(t_header set-cookie)" "" "without a session"
is "$(t_psql -c "SELECT count(*) FROM signin_throttle")" 0 "and not even counted as an attempt"

# --- roles ------------------------------------------------------------------------
as "$owner1" "$M/people"
is "$T_STATUS" 200 "an owner opens an owner's screen (/manage/people)"
like "$T_BODY" "$EDITOR" "which lists the people"
signin "$EDITOR" "$PW_EDITOR"
editor1=$(cookie_of)
as "$editor1" "$M/"
is "$T_STATUS" 200 "an editor sees Now"
unlike "$T_BODY" 'href="/manage/people"' "without a link to the owner's screens"
as "$editor1" "$M/people"
is "$T_STATUS" 403 "an editor on an owner's screen: 403"

# --- expiry -----------------------------------------------------------------------
t_psql -c "UPDATE sessions SET idle_expires_at = now() - interval '1 second' WHERE id_hash = sha256(convert_to('$editor1', 'UTF8'))" >/dev/null
as "$editor1" "$M/"
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in" "a session past its idle expiry: 303 to sign in"
like "$(t_header set-cookie)" '^__Host-lantern_session=; .*Max-Age=0$' "and the browser is told to forget it"
post "$editor1" /sign-out -H "Origin: $ORIGIN" --data-urlencode "csrf=$csrf1"
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in" "a form sent in it: refused, to sign in"
t_psql -c "UPDATE sessions SET expires_at = now() + interval '1 minute', idle_expires_at = now() + interval '10 seconds', last_seen_at = now() - interval '1 hour' WHERE id_hash = sha256(convert_to('$owner1', 'UTF8'))" >/dev/null
as "$owner1" "$M/"
is "$(t_psql -c "SELECT idle_expires_at = expires_at AND last_seen_at > now() - interval '1 minute' FROM sessions WHERE id_hash = sha256(convert_to('$owner1', 'UTF8'))")" t \
	"use moves the idle expiry on, never past the absolute one"
t_psql -c "UPDATE sessions SET expires_at = now() - interval '1 second', idle_expires_at = now() - interval '1 second' WHERE id_hash = sha256(convert_to('$owner1', 'UTF8'))" >/dev/null
as "$owner1" "$M/"
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in" "a session past its absolute expiry: 303 to sign in"

# --- signing out ------------------------------------------------------------------
forget_failures
signin "$OWNER" "$PW_OWNER"
owner2=$(cookie_of)
as "$owner2" "$M/"
csrf2=$(csrf_of)
post "$owner2" /sign-out -H "Origin: $ORIGIN" --data-urlencode "csrf=$csrf2"
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in" "sign out: 303 to the sign-in form"
like "$(t_header set-cookie)" '^__Host-lantern_session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0$' \
	"the cookie is cleared"
is "$(t_psql -c "SELECT count(*) FROM sessions WHERE id_hash = sha256(convert_to('$owner2', 'UTF8'))")" 0 \
	"the session is gone from the database"
as "$owner2" "$M/"
is "$T_STATUS" 303 "and its cookie opens nothing"

signin "$OWNER" "$PW_OWNER"
a=$(cookie_of)
signin "$OWNER" "$PW_OWNER"
b=$(cookie_of)
signin "$EDITOR" "$PW_EDITOR"
e=$(cookie_of)
is "$(t_psql -c "SELECT count(*) FROM sessions s JOIN people p ON p.id = s.person_id WHERE p.email = '$OWNER' AND s.expires_at > now()")" 2 \
	"the owner is signed in twice"
as "$a" "$M/"
post "$a" /sign-out-everywhere -H "Origin: $ORIGIN" --data-urlencode "csrf=$(csrf_of)"
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in" "sign out everywhere: 303 to the sign-in form"
as "$b" "$M/"
is "$T_STATUS" 303 "the owner's other session has ended too"
is "$(t_psql -c "SELECT count(*) FROM sessions s JOIN people p ON p.id = s.person_id WHERE p.email = '$OWNER'")" 0 \
	"no session of the owner is left"
as "$e" "$M/"
is "$T_STATUS" 200 "the editor's session goes on"

user passwd "$EDITOR" <<<"a brand new password"
is "$rc" 0 "user passwd: exit 0"
as "$e" "$M/"
is "$T_STATUS" 303 "a new password ends the person's sessions"
signin "$EDITOR" "$PW_EDITOR"
is "$T_STATUS" 403 "the old password no longer works"
signin "$EDITOR" "a brand new password"
is "$T_STATUS" 303 "the new one does"
user role "$EDITOR" owner
is "$rc" 0 "user role: exit 0"
as "$(cookie_of)" "$M/people"
is "$T_STATUS" 200 "a new role holds at the next request"
user role "$EDITOR" editor

# --- the throttle -------------------------------------------------------------------
forget_failures
statuses=
for i in 1 2 3 4 5; do
	signin "$EDITOR" "wrong password $i"
	statuses+=" $T_STATUS"
done
is "${statuses# }" "403 403 403 403 403" "five wrong passwords: 403 each"
signin "$EDITOR" "a brand new password"
is "$T_STATUS" 429 "then even the right one: 429"
retry=$(t_header retry-after)
like "$retry" '^([1-9]|[12][0-9]|30)$' "with Retry-After, at most 30 seconds ($retry)"
like "$T_BODY" "Too many failed sign-ins" "and a page that says so"
is "$(t_header set-cookie)" "" "and no session"
statuses=
for i in 1 2 3 4 5; do
	signin ghost@example.org "wrong password $i"
	statuses+=" $T_STATUS"
done
signin ghost@example.org "wrong password 6"
is "${statuses# } $T_STATUS" "403 403 403 403 403 429" "an account nobody has is throttled the same"
t_psql -c "UPDATE signin_throttle SET locked_until = now() - interval '1 second' WHERE kind = 'account'" >/dev/null
signin "$EDITOR" "wrong again"
is "$T_STATUS" 403 "once the wait is over, a try is checked again"
signin "$EDITOR" "a brand new password"
is "$T_STATUS" 429 "but the next failure closes the door for longer"
like "$(t_header retry-after)" '^(3[1-9]|[4-5][0-9]|60)$' "twice as long ($(t_header retry-after) s)"
t_psql -c "UPDATE signin_throttle SET locked_until = now() - interval '1 second' WHERE kind = 'account'" >/dev/null
signin "$EDITOR" "a brand new password"
is "$T_STATUS" 303 "the right password then signs in"
is "$(t_psql -c "SELECT count(*) FROM signin_throttle WHERE kind = 'account' AND key = lower('$EDITOR')")" 0 \
	"and the account's failures are forgotten"

forget_failures
statuses=
for i in $(seq 20); do
	signin "stranger$i@example.org" "wrong password"
	statuses+=" $T_STATUS"
done
is "$(tr ' ' '\n' <<<"${statuses# }" | sort -u | tr '\n' ' ')" "403 " "20 failures from one address, each for another account: 403"
signin "$OWNER" "$PW_OWNER"
is "$T_STATUS" 429 "then the address is throttled, whatever the account"
like "$(t_header retry-after)" '^[0-9]+$' "with Retry-After"
forget_failures
like "$(cat "$T_DIR/app.log")" "console: sign-in from 127\.0\.0\.1 refused for [0-9]+ s" \
	"the log names the address it throttles"
unlike "$(cat "$T_DIR/app.log")" "example\.org|horse|password [0-9]" "and never an e-mail or a password"

# --- what each database role may see -----------------------------------------------
# as_role URL SQL: SQL run as the role of URL, rolled back; what psql said.
as_role() { printf 'BEGIN;\n%s;\nROLLBACK;\n' "$2" | psql -X -q -tA -v ON_ERROR_STOP=1 -d "$1" 2>&1; }
for t in people sessions signin_throttle; do
	like "$(as_role "$T_READ_URL" "SELECT count(*) FROM $t")" "permission denied" "the reader may not read $t"
done
like "$(as_role "$T_WRITE_URL" "SELECT count(*) FROM people")" '^[0-9]+$' "the writer reads people"
# The owner's console screens add people and change roles (0017, t/db-roles.t); passwords and
# e-mails stay lanternctl's.
like "$(as_role "$T_WRITE_URL" "UPDATE people SET password_hash = '\$argon2id\$x'")" "permission denied" \
	"but may not change their passwords"
like "$(as_role "$T_WRITE_URL" "INSERT INTO people (email, password_hash, role, created_at) VALUES ('x@y.z', '\$argon2id\$x', 'owner', now())")" \
	"permission denied" "nor backdate one"
like "$(as_role "$T_WRITE_URL" "DELETE FROM sessions")" '^$' "the writer ends sessions"
like "$(as_role "$T_READ_URL" "SELECT signin_attempt('address', 'x', 5)")" "permission denied" \
	"the reader may not count sign-ins"

# --- plain HTTP off loopback ---------------------------------------------------------
# A second nginx before the same program, where loopback is not exempt.
h2=$(lantern_free_port)
s2=$(lantern_free_port)
T_PORTS+=("$h2" "$s2")
LANTERN_PLAIN_HTTP_LOOPBACK=0 lantern_nginx_render "$T_DIR/nginx2" "$T_SOCK" "$h2" "$s2" "$T_DIR/tls" ||
	fail "the second nginx's configuration is valid"
nginx -c "$T_DIR/nginx2/nginx.conf" -e "$T_DIR/nginx2/nginx-error.log" -g 'daemon off;' \
	</dev/null >>"$T_DIR/nginx2.log" 2>&1 &
T_PIDS+=($!)
ok "the second nginx listens" t_until 30 lantern_port_busy "$s2"
t_get "http://127.0.0.1:$h2/manage/sign-in"
is "$T_STATUS:$(t_header location)" "301:https://127.0.0.1:$s2/manage/sign-in" \
	"plain HTTP off loopback: the console redirects to HTTPS"
t_get -X POST -H "Origin: $ORIGIN" --data-urlencode "email=$OWNER" \
	--data-urlencode "password=$PW_OWNER" "http://127.0.0.1:$h2/manage/sign-in"
is "$T_STATUS" 403 "and a form sent in clear is refused, not redirected"
like "$T_BODY" "HTTPS only" "saying why"
is "$(t_psql -c "SELECT count(*) FROM signin_throttle")" 0 "before the program saw it"
t_get --cacert "$T_DIR/tls/tls.crt" "https://127.0.0.1:$s2/manage/sign-in"
is "$T_STATUS" 200 "over HTTPS the sign-in form is served"
like "$(t_header strict-transport-security)" "max-age=" "with HSTS"
t_done
