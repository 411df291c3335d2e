# subscribers-api.t: subscribers through the manage API v1 (Statuspage's
# shapes) on the real nginx, program and PostgreSQL: create (confirmed at
# once, the secret shown once and never audited), refusals naming the field,
# list, count and filters, one, unsubscribe, resend the confirmation, keys.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

T_KEY=$(lantern_token_create "$T_DB_URL" ops)
ro=$(lantern_ctl --database-url "$T_DB_URL" token create --read-only -- reader)
page=$(t_psql -c "SELECT id FROM pages")
V1=$T_BASE/v1/pages/$page
cid() { t_psql -c "SELECT id FROM components WHERE page_id = $page AND name = '$1'"; }
web=$(cid 'Web Page')
storage=$(cid Storage)
all_ids=$(t_psql -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM components WHERE page_id = $page")
count() { t_psql -c "SELECT count(*) FROM $1"; }

# --- Create ---------------------------------------------------------------
t_api POST "$V1/subscribers" '{"subscriber": {"email": "Ann@Example.com"}}'
is "$T_STATUS" 201 "an operator adds an e-mail subscriber"
ann=$(t_js 'd["id"]')
is "$(t_js 'd["mode"], d["email"], d["endpoint"], d["state"], d["skip_confirmation_notification"]')" \
	"email Ann@Example.com None active True" "  Statuspage's fields: mode, email, endpoint; active (confirmed at once)"
is "$(t_js '",".join(d["components"]) + " " + str(d["all_components"])')" "$all_ids True" \
	"  all components, listed"
for f in id mode email endpoint phone_number phone_country display_phone_number obfuscated_channels \
	purge_at components page_access_user_id created_at quarantined_at skip_confirmation_notification; do
	is "$(t_js "'$f' in d")" True "  has Statuspage's \"$f\""
done
like "$(t_js 'd["created_at"]')" '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]+[+-][0-9]{2}:[0-9]{2}$' "  created_at in the API's form"
like "$(t_js 'd["secret"]')" '^[0-9a-f]{64}$' "  the signing secret, this once"
secret=$(t_js 'd["secret"]')
is "$(t_psql -c "SELECT secret FROM subscribers WHERE id = $ann")" "$secret" "  as stored"
is "$(t_psql -c "SELECT count(*) FROM audit_log WHERE after::text LIKE '%$secret%'
	OR before::text LIKE '%$secret%'")" 0 "  and never in the audit log"
is "$(t_psql -c "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")" subscriber.create "  the write is audited"
t_api GET "$V1/subscribers/$ann" ''
is "$T_STATUS $(t_js "'secret' in d")" "200 False" "a read never shows the secret"
is "$(count notification_events)" 0 "an operator's subscriber is sent no confirmation"

t_api POST "$V1/subscribers" '{"subscriber": {"email": "ann@example.COM"}}'
is "$T_STATUS $(t_js 'd["field"]')" "409 subscriber.email" "the same address (any case) again: 409"

t_api POST "$V1/subscribers" "{\"subscriber\": {\"endpoint\": \"https://hooks.example.com/lantern?x=1\",
	\"component_ids\": [\"$storage\", \"$web\"]}}"
is "$T_STATUS $(t_js 'd["mode"], d["endpoint"], d["email"], d["all_components"]')" \
	"201 webhook https://hooks.example.com/lantern?x=1 None False" "a webhook with chosen components"
hook=$(t_js 'd["id"]')
is "$(t_js '",".join(sorted(d["components"]))')" "$(printf '%s\n' "$web" "$storage" | sort | paste -sd,)" "  its components"
t_api POST "$V1/subscribers" '{"subscriber": {"endpoint": "https://hooks.slack.com/services/T0/B0/x", "channel": "slack"}}'
is "$T_STATUS $(t_js 'd["mode"]')" "201 slack" "a Slack channel (Lantern's own)"
t_api POST "$V1/subscribers" '{"subscriber": {"endpoint": "https://discord.com/api/webhooks/1/x", "channel": "discord"}}'
is "$T_STATUS $(t_js 'd["mode"]')" "201 discord" "a Discord channel"

t_api POST "$V1/incidents" '{"incident": {"name": "Slow", "deliver_notifications": false}}'
inc=$(t_js 'd["id"]')
t_api POST "$V1/subscribers" "{\"subscriber\": {\"email\": \"ann@example.com\", \"incident_id\": \"$inc\"}}"
is "$T_STATUS $(t_js 'd["incident_id"]')" "201 $inc" "the same address may follow one open incident"

# --- Refusals: 4xx naming the field; nothing written ----------------------
n=$(count subscribers)
refuse() {	# BODY STATUS FIELD DESCRIPTION
	t_api POST "$V1/subscribers" "$1"
	is "$T_STATUS $(t_js 'd.get("field")')" "$2 $3" "$4: $2 naming $3"
}
refuse '{"subscriber": {"email": "not-an-address"}}' 422 subscriber.email "no @"
refuse '{"subscriber": {"email": "a b@example.com"}}' 422 subscriber.email "a space"
refuse '{"subscriber": {"email": "ann@localhost"}}' 422 subscriber.email "no full domain"
refuse '{"subscriber": {"email": "ann@exa..mple.com"}}' 422 subscriber.email "an empty label"
# What lantern-notify would refuse to send to is refused here, not queued for ever.
refuse '{"subscriber": {"email": "ann@b\u00fccher.example"}}' 422 subscriber.email "a domain not in ASCII"
refuse '{"subscriber": {"email": "ann(x)@example.com"}}' 422 subscriber.email "brackets"
refuse '{"subscriber": {"email": "a:b@example.com"}}' 422 subscriber.email "a colon"
refuse '{"subscriber": {"email": 42}}' 422 subscriber.email "not a string"
refuse '{"subscriber": {}}' 422 subscriber.email "neither e-mail nor endpoint"
refuse '{"subscriber": {"email": "a@example.com", "endpoint": "https://x.example.com/"}}' 422 subscriber.endpoint "both"
refuse '{"subscriber": {"endpoint": "http://hooks.example.com/"}}' 422 subscriber.endpoint "plain http"
refuse '{"subscriber": {"endpoint": "https://127.0.0.1:9/"}}' 422 subscriber.endpoint "loopback"
refuse '{"subscriber": {"endpoint": "https://localhost/"}}' 422 subscriber.endpoint "localhost"
refuse '{"subscriber": {"endpoint": "https://10.1.2.3/"}}' 422 subscriber.endpoint "a private address"
refuse '{"subscriber": {"endpoint": "https://192.168.0.1/"}}' 422 subscriber.endpoint "a private address (192.168)"
refuse '{"subscriber": {"endpoint": "https://169.254.169.254/latest/meta-data"}}' 422 subscriber.endpoint "the metadata address"
refuse '{"subscriber": {"endpoint": "https://[::1]/"}}' 422 subscriber.endpoint "IPv6 loopback"
refuse '{"subscriber": {"endpoint": "https://[::ffff:127.0.0.1]/"}}' 422 subscriber.endpoint "IPv4-mapped loopback"
# The classes lantern-notify refuses at send time (ipclass.c), refused here already.
refuse '{"subscriber": {"endpoint": "https://[64:ff9b::7f00:1]/"}}' 422 subscriber.endpoint "NAT64 loopback"
refuse '{"subscriber": {"endpoint": "https://198.18.0.1/"}}' 422 subscriber.endpoint "a benchmarking address (198.18/15)"
refuse '{"subscriber": {"endpoint": "https://192.0.0.8/"}}' 422 subscriber.endpoint "IETF protocol assignments (192.0.0/24)"
refuse '{"subscriber": {"endpoint": "https://0x7f.1/"}}' 422 subscriber.endpoint "a number that is no name"
refuse '{"subscriber": {"endpoint": "https://user:pw@hooks.example.com/"}}' 422 subscriber.endpoint "user information"
refuse '{"subscriber": {"endpoint": "ftp://hooks.example.com/"}}' 422 subscriber.endpoint "not a URL of ours"
refuse '{"subscriber": {"endpoint": "https://hooks.example.com/", "channel": "email"}}' 422 subscriber.channel "an endpoint on the e-mail channel"
refuse '{"subscriber": {"email": "b@example.com", "channel": "slack"}}' 422 subscriber.channel "an address on a chat channel"
refuse '{"subscriber": {"email": "b@example.com", "channel": "pigeon"}}' 422 subscriber.channel "an unknown channel"
refuse '{"subscriber": {"email": "b@example.com", "component_ids": ["999999999"]}}' 422 subscriber.component_ids "an unknown component"
refuse '{"subscriber": {"email": "b@example.com", "incident_id": "999999999"}}' 422 subscriber.incident_id "an unknown incident"
resolved=$(t_psql -c "SELECT id FROM incidents WHERE page_id = $page AND resolved_at IS NOT NULL ORDER BY id LIMIT 1")
refuse "{\"subscriber\": {\"email\": \"b@example.com\", \"incident_id\": \"$resolved\"}}" 422 subscriber.incident_id "a resolved incident"
refuse '{"subscriber": {"phone_number": "+15555550100"}}' 422 subscriber.phone_number "SMS"
refuse '{"subscriber": {"email": "b@example.com", "colour": "red"}}' 422 subscriber.colour "an unknown field"
is "$(count subscribers)" "$n" "no refusal wrote anything"

# --- Reads ----------------------------------------------------------------
t_psql -c "INSERT INTO subscribers (page_id, channel, address, secret, created_by)
	VALUES ($page, 'email', 'pending@example.com', '$(printf '%064d' 0)', 'visitor')" >/dev/null
pending=$(t_psql -c "SELECT id FROM subscribers WHERE address = 'pending@example.com'")
t_api GET "$V1/subscribers" ''
is "$T_STATUS $(t_js 'len(d)')" "200 5" "the list: the active ones by default"
is "$(t_js '[s["id"] for s in d][-1]')" "$ann" "  newest first"
t_api GET "$V1/subscribers?state=all" ''
is "$(t_js 'len(d)')" 6 "state=all: every one"
t_api GET "$V1/subscribers?state=unconfirmed" ''
is "$(t_js '[s["id"] for s in d]')" "['$pending']" "state=unconfirmed"
t_api GET "$V1/subscribers?type=webhook" ''
is "$(t_js '[s["id"] for s in d]')" "['$hook']" "type=webhook"
t_api GET "$V1/subscribers?type=email&limit=1&page=2" ''
is "$(t_js '[s["email"] for s in d]')" "['Ann@Example.com']" "limit and page"
t_api GET "$V1/subscribers?state=gone" ''
is "$T_STATUS $(t_js 'd["field"]')" "400 state" "an unknown state: 400 naming it"
t_api GET "$V1/subscribers?limit=500" ''
is "$T_STATUS $(t_js 'd["field"]')" "400 limit" "limit over 100: 400 naming it"
t_api GET "$V1/subscribers/count" ''
is "$T_STATUS $T_BODY" '200 {"count":5}' "count: the active ones"
t_api GET "$V1/subscribers/count?type=email&state=all" ''
is "$T_BODY" '{"count":3}' "count with filters"
is "$(t_header cache-control)" no-store "never cached"
T_KEY=$ro t_api GET "$V1/subscribers/count" ''
is "$T_STATUS" 200 "a read-only key may read"
T_KEY=$ro t_api POST "$V1/subscribers" '{"subscriber": {"email": "c@example.com"}}'
is "$T_STATUS" 403 "  but not add"
t_get "$V1/subscribers"
is "$T_STATUS" 401 "no key: 401"
other=$(t_psql -c "INSERT INTO pages (name, url) VALUES ('Other', 'http://other.example') RETURNING id")
t_api GET "$T_BASE/v1/pages/$other/subscribers/$ann" ''
is "$T_STATUS" 404 "another page's subscriber: 404"

# --- Unsubscribe, resend ----------------------------------------------------
t_api POST "$V1/subscribers/$ann/resend_confirmation" ''
is "$T_STATUS $(t_js 'd["field"]')" "409 subscriber_id" "no confirmation for a confirmed subscriber"
t_api POST "$V1/subscribers/$pending/resend_confirmation" ''
is "$T_STATUS $(t_js 'd["state"]')" "201 unconfirmed" "the confirmation is queued again"
t_fan_out
is "$(t_psql -c "SELECT e.kind || ' ' || d.subscriber_id FROM notification_events e
	JOIN deliveries d ON d.event_id = e.id")" "confirmation $pending" "  to that subscriber alone"
T_BODY=$(t_psql -c "SELECT payload FROM notification_events")
is "$(t_js 'sorted(d), d["subscriber"]')" "['page', 'subscriber'] {'id': '$pending'}" "  its payload: page and subscriber"
t_api DELETE "$V1/subscribers/$ann" ''
is "$T_STATUS $(t_js 'd["state"]')" "200 unsubscribed" "DELETE unsubscribes"
like "$(t_js 'd["unsubscribed_at"]')" '^20' "  with its time"
t_api DELETE "$V1/subscribers/$ann" ''
is "$T_STATUS" 409 "  once"
t_api GET "$V1/subscribers/count?state=unsubscribed" ''
is "$T_BODY" '{"count":1}' "  and it is counted as unsubscribed"
t_api POST "$V1/subscribers" '{"subscriber": {"email": "ann@example.com"}}'
is "$T_STATUS" 201 "one who left may be added again"
t_api DELETE "$V1/subscribers/999999999" ''
is "$T_STATUS $(t_js 'd["field"]')" "404 subscriber_id" "an unknown subscriber: 404"

# Idempotency-Key: the first answer, secret included, and one subscriber.
t_api POST "$V1/subscribers" '{"subscriber": {"email": "once@example.com"}}' -H 'Idempotency-Key: k1'
first=$T_BODY
t_api POST "$V1/subscribers" '{"subscriber": {"email": "once@example.com"}}' -H 'Idempotency-Key: k1'
is "$T_STATUS $T_BODY" "201 $first" "a retried POST gets the first answer"
is "$(t_psql -c "SELECT count(*) FROM subscribers WHERE address = 'once@example.com'")" 1 "  and adds one subscriber"

# --- Roles: subscribers are nobody's business but the writer's --------------
as() { psql -X -q -v ON_ERROR_STOP=1 -d "$1" -tA -c "$2" </dev/null 2>&1; }
for t in subscribers subscriber_components notification_events deliveries delivery_attempts subscribe_attempts; do
	like "$(as "$T_READ_URL" "SELECT count(*) FROM $t")" "permission denied" "the reader may not read $t"
done
like "$(as "$T_WRITE_URL" "DELETE FROM subscribers")" "permission denied" "the writer deletes no subscriber (leaving is a time)"
like "$(as "$T_WRITE_URL" "UPDATE deliveries SET state = 'sent'")" "permission denied" "  nor delivers"
like "$(as "$T_WRITE_URL" "INSERT INTO delivery_attempts (delivery_id, ok) VALUES (1, true)")" "permission denied" \
	"  nor records attempts"

t_done
