# manage-maintenance.t: the console's maintenance screens through nginx and
# a real PostgreSQL, on a page in Europe/Berlin: scheduling across the
# October change (the right instants in the database, the JSON, on / and
# in the console), a time the spring change skips refused, one the autumn
# change shows twice asked about and then chosen, editing, an update,
# cancelling, starting and completing by itself; refusals write nothing,
# a form sent twice writes once, the audit log names the person.
. "$LANTERN_SRCDIR/t/lib.sh"
export LANTERN_TICK_SECONDS=1
t_start_all

t_psql -c "UPDATE pages SET time_zone = 'Europe/Berlin'"
t_person ed@example.org 'editor password 1'
t_signin ed@example.org 'editor password 1'
is "$T_STATUS" 303 "an editor signs in"

count() { t_psql -c "SELECT count(*) FROM incidents WHERE kind = 'maintenance'"; }
audited() { t_psql -c "SELECT count(*) FROM audit_log WHERE person_id IS NOT NULL"; }
runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")

t_manage /
like "$T_BODY" '<a href="/manage/maintenance">Maintenance</a>' "the nav links to Maintenance"
t_manage /maintenance
is "$T_STATUS:$(t_header cache-control)" "200:no-store" "the maintenance list: 200, never cached"
like "$T_BODY" "Times are the page's: Europe/Berlin." "it names the page's zone"
like "$T_BODY" 'href="/manage/maintenance/new"' "and links to scheduling"

t_manage /maintenance/new
is "$T_STATUS" 200 "the scheduling form"
like "$T_BODY" '<input type="datetime-local" id="m-starts" name="starts" required value="" aria-describedby="m-zone">' \
	"a datetime-local input for the start, labelled, pointing to the zone"
like "$T_BODY" '<p class="hint" id="m-zone">Times are the page.s: Europe/Berlin.</p>' "which is said once"
like "$T_BODY" '<label for="m-ends">Ends</label>' "and for the end"
like "$T_BODY" 'name="auto_start" value="1" checked' "starting by itself is the default"
like "$T_BODY" "name=\"component-$runner\" value=\"1\">" "the components to pick"

# Across the last Sunday of October 2027 (Oct 31, 03:00 CEST -> 02:00 CET):
# 01:30 is summer time (UTC+2), 03:30 winter time (UTC+1): three hours.
mapfile -t form < <(t_form /maintenance/new)
before=$(count)
schedule() {
	t_manage /maintenance/new -X POST "${form[@]}" --data-urlencode "name=$1" \
		--data-urlencode "starts=$2" --data-urlencode "ends=$3" "${@:4}"
}
schedule 'Database upgrade' 2027-10-31T01:30 2027-10-31T03:30 \
	--data-urlencode auto_start=1 --data-urlencode auto_end=1 \
	--data-urlencode "component-$runner=1" --data-urlencode 'body=We *upgrade* the database.'
is "$T_STATUS" 303 "scheduling: 303"
id=$(t_psql -c "SELECT max(id) FROM incidents WHERE kind = 'maintenance'")
is "$(t_header location)" "/manage/maintenance/$id" "to the maintenance's own screen"
is "$(count)" $((before + 1)) "one maintenance written"
is "$(t_psql -c "SELECT to_char(scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' ' ||
	to_char(scheduled_until AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' ' || status || ' ' ||
	auto_in_progress || ' ' || auto_completed FROM incidents WHERE id = $id")" \
	"2027-10-30 23:30 2027-10-31 02:30 scheduled true true" \
	"stored in UTC: 01:30 CEST is 23:30Z, 03:30 CET is 02:30Z (3 hours)"
is "$(t_psql -c "SELECT string_agg(component_id::text, ',') FROM incident_components WHERE incident_id = $id")" \
	"$runner" "affecting the component picked"
is "$(t_psql -c "SELECT a.action || ' ' || p.email FROM audit_log a JOIN people p ON p.id = a.person_id
	ORDER BY a.id DESC LIMIT 1")" "incident.create ed@example.org" "the audit log names the person"

# The same form again: written once.
schedule 'Database upgrade' 2027-10-31T01:30 2027-10-31T03:30 \
	--data-urlencode auto_start=1 --data-urlencode auto_end=1 \
	--data-urlencode "component-$runner=1" --data-urlencode 'body=We *upgrade* the database.'
is "$T_STATUS:$(t_header location)" "303:/manage/maintenance/$id" "the same form again: the same answer"
is "$(count)" $((before + 1)) "and nothing more written"

# Seen in the console, the JSON and on the page, each in its form.
t_manage "/maintenance/$id"
is "$T_STATUS" 200 "its screen"
like "$T_BODY" 'id="m-starts" name="starts" required value="2027-10-31T01:30"' "the console shows 01:30 to edit"
like "$T_BODY" 'id="m-ends" name="ends" required value="2027-10-31T03:30"' "and 03:30"
like "$T_BODY" 'Oct 31, 2027 01:30 UTC\+02:00</time> – <time[^>]*>Oct 31, 2027 03:30 UTC\+01:00' \
	"with both offsets shown"
t_get "$T_BASE/api/v2/scheduled-maintenances/upcoming.json"
is "$(t_js "[(m['scheduled_for'], m['scheduled_until']) for m in d['scheduled_maintenances'] if m['id'] == '$id']")" \
	"[('2027-10-31T01:30:00.000+02:00', '2027-10-31T03:30:00.000+01:00')]" \
	"the JSON: the page's local times with their offsets"
is "$(t_js "[str(__import__('datetime').datetime.fromisoformat(m['scheduled_until']).astimezone(__import__('datetime').timezone.utc)) for m in d['scheduled_maintenances'] if m['id'] == '$id']")" \
	"['2027-10-31 02:30:00+00:00']" "which are the UTC instants written"
t_get "$T_BASE/"
like "$T_BODY" 'Database upgrade' "the public page shows it"
like "$T_BODY" 'Oct 31, 2027 01:30 UTC\+02:00' "starting at 01:30 summer time"
like "$T_BODY" 'Oct 31, 2027 03:30 UTC\+01:00' "ending at 03:30 winter time"

# Spring forward: 02:30 on Mar 28, 2027 never happens in Berlin.
t_manage /maintenance/new
mapfile -t form < <(t_form /maintenance/new)
schedule 'Gap' 2027-03-28T02:30 2027-03-28T04:00
is "$T_STATUS" 422 "a start the clocks skip: 422"
like "$T_BODY" 'role="alert">Starts: 2027-03-28T02:30 does not exist in Europe/Berlin: the clocks go forward 60 minutes' \
	"saying so, naming the field"
like "$T_BODY" 'id="m-starts" name="starts" required value="2027-03-28T02:30" aria-invalid="true" aria-describedby="form-error m-zone"' \
	"the input marked, the value kept"
like "$T_BODY" 'id="m-name" name="name" required maxlength="300" value="Gap"' "and the name kept"
is "$(count)" $((before + 1)) "nothing written"

# Fall back: 02:30 on Oct 31, 2027 happens twice; the person chooses.
schedule 'Twice' 2027-10-31T02:30 2027-10-31T04:00
is "$T_STATUS" 422 "a start the clocks show twice: 422, asking"
like "$T_BODY" 'Starts: 2027-10-31T02:30 happens twice in Europe/Berlin, as the clocks go back from UTC\+02:00 to UTC\+01:00' \
	"saying why"
like "$T_BODY" '<input type="radio" name="starts_fold" value="second"> The second, at UTC\+01:00' "offering both"
is "$(count)" $((before + 1)) "nothing written yet"
schedule 'Twice' 2027-10-31T02:30 2027-10-31T04:00 --data-urlencode starts_fold=second
is "$T_STATUS" 303 "the second chosen: scheduled"
twice=$(t_psql -c "SELECT max(id) FROM incidents WHERE kind = 'maintenance'")
is "$(t_psql -c "SELECT to_char(scheduled_for AT TIME ZONE 'UTC', 'HH24:MI') FROM incidents WHERE id = $twice")" \
	"01:30" "02:30 the second time is 01:30Z"
t_manage /maintenance/new
mapfile -t form < <(t_form /maintenance/new)
schedule 'Twice, first' 2027-10-31T02:30 2027-10-31T04:00 --data-urlencode starts_fold=first
first=$(t_psql -c "SELECT max(id) FROM incidents WHERE kind = 'maintenance'")
is "$T_STATUS:$(t_psql -c "SELECT to_char(scheduled_for AT TIME ZONE 'UTC', 'HH24:MI') FROM incidents WHERE id = $first")" \
	"303:00:30" "the first time is 00:30Z"
n=$(count)

# Refusals: the form again, as typed, nothing written.
t_manage /maintenance/new
mapfile -t form < <(t_form /maintenance/new)
schedule '' 2027-11-02T10:00 2027-11-02T11:00
is "$T_STATUS" 422 "no name: 422"
like "$T_BODY" 'id="m-name" name="name" required maxlength="300" value="" aria-invalid="true"' "the name marked"
like "$T_BODY" 'name="starts" required value="2027-11-02T10:00"' "the times kept"
schedule 'Backwards' 2027-11-02T10:00 2027-11-02T09:00
is "$T_STATUS" 422 "an end before the start: 422"
like "$T_BODY" 'role="alert">scheduled_until must be after scheduled_for' "says so"
schedule 'Nonsense' 2027-02-30T10:00 2027-03-01T10:00
is "$T_STATUS" 422 "no Feb 30: 422"
like "$T_BODY" 'Starts: "2027-02-30T10:00" is not a date and time' "says so"

schedule 'No end' 2027-11-02T10:00 ''
is "$T_STATUS" 422 "no end: 422"
like "$T_BODY" 'Ends: give a date and a time.' "says so"
t_manage /maintenance/new -X POST "${form[0]}" "${form[1]}" --data-urlencode name=X \
	--data-urlencode starts=2027-11-02T10:00 --data-urlencode ends=2027-11-02T11:00
is "$T_STATUS" 400 "without its one-time token: 400"
t_manage /maintenance/new -X POST "${form[2]}" "${form[3]}" --data-urlencode name=X \
	--data-urlencode starts=2027-11-02T10:00 --data-urlencode ends=2027-11-02T11:00
is "$T_STATUS" 403 "without its CSRF token: 403"
is "$(count)" "$n" "nothing written by any of them"

# Edit: a new name, a later end; the untouched start is not asked about.
t_manage "/maintenance/$id"
mapfile -t form < <(t_form "/maintenance/$id")
t_manage "/maintenance/$id" -X POST "${form[@]}" --data-urlencode 'name=Database upgrade, longer' \
	--data-urlencode starts=2027-10-31T01:30 --data-urlencode ends=2027-10-31T04:30 \
	--data-urlencode "component-$runner=1"
is "$T_STATUS:$(t_header location)" "303:/manage/maintenance/$id" "editing: 303 back"
is "$(t_psql -c "SELECT name || ' ' || to_char(scheduled_for AT TIME ZONE 'UTC', 'HH24:MI') || ' ' ||
	to_char(scheduled_until AT TIME ZONE 'UTC', 'HH24:MI') FROM incidents WHERE id = $id")" \
	"Database upgrade, longer 23:30 03:30" "the name and the end changed, the start kept"
t_manage "/maintenance/$twice"
mapfile -t form < <(t_form "/maintenance/$twice")
t_manage "/maintenance/$twice" -X POST "${form[@]}" --data-urlencode 'name=Twice, renamed' \
	--data-urlencode starts=2027-10-31T02:30 --data-urlencode ends=2027-10-31T04:00
is "$T_STATUS" 303 "a start shown twice, untouched, is kept without asking"
is "$(t_psql -c "SELECT to_char(scheduled_for AT TIME ZONE 'UTC', 'HH24:MI') FROM incidents WHERE id = $twice")" \
	"01:30" "as the second 02:30 it was"
t_manage "/maintenance/$id"
mapfile -t form < <(t_form "/maintenance/$id")
t_manage "/maintenance/$id" -X POST "${form[@]}" --data-urlencode 'name=Oops' \
	--data-urlencode starts=2027-03-28T02:15 --data-urlencode ends=2027-10-31T04:30
is "$T_STATUS" 422 "an edit to a skipped time: 422"
is "$(t_psql -c "SELECT name FROM incidents WHERE id = $id")" "Database upgrade, longer" "nothing written"

# An update on the timeline.
t_manage "/maintenance/$id"
mapfile -t form < <(t_form "/maintenance/$id/update")
updates() { t_psql -c "SELECT count(*) FROM incident_updates WHERE incident_id = $id"; }
u=$(updates)
t_manage "/maintenance/$id/update" -X POST "${form[@]}" --data-urlencode status=in_progress \
	--data-urlencode 'body=Started early.'
is "$T_STATUS" 303 "posting an update: 303"
is "$(t_psql -c "SELECT status FROM incidents WHERE id = $id"):$(updates)" "in_progress:$((u + 1))" \
	"the status moved, one update more"
t_manage "/maintenance/$id/update" -X POST "${form[@]}" --data-urlencode status=in_progress \
	--data-urlencode 'body=Started early.'
is "$(updates)" $((u + 1)) "the same update again: written once"
t_manage "/maintenance/$id"
mapfile -t form < <(t_form "/maintenance/$id/update")
t_manage "/maintenance/$id/update" -X POST "${form[@]}" --data-urlencode status=resolved
is "$T_STATUS" 422 "an incident's status: 422"
like "$T_BODY" 'role="alert">Maintenance moves through scheduled' "saying which statuses"
is "$(updates)" $((u + 1)) "nothing written"

# Cancelling: only before it begins; deleted, and the audit log keeps it.
t_manage "/maintenance/$id/cancel"
is "$T_STATUS" 409 "maintenance under way cannot be cancelled: 409"
t_manage "/maintenance/$twice"
like "$T_BODY" "href=\"/manage/maintenance/$twice/cancel\">Cancel this maintenance" "one to come can"
t_manage "/maintenance/$twice/cancel"
is "$T_STATUS" 200 "a confirmation first"
like "$T_BODY" "Cancel “Twice, renamed”\\?" "naming it"
mapfile -t form < <(t_form "/maintenance/$twice/cancel")
t_manage "/maintenance/$twice/cancel" -X POST "${form[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/maintenance" "cancelled: 303 to the list"
is "$(t_psql -c "SELECT count(*) FROM incidents WHERE id = $twice")" 0 "it is gone"
is "$(t_psql -c "SELECT a.action || ' ' || p.email || ' ' || (a.before IS NOT NULL) FROM audit_log a
	JOIN people p ON p.id = a.person_id ORDER BY a.id DESC LIMIT 1")" \
	"incident.delete ed@example.org true" "the audit log keeps what it was, and who"
t_manage "/maintenance/$twice/cancel" -X POST "${form[@]}"
is "$T_STATUS" 404 "the same form again: it is not there any more"
t_manage /maintenance/999999
is "$T_STATUS" 404 "no such maintenance: 404"
t_manage /maintenance/1
is "$T_STATUS" 404 "an incident is not maintenance: 404"

# By itself: one that began a minute ago starts, one that ended completes.
now() { TZ=Europe/Berlin date -d "$1" +%Y-%m-%dT%H:%M; }
t_manage /maintenance/new
mapfile -t form < <(t_form /maintenance/new)
schedule 'Auto start' "$(now '-1 minute')" "$(now '+1 hour')" --data-urlencode auto_start=1
auto=$(t_psql -c "SELECT max(id) FROM incidents WHERE kind = 'maintenance'")
t_manage /maintenance/new
mapfile -t form < <(t_form /maintenance/new)
schedule 'Auto end' "$(now '-3 minutes')" "$(now '-1 minute')" --data-urlencode auto_start=1 \
	--data-urlencode auto_end=1
ended=$(t_psql -c "SELECT max(id) FROM incidents WHERE kind = 'maintenance'")
started() { [ "$(t_psql -c "SELECT status FROM incidents WHERE id = $auto")" = in_progress ]; }
completed() { [ "$(t_psql -c "SELECT status FROM incidents WHERE id = $ended")" = completed ]; }
ok "maintenance due starts by itself" t_until 10 started
ok "maintenance over completes by itself" t_until 10 completed
t_manage /maintenance
section() { sed -n "/<h2 id=\"$1\">/,/<\/section>/p" <<<"$T_BODY"; }
like "$(section under-way-h)" "href=\"/manage/maintenance/$auto\">Auto start</a>" "the list shows it under way"
like "$(section done-h)" "href=\"/manage/maintenance/$ended\">Auto end</a>" "and the other completed lately"

# Nobody signed in: sent to sign in, nothing written.
t_get -X POST -H "Origin: http://127.0.0.1:$T_HTTP" "${form[@]}" --data-urlencode name=X \
	"$T_BASE/manage/maintenance/new"
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in" "signed out: to the sign-in form"
t_done
