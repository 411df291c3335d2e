# subscribers-ctl.t: lanternctl subscriber add|list|remove|resend against
# the real server: what each prints, --json, the secret once, components
# by name, and the exit codes scripts rely on.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

ctl=$LANTERN_CTL
key=$(lantern_token_create "$T_DB_URL" ops)
page=$(t_psql -c "SELECT id FROM pages")
web=$(t_psql -c "SELECT id FROM components WHERE page_id = $page AND name = 'Web Page'")
mkdir -p "$T_DIR/home"
export HOME=$T_DIR/home
unset XDG_CONFIG_HOME LANTERN_URL LANTERN_API_KEY LANTERN_PAGE_ID LANTERN_DATABASE_URL
lc() { LANTERN_URL=$T_BASE LANTERN_API_KEY=$key "$ctl" "$@" 2>"$T_DIR/err"; }
field() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($2)" <<<"$1"; }

out=$(lc subscriber add ann@example.com)
is "$?" 0 "subscriber add exits 0"
like "$out" "^subscriber added: [0-9]+	active	email	ann@example.com	all components$" \
	"  and prints the subscriber"
unlike "$out" "secret" "  no secret for e-mail"
ann=$(t_psql -c "SELECT id FROM subscribers WHERE address = 'ann@example.com'")

out=$(lc subscriber add https://hooks.example.com/x --component 'web page')
is "$?" 0 "a webhook, a component by name"
like "$out" "	webhook	https://hooks.example.com/x	$web$" "  told of that component only"
hook=$(t_psql -c "SELECT id FROM subscribers WHERE address = 'https://hooks.example.com/x'")
like "$out" "^secret \(shown once; signs its webhooks\): $(t_psql -c "SELECT secret FROM subscribers WHERE id = $hook")$" \
	"  its secret, printed once"
out=$(lc --json subscriber add https://hooks.slack.com/services/x --channel slack)
is "$(field "$out" 'd["mode"], len(d["secret"])')" "slack 64" "--json: the server's object, secret included"

lc subscriber add not-an-address >/dev/null
is "$?" 65 "not an address: 65"
like "$(cat "$T_DIR/err")" "subscriber.email" "  naming the field"
lc subscriber add https://127.0.0.1/hook >/dev/null
is "$?" 65 "a loopback webhook: 65"
lc subscriber add ann@example.com >/dev/null
is "$?" 65 "subscribed already (409): 65"
lc subscriber add x@example.com --component Nope >/dev/null
is "$?" 65 "an unknown component: 65"
lc subscriber add >/dev/null
is "$?" 64 "no address: 64"

out=$(lc subscriber list)
is "$?" 0 "subscriber list exits 0"
is "$(wc -l <<<"$out")" 3 "  one line each"
like "$(tail -n 1 <<<"$out")" "^$ann	active	email	ann@example.com	all components$" "  newest first"
out=$(lc --json subscriber list --type webhook)
is "$(field "$out" '[s["id"] for s in d]')" "['$hook']" "--type, --json"
t_psql -c "INSERT INTO subscribers (page_id, channel, address, secret, created_by)
	SELECT $page, 'email', 'bulk' || g || '@example.com', '$(printf '%064d' 0)', 'visitor'
	FROM generate_series(1, 150) g" >/dev/null
out=$(lc subscriber list --state unconfirmed)
is "$(wc -l <<<"$out")" 150 "--state unconfirmed: all 150, page after page"
lc subscriber list --state 'a b' >/dev/null
is "$?" 65 "a state that is no word: 65"
lc subscriber list --state gone >/dev/null
is "$?" 65 "an unknown state (400 from the server): 65"

pending=$(t_psql -c "SELECT id FROM subscribers WHERE address = 'bulk1@example.com'")
out=$(lc subscriber resend "$pending")
is "$?" 0 "subscriber resend exits 0"
like "$out" "^confirmation queued: $pending	unconfirmed	email	bulk1@example.com" "  and says so"
t_fan_out
is "$(t_psql -c "SELECT count(*) FROM deliveries WHERE subscriber_id = $pending")" 1 "  one confirmation queued"
lc subscriber resend "$ann" >/dev/null
is "$?" 65 "resend to a confirmed one (409): 65"

out=$(lc subscriber remove "$ann")
is "$?" 0 "subscriber remove exits 0"
like "$out" "^unsubscribed: $ann	unsubscribed	" "  and says so"
lc subscriber remove "$ann" >/dev/null
is "$?" 65 "  again (409): 65"
lc subscriber remove 999999999 >/dev/null
is "$?" 66 "an unknown subscriber: 66"
lc subscriber remove x >/dev/null
is "$?" 65 "an id that is none: 65"
out=$(LANTERN_URL=$T_BASE "$ctl" subscriber list 2>&1)
is "$?" 78 "no key: 78"
out=$("$ctl" subscriber --help)
like "$out" "^usage: lanternctl subscriber add" "--help"

t_done
