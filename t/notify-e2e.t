# notify-e2e.t: issue 13 whole, through the real nginx, program, PostgreSQL,
# lantern-notify, SMTP server (aiosmtpd) and HTTP receiver: a visitor signs
# up with the form and gets only the confirmation; the link in that mail
# confirms; an incident written through the API reaches the visitor by mail
# and an operator's webhook, signed with the secret the API showed once; the
# mail's List-Unsubscribe link, POSTed as a mail client does (RFC 8058),
# unsubscribes, and the next update reaches the webhook alone.
# It needs the page's side of issue 13 (the form, the signed links' routes,
# the outbox): skipped, saying so, in a tree without it.
: "${LANTERN_SRCDIR:?run the tests with make check}"
if [ ! -f "$LANTERN_SRCDIR/cgi-bin/ui-subscribe.c" ]; then
	echo "1..0 # SKIP the page's side of subscriptions (cgi-bin/ui-subscribe.c) is not in this tree"
	exit 0
fi
. "$LANTERN_SRCDIR/t/lib.sh"
. "$LANTERN_SRCDIR/t/notify.sh"

# The program takes the receiver's loopback address as a webhook target too.
export LANTERN_NOTIFY_ALLOW_PRIVATE=1
t_start_all
tn_link_key
tn_start_smtp
tn_start_receiver
T_KEY=$(lantern_token_create "$T_DB_URL" ops)
page=$(t_psql -c "SELECT id FROM pages")
V1=$T_BASE/v1/pages/$page
# Links point at this test's nginx, signed with the program's own key.
TN_EXTRA_ENV="LANTERN_BASE_URL=$T_BASE LANTERN_LINK_KEY_FILE=${LANTERN_LINK_KEY_FILE:-$TN_LINK_KEY}"
tn_start_notify
mails_to() { tn_mail "$1" 'len(m)' >/dev/null; /usr/bin/python3 "$LANTERN_SRCDIR/t/notify-check.py" mails "$TN_MAIL" | grep -c "\"$1\""; }
mails_are() { [ "$(mails_to "$1")" = "$2" ]; }
requests_are() { [ "$(tn_files "$TN_HOOKS")" = "$1" ]; }

# --- A visitor signs up: only the confirmation comes.
T_NO_SYNC=1 t_get --data-urlencode email=visitor@example.test --data-urlencode components=all \
	"$T_BASE/subscribe"
is "$T_STATUS" 200 "the form takes the address"
ok "the confirmation mail arrives" t_until 20 mails_are visitor@example.test 1
is "$(tn_mail visitor@example.test 'm["subject"]')" "[VM0] Confirm your subscription" \
	"it is the confirmation"
confirm=$(tn_mail visitor@example.test 're.search(r"http://\S+/confirm/[0-9a-f]{64}", m["text"]).group(0)')
like "$confirm" "^$T_BASE/subscriptions/[0-9]+/confirm/[0-9a-f]{64}\$" "it carries the confirm link"
T_NO_SYNC=1 t_get --data-raw '' "$confirm"
is "$T_STATUS" 200 "the link from the mail confirms (POST)"
is "$(t_psql -c "SELECT confirmed_at IS NOT NULL FROM subscribers WHERE address = 'visitor@example.test'")" t \
	"the visitor is confirmed"

# --- An operator's webhook; its secret is shown once.
t_api POST "$V1/subscribers" "{\"subscriber\": {\"endpoint\": \"$TN_HOOK/e2e\"}}"
is "$T_STATUS" 201 "the operator adds a webhook"
secret=$(t_js 'd["secret"]')

# --- An incident through the write API reaches both.
t_api POST "$V1/incidents" '{"incident": {"name": "Checkout errors", "status": "investigating", "body": "Looking **into** it."}}'
is "$T_STATUS" 201 "an incident opens"
inc=$(t_js 'd["id"]')
ok "the visitor's incident mail arrives" t_until 20 mails_are visitor@example.test 2
ok "the webhook's request arrives" t_until 20 requests_are 1
mail=$(/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-check.py" mails "$TN_MAIL" | grep 'Checkout errors')
T_BODY=$mail
is "$(t_js 'd["subject"]')" "[VM0] Checkout errors: Investigating" "the mail's subject"
is "$(t_js "'<strong>into</strong>' in d['html'] and '$T_BASE/incidents/$inc' in d['html']")" True \
	"its HTML has the update and the incident's link"
is "$(tn_hook /e2e 'b["incident"]["name"], b["incident"]["id"], list(b)')" \
	"('Checkout errors', '$inc', ['meta', 'page', 'incident'])" "the webhook gets Statuspage's body"
tn_hook /e2e 'r["body"]' | head -c -1 >"$T_DIR/e2e-body"
is "$(tn_hook /e2e 'r["headers"]["Lantern-Signature"]')" \
	"$(/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-check.py" sig "$secret" "$(tn_hook /e2e 'r["headers"]["Lantern-Timestamp"]')" "$T_DIR/e2e-body")" \
	"signed with the secret the API showed"

# --- One-click unsubscribe from the mail's header.
unsub=$(t_js 'd["list_unsubscribe"][1:-1]')
like "$unsub" "^$T_BASE/subscriptions/[0-9]+/unsubscribe/[0-9a-f]{64}\$" "List-Unsubscribe is the signed link"
T_NO_SYNC=1 t_get -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary 'List-Unsubscribe=One-Click' "$unsub"
is "$T_STATUS" 200 "the mail client's one-click POST is taken"
is "$(t_psql -c "SELECT unsubscribed_at IS NOT NULL FROM subscribers WHERE address = 'visitor@example.test'")" t \
	"the visitor is unsubscribed"

t_api PATCH "$V1/incidents/$inc" '{"incident": {"status": "resolved", "body": "Fixed."}}'
is "$T_STATUS" 200 "the incident is resolved"
ok "the webhook gets the update" t_until 20 requests_are 2
sleep 2
is "$(mails_to visitor@example.test)" 2 "the visitor, gone, gets no more mail"
t_done
