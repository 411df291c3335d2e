# t/lib.sh: TAP helpers and the real servers a test runs against.
# A test sources this, starts what it needs (t_start_pg, t_start_app,
# t_start_nginx) and everything is stopped and removed when it exits.
# Its last line is t_done: a test that stops before it fails (see t_done).
set -uo pipefail

: "${LANTERN_SRCDIR:?run the tests with make check}"
: "${LANTERN_BIN:?run the tests with make check}"
. "$LANTERN_SRCDIR/script/lib.sh"
# The lanternctl of the build under test (lantern_db_setup runs it), whatever
# the caller's environment says.
LANTERN_CTL=$(dirname "$LANTERN_BIN")/lanternctl

T_DIR=$(mktemp -d /tmp/lantern-test.XXXXXX)
chmod 755 "$T_DIR"
T_PIDS=()
T_PORTS=()	# more ports a test reserved with lantern_free_port
T_PG_DIR=
_t_n=0
_t_failed=0
_t_done=

# Every program a test starts signs subscribers' links with this key.
lantern_link_key "$T_DIR/link.key"
export LANTERN_LINK_KEY_FILE=$T_DIR/link.key

# A test's database is thrown away: no fsync (script/server's is durable).
export LANTERN_PG_UNSAFE_FAST=1

# Sanitizer reports go to a file per process, so a test can look for them.
export ASAN_OPTIONS="abort_on_error=0:log_path=$T_DIR/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$T_DIR/ubsan"

_t_cleanup() {
	local rc=$? f
	# The plan is printed here, from the count: a script that stopped early
	# (an unbound variable under set -u, a command that killed the shell)
	# would pass with fewer checks, so not reaching t_done is a failure.
	if [ -z "$_t_done" ]; then
		echo "not ok $((++_t_n)) - the test ran to its end (t_done)"
		echo "#   it stopped after check $((_t_n - 1)) with exit status $rc"
		_t_failed=$((_t_failed + 1))
	fi
	lantern_stop "${T_PIDS[@]}"
	lantern_free_ports_release ${T_HTTP:-} ${T_HTTPS:-} "${T_PORTS[@]}"
	[ -n "$T_PG_DIR" ] && lantern_pg_stop "$T_PG_DIR"
	# Anything a sanitizer found is a failure, even if every check passed.
	for f in "$T_DIR"/asan.* "$T_DIR"/ubsan.*; do
		[ -e "$f" ] || continue
		echo "# sanitizer report $f:"
		sed 's/^/#   /' "$f"
		echo "not ok $((++_t_n)) - no sanitizer reports"
		_t_failed=$((_t_failed + 1))
	done
	echo "1..$_t_n"
	if [ $_t_failed -ne 0 ]; then
		for f in "$T_DIR"/*.log "$T_DIR"/nginx/nginx-error.log "$T_DIR"/pg/postgresql.log; do
			[ -s "$f" ] || continue
			echo "# --- $f"
			tail -n 30 "$f" | sed 's/^/#   /'
		done
	fi
	rm -rf "$T_DIR"
	exit $((_t_failed > 0))
}
trap _t_cleanup EXIT

pass() { echo "ok $((++_t_n)) - $1"; }
fail() {
	echo "not ok $((++_t_n)) - $1"
	_t_failed=$((_t_failed + 1))
	shift
	local line
	for line in "$@"; do echo "#   $line"; done
}

# ok DESCRIPTION COMMAND...: passes if the command succeeds.
ok() {
	local desc=$1
	shift
	if "$@"; then pass "$desc"; else fail "$desc" "command failed: $*"; fi
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" == "$2" ]; then pass "$3"; else fail "$3" "got:      '$1'" "expected: '$2'"; fi
}

# like GOT EXTENDED-REGEX DESCRIPTION.  grep reads a here-string, not a
# pipe: grep -q stops at the first match, and with pipefail the writer's
# SIGPIPE would turn a match into a failure.
like() {
	if grep -Eq -- "$2" <<<"$1"; then pass "$3"
	else fail "$3" "'$(printf '%s' "$1" | head -c 300)'" "does not match /$2/"; fi
}

# unlike GOT EXTENDED-REGEX DESCRIPTION
unlike() {
	if grep -Eq -- "$2" <<<"$1"; then
		fail "$3" "'$(printf '%s' "$1" | head -c 300)'" "matches /$2/"
	else pass "$3"; fi
}

# like_text GOT EXTENDED-REGEX DESCRIPTION: like, with GOT as one text:
# newlines in GOT and in the pattern are characters to match (like hands
# the pattern to grep, which takes each of its lines as an alternative),
# and ^ and $ are the ends of the text.
like_text() {
	if [[ $1 =~ $2 ]]; then pass "$3"
	else fail "$3" "'$(printf '%s' "$1" | head -c 300)'" "does not match /$2/ (as one text)"; fi
}

diag() { echo "# $*"; }

# t_done: the last line of every test.  The plan is counted at exit; a test
# that did not get here (it stopped early) fails however many checks passed.
t_done() { _t_done=1; }

# A private PostgreSQL with the schema and the demo data: sets T_DB_URL (the
# cluster's superuser, for the tests' own look and change), and the URLs of
# the roles: T_OWNER_URL (migrations, demo data), T_WRITE_URL and T_READ_URL
# (the program's).
t_start_pg() {
	T_PG_DIR=$T_DIR/pg
	T_DB_URL=$(lantern_pg_start "$T_PG_DIR") || { fail "PostgreSQL starts"; exit 1; }
	T_OWNER_URL=$(lantern_pg_url "$T_PG_DIR" owner)
	T_WRITE_URL=$(lantern_pg_url "$T_PG_DIR" writer)
	T_READ_URL=$(lantern_pg_url "$T_PG_DIR" reader)
	lantern_db_setup "$T_OWNER_URL" --demo 2>"$T_DIR/setup.log" ||
		{ fail "schema and demo data load"; exit 1; }
}

t_psql() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$T_DB_URL" -tA "$@" </dev/null
}

# t_fan_out: queued events made into their deliveries, as lantern-notify
# does before it claims (sql/migrations/0019_outbox_fan_out.sql).
t_fan_out() {
	t_psql -c "SELECT lantern_fan_out(1000)" >/dev/null
}

# t_partial_day NAME: component NAME had 45 minutes of partial outage two
# days ago (from 10:00 of that day in the database's zone).
t_partial_day() {
	t_psql -c "
	INSERT INTO component_status_changes (component_id, status, changed_at)
	SELECT id, s, t FROM components,
	       (VALUES ('partial_outage'::component_status, date_trunc('day', now()) - interval '2 days' + interval '10 hours'),
	               ('operational', date_trunc('day', now()) - interval '2 days' + interval '10 hours 45 minutes')) v(s, t)
	 WHERE name = '${1//\'/\'\'}'" >/dev/null
}

# The FastCGI program on its own socket: sets T_SOCK and T_APP_PID.
t_start_app() {
	T_SOCK=$T_DIR/app.sock
	LANTERN_DATABASE_URL=${T_READ_URL:-postgresql:///nowhere?host=$T_DIR} \
	LANTERN_WRITE_DATABASE_URL=${T_WRITE_URL:-} \
	LANTERN_BASE_URL=http://127.0.0.1:${T_HTTP:-8080} \
	LANTERN_SOCKET=$T_SOCK \
	LANTERN_PUBLIC_DIR=${T_PUBLIC_DIR-$T_DIR/public} \
	LANTERN_WORKERS=${T_WORKERS:-4} \
	LANTERN_POLL_SECONDS=${LANTERN_POLL_SECONDS:-2} \
	LANTERN_REQUEST_MEMORY_MB=${LANTERN_REQUEST_MEMORY_MB:-32} \
		"$LANTERN_BIN" ${T_APP_ARGS:-} </dev/null >>"$T_DIR/app.log" 2>&1 &
	T_APP_PID=$!
	T_PIDS+=("$T_APP_PID")
	lantern_wait_for_socket "$T_SOCK" 10 "$T_APP_PID" || { fail "the program starts"; exit 1; }
}

# nginx in front of the program on free ports: sets T_HTTP, T_HTTPS, T_BASE.
t_start_nginx() {
	lantern_tls_cert "$T_DIR/tls"
	LANTERN_PUBLIC_DIR=${T_PUBLIC_DIR-$T_DIR/public} \
		lantern_nginx_render "$T_DIR/nginx" "$T_SOCK" "$T_HTTP" "$T_HTTPS" "$T_DIR/tls" ||
		{ fail "nginx configuration is valid"; exit 1; }
	nginx -c "$T_DIR/nginx/nginx.conf" -e "$T_DIR/nginx/nginx-error.log" \
		-g 'daemon off;' </dev/null >>"$T_DIR/nginx.log" 2>&1 &
	T_PIDS+=($!)
	local i
	for i in $(seq 50); do
		lantern_port_busy "$T_HTTP" && lantern_port_busy "$T_HTTPS" && break
		sleep 0.1
	done
	T_BASE=http://127.0.0.1:$T_HTTP
}

# Everything: database, program, nginx.
t_start_all() {
	T_HTTP=$(lantern_free_port)
	T_HTTPS=$(lantern_free_port)
	t_start_pg
	t_start_app
	t_start_nginx
}

# t_sync: once the database has changed, waits (3 s at most) until the
# program serves a snapshot of its latest version (and its public files
# hold it), then for nginx's
# microcache to start a new half second, so that what a test just wrote is
# what it reads next.  t_get calls it; T_NO_SYNC=1 turns that off for tests
# that measure the delay themselves.
_t_synced=
t_sync() {
	[ -n "${T_APP_PID:-}" ] && [ -n "${T_DB_URL:-}" ] && [ -n "${T_BASE:-}" ] || return 0
	local v i seen ms
	v=$(psql -X -q -d "$T_DB_URL" -tAc 'SELECT version FROM pages ORDER BY id LIMIT 1' \
		</dev/null 2>/dev/null) || return 0
	[ -n "$v" ] && [ "$v" != "$_t_synced" ] || return 0
	for i in $(seq 60); do
		seen=$(curl -sS --max-time 2 "$T_BASE/healthz" 2>/dev/null |
			sed -n 's/.*"snapshot":{"version":\([0-9]*\).*/\1/p')
		[ "$seen" = "$v" ] && break
		sleep 0.05
	done
	# The program's files (cgi-bin/mirror.h), while nginx is shown them.
	if [ "$(readlink "$T_DIR/public" 2>/dev/null)" = public.files ]; then
		for i in $(seq 60); do
			[ "$(cat "$T_DIR/public.files/.version" 2>/dev/null)" = "$v" ] && break
			sleep 0.05
		done
	fi
	_t_synced=$v
	ms=$(($(date +%s%N) / 1000000 % 500))
	sleep "0.$(printf %03d $((500 - ms + 20 > 999 ? 999 : 500 - ms + 20)))"
}

# t_until SECONDS COMMAND...: runs COMMAND every 0.1 s until it succeeds,
# for SECONDS at most; fails if it never does.
t_until() {
	local i n=$(($1 * 10))
	shift
	for ((i = 0; i < n; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

# t_fresh: GETs / (unsynced); succeeds if the page does not call itself stale.
t_fresh() {
	T_NO_SYNC=1 t_get "$T_BASE/"
	[[ $T_BODY != *'class="stale"'* ]]
}

# t_api METHOD PATH [BODY [curl options...]]: a JSON request to the write
# API with the key in T_KEY.
t_api() {
	local method=$1 path=$2 body=${3-}
	shift 3 2>/dev/null || shift $#
	printf '%s' "$body" >"$T_DIR/req"
	t_get -X "$method" -H "Authorization: OAuth $T_KEY" \
		-H 'Content-Type: application/json' --data-binary "@$T_DIR/req" "$@" "$path"
}

# t_js EXPR: EXPR evaluated on the last JSON body (as d), printed.
t_js() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" <<<"$T_BODY" 2>&1; }

# t_get [curl options...] URL: sets T_STATUS, T_HEADERS (lower-cased names)
# and T_BODY.
t_get() {
	local out=$T_DIR/body hdr=$T_DIR/headers
	[ -n "${T_NO_SYNC:-}" ] || t_sync
	# curl writes no file for an empty body: never read the last one.
	rm -f "$out" "$hdr"
	T_STATUS=$(curl -sS -o "$out" -D "$hdr" -w '%{http_code}' --max-time 10 "$@")
	T_HEADERS=$(tr -d '\r' <"$hdr" | sed 's/^\([^:]*\):/\L\1:/')
	T_BODY=$(cat "$out" 2>/dev/null)
}

# t_header NAME: a header of the last response (name in lower case).
t_header() {
	printf '%s\n' "$T_HEADERS" | sed -n "s/^$1: //p" | tail -n 1
}

# --- the console (/manage/) --------------------------------------------------
# t_person EMAIL PASSWORD [ROLE]: someone who may sign in (lanternctl user add).
t_person() {
	"$LANTERN_CTL" --database-url "$T_OWNER_URL" user add "$1" --role "${3:-editor}" \
		<<<"$2" >/dev/null
}
# t_signin EMAIL PASSWORD: signs in through nginx; T_COOKIE is the session's
# Cookie header, for t_manage.
t_signin() {
	t_get -X POST -H "Origin: http://127.0.0.1:$T_HTTP" --data-urlencode "email=$1" \
		--data-urlencode "password=$2" "$T_BASE/manage/sign-in"
	T_COOKIE="__Host-lantern_session=$(t_header set-cookie |
		sed -n 's/^__Host-lantern_session=\([0-9a-f]\{64\}\);.*/\1/p')"
}
# t_manage PATH [curl options...]: a request of the console in T_COOKIE's
# session, from the console's own origin.
t_manage() {
	local path=$1
	shift
	t_get -H "Cookie: $T_COOKIE" -H "Origin: http://127.0.0.1:$T_HTTP" "$@" \
		"$T_BASE/manage$path"
}
# t_form ACTION: the hidden fields (csrf, once) of the last page's form that
# posts to ACTION (a path under /manage), as curl --data-urlencode options.
t_form() {
	T_FORM_ACTION=$1 /usr/bin/python3 -c '
import html.parser, os, sys
class P(html.parser.HTMLParser):
    form = None; out = []
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "form":
            self.form = a.get("action", "").endswith("/manage" + os.environ["T_FORM_ACTION"])
        elif tag == "input" and self.form and a.get("type") == "hidden":
            self.out += ["--data-urlencode", a["name"] + "=" + a.get("value", "")]
    def handle_endtag(self, tag):
        if tag == "form": self.form = None
p = P(); p.feed(sys.stdin.read())
print("\n".join(p.out[:4]))' <<<"$T_BODY"
}
