# manage-write.t: the console writes through the API's pipeline, through
# nginx and a real PostgreSQL: a component's status in one step from the
# Now screen, seen on the next screen and on the public JSON within a
# second, in the audit log under the person's name; a form sent twice
# writes once; a refused one says why and writes nothing.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

t_person ed@example.org 'editor password 1'
t_signin ed@example.org 'editor password 1'
is "$T_STATUS" 303 "an editor signs in"

api=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
changes() { t_psql -c "SELECT count(*) FROM component_status_changes WHERE component_id = $api"; }
before=$(changes)

t_manage /
like "$T_BODY" "action=\"/manage/components/$api/status\"" "the Now screen has a status form per component"
like "$T_BODY" '<option value="major_outage">Major Outage</option>' "offering every status"
mapfile -t form < <(t_form "/components/$api/status")
is "${#form[@]}" 4 "the form carries its CSRF and one-time tokens"

T_NO_SYNC=1 t_manage "/components/$api/status" -X POST "${form[@]}" --data-urlencode status=major_outage
is "$T_STATUS:$(t_header location)" "303:/manage/" "setting a status: 303 back to Now"
is "$(curl -sS --max-time 5 "$T_BASE/healthz" | sed -n 's/.*"snapshot":{"version":\([0-9]*\).*/\1/p')" \
	"$(t_psql -c 'SELECT version FROM pages')" "the answer came once the snapshot held the change"
T_NO_SYNC=1 t_manage /
like_text "$T_BODY" "<span class=\"name\">Runner</span>
<span class=\"status status-major_outage\">" "the next screen shows it at once"
seen_json() {
	T_NO_SYNC=1 t_get "$T_BASE/api/v2/components.json"
	[ "$(t_js "[c['status'] for c in d['components'] if c['name'] == 'Runner'][0]")" = major_outage ]
}
ok "summary JSON through nginx shows it within a second" t_until 1 seen_json
is "$(changes)" $((before + 1)) "one status change recorded"
is "$(t_psql -c "SELECT a.action || ' ' || p.email || ' ' || (a.token_id IS NULL)
	FROM audit_log a JOIN people p ON p.id = a.person_id ORDER BY a.id DESC LIMIT 1")" \
	"component.update ed@example.org true" "the audit log names the person, not a key"

# The same form again (a double click, a reload): written once.
T_NO_SYNC=1 t_manage "/components/$api/status" -X POST "${form[@]}" --data-urlencode status=major_outage
is "$T_STATUS:$(t_header location)" "303:/manage/" "the same form again: the same answer"
is "$(changes)" $((before + 1)) "and nothing more written"
is "$(t_psql -c "SELECT count(*) FROM audit_log WHERE person_id IS NOT NULL")" 1 "nor audited"
T_NO_SYNC=1 t_manage "/components/$api/status" -X POST "${form[@]}" --data-urlencode status=operational
is "$T_STATUS" 409 "the same form with another value: 409"
is "$(changes)" $((before + 1)) "nothing written"

# Refused: the form again, saying why; nothing written.
t_manage /
mapfile -t form < <(t_form "/components/$api/status")
t_manage "/components/$api/status" -X POST "${form[@]}" --data-urlencode status=melted
is "$T_STATUS" 422 "an unknown status: 422"
like "$T_BODY" 'class="form-error" role="alert">component.status must be' "the Now screen says why"
like "$T_BODY" "<h1>Now: " "and is the Now screen again"
is "$(changes)" $((before + 1)) "nothing written"
t_manage "/components/$api/status" -X POST "${form[0]}" "${form[1]}" --data-urlencode status=operational
is "$T_STATUS" 400 "a form without its one-time token: 400"
t_manage "/components/$api/status" -X POST "${form[2]}" "${form[3]}" --data-urlencode status=operational
is "$T_STATUS" 403 "nor without its CSRF token: 403"
t_manage "/components/999999/status" -X POST "${form[@]}" --data-urlencode status=operational
is "$T_STATUS" 404 "a component that is not there: 404"
is "$(changes)" $((before + 1)) "nothing written by any of them"

# A console link opened signed out leads back to it once signed in.
t_get "$T_BASE/manage/components/$api/status"
is "$T_STATUS" 405 "(the status form's address answers POST only)"
t_get "$T_BASE/manage/people"
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in?next=/manage/people" \
	"a console page signed out: to the sign-in form, with where to go next"
t_get "$T_BASE/manage/sign-in?next=/manage/people"
like "$T_BODY" '<input type="hidden" name="next" value="/manage/people">' "which the form carries"
t_get -X POST -H "Origin: http://127.0.0.1:$T_HTTP" --data-urlencode email=ed@example.org \
	--data-urlencode 'password=editor password 1' --data-urlencode next=/manage/people "$T_BASE/manage/sign-in"
is "$T_STATUS:$(t_header location)" "303:/manage/people" "signing in leads there"
for evil in //evil.example /manage//evil.example '/manage/\evil' https://evil.example \
	'/manage/x?y=1' /manage/sign-out; do
	t_get "$T_BASE/manage/sign-in?next=$evil"
	unlike "$T_BODY" 'name="next"' "next=$evil is not carried"
	t_get -X POST -H "Origin: http://127.0.0.1:$T_HTTP" --data-urlencode email=ed@example.org \
		--data-urlencode 'password=editor password 1' --data-urlencode "next=$evil" "$T_BASE/manage/sign-in"
	is "$T_STATUS:$(t_header location)" "303:/manage/" "nor followed: to /manage/"
done
t_done
