# public-files.t: the answers at fixed addresses as files nginx serves
# itself (cgi-bin/mirror.h): the same bytes and headers as the program's
# answer at every such address, conditional GETs, a file that keeps its
# ETag while its bytes stay, taken away at once when the database can no
# longer confirm the data (the program's stale note and Lantern-Data-Age
# then answer), back when it can, and still served when the program dies.
# Incident pages become files once the program has answered them, and go
# at the next snapshot; / stays a file while something is wrong.
. "$LANTERN_SRCDIR/t/lib.sh"
T_WORKERS=2
# A refresh a second and a database timeout of one: pages call their data
# stale 3 s after the database last confirmed it; the files go a second
# before.
export LANTERN_POLL_SECONDS=1 LANTERN_DB_TIMEOUT_MS=1000
t_start_all
key=$(lantern_token_create "$T_DB_URL" ops)
T_KEY=$key
page=$(t_psql -c "SELECT id FROM pages")
V1=$T_BASE/v1/pages/$page
# A group, whose page is a file once asked for, as incident pages are.
gid=$(t_psql -c "
	WITH g AS (INSERT INTO component_groups (page_id, name, position)
	           SELECT id, 'Platform', 5 FROM pages RETURNING id, page_id)
	UPDATE components c SET group_id = g.id FROM g
	 WHERE c.page_id = g.page_id AND c.name = 'Web Page' RETURNING g.id")

PATHS=(/ /history /history.json /history.rss /history.atom /maintenance.ics
	/api/uptime.json /api/v2/summary.json /api/v2/status.json /api/v2/components.json
	/api/v2/incidents.json /api/v2/incidents/unresolved.json
	/api/v2/scheduled-maintenances.json /api/v2/scheduled-maintenances/upcoming.json
	/api/v2/scheduled-maintenances/active.json)

ok "the program shows nginx its files" t_until 5 [ "$(readlink "$T_DIR/public")" = public.files ]
t_get "$T_BASE/"

# fetch NAME URL [curl options]: headers and body into $T_DIR/NAME.h, .b.
fetch() {
	local name=$1 url=$2
	shift 2
	curl -sS --max-time 10 -o "$T_DIR/$name.b" -D "$T_DIR/$name.h" "$@" "$url"
}
# The header lines of NAME, names in lower case.
hdrs() { tr -d '\r' <"$T_DIR/$1.h" | sed -n '2,$p' | sed '/^$/d; s/^\([^:]*\):/\L\1:/'; }
hval() { hdrs "$1" | sed -n "s/^$2: //p" | tail -n 1; }
# Every header's name once; Date and Accept-Ranges (nginx's own for a
# file) are no part of the promise.
names() { hdrs "$1" | cut -d: -f1 | grep -vxE 'date|accept-ranges' | sort -u | xargs; }
# The values both must agree on, and Vary's tokens.
values() {
	hdrs "$1" | grep -E '^(content-type|content-encoding|cache-control|access-control-allow-origin|content-security-policy|x-content-type-options|referrer-policy|x-frame-options|strict-transport-security):' |
		sort | tr '\n' '|'
	hdrs "$1" | sed -n 's/^vary: //p' | tr ',' '\n' | tr -d ' ' | sort -u | xargs
}

# --- Every fixed address: the file's answer is the program's ----------------
for path in "${PATHS[@]}"; do
	for enc in identity gzip; do
		what="$path ($enc)"
		fetch file "$T_BASE$path" -H "Accept-Encoding: $enc"
		# A query takes the same answer from the program (and its cache).
		fetch prog "$T_BASE$path?via=program" -H "Accept-Encoding: $enc"
		is "$(hval file x-cache-status)" FILE "$what: nginx answers from the file"
		like "$(hval prog x-cache-status)" '^(MISS|HIT|EXPIRED|UPDATING|STALE)$' "$what: with a query, the program answers"
		ok "$what: the same bytes" cmp -s "$T_DIR/file.b" "$T_DIR/prog.b"
		is "$(names file)" "$(names prog)" "$what: the same headers"
		is "$(values file)" "$(values prog)" "$what: with the same values"
		like "$(hval file etag)" '^"[0-9a-f]+-[0-9a-f]+"$' "$what: an ETag"
		like "$(hval file last-modified)" 'GMT$' "$what: and Last-Modified"
		is "$(hval file lantern-data-age)" 0 "$what: data confirmed"
	done
done
fetch file "$T_BASE/api/v2/summary.json" -H 'Accept-Encoding: gzip'
is "$(hval file content-encoding)" gzip "summary.json is gzip to a client that takes it"
like "$(hval file content-type)" '^application/json$' "summary.json's type"
fetch file "$T_BASE/" -H 'Accept-Encoding: gzip;q=0'
is "$(hval file content-encoding)" "" "gzip;q=0: identity, as the program would"
fetch file "$T_BASE/history.rss"
is "$(hval file content-type)" "application/rss+xml; charset=utf-8" "the feed's type with its charset"
is "$(stat -c %a "$T_DIR/public.files/index.html") $(stat -c %a "$T_DIR/public.files/api/v2")" "644 755" \
	"files 0644, folders 0755: nginx's workers may read them"
fetch file "$T_BASE/" -X POST
like "$(head -n 1 "$T_DIR/file.h") $(hval file allow)" ' 405 .*GET' "a POST to / is the program's 405, with Allow"

# rename_incident ID NAME WHAT: an incident renamed through the API; the clock starts.
rename_incident() {
	t_api PATCH "$V1/incidents/$1" "{\"incident\": {\"name\": \"$2\"}}"
	is "$T_STATUS" 200 "$3"
	start=$(date +%s%N)
}
since() { echo "$((($(date +%s%N) - start) / 1000000)) ms"; }

# --- Incident pages: a file once the program has answered one ---------------
jan=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Agent can''t run'")
inc_file() { fetch now "$T_BASE$1" "${@:2}"; [ "$(hval now x-cache-status)" = FILE ]; }
# lazy_file PATH: the program answers it first, then nginx from a file,
# with the program's bytes, headers and Last-Modified.
lazy_file() {
	local path=$1 enc what
	fetch first "$T_BASE$path"
	is "$(head -n 1 "$T_DIR/first.h" | cut -d' ' -f2) $(hval first x-cache-status)" "200 MISS" \
		"$path: the program answers it first"
	ok "  then nginx, from a file" t_until 2 inc_file "$path"
	for enc in identity gzip; do
		what="$path ($enc)"
		fetch file "$T_BASE$path" -H "Accept-Encoding: $enc"
		fetch prog "$T_BASE$path?via=program" -H "Accept-Encoding: $enc"
		is "$(hval file x-cache-status)" FILE "$what: from the file"
		ok "$what: the same bytes as the program's" cmp -s "$T_DIR/file.b" "$T_DIR/prog.b"
		is "$(names file)" "$(names prog)" "$what: the same headers"
		is "$(values file)" "$(values prog)" "$what: with the same values"
		is "$(hval file last-modified)" "$(hval prog last-modified)" "$what: the same Last-Modified"
		is "$(hval file lantern-data-age)" 0 "$what: data confirmed"
	done
}
lazy_file "/incidents/$jan"
is "$(hval file content-encoding)" gzip "  gzip to a client that takes it"
etag=$(hval file etag) lm=$(hval file last-modified)
is "$(curl -s -o /dev/null -w '%{http_code} %header{x-cache-status}' -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag" "$T_BASE/incidents/$jan")" \
	"304 FILE" "  If-None-Match with its ETag: a 304 from the file"
is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H "If-Modified-Since: $lm" "$T_BASE/incidents/$jan")" \
	304 "  If-Modified-Since its Last-Modified: a 304"
is "$(stat -c %a "$T_DIR/public.files/incidents/$jan")" 644 "  its file is readable by nginx's workers"
# The incident's JSON and a group's page: files in the same way.
lazy_file "/incidents/$jan.json"
lazy_file "/groups/$gid"

# Two changes within one second, the same size: the second's files are
# dated a second on, so nginx's ETag tells them from the first's, and they
# are served (once they were left to the program until the next change).
runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
described() {
	fetch now "$T_BASE/api/v2/summary.json"
	[ "$(hval now x-cache-status)" = FILE ] && grep -q "\"description\":\"$1\"" "$T_DIR/now.b"
}
sleep "0.$(printf '%03d' $((1000 - 10#$(date +%3N))))"
T_NO_SYNC=1 t_api PATCH "$V1/components/$runner" '{"component": {"description": "Runs A"}}'
ok "a change: summary.json is a file with it" t_until 2 described "Runs A"
first=$(hval now etag)
T_NO_SYNC=1 t_api PATCH "$V1/components/$runner" '{"component": {"description": "Runs B"}}'
ok "a second one of the same size at once: a file with it too" t_until 2 described "Runs B"
ok "  with an ETag of its own" [ "$(hval now etag)" != "$first" ]
fetch now "$T_BASE/incidents/0$jan"
is "$(hval now x-cache-status)" MISS "/incidents/0$jan names no file: the program's"
t_get "$T_BASE/incidents/999999"
sleep 0.6
fetch now "$T_BASE/incidents/999999"
is "$(head -n 1 "$T_DIR/now.h" | cut -d' ' -f2) $(hval now x-cache-status)" "404 MISS" \
	"an unknown incident stays the program's 404"
ok "  and leaves no file" [ ! -e "$T_DIR/public.files/incidents/999999" ]
fetch now "$T_BASE/incidents/$jan" -X POST
like "$(head -n 1 "$T_DIR/now.h") $(hval now allow)" ' 405 .*GET' "a POST to an incident page is the program's 405"
# A write: the page is new within a second, the file with it.
rename_incident "$jan" "Agent could not run" "the incident renamed"
renamed() { fetch now "$T_BASE/incidents/$jan"; grep -q '<h1>Agent could not run</h1>' "$T_DIR/now.b"; }
ok "  its page shows it within 1 s" t_until 1 renamed
diag "seen after $(since), from $(hval now x-cache-status)"
ok "  then from a file again" t_until 2 inc_file "/incidents/$jan"
like "$(cat "$T_DIR/now.b")" '<h1>Agent could not run</h1>' "  the new one"
ok "  never the old name once shown" [ "$(grep -c "Agent can't run" "$T_DIR/now.b")" = 0 ]
rename_incident "$jan" "Agent can't run" "the old name back"
back() { fetch now "$T_BASE/incidents/$jan"; grep -q "<h1>Agent can't run</h1>" "$T_DIR/now.b"; }
ok "  shown within 1 s" t_until 1 back
ok "  from a file again" t_until 2 inc_file "/incidents/$jan"

# A new snapshot with the same data (as at midnight, or a minute into an
# outage): the page is written again, the same bytes with the same mtime,
# so its ETag stays.
etag=$(hval now etag)
version=$(t_psql -c "SELECT version + 1 FROM pages")
t_psql -c "ALTER TABLE pages DISABLE TRIGGER USER" -c "UPDATE pages SET version = version + 1" \
	-c "ALTER TABLE pages ENABLE TRIGGER USER" -c "NOTIFY lantern_changed"
files_hold() { [ "$(cat "$T_DIR/public.files/.version")" = "$1" ]; }
ok "a snapshot of the same data" t_until 3 files_hold "$version"
ok "  the incident page's file went with the last one" [ ! -e "$T_DIR/public.files/incidents/$jan" ]
# (nginx may serve the file it holds open for another half second.)
written() { fetch now "$T_BASE/incidents/$jan"; [ -e "$T_DIR/public.files/incidents/$jan" ]; }
ok "  and is written again once asked for" t_until 2 written
sleep 0.6
ok "  served from it" inc_file "/incidents/$jan"
is "$(hval now etag)" "$etag" "  with the same ETag"

# --- Conditional GETs ---------------------------------------------------------
for path in / /api/v2/summary.json; do
	fetch file "$T_BASE$path" -H 'Accept-Encoding: gzip'
	etag=$(hval file etag) lm=$(hval file last-modified)
	is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag" "$T_BASE$path")" \
		304 "$path: If-None-Match with its ETag is a 304"
	is "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$T_BASE$path")" \
		200 "$path: the gzip copy's ETag is not the identity's"
	is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H "If-Modified-Since: $lm" "$T_BASE$path")" \
		304 "$path: If-Modified-Since its Last-Modified is a 304"
	is "$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H 'If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT' "$T_BASE$path")" \
		200 "$path: an older If-Modified-Since is a 200"
	fetch file "$T_BASE$path" -H 'Accept-Encoding: gzip' -H "If-None-Match: $etag"
	like "$(hval file cache-control)" '^public' "$path: a 304 from the file keeps Cache-Control"
done

# --- A change: new bytes, new ETag; the same bytes keep theirs ----------------
for i in "${!PATHS[@]}"; do fetch "before$i" "$T_BASE${PATHS[$i]}"; done
rename_incident "$jan" "Agent cannot run" "an old incident renamed"
seen() { fetch incidents "$T_BASE/api/v2/incidents.json"; grep -q 'Agent cannot run' "$T_DIR/incidents.b"; }
ok "the file shows it within 1 s" t_until 1 seen
diag "seen after $(since)"
is "$(hval incidents x-cache-status)" FILE "  from the file"
sleep 1.2
kept=0 moved=0
for i in "${!PATHS[@]}"; do
	fetch "after$i" "$T_BASE${PATHS[$i]}"
	if cmp -s "$T_DIR/before$i.b" "$T_DIR/after$i.b"; then
		kept=$((kept + 1))
		is "$(hval "after$i" etag) $(hval "after$i" last-modified)" \
			"$(hval "before$i" etag) $(hval "before$i" last-modified)" \
			"${PATHS[$i]}, the same bytes: the same ETag and Last-Modified"
	else
		moved=$((moved + 1))
		isnt() { [ "$(hval "after$i" etag)" != "$(hval "before$i" etag)" ]; }
		ok "${PATHS[$i]}, new bytes: a new ETag" isnt
	fi
done
ok "some answers changed ($moved), some did not ($kept)" [ "$moved" -gt 0 -a "$kept" -gt 0 ]

# --- Something wrong: / is still a file, as of its snapshot -----------------
fetch before "$T_BASE/"
storage=$(t_psql -c "SELECT id FROM components WHERE name = 'Storage'")
t_api POST "$V1/incidents" '{"incident": {"name": "Slow pages", "impact_override": "minor", "status": "investigating", "body": "Looking.", "components": {"'"$storage"'": "partial_outage"}}}'
is "$T_STATUS" 201 "an incident opened, Storage in a partial outage"
inc=$(t_js 'd["id"]')
opened=$(date +%s)
root_shows() { fetch now "$T_BASE/"; grep -q 'Slow pages' "$T_DIR/now.b"; }
ok "/ shows it within 1 s" t_until 1 root_shows
file_root() { fetch now "$T_BASE/"; [ "$(hval now x-cache-status)" = FILE ] && grep -q 'Slow pages' "$T_DIR/now.b"; }
ok "  from its file" t_until 2 file_root
lm=$(hval now last-modified)
ok "  whose Last-Modified is when the bytes changed ($lm)" \
	[ "$(date -d "$lm" +%s)" -ge "$((opened - 1))" -a "$(date -d "$lm" +%s)" -le "$(date +%s)" ]
isnt_etag() { [ "$(hval now etag)" != "$(hval before etag)" ]; }
ok "  and a new ETag" isnt_etag
for enc in identity gzip; do
	fetch file "$T_BASE/" -H "Accept-Encoding: $enc"
	fetch prog "$T_BASE/?via=program" -H "Accept-Encoding: $enc"
	ok "/ ($enc) while it is open: the same bytes as the program's" cmp -s "$T_DIR/file.b" "$T_DIR/prog.b"
	is "$(names file)" "$(names prog)" "  the same headers"
	is "$(hval file last-modified)" "$(hval prog last-modified)" "  the same Last-Modified"
done
is "$(curl -s -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $lm" "$T_BASE/")" 304 \
	"  If-Modified-Since it: a 304"
is "$(curl -s -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $(hval before last-modified)" "$T_BASE/")" 200 \
	"  If-Modified-Since the copy before the incident: a 200"
fetch now "$T_BASE/incidents/$inc"
is "$(hval now x-cache-status)" MISS "the open incident's page: the program's first"
ok "  then a file" t_until 2 inc_file "/incidents/$inc"
fetch prog "$T_BASE/incidents/$inc?via=program"
is "$(hval now last-modified)" "$(hval prog last-modified)" "  with the program's Last-Modified"
like "$(cat "$T_DIR/now.b")" 'Ongoing for' "  saying how long it has been going on"
fetch now "$T_BASE/api/v2/summary.json"
is "$(hval now x-cache-status)" FILE "summary.json is a file"
like "$(cat "$T_DIR/now.b")" "Slow pages" "  showing the incident too"
# The figures of an outage move with every snapshot: as of it, as /.
fetch file "$T_BASE/api/uptime.json"
fetch prog "$T_BASE/api/uptime.json?via=program"
is "$(hval file x-cache-status)" FILE "uptime.json during the outage is a file"
is "$(hval file last-modified)" "$(hval prog last-modified)" "  with the program's Last-Modified"
ok "  the snapshot's" [ "$(date -d "$(hval file last-modified)" +%s)" -ge "$((opened - 1))" ]
t_api PATCH "$V1/incidents/$inc" '{"incident": {"status": "resolved", "components": {"'"$storage"'": "operational"}}}'
is "$T_STATUS" 200 "the incident resolved, Storage operational"
resolved() { fetch now "$T_BASE/incidents/$inc"; grep -q '<dt>Resolved</dt>' "$T_DIR/now.b"; }
ok "  its page says so within 1 s" t_until 1 resolved
# (Storage's bar names it on today's cell, as it should.)
root_clear() { fetch now "$T_BASE/"; [ "$(hval now x-cache-status)" = FILE ] && ! grep -q 'id="incidents-h"' "$T_DIR/now.b"; }
ok "/ is a file without it among the active incidents" t_until 2 root_clear
like "$(hval now last-modified)" 'GMT$' "  with its Last-Modified"

# --- The database away: the files go, the program says how old ---------------
lantern_pg_stop "$T_PG_DIR"
stopped=$(date +%s)
not_file() { fetch now "$T_BASE/"; [ "$(hval now x-cache-status)" != FILE ]; }
ok "the files are taken away" t_until 8 not_file
diag "after $(($(date +%s) - stopped)) s"
is "$(readlink "$T_DIR/public")" public.none "the link names the empty folder"
fetch now "$T_BASE/incidents/$jan"
like "$(hval now x-cache-status)" '^(MISS|HIT|EXPIRED|UPDATING|STALE)$' "an incident page is the program's too"
is "$(head -c 15 "$T_DIR/now.b")" "<!DOCTYPE html>" "/ is still served, by the program"
ok "with its Lantern-Data-Age ($(hval now lantern-data-age))" [ "$(hval now lantern-data-age)" -ge 2 ]
stale() { fetch now "$T_BASE/"; grep -q 'class="stale"' "$T_DIR/now.b"; }
ok "and soon its stale note" t_until 5 stale
like "$(cat "$T_DIR/now.b")" 'the status service cannot reach its database' "  saying why"
fetch now "$T_BASE/api/v2/summary.json"
ok "summary.json: the program's, with the data's age ($(hval now lantern-data-age))" \
	[ "$(hval now x-cache-status)" != FILE -a "$(hval now lantern-data-age)" -ge 3 ]
lantern_pg_start "$T_PG_DIR" >/dev/null
file_again() { fetch now "$T_BASE/"; [ "$(hval now x-cache-status)" = FILE ]; }
ok "the database back: the files are served again" t_until 10 file_again
unlike "$(cat "$T_DIR/now.b")" 'class="stale"' "  without a stale note"
like "$(cat "$T_DIR/app.log")" 'public files withdrawn' "the program's log says when the files went"
like "$(cat "$T_DIR/app.log")" 'public files served again' "  and came back"

ok "an incident page is a file again once asked for" t_until 3 inc_file "/incidents/$jan"

# --- The program gone: the files stay -----------------------------------------
kill -9 "$T_APP_PID"
wait "$T_APP_PID" 2>/dev/null
fetch now "$T_BASE/"
is "$(head -c 15 "$T_DIR/now.b") $(hval now x-cache-status)" "<!DOCTYPE html> FILE" \
	"the program killed: / is still served from its file"
fetch now "$T_BASE/api/v2/summary.json" -H 'Accept-Encoding: gzip'
is "$(hval now x-cache-status) $(hval now content-encoding)" "FILE gzip" "  and summary.json"
fetch now "$T_BASE/incidents/$jan"
is "$(hval now x-cache-status)" FILE "  and an incident page asked for before"
t_done
