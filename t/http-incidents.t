# http-incidents.t: the incident page, open incidents and maintenance on /,
# the uptime bars, and hostile text, through the real nginx.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

jan=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Agent can''t run'")
t_get "$T_BASE/incidents/$jan"
is "$T_STATUS" 200 "/incidents/$jan is 200"
like "$T_BODY" "<h1>Agent can't run</h1>" "the title"
like "$T_BODY" "Major impact" "the impact"
like "$T_BODY" "Runner</span>: Operational → Major Outage → Operational" \
	"affected component with what it went from and to"
like "$(printf '%s' "$T_BODY" | tr -d '\n')" "<dt>Duration</dt><dd>4 h 58 min</dd>" "how long it lasted: 4 h 58 min"
like "$T_BODY" '<time datetime="2026-01-19T06:02:00.000\+00:00">' "when it started"
is "$(printf '%s' "$T_BODY" | grep -c '<strong class="label">')" 8 "every update and the postmortem"
like "$(printf '%s' "$T_BODY" | tr -d '\n')" "<ol><li>(<p>)?SSH into sandbox" "postmortem Markdown: numbered steps are a list"
like "$T_BODY" "Mock ≠ Real: CI must include at least one test" "the postmortem in full"
like "$T_BODY" '<time datetime="2026-01-20T10:30:00.000\+00:00">' "postmortem's time"

t_get "$T_BASE/incidents/999999"
is "$T_STATUS" 404 "an unknown incident is 404"
like "$T_BODY" "no incident with this number" "a 404 page that says so"
for bad in abc 0 -1 1.5 99999999999999999999999; do
	t_get "$T_BASE/incidents/$bad"
	is "$T_STATUS" 404 "/incidents/$bad is 404"
done

# An open incident with a hostile name and body.
t_psql -c "
	WITH i AS (
		INSERT INTO incidents (page_id, name, status, impact, started_at)
		SELECT id, '<script>alert(\"t\")</script> API errors', 'identified', 'major', now() - interval '20 minutes'
		  FROM pages RETURNING id)
	INSERT INTO incident_updates (incident_id, status, body, created_at)
	SELECT id, 'investigating'::incident_status, 'Looking <img src=x onerror=alert(1)> at it', now() - interval '20 minutes' FROM i
	UNION ALL
	SELECT id, 'identified', '**Cause found**: a bad <b>deploy</b>.', now() - interval '5 minutes' FROM i" >/dev/null
open=$(t_psql -c "SELECT id FROM incidents WHERE status = 'identified'")

t_get "$T_BASE/"
is "$T_STATUS" 200 "/ with an open incident is 200"
like "$T_BODY" "<h1>Partial System Outage</h1>" "a major incident turns the banner"
like "$T_BODY" '<h2 id="incidents-h">Active incidents</h2>' "an Active incidents section"
like "$T_BODY" "<a href=\"/incidents/$open\">&lt;script&gt;alert\(\"t\"\)&lt;/script&gt; API errors</a>" \
	"its title, escaped, linking to its page"
like "$T_BODY" "<strong>Cause found</strong>: a bad &lt;b&gt;deploy&lt;/b&gt;\." \
	"its latest update, Markdown rendered and raw HTML escaped"
unlike "$T_BODY" "Looking" "only the latest update on /"
unlike "$T_BODY" "<script>|<img|<b>" "no markup from the data"
# Its bars and "ongoing for" move with every snapshot (one a minute while
# something is wrong), the data or not: Last-Modified is the snapshot's.
lm=$(date -d "$(t_header last-modified)" +%s)
ok "Last-Modified while an incident is open: the snapshot's, within the minute" \
	[ "$lm" -le "$(date +%s)" -a "$lm" -ge "$(($(date +%s) - 61))" ]

for path in "/incidents/$open" "/history"; do
	t_get "$T_BASE$path"
	like "$T_BODY" "&lt;script&gt;alert" "$path: hostile title shown as text"
	unlike "$T_BODY" "<script>alert|<img src=x" "$path: and never as markup"
done

t_psql -c "UPDATE incidents SET status = 'resolved', resolved_at = now() WHERE id = $open" >/dev/null

# Maintenance under way.
t_psql -c "
	WITH m AS (
		INSERT INTO incidents (page_id, kind, name, status, impact, started_at, scheduled_for, scheduled_until)
		SELECT id, 'maintenance', 'Database upgrade', 'in_progress', 'none', now() - interval '1 hour',
		       now() - interval '1 hour', now() + interval '1 hour' FROM pages RETURNING id)
	INSERT INTO incident_updates (incident_id, status, body, created_at)
	SELECT id, 'in_progress'::incident_status, 'Upgrading the primary.', now() - interval '1 hour' FROM m" >/dev/null
t_get "$T_BASE/"
like "$T_BODY" "<h1>Service Under Maintenance</h1>" "maintenance in progress shows in the banner"
like "$T_BODY" '<h2 id="maintenance-h">Scheduled maintenance</h2>' "and in its own section"
like "$T_BODY" "In progress</span>" "with its status"

# The uptime bars: 90 days a component, a day with an outage says so, days
# without one in a row are one cell (sN: N days) with one tooltip.
# bar_days: each bar's days, the sum of its cells' spans.
bar_days() {
	/usr/bin/python3 -c 'import re, sys
for bar in re.findall(r"<div class=\"uptime-bar\".*?</div>", sys.stdin.read(), re.S):
	print(sum(int(s or 1) for s in re.findall(r"<i class=\"[a-z]+(?: s([0-9]+))?\" title=\"", bar)))' <<<"$T_BODY" | xargs
}
is "$(bar_days)" "90 90 90 90" "90 days for each of 4 components"
like "$(printf '%s' "$T_BODY" | tr -d '\n')" '<i class="ok s[0-9]+" title="[A-Z][a-z]{2} [0-9]+ – [A-Z][a-z]{2} [0-9]+, [0-9]{4}No downtime"></i>' \
	"days without outage in a row: one cell, its tooltip the first and last day"
ok "fewer cells than days" [ "$(printf '%s' "$T_BODY" | grep -o '<i class="' | wc -l)" -lt 100 ]
t_partial_day Storage
t_get "$T_BASE/"
storage=$(printf '%s' "$T_BODY" | tr -d '\n' | sed 's/.*<span class="name">Storage<\/span>//; s/<\/li>.*//')
# (The tooltip's lines are joined: tr took the newlines out.)
like "$storage" '<i class="ok s[0-9]+" title="[^"]*"></i><i class="partial" title="[A-Z][a-z]{2} [0-9]+, [0-9]{4}Major outage: 0 minPartial outage: 45 min"></i>' \
	"the day's cell is partial, a cell of its own after the clean run, its tooltip gives the minutes"
is "$(bar_days)" "90 90 90 90" "  every bar still 90 days"
like "$storage" "99\.9[0-9]% uptime" "the 90-day uptime is below 100% and shows it"
like "$(printf '%s' "$T_BODY" | tr -d '\n' | sed 's/.*<span class="name">Runner<\/span>//; s/<\/li>.*//')" \
	"100\.0% uptime" "Runner's last 90 days: 100.0%"
t_done
