# subscribers-public.t: visitors subscribe without JavaScript, through the
# real nginx, program and PostgreSQL: the static form on / and on an open
# incident's page, the same answer for a known and an unknown address, the
# confirmation queued to that subscriber alone, the signed links (a GET
# changes nothing; confirm, manage and leave by POST; RFC 8058's one-click
# POST), links not ours refused, webhooks and chats from /subscribe, and the
# sign-ups an hour per address (an endpoint's host) and per client.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

T_KEY=$(lantern_token_create "$T_DB_URL" ops)
page=$(t_psql -c "SELECT id FROM pages")
V1=$T_BASE/v1/pages/$page
cid() { t_psql -c "SELECT id FROM components WHERE page_id = $page AND name = '$1'"; }
web=$(cid 'Web Page')
storage=$(cid Storage)
# sig ID PURPOSE: the signature of a subscriber's link, computed here from the key.
sig() {
	/usr/bin/python3 -c 'import hmac, hashlib, sys
print(hmac.new(open(sys.argv[1], "rb").read(), ("lantern-subscriber:%s:%s" % (sys.argv[2], sys.argv[3])).encode(), hashlib.sha256).hexdigest())' \
		"$LANTERN_LINK_KEY_FILE" "$1" "$2"
}
link() { echo "$T_BASE/subscriptions/$1/$2/$(sig "$1" "$2")"; }
# post URL FIELD=VALUE...: a form, as a browser sends it (no cookie, no token).
post() {
	local url=$1 a=()
	shift
	for f; do a+=(--data-urlencode "$f"); done
	[ $# -gt 0 ] || a=(--data-raw '')
	T_NO_SYNC=1 t_get "${a[@]}" "$url"
}
state() { t_psql -c "SELECT CASE WHEN unsubscribed_at IS NOT NULL THEN 'gone'
	WHEN confirmed_at IS NULL THEN 'unconfirmed' ELSE 'confirmed' END FROM subscribers WHERE id = $1"; }
idof() { t_psql -c "SELECT id FROM subscribers WHERE lower(address) = lower('$1') AND incident_id IS NULL
	AND unsubscribed_at IS NULL"; }

# --- The form: static, on / and on an open incident's page ------------------
t_get "$T_BASE/"
like "$T_BODY" "<form method=\"post\" action=\"/subscribe\"" "/ has the subscribe form"
unlike "$T_BODY" 'name="component"' "  for every component (/subscribe has the choice)"
unlike "$T_BODY" 'csrf|token' "  and nothing per visitor in it"
etag=$(t_header etag)
t_get "$T_BASE/"
is "$(t_header etag)" "$etag" "  the page is the same for everyone (one ETag)"
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"Slow pages\", \"component_ids\": [\"$web\"]}}"
inc=$(t_js 'd["id"]')
t_get "$T_BASE/incidents/$inc"
like "$T_BODY" "<input type=\"hidden\" name=\"incident\" value=\"$inc\">" "an open incident's page offers to follow it"
resolved=$(t_psql -c "SELECT id FROM incidents WHERE page_id = $page AND resolved_at IS NOT NULL LIMIT 1")
t_get "$T_BASE/incidents/$resolved"
unlike "$T_BODY" 'action="/subscribe"' "a resolved incident's page does not"

t_get "$T_BASE/"
like "$T_BODY" 'href="/subscribe">Only some components, or by webhook, Slack, Teams or Discord</a>' "/ links to the other ways"
t_get "$T_BASE/subscribe"
is "$T_STATUS" 200 "/subscribe: every way to subscribe"
like "$T_BODY" '<input id="subscribe-email" name="email"' "  by e-mail"
like "$T_BODY" "name=\"component\" value=\"$web\"" "  with each component to tick"
like "$T_BODY" '<input id="subscribe-endpoint" name="endpoint" type="url"' "  and by URL"
is "$(grep -o '<option value="[a-z]*"' <<<"$T_BODY" | tr '\n' ' ')" \
	'<option value="webhook" <option value="slack" <option value="teams" <option value="discord" ' \
	"  a webhook or a chat's incoming webhook"

# --- Signing up -------------------------------------------------------------
events=$(t_psql -c "SELECT count(*) FROM notification_events")
post "$T_BASE/subscribe" email=new@example.com components=all
is "$T_STATUS" 200 "a visitor signs up"
like "$T_BODY" "Check your inbox" "  and is told to check the inbox"
is "$(t_header cache-control)" no-store "  never cached"
new=$(idof new@example.com)
is "$(state "$new") $(t_psql -c "SELECT created_by || ' ' || all_components FROM subscribers WHERE id = $new")" \
	"unconfirmed visitor true" "  an unconfirmed visitor's subscription to everything"
t_fan_out
is "$(t_psql -c "SELECT e.kind || ' ' || d.subscriber_id FROM notification_events e JOIN deliveries d
	ON d.event_id = e.id WHERE e.id > $events")" "confirmation $new" "  a confirmation queued to it alone"
new_body=$T_BODY

# A known address gets the same answer, and nothing changes or is queued.
t_api POST "$V1/subscribers" '{"subscriber": {"email": "known@example.com"}}'
known=$(t_js 'd["id"]')
n=$(t_psql -c "SELECT count(*) FROM notification_events")
post "$T_BASE/subscribe" email=known@example.com components=all
is "$T_STATUS ${T_BODY//known@example.com/new@example.com}" "200 $new_body" \
	"an address subscribed already gets the same page"
is "$(t_psql -c "SELECT count(*) FROM notification_events") $(state "$known")" "$n confirmed" \
	"  and nothing is queued or changed"

# Signed up before and never confirmed: the confirmation again, the same page.
t_fan_out
n=$(t_psql -c "SELECT count(*) FROM deliveries WHERE subscriber_id = $new")
post "$T_BASE/subscribe" email=NEW@example.com components=all
is "$T_STATUS ${T_BODY//NEW@example.com/new@example.com}" "200 $new_body" "an unconfirmed address signs up again: the same page"
t_fan_out
is "$(t_psql -c "SELECT count(*) FROM deliveries WHERE subscriber_id = $new") $(idof new@example.com)" \
	"$((n + 1)) $new" "  its confirmation queued again, no second subscription"

post "$T_BASE/subscribe" email=some@example.com components=some "component=$web"
some=$(idof some@example.com)
is "$(t_psql -c "SELECT all_components || ' ' || string_agg(component_id::text, ',') FROM subscribers s
	JOIN subscriber_components c ON c.subscriber_id = s.id WHERE s.id = $some GROUP BY all_components")" \
	"false $web" "components ticked: those alone"
post "$T_BASE/subscribe" email=follow@example.com "incident=$inc"
is "$T_STATUS $(t_psql -c "SELECT incident_id FROM subscribers WHERE address = 'follow@example.com'")" \
	"200 $inc" "following an incident"

post "$T_BASE/subscribe" email=nobody components=all
is "$T_STATUS" 422 "no e-mail address: 422"
like "$T_BODY" "The e-mail must be an e-mail address" "  saying why"
like "$T_BODY" 'action="/subscribe"' "  with the form again"
post "$T_BASE/subscribe" email=x@example.com components=some
is "$T_STATUS" 422 "some components, none ticked: 422"
post "$T_BASE/subscribe" email=x@example.com "incident=$resolved"
is "$T_STATUS" 422 "following a resolved incident: 422"
is "$(t_psql -c "SELECT count(*) FROM subscribers WHERE address = 'x@example.com'")" 0 "  nothing written"

# --- The signed links ---------------------------------------------------------
t_get "$(link "$new" confirm)"
is "$T_STATUS" 200 "the confirm link opens"
like "$T_BODY" '<button type="submit">Confirm</button>' "  a button"
is "$(state "$new")" unconfirmed "  and a GET confirms nothing (mail scanners open links)"
is "$(t_header cache-control)" no-store "  never cached"
post "$(link "$new" confirm)"
is "$T_STATUS $(state "$new")" "200 confirmed" "the button confirms"
like "$T_BODY" Confirmed "  and says so"
post "$(link "$new" confirm)"
is "$T_STATUS $(state "$new")" "200 confirmed" "  again: still confirmed"

t_get "$T_BASE/subscriptions/$new/confirm/$(sig "$new" manage)"
is "$T_STATUS" 404 "another purpose's signature: 404"
t_get "$T_BASE/subscriptions/$new/confirm/$(sig "$some" confirm)"
is "$T_STATUS" 404 "another subscriber's signature: 404"
post "$T_BASE/subscriptions/$some/confirm/$(printf '%064d' 0)"
is "$T_STATUS $(state "$some")" "404 unconfirmed" "a made-up signature confirms nothing"
t_get "$T_BASE/subscriptions/$new/delete/$(sig "$new" confirm)"
is "$T_STATUS" 404 "an unknown purpose: 404"

t_get "$(link "$new" manage)"
is "$T_STATUS" 200 "the manage link opens"
like "$T_BODY" "name=\"component\" value=\"$storage\"" "  the components to choose"
like "$T_BODY" "href=\"http://127.0.0.1:$T_HTTP/subscriptions/$new/unsubscribe/$(sig "$new" unsubscribe)\"" \
	"  and the signed way out"
post "$(link "$new" manage)" components=some "component=$storage"
is "$T_STATUS $(t_psql -c "SELECT all_components || ' ' || string_agg(component_id::text, ',') FROM subscribers s
	JOIN subscriber_components c ON c.subscriber_id = s.id WHERE s.id = $new GROUP BY all_components")" \
	"200 false $storage" "its POST changes the components"
like "$T_BODY" "value=\"$storage\" checked" "  and shows them as saved"
post "$(link "$new" manage)" components=some
is "$T_STATUS" 422 "  none ticked: 422"
post "$(link "$new" manage)" components=all
is "$(t_psql -c "SELECT all_components FROM subscribers WHERE id = $new")" t "  every component again"

t_get "$(link "$new" unsubscribe)"
is "$T_STATUS $(state "$new")" "200 confirmed" "the unsubscribe link's GET changes nothing"
like "$T_BODY" '<button type="submit">Unsubscribe</button>' "  it offers a button"
# RFC 8058: the mail client's POST, no cookie, no token, form-encoded.
T_NO_SYNC=1 t_get -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary 'List-Unsubscribe=One-Click' "$(link "$new" unsubscribe)"
is "$T_STATUS $(state "$new")" "200 gone" "one-click POST unsubscribes"
post "$(link "$new" unsubscribe)"
is "$T_STATUS $(state "$new")" "200 gone" "  again: still gone"
t_get "$(link "$new" manage)"
like "$T_BODY" "This subscription has ended" "the manage link then says it has ended"
post "$T_BASE/subscribe" email=new@example.com components=all
is "$(t_psql -c "SELECT count(*) FROM subscribers WHERE address = 'new@example.com'")" 2 \
	"one who left may sign up again"

# --- A webhook or a chat, confirmed like an address --------------------------
events=$(t_psql -c "SELECT count(*) FROM notification_events")
post "$T_BASE/subscribe" endpoint=https://chat.example.com/hooks/T1/B2 channel=slack components=some "component=$storage"
is "$T_STATUS" 200 "a visitor subscribes a Slack channel"
like "$T_BODY" "Check where the URL posts" "  and is told where the confirmation goes"
hook=$(idof https://chat.example.com/hooks/T1/B2)
is "$(state "$hook") $(t_psql -c "SELECT channel || ' ' || created_by || ' ' || all_components FROM subscribers WHERE id = $hook")" \
	"unconfirmed slack visitor false" "  unconfirmed, of the components ticked"
is "$(t_psql -c "SELECT component_id FROM subscriber_components WHERE subscriber_id = $hook")" "$storage" "  Storage alone"
t_fan_out
is "$(t_psql -c "SELECT e.kind || ' ' || d.subscriber_id FROM notification_events e JOIN deliveries d
	ON d.event_id = e.id WHERE e.id > $events")" "confirmation $hook" "  a confirmation queued to it alone"
post "$T_BASE/subscribe" endpoint=https://127.0.0.1/hook channel=webhook components=all
is "$T_STATUS" 422 "a loopback URL: 422"
like "$T_BODY" "The URL must not point at a loopback" "  saying why"
like "$T_BODY" 'name="endpoint"' "  with the URL's form again"
post "$T_BASE/subscribe" endpoint=https://hooks.example.com/x channel=irc components=all
is "$T_STATUS" 422 "an unknown format: 422"
like "$T_BODY" "Choose the URL&#39;s format|Choose the URL's format" "  saying which there are"
for i in 1 2 3 4; do post "$T_BASE/subscribe" "endpoint=https://CHAT.example.com/hooks/$i" channel=slack components=all; done
is "$T_STATUS" 200 "five sign-ups to one host within the hour"
post "$T_BASE/subscribe" endpoint=https://chat.example.com/hooks/5 channel=discord components=all
is "$T_STATUS" 429 "the sixth to that host (any path, any case): 429"
like "$T_BODY" "This URL&#39;s host|This URL's host" "  saying why"

# --- Sign-ups an hour -----------------------------------------------------------
for i in 1 2 3 4 5; do post "$T_BASE/subscribe" email=Flood@example.com components=all; done
is "$T_STATUS" 200 "five sign-ups of one address within the hour"
post "$T_BASE/subscribe" email=flood@EXAMPLE.com components=all
is "$T_STATUS" 429 "the sixth (any case): 429"
like "$T_BODY" "Too many sign-ups" "  saying why"
is "$(t_header retry-after)" 3600 "  with Retry-After"
t_fan_out
is "$(t_psql -c "SELECT count(*) FROM notification_events e JOIN deliveries d ON d.event_id = e.id
	JOIN subscribers s ON s.id = d.subscriber_id WHERE lower(s.address) = 'flood@example.com'")" 5 \
	"  five confirmations queued to it, none past the limit"
made=$(t_psql -c "SELECT count(*) FROM subscribe_attempts WHERE kind = 'client'")
for i in $(seq 30); do
	post "$T_BASE/subscribe" "email=many$i@example.com" components=all
	[ "$T_STATUS" = 200 ] || break
done
is "$T_STATUS $((made + i - 1))" "429 20" "twenty sign-ups a client within the hour, then 429"
is "$(t_psql -c "SELECT count(*) FROM subscribers WHERE address = 'many$i@example.com'")" 0 "  nothing written past them"

t_done
