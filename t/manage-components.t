# manage-components.t: the console's components and groups screens through
# nginx and a real PostgreSQL: create, rename, describe, move up and down,
# put into a group and take out, delete after a confirmation; groups the
# same.  Refusals show the form again and write nothing, a form sent twice
# writes once, the audit log names the person.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

t_person ed@example.org 'editor password 1'
t_signin ed@example.org 'editor password 1'
is "$T_STATUS" 303 "an editor signs in"

# The page's top level in the order it shows it (db.c's order).
order() {
	t_psql -c "SELECT string_agg(name, ',' ORDER BY position, later, id) FROM (
		SELECT name, position, 0 AS later, id FROM components WHERE group_id IS NULL
		UNION ALL SELECT name, position, 1, id FROM component_groups) t"
}
members() {
	t_psql -c "SELECT coalesce(string_agg(c.name, ',' ORDER BY c.position, c.id), '')
		FROM components c JOIN component_groups g ON g.id = c.group_id WHERE g.name = '$1'"
}
last_audit() {
	t_psql -c "SELECT a.action || ' ' || p.email FROM audit_log a JOIN people p ON p.id = a.person_id
		ORDER BY a.id DESC LIMIT 1"
}
audited() { t_psql -c "SELECT count(*) FROM audit_log WHERE person_id IS NOT NULL"; }
cid() { t_psql -c "SELECT id FROM components WHERE name = '$1'"; }
gid() { t_psql -c "SELECT id FROM component_groups WHERE name = '$1'"; }

t_manage /
like "$T_BODY" '<a href="/manage/components">Components</a>' "the nav links to Components"
t_manage /components
is "$T_STATUS:$(t_header cache-control)" "200:no-store" "the components list: 200, never cached"
web=$(cid 'Web Page') storage=$(cid Storage) runner=$(cid Runner)
like "$T_BODY" "href=\"/manage/components/$web\">Web Page</a>" "each component links to its form"
like "$T_BODY" 'href="/manage/components/new">New component</a>' "a link to make one"
like "$T_BODY" 'href="/manage/groups/new">New group</a>' "and a group"
first_form=$(sed -n "/action=\"\/manage\/components\/$web\/move\"/p" <<<"$T_BODY")
like "$first_form" 'value="down">Down' "the first can move down"
unlike "$first_form" 'value="up"' "but not up"
unlike "$(sed -n "/action=\"\/manage\/components\/$storage\/move\"/p" <<<"$T_BODY")" 'value="down"' \
	"the last not down"

# Create.
t_manage /components/new
is "$T_STATUS" 200 "the new component form"
like "$T_BODY" '<label for="t-name">Name</label>' "labelled"
mapfile -t form < <(t_form /components/new)
t_manage /components/new -X POST "${form[@]}" --data-urlencode name=Queue \
	--data-urlencode 'description=Jobs waiting to run' --data-urlencode group_id=
is "$T_STATUS:$(t_header location)" "303:/manage/components" "creating: 303 to the list"
is "$(order)" "Web Page,Runner,API Service,Storage,Queue" "last on the page"
is "$(t_psql -c "SELECT description FROM components WHERE name = 'Queue'")" "Jobs waiting to run" "described"
is "$(last_audit)" "component.create ed@example.org" "the audit log names the person"
queue=$(cid Queue)
seen() {
	T_NO_SYNC=1 t_get "$T_BASE/api/v2/components.json"
	[ "$(t_js "[c['name'] for c in d['components']][-1]")" = Queue ]
}
ok "the public JSON has it within a second" t_until 1 seen
n=$(audited)
t_manage /components/new -X POST "${form[@]}" --data-urlencode name=Queue \
	--data-urlencode 'description=Jobs waiting to run' --data-urlencode group_id=
is "$T_STATUS:$(t_header location)" "303:/manage/components" "the same form again: the same answer"
is "$(t_psql -c "SELECT count(*) FROM components WHERE name = 'Queue'"):$(audited)" "1:$n" "written once"

# Refused: the form again, as typed.
t_manage /components/new
mapfile -t form < <(t_form /components/new)
t_manage /components/new -X POST "${form[@]}" --data-urlencode name=Runner \
	--data-urlencode 'description=a second one'
is "$T_STATUS" 409 "a name the page has: 409"
like "$T_BODY" 'role="alert">A component of that name exists already.' "saying so"
like "$T_BODY" 'id="t-name" name="name" required maxlength="200" value="Runner" aria-invalid="true" aria-describedby="form-error"' \
	"the name marked, kept"
like "$T_BODY" '>a second one</textarea>' "the description kept"
t_manage /components/new -X POST "${form[@]}" --data-urlencode name=
is "$T_STATUS" 422 "no name: 422"
t_manage /components/new -X POST "${form[@]}" --data-urlencode name=Lost --data-urlencode group_id=999999
is "$T_STATUS" 422 "a group that is not there: 422"
like "$T_BODY" 'id="t-group" name="group_id" aria-invalid="true"' "the group marked"
is "$(audited)" "$n" "nothing written by any of them"

# Move up and down.
t_manage /components
mapfile -t form < <(t_form "/components/$queue/move")
t_manage "/components/$queue/move" -X POST "${form[@]}" --data-urlencode direction=up
is "$T_STATUS:$(t_header location)" "303:/manage/components" "moving up: 303 to the list"
is "$(order)" "Web Page,Runner,API Service,Queue,Storage" "one place up"
is "$(last_audit)" "component.move ed@example.org" "audited as a move"
t_manage "/components/$queue/move" -X POST "${form[@]}" --data-urlencode direction=up
is "$(order)" "Web Page,Runner,API Service,Queue,Storage" "the same form again: moved once"
t_manage /components
mapfile -t form < <(t_form "/components/$web/move")
t_manage "/components/$web/move" -X POST "${form[@]}" --data-urlencode direction=up
is "$T_STATUS" 409 "the first up: 409"
like "$T_BODY" 'role="alert">This component is first already.' "the list says why"
like "$T_BODY" '<h1>Components</h1>' "and is the list"
t_manage "/components/$web/move" -X POST "${form[@]}" --data-urlencode direction=sideways
is "$T_STATUS" 422 "another direction: 422"
t_manage "/components/$web/move" -X POST "${form[@]}" --data-urlencode direction=down
is "$(order)" "Runner,Web Page,API Service,Queue,Storage" "the first down"
t_get "$T_BASE/"
like_text "$T_BODY" "Runner.*Web Page.*API Service.*Queue.*Storage" "the public page in the new order"

# Groups: create, put components in, move them within, rename, move.
t_manage /groups/new
is "$T_STATUS" 200 "the new group form"
mapfile -t form < <(t_form /groups/new)
t_manage /groups/new -X POST "${form[@]}" --data-urlencode name=Backend \
	--data-urlencode 'description=What runs behind'
is "$T_STATUS:$(t_header location)" "303:/manage/components" "a group made"
backend=$(gid Backend)
is "$(order)" "Runner,Web Page,API Service,Queue,Storage,Backend" "last on the page"
is "$(last_audit)" "component_group.create ed@example.org" "audited"
for c in "$queue" "$runner"; do
	t_manage "/components/$c"
	like "$T_BODY" "<option value=\"$backend\">Backend</option>" "the form offers the group"
	mapfile -t form < <(t_form "/components/$c")
	name=$(t_psql -c "SELECT name FROM components WHERE id = $c")
	t_manage "/components/$c" -X POST "${form[@]}" --data-urlencode "name=$name" \
		--data-urlencode group_id="$backend"
	is "$T_STATUS" 303 "$name into the group"
done
is "$(members Backend)" "Queue,Runner" "both in the group"
is "$(order)" "Web Page,API Service,Storage,Backend" "and off the top level"
t_manage /components
like_text "$T_BODY" "<li class=\"manage-group\">
<span class=\"name\"><a href=\"/manage/groups/$backend\">Backend</a></span>" "the list shows the group"
like "$T_BODY" "<li class=\"manage-row in-group\">" "with its components under it"
mapfile -t form < <(t_form "/components/$runner/move")
t_manage "/components/$runner/move" -X POST "${form[@]}" --data-urlencode direction=up
is "$(members Backend)" "Runner,Queue" "a component moves within its group"
t_manage /components
mapfile -t form < <(t_form "/groups/$backend/move")
t_manage "/groups/$backend/move" -X POST "${form[@]}" --data-urlencode direction=up
is "$(order)" "Web Page,API Service,Backend,Storage" "a group moves among the top level"
is "$(last_audit)" "component_group.move ed@example.org" "audited as the group's move"
t_manage "/groups/$backend"
like "$T_BODY" 'value="Backend"' "the group's form"
mapfile -t form < <(t_form "/groups/$backend")
t_manage "/groups/$backend" -X POST "${form[@]}" --data-urlencode 'name=Back end' \
	--data-urlencode 'description=Servers'
is "$T_STATUS" 303 "renaming the group: 303"
is "$(t_psql -c "SELECT name || ': ' || description FROM component_groups WHERE id = $backend")" \
	"Back end: Servers" "renamed and described"
t_manage "/components/$queue"
mapfile -t form < <(t_form "/components/$queue")
t_manage "/components/$queue" -X POST "${form[@]}" --data-urlencode 'name=Job queue' \
	--data-urlencode 'description=Jobs' --data-urlencode group_id=
is "$T_STATUS" 303 "renaming a component and taking it out of its group"
is "$(t_psql -c "SELECT name || ' ' || (group_id IS NULL) FROM components WHERE id = $queue")" \
	"Job queue true" "renamed, ungrouped"
t_manage "/components/$queue"
mapfile -t form < <(t_form "/components/$queue")
t_manage "/components/$queue" -X POST "${form[@]}" --data-urlencode 'name=Storage'
is "$T_STATUS" 409 "renaming to a name the page has: 409"
like "$T_BODY" '<h1>Edit Storage</h1>' "the form again, as typed"
is "$(t_psql -c "SELECT name FROM components WHERE id = $queue")" "Job queue" "nothing written"

# Delete, after a confirmation.
t_manage "/components/$queue/delete"
is "$T_STATUS" 200 "deleting asks first"
like "$T_BODY" 'Delete the component “Job queue”\?' "naming it"
like "$T_BODY" 'Its status history and uptime go with it' "saying what goes with it"
mapfile -t form < <(t_form "/components/$queue/delete")
t_manage "/components/$queue/delete" -X POST "${form[@]}"
is "$T_STATUS:$(t_header location)" "303:/manage/components" "deleted: 303 to the list"
is "$(t_psql -c "SELECT count(*) FROM components WHERE id = $queue")" 0 "it is gone"
is "$(t_psql -c "SELECT a.action || ' ' || p.email || ' ' || (a.before IS NOT NULL) FROM audit_log a
	JOIN people p ON p.id = a.person_id ORDER BY a.id DESC LIMIT 1")" \
	"component.delete ed@example.org true" "the audit log keeps what it was, and who"
t_manage "/components/$queue/delete" -X POST "${form[@]}"
is "$T_STATUS" 404 "the same form again: not there any more"
t_manage "/components/$queue"
is "$T_STATUS" 404 "its form: 404"
t_manage "/groups/$backend/delete"
like "$T_BODY" 'Its components stay on the page, ungrouped.' "deleting a group says what stays"
mapfile -t form < <(t_form "/groups/$backend/delete")
t_manage "/groups/$backend/delete" -X POST "${form[@]}"
is "$T_STATUS" 303 "the group deleted"
is "$(t_psql -c "SELECT count(*) FROM component_groups"):$(t_psql -c "SELECT group_id IS NULL FROM components WHERE id = $runner")" \
	"0:t" "its component stays, ungrouped"
t_manage /groups/999999
is "$T_STATUS" 404 "no such group: 404"

# Without the tokens, or signed out: nothing written.
n=$(audited)
t_manage /components
mapfile -t form < <(t_form "/components/$web/move")
t_manage "/components/$web/move" -X POST "${form[0]}" "${form[1]}" --data-urlencode direction=down
is "$T_STATUS" 400 "without its one-time token: 400"
t_manage "/components/$web/move" -X POST "${form[2]}" "${form[3]}" --data-urlencode direction=down
is "$T_STATUS" 403 "without its CSRF token: 403"
t_get -X POST -H "Origin: http://127.0.0.1:$T_HTTP" "${form[@]}" --data-urlencode direction=down \
	"$T_BASE/manage/components/$web/move"
is "$T_STATUS:$(t_header location)" "303:/manage/sign-in" "signed out: to the sign-in form"
is "$(audited)" "$n" "nothing written"
t_done
