# manage-subscribers.t: the console's subscribers screen through nginx and
# a real PostgreSQL: the counts, the list (escaped, never a secret), its
# filters, search and pages; each action (resend the confirmation,
# reactivate, unsubscribe after a confirmation, add with the webhook's
# secret shown once) written through the manage API's write_ops under the
# person's name; refusals with the field marked and nothing written; the
# CSRF and one-time tokens; an editor may, a visitor signed out may not.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

PAGE=$(t_psql -c 'SELECT id FROM pages ORDER BY id LIMIT 1')
audits() { t_psql -c "SELECT count(*) FROM audit_log${1:+ WHERE $1}"; }
subs() { t_psql -c "SELECT count(*) FROM subscribers${1:+ WHERE $1}"; }
rows() { grep -o '<li class="manage-row">' <<<"$T_BODY" | wc -l; }
SECRET=$(printf 'ab%062d' 7)
web=$(t_psql -c "SELECT id FROM components WHERE page_id = $PAGE AND name = 'Web Page'")

# 30 active e-mail subscribers, a minute apart (bulk01 the oldest), and one
# of each other kind.
t_psql -c "INSERT INTO subscribers (page_id, channel, address, secret, created_by, confirmed_at, created_at)
	SELECT $PAGE, 'email', 'bulk' || to_char(g, 'FM00') || '@example.com', '$SECRET', 'operator',
	       now(), now() - interval '1 day' + g * interval '1 minute'
	  FROM generate_series(1, 30) g" >/dev/null
one() {	# CHANNEL ADDRESS CONFIRMED QUARANTINED UNSUBSCRIBED: its id
	t_psql -c "INSERT INTO subscribers (page_id, channel, address, secret, created_by, confirmed_at,
		quarantined_at, unsubscribed_at, consecutive_failures, all_components)
		VALUES ($PAGE, '$1', '$2', '$SECRET', 'visitor', $3, $4, $5, CASE WHEN $4 IS NULL THEN 0 ELSE 10 END,
		        '$2' NOT LIKE 'https://chosen%') RETURNING id"
}
pending=$(one email 'x<b>&pending@example.com' NULL NULL NULL)
quarantined=$(one webhook 'https://hooks.example.com/q?a=1&b=2' 'now()' "now() - interval '1 hour'" NULL)
gone=$(one slack 'https://hooks.slack.com/services/T0/B0/gone' 'now()' NULL 'now()')
chosen=$(one discord 'https://chosen.example.com/Under_Score' 'now()' NULL NULL)
t_psql -c "INSERT INTO subscriber_components VALUES ($chosen, $web);
	INSERT INTO notification_events (page_id, kind, payload, fanned_out_at) VALUES ($PAGE, 'incident', '{}', now());
	INSERT INTO deliveries (event_id, subscriber_id, state, last_error)
	SELECT max(id), $quarantined, 'dropped', 'HTTP 500 <oops>' FROM notification_events" >/dev/null

t_person ed@example.org 'editor password 1'
t_person own@example.org 'owner password 1' owner

# --- signed out: to the sign-in form, and back here after -----------------
T_COOKIE=
t_manage /subscribers
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in?next=/manage/subscribers" \
	"signed out: sent to sign in, and back after"
t_manage /subscribers -X POST --data-urlencode address=a@example.com
is "$T_STATUS" 303 "a signed-out POST writes nothing, sent to sign in"

t_signin ed@example.org 'editor password 1'

# --- the screen ---------------------------------------------------------------
t_manage /
like "$T_BODY" 'href="/manage/subscribers">Subscribers</a>' "the console's nav links it, for an editor too"
t_manage /subscribers
is "$T_STATUS:$(t_header cache-control)" "200:no-store" "an editor: GET /manage/subscribers is 200, never cached"
for c in 'active</a>: <strong>31<' 'unconfirmed</a>: <strong>1<' 'quarantined</a>: <strong>1<' \
	'unsubscribed</a>: <strong>1<' 'E-mail</a>: <strong>31<' 'Webhook</a>: <strong>1<' \
	'Slack</a>: <strong>1<' 'Teams</a>: <strong>0<' 'Discord</a>: <strong>1<'; do
	like "$T_BODY" "$c" "counts: ${c%%<*}"
done
like "$T_BODY" 'href="/manage/subscribers\?state=quarantined"' "  each state links its list"
is "$(rows)" 25 "25 a page"
like "$T_BODY" '34 match; 1 to 25 shown' "  saying how many match"
like "$T_BODY" 'x&lt;b&gt;&amp;pending@example.com' "addresses escaped"
unlike "$T_BODY" 'x<b>' "  never raw"
like "$T_BODY" 'https://hooks.example.com/q\?a=1&amp;b=2' "a webhook's URL shown"
unlike "$T_BODY" "$SECRET" "never a secret"
first=$(grep -o 'class="name">[^<]*' <<<"$T_BODY" | head -n 1)
is "$first" 'class="name">https://chosen.example.com/Under_Score' "newest first"
like "$T_BODY" 'components: Web Page' "a subscriber's chosen components by name"
like "$T_BODY" 'all components' "or all"
like "$T_BODY" 'href="/manage/subscribers\?state=all&amp;page=2">Older' "a link to the older ones"
t_manage '/subscribers?page=2'
is "$(rows)" 9 "page 2: the rest"
like "$T_BODY" 'bulk01@example.com' "  down to the oldest"
like "$T_BODY" '>Newer</a>' "  and a link back"
unlike "$T_BODY" '>Older</a>' "  none further"

t_manage '/subscribers?state=quarantined'
is "$(rows)" 1 "state=quarantined: one"
like "$T_BODY" 'quarantined <time[^>]*>[^<]*</time> after 10 failures in a row; last error: HTTP 500 &lt;oops&gt;' \
	"  when, after how many failures, and its newest delivery's error (escaped)"
like "$T_BODY" "action=\"/manage/subscribers/$quarantined/reactivate\"" "  a button to reactivate it"
unlike "$T_BODY" '/resend"' "  no confirmation to resend"
t_manage '/subscribers?state=unconfirmed'
like "$T_BODY" "action=\"/manage/subscribers/$pending/resend\"" "an unconfirmed one: resend the confirmation"
t_manage '/subscribers?state=unsubscribed'
is "$(rows)" 1 "state=unsubscribed"
unlike "$T_BODY" "/manage/subscribers/$gone/unsubscribe" "  no action on one gone"
t_manage '/subscribers?type=slack&state=all'
is "$(rows)" 1 "type=slack"
t_manage '/subscribers?state=active&type=email'
like "$T_BODY" '30 match' "state and type together"
t_manage '/subscribers?q=BULK0'
like "$T_BODY" '9 match' "a search, any case"
t_manage '/subscribers?q=_'
like "$T_BODY" '1 match' "  _ is a character, not a wildcard"
like "$T_BODY" 'Under_Score' "  the one holding it"
t_manage '/subscribers?q=%25'
like "$T_BODY" 'None matches' "  and so is %"
like "$T_BODY" 'name="q" maxlength="200" value="%"' "  the search kept in its field"
t_manage '/subscribers?state=gone'
is "$T_STATUS" 400 "a state that is none: 400"
like "$T_BODY" 'role="alert">state must be' "  saying so"
is "$(rows)" 25 "  with everything shown instead"
t_manage "/subscribers?q=$(printf 'a%.0s' $(seq 201))"
is "$T_STATUS" 400 "a search over 200 characters: 400"

# --- resend, reactivate, unsubscribe -----------------------------------------------
t_manage '/subscribers?state=unconfirmed'
mapfile -t form < <(t_form "/subscribers/$pending/resend")
is "${#form[@]}" 4 "an action carries its CSRF and one-time tokens"
n=$(audits)
t_manage "/subscribers/$pending/resend" -X POST "${form[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/subscribers" "resend: 303 to the list"
is "$(t_psql -c "SELECT kind || ' ' || subscriber_id FROM notification_events WHERE kind = 'confirmation'")" \
	"confirmation $pending" "  its confirmation queued"
is "$(t_psql -c "SELECT action || ' ' || person_email || ' ' || entity_id FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"subscriber.resend_confirmation ed@example.org $pending" "  audited under the editor's name"
t_manage "/subscribers/$pending/resend" -X POST "${form[@]}"
is "$T_STATUS:$(audits)" "303:$((n + 1))" "  the same form again: written once"
t_manage '/subscribers?state=unconfirmed'
mapfile -t form < <(t_form "/subscribers/$pending/resend")
t_psql -c "UPDATE subscribers SET confirmed_at = now() WHERE id = $pending" >/dev/null
t_manage "/subscribers/$pending/resend" -X POST "${form[@]}"
is "$T_STATUS" 409 "resend to one confirmed since: 409"
like "$T_BODY" 'role="alert">Only an unconfirmed subscriber is sent a confirmation' "  the screen says why"
t_psql -c "UPDATE subscribers SET confirmed_at = NULL WHERE id = $pending" >/dev/null

t_manage '/subscribers?state=quarantined'
mapfile -t form < <(t_form "/subscribers/$quarantined/reactivate")
t_manage "/subscribers/$quarantined/reactivate" -X POST "${form[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/subscribers" "reactivate: 303 to the list"
is "$(t_psql -c "SELECT quarantined_at IS NULL AND consecutive_failures = 0 FROM subscribers WHERE id = $quarantined")" t \
	"  its quarantine cleared"
is "$(t_psql -c "SELECT action || ' ' || person_email || ' ' || (after->'reactivated')::text FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"subscriber.reactivate ed@example.org [\"$quarantined\"]" "  audited, naming it"
t_manage '/subscribers?state=quarantined'
like "$T_BODY" 'None matches' "  no longer quarantined"
t_manage "/subscribers/999999/reactivate" -X POST "${form[@]}"
is "$T_STATUS" 409 "  that form sent for another: 409, written once"

t_manage "/subscribers/$chosen/unsubscribe"
is "$T_STATUS" 200 "unsubscribing asks first"
like "$T_BODY" '<h1>Unsubscribe https://chosen.example.com/Under_Score</h1>' "  naming it"
like "$T_BODY" 'class="danger">Unsubscribe</button>' "  with one button"
mapfile -t form < <(t_form "/subscribers/$chosen/unsubscribe")
t_manage "/subscribers/$chosen/unsubscribe" -X POST "${form[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/subscribers" "unsubscribed: 303 to the list"
is "$(t_psql -c "SELECT unsubscribed_at IS NOT NULL FROM subscribers WHERE id = $chosen")" t "  kept, unsubscribed"
is "$(audits "action = 'subscriber.unsubscribe' AND person_email = 'ed@example.org'")" 1 "  audited"
t_manage "/subscribers/$chosen/unsubscribe"
like "$T_BODY" 'unsubscribed already' "the confirmation of one gone says so"
t_manage "/subscribers/999999/unsubscribe"
is "$T_STATUS" 404 "no such subscriber: 404"
t_manage "/subscribers/x/unsubscribe"
is "$T_STATUS" 404 "  nor one that is no id"

# --- add ------------------------------------------------------------------------------
t_manage /subscribers
mapfile -t form < <(t_form /subscribers)
is "${#form[@]}" 4 "the add form carries its tokens"
n=$(audits)
add() { t_manage /subscribers -X POST "${form[@]}" "$@"; }
add --data-urlencode channel=email --data-urlencode 'address=not an address' --data-urlencode components=all \
	--data-urlencode confirm=now
is "$T_STATUS" 422 "an address that is none: 422"
like "$T_BODY" 'role="alert">subscriber.email' "  naming the field"
like "$T_BODY" 'id="sub-address" name="address" required maxlength="2048" autocomplete="off" spellcheck="false" value="not an address" aria-invalid="true" aria-describedby="sub-address-hint refusal"' \
	"  the input marked, with what was typed"
add --data-urlencode channel=webhook --data-urlencode address=https://127.0.0.1/hook --data-urlencode components=all
is "$T_STATUS" 422 "a loopback URL: 422"
like "$T_BODY" 'role="alert">subscriber.endpoint' "  naming the endpoint"
like "$T_BODY" '<option value="webhook" selected>' "  the channel kept"
add --data-urlencode channel=email --data-urlencode address=some@example.com --data-urlencode components=some
is "$T_STATUS" 422 "some components, none ticked: 422"
like "$T_BODY" 'role="alert">Tick at least one component' "  saying so"
add --data-urlencode channel=pigeon --data-urlencode address=https://hooks.example.com/p --data-urlencode components=all
is "$T_STATUS" 422 "an unknown channel: 422"
like "$T_BODY" 'id="sub-channel" name="channel" aria-invalid="true"' "  the channel marked"
is "$(audits):$(subs)" "$n:34" "no refusal wrote anything"

add --data-urlencode channel=email --data-urlencode address=new@example.com --data-urlencode components=some \
	--data-urlencode "component=$web" --data-urlencode confirm=now
is "$T_STATUS:$(t_header location)" "303:/manage/subscribers" "an e-mail added: 303 to the list"
is "$(t_psql -c "SELECT s.confirmed_at IS NOT NULL, s.created_by, s.all_components, string_agg(sc.component_id::text, ',')
	FROM subscribers s LEFT JOIN subscriber_components sc ON sc.subscriber_id = s.id
	WHERE address = 'new@example.com' GROUP BY s.id")" "t|operator|f|$web" "  confirmed now, of the component ticked"
is "$(t_psql -c "SELECT action || ' ' || person_email FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"subscriber.create ed@example.org" "  audited under the editor's name"
add --data-urlencode channel=email --data-urlencode address=other@example.com --data-urlencode components=all
is "$T_STATUS" 409 "the same form with other values: 409"
is "$(subs "address = 'other@example.com'")" 0 "  nothing written"

t_manage /subscribers
mapfile -t form < <(t_form /subscribers)
add --data-urlencode channel=slack --data-urlencode address=https://hooks.slack.com/services/T1/B1/new \
	--data-urlencode components=all --data-urlencode confirm=send
is "$T_STATUS" 200 "a chat's webhook added: 200, with its secret"
secret=$(grep -o 'id="new-secret" class="secret" readonly spellcheck="false" autocomplete="off" value="[0-9a-f]*"' <<<"$T_BODY" |
	sed 's/.*value="\(.*\)"/\1/')
is "$secret" "$(t_psql -c "SELECT secret FROM subscribers WHERE address = 'https://hooks.slack.com/services/T1/B1/new'")" \
	"  the signing secret it was given"
like "$T_BODY" 'shown this once' "  shown this once"
like "$T_BODY" 'once the confirmation posted to it is followed' "  told once confirmed"
is "$(t_psql -c "SELECT confirmed_at IS NULL FROM subscribers WHERE address = 'https://hooks.slack.com/services/T1/B1/new'")
$(t_psql -c "SELECT count(*) FROM notification_events e JOIN subscribers s ON s.id = e.subscriber_id
	WHERE e.kind = 'confirmation' AND s.address = 'https://hooks.slack.com/services/T1/B1/new'")" "t
1" "  unconfirmed, its confirmation queued"
is "$(t_psql -c "SELECT count(*) FROM audit_log WHERE after::text LIKE '%$secret%'")" 0 "  the secret in no audit row"
add --data-urlencode channel=slack --data-urlencode address=https://hooks.slack.com/services/T1/B1/new \
	--data-urlencode components=all --data-urlencode confirm=send
is "$T_STATUS" 200 "the same form again: 200"
like "$T_BODY" 'sent twice' "  saying it was sent twice"
unlike "$T_BODY" "$secret" "  and the secret never again"
is "$(subs "address = 'https://hooks.slack.com/services/T1/B1/new'")" 1 "  added once"
t_manage /subscribers
unlike "$T_BODY" "$secret" "the list never shows it"

# --- the doors: CSRF, one-time token, Origin ------------------------------------
t_manage '/subscribers?state=unconfirmed'
mapfile -t form < <(t_form "/subscribers/$pending/resend")
n=$(audits)
t_manage "/subscribers/$pending/resend" -X POST "${form[2]}" "${form[3]}"
is "$T_STATUS" 403 "without the CSRF token: 403"
t_manage "/subscribers/$pending/resend" -X POST --data-urlencode csrf=0123 "${form[2]}" "${form[3]}"
is "$T_STATUS" 403 "a wrong CSRF token: 403"
t_manage "/subscribers/$pending/resend" -X POST "${form[0]}" "${form[1]}"
is "$T_STATUS" 400 "without the one-time token: 400"
like "$T_BODY" 'This form is incomplete' "  saying so"
t_get -X POST -H "Cookie: $T_COOKIE" -H 'Origin: http://evil.example' "${form[@]}" \
	"$T_BASE/manage/subscribers/$pending/resend"
is "$T_STATUS" 403 "from another Origin: 403"
is "$(audits)" "$n" "none of them wrote anything"

# --- an owner may too ---------------------------------------------------------------
t_signin own@example.org 'owner password 1'
t_manage '/subscribers?state=unconfirmed'
is "$T_STATUS" 200 "an owner: 200"
mapfile -t form < <(t_form "/subscribers/$pending/resend")
t_manage "/subscribers/$pending/resend" -X POST "${form[@]}"
is "$T_STATUS:$(audits "person_email = 'own@example.org'")" "303:1" "  and acts, under their name"

t_done
