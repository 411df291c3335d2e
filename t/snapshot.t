# snapshot.t: every public page is answered from one in-memory snapshot,
# rebuilt when the data changes: a write shows everywhere within a second,
# a change made behind the program's back arrives by LISTEN (and by the poll
# when LISTEN is lost), public GETs run no SQL, each representation has its
# own strong ETag (gzip too), and nginx's microcache never serves a write
# or the health check.
. "$LANTERN_SRCDIR/t/lib.sh"
# A poll slower than every deadline below, so a change seen in time came by
# LISTEN or by the write itself, never by the poll.
export LANTERN_POLL_SECONDS=5
# The ticker's statements would count as the workers' (both are "lantern"):
# it ticks once at start, then not again within this test.
export LANTERN_TICK_SECONDS=3600
t_start_all

key=$(lantern_token_create "$T_DB_URL" ops)
T_KEY=$key
page=$(t_psql -c "SELECT id FROM pages")
runner=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
storage=$(t_psql -c "SELECT id FROM components WHERE name = 'Storage'")
jan=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Agent can''t run'")
V1=$T_BASE/v1/pages/$page

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# within MS LIMIT: MS is a number of milliseconds, at most LIMIT.
within() { [ "$1" != never ] && [ "$1" -le "$2" ]; }
# differs A B: A is a value, and not B.
differs() { [ -n "$1" ] && [ "$1" != "$2" ]; }

# comp_re NAME STATUS: matches a JSON component object NAME with STATUS,
# whatever the order of its fields.
comp_re() {
	printf '\\{[^{}]*("name": ?"%s"[^{}]*"status": ?"%s"|"status": ?"%s"[^{}]*"name": ?"%s")[^{}]*\\}' \
		"$1" "$2" "$2" "$1"
}

# req VIA PATH [HEADER...]: a GET of PATH with these request headers ("Name:
# value"), through nginx (VIA=nginx) or straight to the program over FastCGI
# as nginx would ask it (VIA=program), so nginx's cache cannot hide what the
# program does.  Sets T_STATUS and T_HEADERS like t_get; the body is in
# $T_DIR/body byte for byte (gzip is binary), and in T_BODY without NULs.
req() {
	local via=$1 path=$2 h name s args=()
	shift 2
	rm -f "$T_DIR/body" "$T_DIR/headers"
	if [ "$via" = nginx ]; then
		for h in "$@"; do args+=(-H "$h"); done
		T_STATUS=$(curl -sS -o "$T_DIR/body" -D "$T_DIR/headers" -w '%{http_code}' \
			--max-time 10 "${args[@]}" "$T_BASE$path")
	else
		args=(-p 'HTTP_ACCEPT=*/*')
		case $path in *\?*) args+=(-p "QUERY_STRING=${path#*\?}"); path=${path%%\?*} ;; esac
		for h in "$@"; do
			name=${h%%:*}
			name=${name^^}
			args+=(-p "HTTP_${name//-/_}=${h#*: }")
		done
		timeout 10 perl "$LANTERN_SRCDIR/t/fcgi-request.pl" "${args[@]}" "$T_SOCK" GET "$path" \
			>"$T_DIR/raw" 2>>"$T_DIR/fcgi.log"
		# Headers to one file, the body byte for byte to the other.
		perl -e 'local $/; open my $in, "<:raw", $ARGV[0] or die;
			my $r = <$in> // ""; my ($h, $b) = split /\r?\n\r?\n/, $r, 2;
			open my $o, ">:raw", $ARGV[1] or die; print $o $b // "";
			open $o, ">:raw", $ARGV[2] or die; print $o $h' \
			"$T_DIR/raw" "$T_DIR/body" "$T_DIR/headers"
	fi
	[ -e "$T_DIR/headers" ] || : >"$T_DIR/headers"
	[ -e "$T_DIR/body" ] || : >"$T_DIR/body"
	T_HEADERS=$(tr -d '\r' <"$T_DIR/headers" | sed 's/^\([^:]*\):/\L\1:/')
	if [ "$via" = program ]; then
		s=$(t_header status)
		T_STATUS=${s%% *}
		[ -z "$T_STATUS" ] && [ -n "$T_HEADERS" ] && T_STATUS=200
	fi
	T_BODY=$(tr -d '\0' <"$T_DIR/body")
}

# every_header NAME: every value of the header NAME, comma-separated.
every_header() { printf '%s\n' "$T_HEADERS" | sed -n "s/^$1: //p" | paste -sd, -; }

# seen_within NAME URL REGEX [NAME URL REGEX]...: fetches each URL through
# nginx in turn, every 50 ms, until its body matches REGEX or 3 s have passed
# since t0 (the moment the write returned); then one check per URL that a
# reader saw the change within 1 s.
seen_within() {
	local names=() urls=() res=() seen=() i left body
	while [ $# -ge 3 ]; do
		names+=("$1") urls+=("$2") res+=("$3") seen+=("")
		shift 3
	done
	left=${#names[@]}
	while [ "$left" -gt 0 ] && [ $(($(now_ms) - t0)) -le 3000 ]; do
		for i in "${!names[@]}"; do
			[ -n "${seen[$i]}" ] && continue
			body=$(curl -s --max-time 2 "${urls[$i]}")
			if grep -Eq -- "${res[$i]}" <<<"$body"; then
				seen[i]=$(($(now_ms) - t0))
				left=$((left - 1))
			fi
		done
		sleep 0.05
	done
	for i in "${!names[@]}"; do
		if within "${seen[$i]:-never}" 1000; then
			pass "${names[$i]} within 1 s (${seen[$i]} ms)"
		else
			fail "${names[$i]} within 1 s" "seen after: ${seen[$i]:-more than 3000} ms"
		fi
	done
}

# warm URL...: through nginx once each, so its cache holds the old answers
# when the write happens.
warm() {
	local u
	for u in "$@"; do curl -s -o /dev/null --max-time 10 "$u"; done
}

#
# Freshness: a write through the API is on every public URL, through nginx,
# within 1 s.
#
warm "$T_BASE/" "$T_BASE/api/v2/summary.json" "$T_BASE/history.rss" "$T_BASE/history.atom"
t_api PATCH "$V1/components/$runner" '{"component": {"status": "major_outage"}}'
t0=$(now_ms)
is "$T_STATUS" 200 "Runner set to major outage through the API"
seen_within \
	"Runner's outage on /" "$T_BASE/" '<h1>Partial System Outage</h1>' \
	"Runner's outage in summary.json" "$T_BASE/api/v2/summary.json" "$(comp_re Runner major_outage)"

probe="Freshness probe $$"
t_api POST "$V1/incidents" "{\"incident\": {\"name\": \"$probe\", \"status\": \"investigating\",
	\"impact_override\": \"minor\", \"body\": \"Looking into slow builds.\"}}"
t0=$(now_ms)
is "$T_STATUS" 201 "an incident opened through the API"
probe_id=$(t_js 'd["id"]')
seen_within \
	"the new incident's page" "$T_BASE/incidents/$probe_id" "<h1>$probe</h1>" \
	"the new incident on /" "$T_BASE/" ">$probe</a>" \
	"the new incident in summary.json" "$T_BASE/api/v2/summary.json" "\"name\": ?\"$probe\"" \
	"the new incident in the RSS feed" "$T_BASE/history.rss" "$probe" \
	"the new incident in the Atom feed" "$T_BASE/history.atom" "<title>$probe</title>"

warm "$T_BASE/incidents/$probe_id" "$T_BASE/"
t_api PATCH "$V1/incidents/$probe_id" '{"incident": {"status": "identified",
	"body": "Second look: a full disk on the build host."}}'
t0=$(now_ms)
is "$T_STATUS" 200 "the incident updated through the API"
seen_within \
	"the new update on the incident's page" "$T_BASE/incidents/$probe_id" "Second look: a full disk" \
	"the new update on /" "$T_BASE/" "Second look: a full disk" \
	"the new update in summary.json" "$T_BASE/api/v2/summary.json" "Second look: a full disk"

#
# No SQL: public GETs run none on the workers' connections once the snapshot
# is built; /healthz still asks the database.
#
# A group, so that its page is among them.
gid=$(t_psql -c "
	WITH g AS (INSERT INTO component_groups (page_id, name, position)
	           SELECT id, 'Platform', 5 FROM pages RETURNING id, page_id)
	UPDATE components c SET group_id = g.id FROM g
	 WHERE c.page_id = g.page_id AND c.name = 'Web Page' RETURNING g.id")
public=(/ /history "/history?from=2026-01" "/incidents/$jan" "/incidents/$jan.json" "/groups/$gid"
	"/incidents/$probe_id" "/incidents/$probe_id.json"
	/api/v2/summary.json /api/v2/status.json /api/v2/components.json
	/api/v2/incidents.json /api/v2/incidents/unresolved.json
	/api/v2/scheduled-maintenances.json /api/v2/scheduled-maintenances/upcoming.json
	/api/v2/scheduled-maintenances/active.json
	/history.json "/history.json?page=4" /api/uptime.json /history.rss /history.atom
	"/components/$runner/history.rss" "/components/$runner/history.atom" /maintenance.ics)
t_psql -c "ALTER SYSTEM SET log_statement = 'all'" -c "ALTER SYSTEM SET log_line_prefix = '%m [%a] '" \
	-c "SELECT pg_reload_conf()" >/dev/null
for i in $(seq 50); do
	[ "$(t_psql -c 'SHOW log_statement')" = all ] && break
	sleep 0.1
done
is "$(t_psql -c 'SHOW log_statement')" all "statement logging is on"
pglog=$T_PG_DIR/postgresql.log
# worker_lines: the log lines written for the workers' connections.
worker_lines() { grep -c ' \[lantern\] ' "$pglog"; }

# Old months, incidents outside the snapshot and per-component feeds may be
# read once per snapshot version: the warm-up reads them.
bad=
for path in "${public[@]}"; do
	req nginx "$path"
	[ "$T_STATUS" = 200 ] || bad="$bad $path (nginx $T_STATUS)"
	req program "$path"
	[ "$T_STATUS" = 200 ] || bad="$bad $path (program $T_STATUS)"
done
is "${bad# }" "" "warm-up: every public URL is 200, through nginx and straight from the program"
sleep 1
before=$(worker_lines)

# burst_one PATH: one GET straight to the program; prints the status.
burst_one() {
	local path=${1%%\?*} q=
	case $1 in *\?*) q=${1#*\?} ;; esac
	timeout 10 perl "$LANTERN_SRCDIR/t/fcgi-request.pl" -p "QUERY_STRING=$q" -p 'HTTP_ACCEPT=*/*' \
		"$T_SOCK" GET "$path" 2>/dev/null | sed -n 's/^Status: \([0-9]*\).*/\1/p; /^\r\{0,1\}$/q'
}
export -f burst_one
export T_SOCK
rounds=10
for i in $(seq $rounds); do printf '%s\n' "${public[@]}"; done >"$T_DIR/burst"
start=$(now_ms)
xargs -P 8 -I{} bash -c 'burst_one "$1"' _ {} <"$T_DIR/burst" >"$T_DIR/codes"
diag "burst of $((rounds * ${#public[@]})) requests straight to the program: $(($(now_ms) - start)) ms"
is "$(grep -c '^200$' "$T_DIR/codes")" $((rounds * ${#public[@]})) \
	"a burst of $rounds rounds over ${#public[@]} public URLs, 8 at a time: every answer 200"
for i in 1 2 3; do
	for path in "${public[@]}"; do curl -s -o /dev/null --max-time 10 "$T_BASE$path"; done
done
sleep 0.5
after=$(worker_lines)
if [ "$after" = "$before" ]; then
	pass "the burst ran no SQL on the workers' connections"
else
	fail "the burst ran no SQL on the workers' connections" \
		"$((after - before)) log lines from [lantern], the first:" \
		"$(grep ' \[lantern\] ' "$pglog" | tail -n +$((before + 1)) | head -n 5)"
fi
# The count is real: /healthz asks the database, twice in a row through
# nginx, so nginx never answers it from its cache.
req nginx /healthz
is "$T_STATUS" 200 "/healthz is 200"
sleep 0.3
one=$(worker_lines)
ok "/healthz ran a statement on a worker's connection" [ "$one" -gt "$after" ]
req nginx /healthz
sleep 0.3
ok "and so did a second /healthz right after it" [ "$(worker_lines)" -gt "$one" ]
t_psql -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null

#
# Junk addresses take no room: hundreds of made-up ids, each a 404 or 400
# (several after a read of the database), and a hundred old months, each a
# 200 that read the database, and then the snapshot's own pages and an old
# incident are still kept (kept answers are the ones served as gzip).
#
# snapshot_version: the version /healthz says the pages come from.
snapshot_version() { req program /healthz; t_js 'd["snapshot"]["version"]'; }
old_version=$(snapshot_version)
t_api PATCH "$V1/components/$runner" '{"component": {"description": "Cache probe."}}'
is "$T_STATUS" 200 "a write starts a new snapshot"
for i in $(seq 50); do
	[ "$(snapshot_version)" != "$old_version" ] && break
	sleep 0.1
done
ok "the program serves the new snapshot" differs "$(snapshot_version)" "$old_version"
for n in $(seq 900000 900119); do
	printf '%s\n' "/incidents/$n" "/incidents/$n.json" "/components/$n/history.rss" \
		"/history?before=$n"
done >"$T_DIR/junk"
for y in $(seq 2000 2008); do for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
	printf '/history?from=%s-%s\n' "$y" "$m"
done; done | head -n 100 >>"$T_DIR/junk"
xargs -P 4 -I{} bash -c 'burst_one "$1"' _ {} <"$T_DIR/junk" | sort | uniq -c |
	awk '{ printf "%s %s, ", $2, $1 }' >"$T_DIR/codes"
is "$(cat "$T_DIR/codes")" "200 100, 400 120, 404 360, " \
	"$(grep -c . "$T_DIR/junk") junk addresses straight to the program: 404s, 400s and old months"
for path in /api/v2/components.json /history.json "/history?from=2026-01"; do
	req program "$path" 'Accept-Encoding: gzip'
	is "$T_STATUS $(t_header content-encoding)" "200 gzip" "after them, $path is still kept (gzip)"
done

#
# Validators and gzip: each representation has its own strong ETag, the same
# while the data is, a new one after a change; gzip is the same bytes.
#
declare -A tag gztag
for via in program nginx; do
	for path in / /api/v2/summary.json /history.rss; do
		what="$via $path"
		req "$via" "$path"
		is "$T_STATUS" 200 "$what is 200"
		tag[$what]=$(t_header etag)
		like "${tag[$what]}" '^"[^"]+"$' "$what: a strong ETag"
		like "$(every_header vary)" '(^|[ ,])[Aa]ccept-[Ee]ncoding($|[ ,])' "$what: Vary: Accept-Encoding"
		is "$(t_header content-encoding)" "" "$what: not encoded unless asked"
		cp "$T_DIR/body" "$T_DIR/plain"
		req "$via" "$path"
		is "$(t_header etag)" "${tag[$what]}" "$what: the same ETag on a repeat"

		req "$via" "$path" 'Accept-Encoding: gzip'
		is "$T_STATUS $(t_header content-encoding)" "200 gzip" "$what: gzip when asked"
		gztag[$what]=$(t_header etag)
		like "${gztag[$what]}" '^"[^"]+"$' "$what: gzip has a strong ETag"
		ok "$what: gzip's ETag is not the plain one's" differs "${gztag[$what]}" "${tag[$what]}"
		like "$(every_header vary)" '(^|[ ,])[Aa]ccept-[Ee]ncoding($|[ ,])' "$what: gzip has Vary: Accept-Encoding"
		ok "$what: gunzip of the gzip body is the plain body, byte for byte" \
			bash -c 'gzip -dc <"$1" | cmp -s - "$2"' _ "$T_DIR/body" "$T_DIR/plain"
		# A cache that keyed only on the URL would now hand out gzip.
		req "$via" "$path"
		ok "$what: a plain request right after gets the plain body" \
			bash -c '[ -z "$1" ] && cmp -s "$2" "$3"' _ "$(t_header content-encoding)" \
			"$T_DIR/body" "$T_DIR/plain"

		req "$via" "$path" "If-None-Match: ${tag[$what]}"
		is "$T_STATUS" 304 "$what: 304 for its ETag"
		req "$via" "$path" 'Accept-Encoding: gzip' "If-None-Match: ${gztag[$what]}"
		is "$T_STATUS" 304 "$what: 304 for gzip's ETag"
	done
done

# A change (a new incident is on all three) gives every representation a new ETag.
t_api POST "$V1/incidents" '{"incident": {"name": "ETag probe", "status": "investigating",
	"body": "Checking validators."}}'
is "$T_STATUS" 201 "another incident opened"
for via in program nginx; do
	for path in / /api/v2/summary.json /history.rss; do
		what="$via $path"
		for i in $(seq 30); do
			req "$via" "$path"
			[ "$(t_header etag)" != "${tag[$what]}" ] && break
			sleep 0.1
		done
		like "$T_BODY" "ETag probe" "$what: shows the change"
		ok "$what: a new ETag after the change" differs "$(t_header etag)" "${tag[$what]}"
		req "$via" "$path" 'Accept-Encoding: gzip'
		ok "$what: and a new gzip ETag" differs "$(t_header etag)" "${gztag[$what]}"
		req "$via" "$path" "If-None-Match: ${tag[$what]}"
		is "$T_STATUS" 200 "$what: the old ETag no longer answers 304"
	done
done

#
# Microcache: nginx keeps one for public GETs, never for the write API or
# the health check.
#
# cached PATH: three quick GETs through nginx; prints their X-Cache-Status.
# A cache may start a new copy on a boundary of its clock, but not twice
# within a few milliseconds: the second or the third is a HIT.
cached() {
	local i
	for i in 1 2 3; do
		req nginx "$1"
		printf '%s ' "$(t_header x-cache-status)"
	done
}
# (The fixed addresses are files nginx serves itself: t/public-files.t.
# With a query, or at an address of its own, an answer is the program's.)
statuses=$(cached "/?via=program")
like "$statuses" '^(MISS|HIT|EXPIRED|UPDATING|STALE) ' "/ through nginx carries X-Cache-Status ($statuses)"
like "$statuses" '^[A-Z]+ ([A-Z]+ HIT|HIT [A-Z]+) $' "a second or third / right after comes from the cache"
statuses=$(cached "/api/v2/status.json?via=program")
like "$statuses" '^[A-Z]+ ([A-Z]+ HIT|HIT [A-Z]+) $' "so does /api/v2/status.json ($statuses)"
# (An incident page is a file too once answered, as soon as the mirror
# thread has written it: with a query it stays the program's.)
statuses=$(cached "/incidents/$(t_psql -c 'SELECT min(id) FROM incidents')?via=program")
like "$statuses" '^[A-Z]+ ([A-Z]+ HIT|HIT [A-Z]+) $' "so does an incident's page ($statuses)"
for i in 1 2; do
	req nginx /healthz
	like "$(t_header x-cache-status)" '^(BYPASS)?$' "/healthz is never from the cache (#$i)"
done
for status in degraded_performance operational; do
	t_api PATCH "$V1/components/$storage" "{\"component\": {\"status\": \"$status\"}}"
	is "$T_STATUS $(t_js 'd["status"]')" "200 $status" "a write answers with what it wrote ($status)"
	like "$(t_header x-cache-status)" '^(BYPASS)?$' "  and never from the cache"
done
t_api GET "$V1/incidents" ''
t_api GET "$V1/incidents" ''
like "$(t_header x-cache-status)" '^(BYPASS)?$' "a GET under /v1/ is never from the cache"

#
# LISTEN: a change made in the database directly (nothing in the program
# wakes the rebuild) arrives by LISTEN; when LISTEN is lost, by the poll.
# Last, as the lost LISTEN connection stays away for 30 s.
#
listeners() { t_psql -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'lantern-listen'"; }
for i in $(seq 50); do [ "$(listeners)" = 1 ] && break; sleep 0.1; done
is "$(listeners)" 1 "the program LISTENs on a connection of its own (lantern-listen)"
is "$(t_psql -c "SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = 'lantern-snapshot'")" t \
	"and reads the snapshot on another (lantern-snapshot)"

# fresh_in STATUS: polls the program's summary.json for Storage in STATUS,
# every 50 ms for at most 8 s from t0; prints the milliseconds from t0 to
# the answer that showed it.
fresh_in() {
	local re
	re=$(comp_re Storage "$1")
	while [ $(($(now_ms) - t0)) -le 8000 ]; do
		req program /api/v2/summary.json
		grep -Eq -- "$re" <<<"$T_BODY" && { echo $(($(now_ms) - t0)); return; }
		sleep 0.05
	done
	echo never
}
# Three changes 1.7 s apart, each due within 1.5 s: one poll every 5 s can
# bring at most one of them in time; only LISTEN brings all three.
start=$(now_ms)
n=0
for status in partial_outage major_outage operational; do
	t_psql -c "UPDATE components SET status = '$status' WHERE id = $storage"
	t0=$(now_ms)
	ms=$(fresh_in "$status")
	ok "a change in the database ($status) is served within 1.5 s: $ms ms" within "$ms" 1500
	n=$((n + 1))
	while [ $(($(now_ms) - start)) -lt $((n * 1700)) ]; do sleep 0.05; done
done

lines=$(wc -l <"$T_DIR/app.log")
is "$(t_psql -c "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
	WHERE application_name = 'lantern-listen'")" 1 "the LISTEN connection is killed"
t_psql -c "UPDATE components SET status = 'partial_outage' WHERE id = $storage"
t0=$(now_ms)
ms=$(fresh_in partial_outage)
ok "without LISTEN, the poll still brings a change within 5 + 2 s: $ms ms" within "$ms" 7000
is "$(listeners)" 0 "LISTEN is not opened again at once (the program waits 30 s)"
for i in $(seq 20); do
	tail -n +$((lines + 1)) "$T_DIR/app.log" | grep -qi listen && break
	sleep 0.1
done
like "$(tail -n +$((lines + 1)) "$T_DIR/app.log")" '[Ll]isten' "the program logged the lost LISTEN connection"
req nginx /
is "$T_STATUS" 200 "the page is still served"
ok "the program is still up" kill -0 "$T_APP_PID"
t_done
