# ctl-export.t: lanternctl export-static: the whole public site as plain
# files, byte for byte what the server answers (but the history links),
# served by a plain static nginx with the program and PostgreSQL stopped;
# DIR replaced whole, someone else's folder refused; no key needed.
. "$LANTERN_SRCDIR/t/lib.sh"
# Pages are compared with the server's a moment later: under load a short
# poll could let one of them carry the "status as of" note, the other not.
LANTERN_POLL_SECONDS=30
t_start_all

ctl=$LANTERN_CTL
PY=/usr/bin/python3
# Nothing from the caller's environment: no key anywhere, no URL.
mkdir -p "$T_DIR/home"
export HOME=$T_DIR/home
unset XDG_CONFIG_HOME LANTERN_URL LANTERN_API_KEY LANTERN_PAGE_ID LANTERN_DATABASE_URL
ex() { LANTERN_URL=$T_BASE "$ctl" "$@" 2>"$T_DIR/err"; }
err() { cat "$T_DIR/err"; }
# exits WANT GOT DESCRIPTION: an exit status, with stderr when it is wrong.
exits() {
	if [ "$2" = "$1" ]; then pass "$3"; else fail "$3" "exit $2, not $1" "$(err)"; fi
}

# More history than the demo's: a month three years back busier than one
# answer holds (250 notices), so its pages go on at a cursor, and a
# completed maintenance two years back, between quarters with nothing.
t_psql -c "
	INSERT INTO incidents (page_id, name, status, impact, created_at, updated_at,
	                       started_at, resolved_at)
	SELECT p.id, 'Old incident ' || n, 'resolved', 'minor', t, t, t, t + interval '1 hour'
	  FROM pages p, generate_series(1, 260) n,
	       LATERAL (SELECT date_trunc('month', now()) - interval '36 months'
	                       + n * interval '2 hours' AS t) x;
	INSERT INTO incidents (page_id, kind, name, status, impact, created_at, updated_at,
	                       started_at, resolved_at, scheduled_for, scheduled_until)
	SELECT p.id, 'maintenance', 'Old maintenance', 'completed', 'none', t, t, t,
	       t + interval '1 hour', t, t + interval '1 hour'
	  FROM pages p, LATERAL (SELECT now() - interval '24 months' AS t) x;" >/dev/null
maint=$(t_psql -c "SELECT id FROM incidents WHERE name = 'Old maintenance'")
old=$(t_psql -c "SELECT min(id) FROM incidents WHERE name LIKE 'Old incident %'")
first=$(t_psql -c "SELECT min(id) FROM incidents")
t_sync

site=$T_DIR/site
out=$(ex export-static "$site")
exits 0 $? "export-static exits 0, with no key anywhere"
like "$out" "^exported [0-9]+ files, [0-9]+ bytes, in [0-9.]+ s to $site\$" \
	"and prints files, bytes and seconds"
is "$(err)" "" "nothing on stderr"
files=$(cd "$site" && find . -type f | sed 's|^\.||' | sort)
is "$(sed -n 's/^exported \([0-9]*\) files.*/\1/p' <<<"$out")" "$(wc -l <<<"$files")" \
	"the count is the files written"

missing=
for f in /index.html /history/index.html /history.json /history.rss /history.atom \
	/maintenance.ics /api/uptime.json /api/v2/summary.json /api/v2/status.json \
	/api/v2/components.json /api/v2/incidents.json /api/v2/incidents/unresolved.json \
	/api/v2/scheduled-maintenances.json /api/v2/scheduled-maintenances/upcoming.json \
	/api/v2/scheduled-maintenances/active.json /components/1/history.rss \
	/components/1/history.atom /static/lantern.css /static/lantern.js \
	/static/favicon.svg /favicon.ico /.lantern-export \
	"/incidents/$first/index.html" "/incidents/$first.json" \
	"/incidents/$old/index.html" "/incidents/$maint/index.html" "/incidents/$maint.json"; do
	grep -qxF -- "$f" <<<"$files" || missing="$missing $f"
done
is "$missing" "" "every page, JSON answer, feed and asset is there"
is "$(grep -c '^/incidents/[0-9]*/index.html$' <<<"$files")" \
	"$(t_psql -c 'SELECT count(*) FROM incidents')" \
	"every incident and maintenance has its page, not only the 50 newest"
is "$(grep -c '^/components/[0-9]*/history.rss$' <<<"$files")" \
	"$(t_psql -c 'SELECT count(*) FROM components')" "every component has its feeds"
unlike "$files" '\?' "no file is named with a query"

# The busy month's quarter: its first page and the page after its cursor.
busy=$(grep -o '^/history/[0-9-]*/before-[0-9]*/index.html$' <<<"$files")
is "$(wc -l <<<"$busy")" 1 "the busy quarter goes on at one cursor page"
cursor=$(sed 's|/index.html$||' <<<"$busy")
is "$(cat "$site${cursor%/before-*}/index.html" "$site$cursor/index.html" |
	grep -o '>Old incident [0-9]*<' | sort -u | wc -l)" 260 \
	"its two pages hold the quarter's 260 notices"

# Byte for byte what the server answers.  In HTML, the links to query URLs
# are put back as the server wrote them first.
unrewrite() {
	sed -e 's#href="/history/\([0-9-]*\)/before-\([0-9]*\)/"#href="/history?from=\1\&amp;before=\2"#g' \
		-e 's#href="/history/\([0-9-]*\)/"#href="/history?from=\1"#g' "$1"
}
differ=
n=0
while read -r f; do
	case $f in
	/.lantern-export) continue ;;
	/history/*/before-*/index.html)
		m=${f#/history/}
		url="/history?from=${m%%/*}&before=${m#*/before-}"
		url=${url%/index.html} ;;
	/history/index.html) url=/history ;;
	/history/*/index.html) m=${f#/history/}; url="/history?from=${m%/index.html}" ;;
	/index.html) url=/ ;;
	*/index.html) url=${f%/index.html} ;;
	/static/*) url=$(grep -o "\"/static/${f#/static/}?[^\"]*\"" "$site/index.html" | tr -d '"') ;;
	*) url=$f ;;
	esac
	curl -sS --max-time 10 -o "$T_DIR/live" "$T_BASE$url"
	case $f in
	*.html) unrewrite "$site$f" | cmp -s - "$T_DIR/live" ;;
	*) cmp -s "$site$f" "$T_DIR/live" ;;
	esac || {
		[ -n "$differ" ] || diag "$f: $(unrewrite "$site$f" | diff - "$T_DIR/live" | head -n 6)"
		differ="$differ $f"
	}
	n=$((n + 1))
done <<<"$files"
is "$differ" "" "all $n files are the server's answers, byte for byte (HTML: but the history links)"
is "$(cat "$site"/index.html)" "$(curl -sS "$T_BASE/")" "/ is not rewritten at all"
rewritten=$(cat "$site"/history/index.html "$site"/history/*/index.html "$site"/history/*/*/index.html)
unlike "$rewritten" 'history\?from=' "no history page links a query URL any more"
like "$rewritten" "href=\"$cursor/\"" "the busy quarter links its cursor page"

# --json, and again over the last export: the same tree, swapped in whole.
before_ino=$(stat -c %i "$site")
out=$(ex --json export-static "$site")
exits 0 $? "a second export over the first exits 0"
is "$($PY -c 'import json,sys; d=json.load(sys.stdin); print(sorted(d), d["dir"], d["files"] > 0, d["bytes"] > 0, d["seconds"] >= 0)' <<<"$out")" \
	"['bytes', 'dir', 'files', 'seconds'] $site True True True" "--json prints dir, files, bytes, seconds"
isnt_ino=$(stat -c %i "$site")
[ "$before_ino" != "$isnt_ino" ] && pass "DIR is a new tree, put in place whole" ||
	fail "DIR is a new tree, put in place whole"
is "$(cd "$site" && find . -type f | sed 's|^\.||' | sort)" "$files" "with the same files"
is "$(ls -A "$T_DIR" | grep -c '\.export-')" 0 "nothing is left beside it"

# Someone's folder is not replaced; nor a file; an empty folder is.
mkdir "$T_DIR/data"
echo keep >"$T_DIR/data/notes.txt"
ex export-static "$T_DIR/data"
exits 65 $? "a non-empty folder that is no export is refused (65)"
like "$(err)" "data is not empty and is not an export" "and says why"
is "$(ls -A "$T_DIR/data")" notes.txt "its files are untouched"
echo keep >"$T_DIR/file"
ex export-static "$T_DIR/file"
exits 65 $? "a file is refused (65)"
is "$(cat "$T_DIR/file")" keep "and untouched"
mkdir "$T_DIR/empty"
ex export-static "$T_DIR/empty/" >/dev/null
exits 0 $? "an empty folder is filled"
ok "with an export" test -f "$T_DIR/empty/index.html"
is "$(ls -A "$T_DIR" | grep -c '\.export-')" 0 "nothing is left beside them"

# Settings and the server.
"$ctl" export-static "$T_DIR/x" 2>"$T_DIR/err"
exits 78 $? "no LANTERN_URL: 78"
"$ctl" --url "$T_BASE" export-static 2>"$T_DIR/err"
exits 64 $? "no DIR: 64"
"$ctl" --url "$T_BASE" export-static --key-file /dev/null "$T_DIR/x" 2>"$T_DIR/err"
exits 64 $? "no key option: 64"
port=$(lantern_free_port)
T_PORTS+=("$port")
"$ctl" --url "http://127.0.0.1:$port" --retries 0 export-static "$T_DIR/x" 2>"$T_DIR/err"
exits 69 $? "a server that does not answer: 69"
like "$(err)" "cannot reach http://127.0.0.1:$port" "and says so"
ok "and DIR is not made" test ! -e "$T_DIR/x"
is "$(ls -A "$T_DIR" | grep -c '\.export-')" 0 "nor anything beside it"

# The mirror: a plain nginx serving DIR, nothing else running.
mport=$(lantern_free_port)
T_PORTS+=("$mport")
mkdir -p "$T_DIR/mirror"
cat >"$T_DIR/mirror/nginx.conf" <<EOF
$([ "$(id -u)" -eq 0 ] && echo "user root root;")
worker_processes 1;
pid $T_DIR/mirror/nginx.pid;
error_log $T_DIR/mirror/error.log warn;
events { worker_connections 64; }
http {
	types {
		text/html html;
		text/css css;
		text/javascript js;
		image/svg+xml svg;
		application/json json;
		application/rss+xml rss;
		application/atom+xml atom;
		text/calendar ics;
	}
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path $T_DIR/mirror/body;
	proxy_temp_path $T_DIR/mirror/proxy;
	fastcgi_temp_path $T_DIR/mirror/fastcgi;
	uwsgi_temp_path $T_DIR/mirror/uwsgi;
	scgi_temp_path $T_DIR/mirror/scgi;
	server {
		listen 127.0.0.1:$mport;
		root $site;
		location / {
			try_files \$uri \$uri/index.html =404;
		}
	}
}
EOF
nginx -c "$T_DIR/mirror/nginx.conf" -e "$T_DIR/mirror/error.log" -g 'daemon off;' \
	</dev/null >>"$T_DIR/mirror.log" 2>&1 &
T_PIDS+=($!)
t_until 5 lantern_port_busy "$mport" || fail "the mirror's nginx starts"
M=http://127.0.0.1:$mport

lantern_stop "$T_APP_PID"
lantern_pg_stop "$T_PG_DIR"
T_PG_DIR=
ok "the program is stopped" sh -c "! kill -0 $T_APP_PID 2>/dev/null"

mirror() {	# mirror PATH TYPE FILE DESCRIPTION
	T_NO_SYNC=1 t_get "$M$1"
	if [ "$T_STATUS" = 200 ] && [ "$(t_header content-type)" = "$2" ] &&
		cmp -s "$T_DIR/body" "$site$3"; then
		pass "$4"
	else
		fail "$4" "$1: HTTP $T_STATUS, $(t_header content-type)"
	fi
}
oldest=$(ls "$site/history" | grep -E '^[0-9]{4}-[0-9]{2}$' | sort | head -n 1)
mirror / text/html /index.html "the mirror serves / with the database gone"
mirror "/incidents/$first" text/html "/incidents/$first/index.html" "an incident page"
mirror "/incidents/$maint.json" application/json "/incidents/$maint.json" "a maintenance's JSON"
mirror /api/v2/summary.json application/json /api/v2/summary.json "/api/v2/summary.json"
mirror /history.rss application/rss+xml /history.rss "/history.rss"
mirror /history.atom application/atom+xml /history.atom "/history.atom"
mirror /maintenance.ics text/calendar /maintenance.ics "/maintenance.ics"
mirror /static/lantern.css text/css /static/lantern.css "the stylesheet"
mirror "/history/$oldest/" text/html "/history/$oldest/index.html" "an old quarter of history"
mirror "$cursor/" text/html "$cursor/index.html" "the busy quarter's cursor page"
like "$T_BODY" "Old incident 1<" "which holds the quarter's oldest notices"

# Every history link of every page answers, but the one to the quarter
# before the oldest exported (nothing there: the export stops at it).
links=$(cat "$site"/index.html "$site"/incidents/*/index.html "$site"/history/index.html \
	"$site"/history/*/index.html "$site"/history/*/*/index.html |
	grep -o 'href="/history[^".]*"' | sed 's/^href="//; s/"$//' | sort -u)
bad=
for l in $links; do
	s=$(curl -s -o /dev/null -w '%{http_code}' "$M$l")
	[ "$s" = 200 ] || bad="$bad $l:$s"
done
is "$(wc -w <<<"$links")" "$(($(ls -d "$site"/history/*/ "$site"/history/*/*/ | wc -l) + 2))" \
	"the pages link every history page exported, and one more"
before_oldest=$($PY -c "y, m = map(int, '$oldest'.split('-')); k = y * 12 + m - 4; print('%04d-%02d' % (k // 12, k % 12 + 1))")
is "$bad" " /history/$before_oldest/:404" \
	"each answers 200 from the mirror, but the quarter before the oldest"
t_done
