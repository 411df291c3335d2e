# feeds.t: RSS, Atom and iCalendar through the real nginx, read by real
# parsers (Debian's python3-feedparser and python3-icalendar).
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

PY=/usr/bin/python3	# Debian's, where its parser packages live
$PY -c 'import feedparser, icalendar' 2>/dev/null ||
	{ fail "python3-feedparser and python3-icalendar are installed"; exit 1; }

# parse KIND: feeds T_BODY to the parser; sets FACTS.
parse() {
	printf '%s' "$T_BODY" >"$T_DIR/feed"
	FACTS=$($PY "$LANTERN_SRCDIR/t/feed-check.py" "$1" "$T_DIR/feed" 2>&1)
}
fact() { printf '%s\n' "$FACTS" | sed -n "s/^$1	//p" | head -n 1; }

jan=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Agent can''t run'")
feb=$(t_psql -c "SELECT id FROM incidents WHERE name LIKE 'The platform%'")

for kind in rss atom; do
	t_get "$T_BASE/history.$kind"
	is "$T_STATUS" 200 "/history.$kind is 200"
	like "$(t_header content-type)" "^application/$kind\+xml; charset=utf-8" "$kind content type"
	is "$(t_header access-control-allow-origin)" "*" "$kind: any origin may read it"
	parse "$kind"
	is "$(fact bozo)" 0 "$kind: the parser has no complaint $(fact bozo_exception)"
	is "$(fact entries)" 2 "$kind: one entry per notice"
	is "$(fact 0.title)" "The platform.vm0.ai cannot be opened." "$kind: newest first"
	is "$(fact 1.title)" "Agent can't run" "$kind: then January's"
	is "$(fact 1.link)" "$T_BASE/incidents/$jan" "$kind: entry links to the incident page"
	like "$(fact 1.id)" "^tag:127\.0\.0\.1,2026-..-..:incidents/$jan$" "$kind: a tag URI as id"
	is "$(fact 1.published)" 1 "$kind: published time parsed"
	like "$(fact 1.updated)" "2026-01-20" "$kind: updated at the postmortem"
	text=$(fact 1.text)
	like "$text" "Postmortem.*Resolved.*Update.*Identified.*Investigating" "$kind: every update, newest first"
	like "$text" "KEY LESSON" "$kind: the postmortem in full"
	like "$(fact feed_link_self)" "^$T_BASE/history\.$kind$" "$kind: self link"
	etag=$(t_header etag)
	t_get -H "If-None-Match: $etag" "$T_BASE/history.$kind"
	is "$T_STATUS" 304 "$kind: 304 on a repeated request with the ETag"
done
ids_before=$(t_get "$T_BASE/history.atom"; parse atom; fact 0.id; fact 1.id)

# Links come from the base URL, never from the Host header.
t_get -H "Host: evil.example" "$T_BASE/history.rss"
unlike "$T_BODY" "evil\.example" "a forged Host header changes no link"

# Editing an incident keeps its id, changes its title and updated time.
t_psql -c "UPDATE incidents SET name = 'Agent runs hung' WHERE id = $jan" >/dev/null
t_psql -c "INSERT INTO incident_updates (incident_id, status, body) VALUES ($jan, 'postmortem', 'Follow-up: CI now runs the real agent.')" >/dev/null
t_get "$T_BASE/history.atom"
parse atom
is "$(fact 1.title)" "Agent runs hung" "an edited title shows"
is "$(fact 0.id)
$(fact 1.id)" "$ids_before" "ids stay the same across the edit"
unlike "$(fact 1.updated)" "2026-01-20" "updated moves with the new update"
like "$(fact 1.text)" "Follow-up: CI now runs the real agent" "and the new update is in the text"

# Per-component feeds: only the notices that touched it.
runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
web=$(t_psql -c "SELECT id FROM components WHERE name = 'Web Page'")
storage=$(t_psql -c "SELECT id FROM components WHERE name = 'Storage'")
t_get "$T_BASE/components/$runner/history.rss"
parse rss
is "$(fact bozo)$(fact entries)$(fact 0.title)" "01Agent runs hung" "Runner's feed: only its incident"
t_get "$T_BASE/components/$web/history.atom"
parse atom
is "$(fact bozo)$(fact entries)$(fact 0.title)" "01The platform.vm0.ai cannot be opened." \
	"Web Page's feed: only its incident"
like "$(fact feed_link_self)" "/components/$web/history\.atom$" "with its own self link"
t_get "$T_BASE/components/$storage/history.atom"
parse atom
is "$(fact bozo)$(fact entries)" "00" "Storage's feed: valid and empty"
t_get "$T_BASE/components/999999/history.rss"
is "$T_STATUS" 404 "an unknown component's feed is 404"

# Maintenance as iCalendar.
t_psql -c "
	WITH m AS (
		INSERT INTO incidents (page_id, kind, name, status, impact, scheduled_for, scheduled_until)
		SELECT id, 'maintenance', 'Database upgrade; primary, then replicas', 'scheduled', 'none',
		       '2026-12-05 02:00Z', '2026-12-05 04:00Z' FROM pages RETURNING id)
	INSERT INTO incident_updates (incident_id, status, body)
	SELECT id, 'scheduled', 'We will upgrade PostgreSQL.
Expect a few seconds of errors, then none.' FROM m" >/dev/null
t_get "$T_BASE/maintenance.ics"
is "$T_STATUS" 200 "/maintenance.ics is 200"
like "$(t_header content-type)" "^text/calendar; charset=utf-8" "as text/calendar"
is "$(t_header access-control-allow-origin)" "*" "any origin may read it"
parse ics
is "$(fact events)" 1 "one event per maintenance $(fact error)"
is "$(fact 0.summary)" "Database upgrade; primary, then replicas" "summary round-trips"
is "$(fact 0.start) $(fact 0.end)" "2026-12-05T02:00:00+00:00 2026-12-05T04:00:00+00:00" \
	"its window"
like "$(fact 0.uid)" "^incident-[0-9]+@127\.0\.0\.1$" "a stable UID"
like "$(fact 0.description)" "Expect a few seconds of errors" "the update in its description"
ok "no line longer than 75 octets" bash -c \
	'tr -d "\r" <"$1" | LC_ALL=C awk "length > 75 { bad = 1 } END { exit bad }"' _ "$T_DIR/feed"
like_text "$T_BODY" $'\r\n ' "long lines are folded"
ok "CRLF line ends" grep -q $'\r$' "$T_DIR/feed"
t_get -H "If-None-Match: $(t_header etag)" "$T_BASE/maintenance.ics"
is "$T_STATUS" 304 "ics: 304 on a repeated request with the ETag"

# Hostile text in every format: markup, CDATA ends, quotes, controls.
evil=$'<script>alert(1)</script> ]]> "q" \'s\' & co; a,b \\ \x01\x7f \xef\xbf\xbe\xc2\x85 end'
cat >"$T_DIR/evil.sql" <<-'SQL'
	WITH i AS (
		INSERT INTO incidents (page_id, name, status, impact, started_at)
		SELECT id, :'evil', 'investigating', 'minor', now() FROM pages RETURNING id)
	INSERT INTO incident_updates (incident_id, status, body)
	SELECT id, 'investigating', :'evil' || E'\nsecond line' FROM i;
	INSERT INTO incidents (page_id, kind, name, status, impact, scheduled_for, scheduled_until)
	SELECT id, 'maintenance', :'evil', 'scheduled', 'none', now() + interval '1 day',
	       now() + interval '25 hours' FROM pages;
SQL
t_psql -v evil="$evil" -f "$T_DIR/evil.sql" >/dev/null
shown=$'<script>alert(1)</script> ]]> "q" \'s\' & co; a,b \\ \xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd end'
for kind in rss atom; do
	t_get "$T_BASE/history.$kind"
	parse "$kind"
	is "$(fact bozo)" 0 "hostile text: the $kind parser has no complaint $(fact bozo_exception)"
	titles=$(printf '%s\n' "$FACTS" | sed -n 's/^[0-9]*\.title	//p')
	ok "hostile title round-trips through $kind as text" grep -qxF -- "$shown" <<<"$titles"
	# Not the .text facts: feedparser has already dropped any script.
	raw=$(printf '%s\n' "$FACTS" | grep '^[0-9]*\.raw')
	like "$raw" "&lt;script&gt;alert\(1\)" "$kind: the hostile text is in an entry's HTML, as text"
	unlike "$raw" "<script" "$kind: no script element in any entry's HTML as the XML carries it"
done
t_get "$T_BASE/maintenance.ics"
parse ics
is "$(fact error)" "" "hostile text: the iCalendar parser has no complaint"
summaries=$(printf '%s\n' "$FACTS" | sed -n 's/^[0-9]*\.summary	//p')
ok "hostile summary round-trips through iCalendar" grep -qxF -- "$shown" <<<"$summaries"
t_get "$T_BASE/"
unlike "$T_BODY" "<script>alert" "the page shows it as text"
for api in /api/v2/incidents.json /api/v2/summary.json /api/v2/scheduled-maintenances.json; do
	t_get "$T_BASE$api"
	names=$(printf '%s' "$T_BODY" | $PY -c '
import json, sys
d = json.load(sys.stdin)
for key in ("incidents", "scheduled_maintenances"):
    for i in d.get(key, []):
        print(i["name"])
        for u in i["incident_updates"]:
            print(u["body"].split("\n")[0])' 2>&1)
	# JSON can carry every character escaped: the text comes back exactly.
	ok "hostile text: $api parses and the text round-trips" grep -qxF -- "$evil" <<<"$names"
done
t_done
