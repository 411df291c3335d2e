# notify-delivery.t: lantern-notify delivers what is queued, through a real
# SMTP server (aiosmtpd) and a real HTTP receiver on loopback: each queued
# subscriber gets the message once, in its channel's format; an unconfirmed
# one gets only its confirmation; mail carries the headers and signed links
# a mail client reads; webhooks carry Statuspage's body and a signature that
# verifies.  Settings are checked at start-up.
. "$LANTERN_SRCDIR/t/lib.sh"
. "$LANTERN_SRCDIR/t/notify.sh"

T_HTTP=
t_start_pg
tn_link_key
tn_start_smtp
tn_start_receiver

# --- Settings: each mistake stops it, naming the setting (exit 78).
# refuses ENV... REGEX DESCRIPTION: the notifier with the test's settings
# and ENV over them exits 78 with a message matching REGEX.
refuses() {
	local -a vars
	local n=$(($# - 2)) out rc
	mapfile -t vars < <(tn_env)
	out=$(env "${vars[@]}" "${@:1:n}" "$LANTERN_NOTIFY_BIN" --check-config 2>&1)
	rc=$?
	like "$rc: $out" "^78: lantern-notify: .*${*:n+1:1}" "${*:n+2:1}"
}
mapfile -t vars < <(tn_env)
out=$(env "${vars[@]}" "$LANTERN_NOTIFY_BIN" --check-config 2>&1)
is "$?:$out" "0:" "the test's settings pass --check-config"
refuses LANTERN_NOTIFY_DATABASE_URL= 'LANTERN_NOTIFY_DATABASE_URL is not set' \
	"no database URL: refused"
refuses LANTERN_LINK_KEY_FILE= 'LANTERN_LINK_KEY_FILE not set' "no link key: refused"
cp "$TN_LINK_KEY" "$T_DIR/open.key"
chmod 644 "$T_DIR/open.key"
refuses LANTERN_LINK_KEY_FILE="$T_DIR/open.key" 'LANTERN_LINK_KEY_FILE .*chmod 600' \
	"a link key others may read: refused"
head -c 16 "$TN_LINK_KEY" >"$T_DIR/short.key"
chmod 600 "$T_DIR/short.key"
refuses LANTERN_LINK_KEY_FILE="$T_DIR/short.key" 'LANTERN_LINK_KEY_FILE .*at least 32' \
	"a short link key: refused"
refuses LANTERN_SMTP_URL=http://127.0.0.1:25 'LANTERN_SMTP_URL must start with smtp' \
	"an SMTP URL that is not smtp(s): refused"
refuses LANTERN_SMTP_URL=smtp://relay.example.test:587 'LANTERN_SMTP_PLAIN=1 is only for' \
	"plain SMTP to a relay off loopback: refused"
refuses LANTERN_NOTIFY_CONCURRENCY=0 'LANTERN_NOTIFY_CONCURRENCY must be' \
	"a concurrency of 0: refused"
refuses LANTERN_NOTIFY_ALLOW_PRIVATE=yes 'LANTERN_NOTIFY_ALLOW_PRIVATE must be 0 or 1' \
	"a flag that is not 0 or 1: refused"
refuses LANTERN_MAIL_FROM='Status <not an address>' 'LANTERN_MAIL_FROM must be' \
	"a sender that is no address: refused"
refuses LANTERN_BASE_URL=ftp://x 'LANTERN_BASE_URL must start with' \
	"a base URL that is not http(s): refused"

# --- Who is queued.
alice=$(tn_subscriber email alice@example.test)
bob=$(tn_subscriber email bob@example.test)
carol=$(tn_subscriber email carol@example.test f)
dave=$(tn_subscriber email dave@example.test)
t_psql -c "UPDATE subscribers SET unsubscribed_at = now() WHERE id = $dave"
erin=$(tn_subscriber email erin@example.test)
hook=$(tn_subscriber webhook "$TN_HOOK/hook")
slack=$(tn_subscriber slack "$TN_HOOK/slack")
teams=$(tn_subscriber teams "$TN_HOOK/teams")
discord=$(tn_subscriber discord "$TN_HOOK/discord")

name='Caf'$'\xc3\xa9'' <b>API</b> & "errors"'
ev=$(tn_incident_event $'We **found** the cause: <script>alert(1)</script>\n\nA fix is rolling out.' "$name")
# Erin is not queued for this event (the program did not choose her): she gets nothing.
tn_queue "$ev" "$alice" "$bob" "$carol" "$dave" "$hook" "$slack" "$teams" "$discord"
tn_confirmation_event "$carol"
# A webhook not yet confirmed: its confirmation, with its signing key.
newhook=$(tn_subscriber webhook "$TN_HOOK/newhook" f)
tn_confirmation_event "$newhook"
# Frank's is of an incident deleted after it was queued (posted by mistake).
frank=$(tn_subscriber email frank@example.test)
gone=$(t_psql -c "INSERT INTO incidents (page_id, kind, name, status, impact, started_at)
	SELECT min(id), 'incident', 'Posted by mistake', 'investigating', 'none', now() FROM pages RETURNING id")
ev2=$(tn_incident_event "Wrong page." "Posted by mistake")
t_psql -c "UPDATE notification_events SET incident_id = $gone WHERE id = $ev2"
tn_queue "$ev2" "$frank"
t_psql -c "DELETE FROM incidents WHERE id = $gone"

tn_start_notify
ok "every queued delivery is settled but carol's incident mail" t_until 30 tn_pending_is 1
sleep 1

is "$(tn_files "$TN_MAIL")" 3 "three mails: alice, bob and carol's confirmation"
is "$(tn_files "$TN_HOOKS")" 5 "five requests: the webhook, the three chats and a webhook's confirmation"
is "$(tn_mail alice@example.test 'm.get("unparsable", "parsed")')" parsed "alice's mail parses"
is "$(tn_mail bob@example.test 'm["subject"]')" "[VM0] $name: Identified" \
	"bob got the incident mail once, its subject decoded"
is "$(tn_mail erin@example.test '1')" "no mail" "erin, not queued, got nothing"
is "$(tn_mail dave@example.test '1')" "no mail" "dave, unsubscribed, got nothing"
is "$(t_psql -c "SELECT state || ' ' || last_error FROM deliveries WHERE subscriber_id = $dave")" \
	"dropped not sent: unsubscribed" "and his delivery is dropped, saying why"
is "$(tn_mail frank@example.test '1')" "no mail" "frank's, of an incident deleted since, is not sent"
is "$(t_psql -c "SELECT state || ' ' || last_error FROM deliveries WHERE subscriber_id = $frank")" \
	"dropped not sent: the incident was deleted" "  its delivery is dropped, saying why"

# --- Confirmation first.
is "$(tn_mail carol@example.test 'm["subject"]')" "[VM0] Confirm your subscription" \
	"carol, unconfirmed, got only the confirmation"
link=$(tn_link "$carol" confirm)
is "$(tn_mail carol@example.test "'$link' in m['text'] and '$link' in m['html']")" True \
	"the confirmation carries carol's signed confirm link (text and HTML)"
is "$(t_psql -c "SELECT state FROM deliveries d JOIN notification_events e ON e.id = d.event_id
	WHERE d.subscriber_id = $carol AND e.kind = 'incident'")" pending \
	"her incident mail waits for the confirmation"

# --- The mail, as a client reads it.
id=$(t_psql -c "SELECT id FROM deliveries WHERE subscriber_id = $alice")
is "$(tn_mail alice@example.test 'm["message_id"]')" "<lantern-delivery-$id@status.example.test>" \
	"Message-ID is the delivery's stable id at the base URL's host"
is "$(tn_mail alice@example.test 'm["list_unsubscribe"]')" "<$(tn_link "$alice" unsubscribe)>" \
	"List-Unsubscribe is alice's signed unsubscribe link"
is "$(tn_mail alice@example.test 'm["list_unsubscribe_post"]')" "List-Unsubscribe=One-Click" \
	"with RFC 8058 one-click"
is "$(tn_mail alice@example.test 'm["content_type"], m["date_parses"], m["crlf_only"]')" \
	"('multipart/alternative', True, True)" "multipart/alternative, a Date that parses, CRLF lines"
is "$(tn_mail alice@example.test 'm["longest_line"] <= 998')" True "no line over 998 octets"
like "$(tn_mail alice@example.test 'm["raw_subject"]')" '^=\?UTF-8\?B\?' \
	"the non-ASCII subject travels as RFC 2047 encoded-words"
is "$(tn_mail alice@example.test 'm["header_from"], m["header_to"], m["from"]')" \
	"('Example Status <status@example.test>', 'alice@example.test', 'status@example.test')" \
	"From, To and the envelope sender"
is "$(tn_mail alice@example.test "'<h1' in m['html'] and 'Caf\u00e9 &lt;b&gt;API&lt;/b&gt; &amp; \"errors\"' in m['html']")" True \
	"the HTML part escapes the incident's name"
is "$(tn_mail alice@example.test "'<strong>found</strong>' in m['html'] and '<script>' not in m['html']")" True \
	"the update's Markdown is rendered, its raw HTML shown as text"
is "$(tn_mail alice@example.test "'We **found** the cause' in m['text'] and 'Status: Identified' in m['text']")" True \
	"the text part has the update and the status"
is "$(tn_mail alice@example.test "'https://status.example.test/incidents/' in m['html'] and '$(tn_link "$alice" manage)' in m['text'] and '$(tn_link "$alice" manage)' in m['html']")" True \
	"both parts link the incident and alice's manage link"

# --- A webhook's confirmation: the link, and the key it is signed with.
is "$(tn_hook /newhook 'list(b), b["meta"]["confirm"] == "'"$(tn_link "$newhook" confirm)"'", b["meta"]["signing_secret"]')" \
	"(['meta', 'page', 'subscriber'], True, '$(printf 'ab%.0s' {1..32})')" \
	"a webhook's confirmation carries its confirm link and its signing key"

# --- The webhook: Statuspage's body, signed.
hid=$(t_psql -c "SELECT id FROM deliveries WHERE subscriber_id = $hook")
is "$(tn_hook /hook 'list(b)')" "['meta', 'page', 'incident']" "the webhook's body is meta, page, incident"
is "$(tn_hook /hook 'b["meta"]["unsubscribe"]')" "$(tn_link "$hook" unsubscribe)" \
	"meta.unsubscribe is the signed unsubscribe link"
is "$(tn_hook /hook 'b["incident"]["incident_updates"][0]["affected_components"][0]["new_status"], b["page"]["status_indicator"]')" \
	"('partial_outage', 'major')" "the incident with its updates and their affected components, as queued"
is "$(tn_hook /hook 'r["headers"]["Lantern-Delivery"], r["headers"]["Content-Type"]')" \
	"('$hid', 'application/json')" "Lantern-Delivery is the delivery's id; the body is JSON"
tn_hook /hook 'r["body"]' | head -c -1 >"$T_DIR/hook-body"
ts=$(tn_hook /hook 'r["headers"]["Lantern-Timestamp"]')
like "$ts" '^[0-9]{10}$' "Lantern-Timestamp is a Unix time"
is "$(tn_hook /hook 'r["headers"]["Lantern-Signature"]')" \
	"$(/usr/bin/python3 "$LANTERN_SRCDIR/t/notify-check.py" sig "$(printf 'ab%.0s' {1..32})" "$ts" "$T_DIR/hook-body")" \
	"Lantern-Signature verifies: HMAC-SHA256(secret, timestamp.body), worked out here"

# --- Chat.
is "$(tn_hook /slack "b['text'], b['blocks'][0]['type'], 'Caf\u00e9 &lt;b&gt;API&lt;/b&gt; &amp;' in b['blocks'][0]['text']['text']")" \
	"('[VM0] $name: Identified', 'section', True)" "Slack: text and blocks, mrkdwn escaped"
is "$(tn_hook /slack "'A fix is rolling out.' in b['blocks'][0]['text']['text'] and 'https://status.example.test/incidents/' in b['blocks'][0]['text']['text']")" \
	True "Slack: the latest update and the link"
is "$(tn_hook /teams "b['@type'], b['title'], b['sections'][0]['activityTitle'], b['potentialAction'][0]['targets'][0]['uri'].startswith('https://status.example.test/incidents/')")" \
	"('MessageCard', '$name', 'Identified', True)" "Teams: a MessageCard with name, status and link"
is "$(tn_hook /discord "b['embeds'][0]['fields'][0]['value'], b['allowed_mentions'], b['embeds'][0]['url'].startswith('https://status.example.test/incidents/')")" \
	"('Identified', {'parse': []}, True)" "Discord: an embed with the status and link, and no mentions"

# --- The record.
is "$(t_psql -c "SELECT count(*) FILTER (WHERE state = 'sent'), count(*) FROM deliveries")" "8|11" \
	"eight deliveries sent (the ninth waits, the tenth and eleventh are dropped)"
is "$(t_psql -c "SELECT count(*), bool_and(ok), min(attempts) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.state = 'sent'")" \
	"8|t|1" "every attempt recorded, once each"
like "$(t_psql -c "SELECT string_agg(DISTINCT detail, ',') FROM delivery_attempts")" \
	'HTTP 200' "attempts record the HTTP status"
like "$(t_psql -c "SELECT string_agg(DISTINCT detail, ',') FROM delivery_attempts")" \
	'SMTP 250' "and the SMTP reply"

# --- Confirmed, carol's incident mail goes too.
t_psql -c "UPDATE subscribers SET confirmed_at = now() WHERE id = $carol; NOTIFY lantern_outbox"
ok "once carol confirms, her incident mail is sent" t_until 10 tn_drained
is "$(tn_files "$TN_MAIL")" 4 "one more mail"

# --- A stop is clean.
kill -TERM "$TN_PID"
t_until 10 eval '! lantern_alive "$TN_PID"'
wait "$TN_PID"
is "$?" 0 "SIGTERM: it exits, status 0"
like "$(cat "$T_DIR/notify.log")" 'stopped' "saying it stopped"
t_done
