# manage-incidents.t: the console's incident screens through nginx and a
# real PostgreSQL: a new incident (preview, refusals, templates), its page
# (update, correction, resolve, postmortem, delete after a confirmation),
# the list with its pages.  Every write goes through the API's pipeline:
# audited under the person's name, written once however often the form
# is sent, nothing written when refused.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

t_person ed@example.org 'editor password 1'
t_signin ed@example.org 'editor password 1'
is "$T_STATUS" 303 "an editor signs in"

runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
api=$(t_psql -c "SELECT id FROM components WHERE name = 'API Service'")
incidents() { t_psql -c "SELECT count(*) FROM incidents"; }
updates() { t_psql -c "SELECT count(*) FROM incident_updates"; }
audits() { t_psql -c "SELECT count(*) FROM audit_log WHERE person_id IS NOT NULL"; }
last_audit() {
	t_psql -c "SELECT a.action || ' ' || p.email || ' ' || (a.token_id IS NULL)
		FROM audit_log a JOIN people p ON p.id = a.person_id ORDER BY a.id DESC LIMIT 1"
}

# Signed out, every screen asks to sign in; a form without its token is refused.
T_COOKIE=none t_manage /incidents
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in?next=/manage/incidents" \
	"signed out: the list sends to the sign-in form, and back after it"

t_manage /
like "$T_BODY" '<a href="/manage/incidents/new">New incident</a>' "the nav offers New incident"
like "$T_BODY" '<a href="/manage/incidents">Incidents</a>' "and the list of incidents"

t_manage /incidents/new
is "$T_STATUS:$(t_header cache-control)" "200:no-store" "the new incident's form: 200, not cached"
like "$T_BODY" '<label for="name">Name</label>' "its name has a label"
like "$T_BODY" '<option value="identified">Identified</option>' "it offers the incident's statuses"
like "$T_BODY" "<input type=\"checkbox\" id=\"affects-$runner\" name=\"affects-$runner\" value=\"1\">" \
	"each component can be marked affected"
like "$T_BODY" "<select id=\"to-$runner\" name=\"to-$runner\">" "with its new status"
like "$T_BODY" 'id="notify" name="notify" value="1" checked' "notify subscribers is on by default"
like "$T_BODY" 'No templates yet' "and says there are no templates yet"
mapfile -t form < <(t_form /incidents/new)
is "${#form[@]}" 4 "the form carries its CSRF and one-time tokens"
n0=$(incidents)
a0=$(audits)

# The preview renders the message and writes nothing.
t_manage /incidents/new -X POST "${form[@]}" --data-urlencode do=preview \
	--data-urlencode 'name=Runner <down>' --data-urlencode status=identified \
	--data-urlencode 'message=**Looking** at it <script>alert(1)</script>'
is "$T_STATUS" 200 "preview: 200"
like "$T_BODY" '<h2 id="preview-h">Preview</h2>' "it shows the preview"
like "$T_BODY" '<strong>Looking</strong> at it &lt;script&gt;' "the Markdown rendered, its HTML as text"
like "$T_BODY" 'value="Runner &lt;down&gt;"' "the name kept, escaped"
like "$T_BODY" '<option value="identified" selected>' "the status kept"
like "$T_BODY" '\*\*Looking\*\* at it &lt;script&gt;alert\(1\)&lt;/script&gt;</textarea>' "the message kept as typed"
unlike "$T_BODY" 'id="notify" name="notify" value="1" checked' "an unticked box stays unticked"
is "$(incidents):$(audits)" "$n0:$a0" "the preview wrote nothing"

# Refused: the form again, with the input and the field marked.
t_manage /incidents/new -X POST "${form[@]}" --data-urlencode do=create \
	--data-urlencode name= --data-urlencode status=identified --data-urlencode message=keep-me
is "$T_STATUS" 422 "a blank name: 422"
like "$T_BODY" 'class="form-error" role="alert">incident.name' "the form says why"
like "$T_BODY" 'id="name" name="name" value="" maxlength="300" aria-invalid="true" aria-describedby="form-error"' \
	"and marks the name"
like_text "$T_BODY" '>
keep-me</textarea>' "the message is kept"
t_manage /incidents/new -X POST "${form[@]}" --data-urlencode name=X --data-urlencode status=completed
is "$T_STATUS" 422 "a maintenance status: 422"
like "$T_BODY" 'id="status" name="status" aria-invalid="true"' "the status is marked"
t_manage /incidents/new -X POST "${form[@]}" --data-urlencode name=X --data-urlencode status=identified \
	--data-urlencode "to-$runner=melted"
is "$T_STATUS" 422 "an unknown component status: 422"
like "$T_BODY" '<fieldset class="components-pick" aria-invalid="true"' "the components are marked"
t_manage /incidents/new -X POST "${form[2]}" "${form[3]}" --data-urlencode name=X --data-urlencode status=identified
is "$T_STATUS" 403 "without its CSRF token: 403"
t_manage /incidents/new -X POST "${form[0]}" "${form[1]}" --data-urlencode name=X --data-urlencode status=identified
is "$T_STATUS" 400 "without its one-time token: 400"
is "$(incidents):$(audits)" "$n0:$a0" "no refusal wrote anything"

# Opened: 303 to its page once the snapshot holds it, on the public JSON within a second.
create=("${form[@]}" --data-urlencode do=create --data-urlencode 'name=Runner down'
	--data-urlencode status=identified --data-urlencode "affects-$runner=1"
	--data-urlencode "to-$runner=major_outage" --data-urlencode "affects-$api=1"
	--data-urlencode 'message=Runs are *failing*.' --data-urlencode notify=1)
T_NO_SYNC=1 t_manage /incidents/new -X POST "${create[@]}"
id=$(t_psql -c "SELECT max(id) FROM incidents")
is "$T_STATUS:$(t_header location)" "303:/manage/incidents/$id" "opening it: 303 to its console page"
is "$(incidents)" $((n0 + 1)) "one incident written"
is "$(t_psql -c "SELECT name || '|' || status || '|' || impact FROM incidents WHERE id = $id")" \
	"Runner down|identified|critical" "with its name, status and the impact of its worst component"
is "$(t_psql -c "SELECT status FROM components WHERE id = $runner")" major_outage "the component moved"
is "$(t_psql -c "SELECT string_agg(component_id::text, ',' ORDER BY component_id) FROM incident_components WHERE incident_id = $id")" \
	"$(printf '%s\n' "$runner" "$api" | sort -n | paste -sd,)" "both components are affected"
is "$(last_audit)" "incident.create ed@example.org true" "the audit log names the person, not a key"
seen() {
	T_NO_SYNC=1 t_get "$T_BASE/api/v2/summary.json"
	[ "$(t_js "[i['name'] for i in d['incidents']]")" = "['Runner down']" ]
}
ok "summary.json shows it within a second" t_until 1 seen

T_NO_SYNC=1 t_manage /incidents/new -X POST "${create[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/incidents/$id" "the same form again: the same answer"
is "$(incidents):$(audits)" "$((n0 + 1)):$((a0 + 1))" "written and audited once"

# Now links it to its console page.
t_manage /
like "$T_BODY" "<a href=\"/manage/incidents/$id\">Runner down</a>" "Now links the open incident to its console page"

# Its page: the timeline and the forms.
t_manage "/incidents/$id"
is "$T_STATUS" 200 "the incident's page: 200"
like "$T_BODY" '<h1>Runner down</h1>' "named"
like "$T_BODY" 'Runs are <em>failing</em>.' "its update in Markdown"
like "$T_BODY" 'Runner: Operational → Major Outage' "with the status it moved"
like "$T_BODY" "action=\"/manage/incidents/$id/update\"" "a form to post an update"
like "$T_BODY" "action=\"/manage/incidents/$id/resolve\"" "one to resolve it"
like "$T_BODY" "href=\"/manage/incidents/$id/delete\"" "and a link to delete it"
first=$(t_psql -c "SELECT min(id) FROM incident_updates WHERE incident_id = $id")
like "$T_BODY" "action=\"/manage/incidents/$id/updates/$first\"" "each update can be corrected"

u0=$(updates)
mapfile -t form < <(t_form "/incidents/$id/update")
t_manage "/incidents/$id/update" -X POST "${form[@]}" --data-urlencode status=resolved-ish \
	--data-urlencode 'message=kept text'
is "$T_STATUS" 422 "an update with a status that is none: 422"
like "$T_BODY" 'kept text</textarea>' "the page again with the message kept"
is "$(updates)" "$u0" "nothing written"
T_NO_SYNC=1 t_manage "/incidents/$id/update" -X POST "${form[@]}" --data-urlencode status=monitoring \
	--data-urlencode 'message=A fix is out.' --data-urlencode "to-$runner=degraded_performance" \
	--data-urlencode notify=1
is "$T_STATUS:$(t_header location)" "303:/manage/incidents/$id" "posting an update: 303 back to the incident"
is "$(updates)" $((u0 + 1)) "one update written"
is "$(t_psql -c "SELECT status FROM incidents WHERE id = $id")/$(t_psql -c "SELECT status FROM components WHERE id = $runner")" \
	"monitoring/degraded_performance" "with its status and the component's"
is "$(last_audit)" "incident.update ed@example.org true" "audited under the person's name"
T_NO_SYNC=1 t_manage "/incidents/$id/update" -X POST "${form[@]}" --data-urlencode status=monitoring \
	--data-urlencode 'message=A fix is out.' --data-urlencode "to-$runner=degraded_performance" \
	--data-urlencode notify=1
is "$T_STATUS:$(updates)" "303:$((u0 + 1))" "the same update sent twice is written once"

# A correction of the first update's text.
t_manage "/incidents/$id"
mapfile -t form < <(t_form "/incidents/$id/updates/$first")
t_manage "/incidents/$id/updates/$first" -X POST "${form[@]}" --data-urlencode "correct-$first="
is "$T_STATUS" 422 "a blank correction: 422"
like "$T_BODY" "<details open>" "the refused correction's form is open"
is "$(t_psql -c "SELECT body FROM incident_updates WHERE id = $first")" 'Runs are *failing*.' "nothing changed"
T_NO_SYNC=1 t_manage "/incidents/$id/updates/$first" -X POST "${form[@]}" \
	--data-urlencode "correct-$first=Runs were failing on one runner."
is "$T_STATUS" 303 "a correction: 303"
is "$(t_psql -c "SELECT body FROM incident_updates WHERE id = $first")" 'Runs were failing on one runner.' \
	"the update's text is corrected"
is "$(last_audit)" "incident_update.update ed@example.org true" "audited"

# The postmortem: a draft at any time, published once resolved.
t_manage "/incidents/$id"
mapfile -t form < <(t_form "/incidents/$id/postmortem")
T_NO_SYNC=1 t_manage "/incidents/$id/postmortem" -X POST "${form[@]}" \
	--data-urlencode 'postmortem=## What happened
A bad deploy.'
is "$T_STATUS" 303 "a postmortem draft: 303"
is "$(t_psql -c "SELECT postmortem_body FROM incidents WHERE id = $id")" '## What happened
A bad deploy.' "the draft is kept"
t_manage "/incidents/$id"
unlike "$T_BODY" "action=\"/manage/incidents/$id/postmortem/publish\"" "no publishing before it is resolved"
mapfile -t form < <(t_form "/incidents/$id/postmortem")
t_manage "/incidents/$id/postmortem/publish" -X POST "${form[@]}"
is "$T_STATUS" 409 "publishing before it is resolved (a form made up): 409"
like "$T_BODY" 'role="alert">Only a resolved' "the page says why"

mapfile -t form < <(t_form "/incidents/$id/resolve")
T_NO_SYNC=1 t_manage "/incidents/$id/resolve" -X POST "${form[@]}" --data-urlencode operational=1
is "$T_STATUS" 303 "resolving: 303"
is "$(t_psql -c "SELECT status FROM incidents WHERE id = $id")/$(t_psql -c "SELECT status FROM components WHERE id = $runner")" \
	"resolved/operational" "resolved in one step, its components operational again"
t_manage "/incidents/$id"
unlike "$T_BODY" "action=\"/manage/incidents/$id/resolve\"" "a resolved incident offers no resolving"
like "$T_BODY" "Runs were failing on one runner." "its whole timeline is still there"
like "$T_BODY" '<input type="checkbox" id="notify-postmortem" name="notify" value="1">' \
	"publishing offers to notify subscribers, unticked (Statuspage's default)"
mapfile -t form < <(t_form "/incidents/$id/postmortem/publish")
events=$(t_psql -c "SELECT count(*) FROM notification_events WHERE incident_id = $id")
T_NO_SYNC=1 t_manage "/incidents/$id/postmortem/publish" -X POST "${form[@]}" --data-urlencode notify=1
is "$T_STATUS" 303 "publishing the postmortem: 303"
is "$(last_audit)" "postmortem.publish ed@example.org true" "audited"
is "$(t_psql -c "SELECT count(*) FROM notification_events WHERE incident_id = $id")" $((events + 1)) \
	"  and told to subscribers, as ticked"
t_get "$T_BASE/incidents/$id"
like "$T_BODY" '>What happened</h[3-6]>' "the public incident page shows the postmortem"

# The list, in pages.
t_psql -c "INSERT INTO incidents (page_id, kind, name, status, impact, started_at, resolved_at)
	SELECT (SELECT id FROM pages), 'incident', 'Old ' || g, 'resolved', 'minor',
	       now() - g * interval '1 day', now() - g * interval '1 day' + interval '1 hour'
	  FROM generate_series(1, 30) g" >/dev/null
t_manage /incidents
is "$T_STATUS" 200 "the list: 200"
is "$(grep -c 'class="manage-row"' <<<"$T_BODY")" 25 "25 incidents a page"
like "$T_BODY" "<a href=\"/manage/incidents/$id\">Runner down</a>" "the newest first"
like "$T_BODY" 'href="/manage/incidents\?page=2">Older' "a link to the next page"
t_manage "/incidents?page=2"
like "$T_BODY" '>Old 30</a>' "the last page holds the oldest"
unlike "$T_BODY" 'page=3' "and no link further"
t_manage "/incidents?page=0"
is "$T_STATUS" 400 "page 0: 400"
t_manage /incidents/999999
is "$T_STATUS" 404 "an incident that is not there: 404"
t_manage /incidents/abc
is "$T_STATUS" 404 "nor one that is no number"

# Deleting: a confirmation first, then the POST.
t_manage "/incidents/$id/delete"
is "$T_STATUS" 200 "the confirmation: 200"
like "$T_BODY" 'Delete “Runner down”\?' "asks about this incident"
n1=$(incidents)
is "$(incidents)" "$n1" "asking deletes nothing"
mapfile -t form < <(t_form "/incidents/$id/delete")
T_NO_SYNC=1 t_manage "/incidents/$id/delete" -X POST "${form[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/incidents" "deleting: 303 to the list"
is "$(incidents)" $((n1 - 1)) "it is gone"
is "$(last_audit)" "incident.delete ed@example.org true" "audited"
a1=$(audits)
T_NO_SYNC=1 t_manage "/incidents/$id/delete" -X POST "${form[@]}"
is "$T_STATUS:$(incidents):$(audits)" "303:$((n1 - 1)):$a1" "sent again: the same answer, nothing more"

# Templates: plain substitution, escaped, audited.
t_manage /templates
is "$T_STATUS" 200 "the templates: 200 for an editor"
mapfile -t form < <(t_form /templates)
t_manage /templates -X POST "${form[@]}" --data-urlencode name= --data-urlencode title=T --data-urlencode body=B
is "$T_STATUS" 422 "a template without a name: 422"
like "$T_BODY" 'id="name" name="name" value="" maxlength="100" aria-invalid="true"' "the name is marked"
is "$(t_psql -c 'SELECT count(*) FROM incident_templates')" 0 "nothing written"
tpl=("${form[@]}" --data-urlencode 'name=Slow <b>' --data-urlencode 'title={components} slow on {page}'
	--data-urlencode 'body=<b>We</b> see {components} slow. {unknown} {{page}} {page $(id) {components')
T_NO_SYNC=1 t_manage /templates -X POST "${tpl[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/templates" "a template: 303"
T_NO_SYNC=1 t_manage /templates -X POST "${tpl[@]}"
is "$T_STATUS:$(t_psql -c 'SELECT count(*) FROM incident_templates')" "303:1" "sent twice, written once"
is "$(last_audit)" "incident_template.create ed@example.org true" "audited under the person's name"
t_manage /templates
like "$T_BODY" '>Slow &lt;b&gt;</a>' "listed, its name escaped"
mapfile -t form < <(t_form /templates)
t_manage /templates -X POST "${form[@]}" --data-urlencode 'name=Slow <b>' --data-urlencode title=T --data-urlencode body=B
is "$T_STATUS" 409 "a name taken: 409"
tid=$(t_psql -c 'SELECT id FROM incident_templates')

t_manage /incidents/new
like "$T_BODY" "<option value=\"$tid\">Slow &lt;b&gt;</option>" "the new incident's form offers it"
t_manage "/incidents/new?template=$tid"
like "$T_BODY" 'value="\{components\} slow on \{page\}"' "it fills the name"
like "$T_BODY" '&lt;b&gt;We&lt;/b&gt; see \{components\} slow' "and the message, escaped"
like "$T_BODY" "<input type=\"hidden\" name=\"template\" value=\"$tid\">" "and says it came from the template"
t_manage "/incidents/new?template=999999"
is "$T_STATUS" 404 "a template that is not there: 404"
t_manage /incidents/new
mapfile -t form < <(t_form /incidents/new)
from_tpl=("${form[@]}" --data-urlencode "template=$tid" --data-urlencode 'name={components} slow on {page}'
	--data-urlencode status=investigating --data-urlencode "affects-$runner=1" --data-urlencode "to-$api=degraded_performance"
	--data-urlencode 'message=<b>We</b> see {components} slow. {unknown} {{page}} {page $(id) {components')
t_manage /incidents/new -X POST "${from_tpl[@]}" --data-urlencode do=preview
like "$T_BODY" '<h3>Runner and API Service slow on VM0</h3>' "the preview substitutes {components} and {page}"
like "$T_BODY" '&lt;b&gt;We&lt;/b&gt; see Runner and API Service slow. \{unknown\} \{VM0\} \{page \$\(id\) \{components' \
	"unknown names, broken braces and shell stay literal; HTML stays text"
T_NO_SYNC=1 t_manage /incidents/new -X POST "${from_tpl[@]}" --data-urlencode do=create
is "$T_STATUS" 303 "opened from the template: 303"
is "$(t_psql -c "SELECT name FROM incidents ORDER BY id DESC LIMIT 1")" "Runner and API Service slow on VM0" \
	"its name substituted"
is "$(t_psql -c "SELECT body FROM incident_updates ORDER BY id DESC LIMIT 1")" \
	'<b>We</b> see Runner and API Service slow. {unknown} {VM0} {page $(id) {components' "and its message"

t_manage "/templates/$tid"
mapfile -t form < <(t_form "/templates/$tid")
T_NO_SYNC=1 t_manage "/templates/$tid" -X POST "${form[@]}" --data-urlencode name=Slow \
	--data-urlencode 'title=Slow {components}' --data-urlencode body=Looking.
is "$T_STATUS" 303 "a template edited: 303"
is "$(t_psql -c "SELECT name || '|' || title || '|' || body FROM incident_templates")" 'Slow|Slow {components}|Looking.' \
	"its new texts kept"
is "$(last_audit)" "incident_template.update ed@example.org true" "audited"
t_manage "/templates/$tid"
mapfile -t form < <(t_form "/templates/$tid/delete")
T_NO_SYNC=1 t_manage "/templates/$tid/delete" -X POST "${form[@]}"
is "$T_STATUS:$(t_psql -c 'SELECT count(*) FROM incident_templates')" "303:0" "a template deleted"
is "$(last_audit)" "incident_template.delete ed@example.org true" "audited"
t_manage "/templates/$tid"
is "$T_STATUS" 404 "and gone"
is "$(t_psql -c "SELECT has_table_privilege('lantern_reader', 'incident_templates', 'SELECT')")" f \
	"the reading role cannot read templates"
t_done
