# http-history.t: the notice history, through the real nginx, as the seed
# page shows it.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

t_get "$T_BASE/history?from=2026-01"
is "$T_STATUS" 200 "/history?from=2026-01 is 200"
like "$T_BODY" "<p class=\"range\">Jan 2026 to Mar 2026</p>" "titled Jan 2026 to Mar 2026"

# Per component: uptime over the three months and month by month.
months() {
	printf '%s' "$T_BODY" | tr -d '\n' | sed "s/.*<span class=\"name\">$1<\/span>//; s/<\/li>.*//" |
		sed 's/.*<p class="uptime-months">//; s/<\/p>.*//; s/<[^>]*>/|/g; s/||*/|/g'
}
is "$(months 'Web Page')" "|99.99% uptime|Jan 2026 · 100.0%|Feb · 99.98%|Mar · 100.0%|" \
	"Web Page: Feb 99.98%, the other months 100.0%"
is "$(months Runner)" "|99.77% uptime|Jan 2026 · 99.33%|Feb · 100.0%|Mar · 100.0%|" \
	"Runner: Jan 99.33%"
is "$(months 'API Service')" "|100.0% uptime|Jan 2026 · 100.0%|Feb · 100.0%|Mar · 100.0%|" \
	"API Service: 100.0% throughout"

# Months newest first; March has nothing.
order=$(printf '%s' "$T_BODY" | sed -n 's/.*<h2 id="m-[0-9-]*">\(.*\)<\/h2>.*/\1/p' | tr '\n' ,)
is "$order" "Mar 2026,Feb 2026,Jan 2026," "months newest first"
march=$(printf '%s' "$T_BODY" | tr -d '\n' | sed 's/.*<h2 id="m-2026-03">//; s/<\/section>.*//')
like "$march" "No notices reported this month" "March: No notices reported this month"

# Every update of both incidents, newest first, with the seed's labels.
labels() {
	printf '%s' "$T_BODY" | tr -d '\n' | sed "s/.*>$1<\/a><\/h3>//; s/<\/article>.*//" |
		grep -o '<strong class="label">[^<]*' | sed 's/.*>//' | tr '\n' ,
}
is "$(labels "Agent can't run")" \
	"Postmortem,Resolved,Update,Update,Update,Update,Identified,Investigating," \
	"Agent can't run: every update, newest first, unchanged statuses as Update"
is "$(labels 'The platform.vm0.ai cannot be opened.')" \
	"Postmortem,Resolved,Identified,Investigating," "the February incident: every update"
for text in "We are currently investigating this incident." \
	"This glitch comes from a recent runner deployment, and the team is trying to fix the issue" \
	"We determined that the issue originated from a recent deployment of the platform frontend code." \
	"KEY LESSON" "Root Cause: stdin was configured as &quot;pipe&quot; but never closed" \
	"The related API services and container services were not affected."; do
	like "$T_BODY" "$(printf '%s' "$text" | sed 's/[.()]/\\&/g')" "text shown: ${text:0:50}"
done
like "$T_BODY" '<time datetime="2026-01-19T06:02:00.000\+00:00">Jan 19, 2026 06:02 UTC</time>' \
	"times in the page's zone, with an ISO datetime"
like "$T_BODY" '<a href="/incidents/[0-9]+">Agent can' "titles link to the incident page"

like "$T_BODY" '<a rel="prev" href="/history\?from=2025-10">' "link to the three months before"
like "$T_BODY" '<a rel="next" href="/history\?from=2026-04">' "link to the three months after"

# Without from: the three months ending with the current month.
t_get "$T_BASE/history"
is "$T_STATUS" 200 "/history is 200"
now=$(t_psql -c "SELECT to_char(now() AT TIME ZONE time_zone, 'Mon YYYY') FROM pages")
before=$(t_psql -c "SELECT to_char((now() AT TIME ZONE time_zone) - interval '2 months', 'Mon YYYY') FROM pages")
like "$T_BODY" "<p class=\"range\">$before to $now</p>" "ends with the current month ($now)"
unlike "$T_BODY" 'rel="next"' "no link into the future"

for bad in 2026-13 2026-1 abc 1969-12 2026-01x "2026-01%00" 9999-01; do
	t_get "$T_BASE/history?from=$bad"
	is "$T_STATUS" 400 "from=$bad is 400"
	like "$T_BODY" "must be a month written YYYY-MM" "and says what is expected ($bad)"
done

# A cursor must name a notice of the page: a made-up one is refused, not
# shown as months without notices.
feb=$(t_psql -c "SELECT id FROM incidents WHERE name LIKE 'The platform%'")
for bad in 9999999 987654 abc 0 01; do
	t_get "$T_BASE/history?from=2026-01&before=$bad"
	is "$T_STATUS" 400 "before=$bad is 400"
	like "$T_BODY" "The before parameter must be the number of a notice" "and says what is expected ($bad)"
done
t_get "$T_BASE/history?from=2026-01&before=$feb"
is "$T_STATUS" 200 "before=<February's incident> is 200"
order=$(printf '%s' "$T_BODY" | sed -n 's/.*<h2 id="m-[0-9-]*">\(.*\)<\/h2>.*/\1/p' | tr '\n' ,)
is "$order" "Jan 2026," "  it shows only January, where the notices after the cursor are"
like "$T_BODY" ">Agent can't run</a>" "  with January's incident"

# Conditional GET: the same page again is a 304 without a body.
t_get "$T_BASE/history?from=2026-01"
etag=$(t_header etag)
lm=$(t_header last-modified)
like "$etag" '^"[0-9a-f]{16}"$' "strong ETag"
like "$lm" "GMT$" "Last-Modified"
t_get -H "If-None-Match: $etag" "$T_BASE/history?from=2026-01"
is "$T_STATUS" 304 "If-None-Match with that ETag: 304"
is "$T_BODY" "" "with no body"
t_get -H "If-Modified-Since: $lm" "$T_BASE/history?from=2026-01"
is "$T_STATUS" 304 "If-Modified-Since with that date: 304"
t_get -H 'If-None-Match: "0000000000000000"' -H "If-Modified-Since: $lm" "$T_BASE/history?from=2026-01"
is "$T_STATUS" 200 "a stale ETag wins over a current date"

# A change shows on the next request and changes the validators.
t_psql -c "UPDATE incident_updates SET body = 'We are now investigating this incident.' WHERE body = 'We are currently investigating this incident.' AND incident_id = (SELECT id FROM incidents WHERE name = 'Agent can''t run')"
t_get -H "If-None-Match: $etag" "$T_BASE/history?from=2026-01"
is "$T_STATUS" 200 "after an edit the old ETag no longer matches"
like "$T_BODY" "We are now investigating" "and the edit is shown"
t_done
