# script/lib.sh: shared by script/server, script/test and the tests in t/:
# packages, build, a private PostgreSQL, the database and a private nginx.
# Source it; every function prints its errors and returns non-zero.

LANTERN_PG_BIN=${LANTERN_PG_BIN:-/usr/lib/postgresql/15/bin}

# Debian packages the build and the program need.
LANTERN_PACKAGES="build-essential autoconf automake pkg-config libfcgi-dev libcmark-dev
libpq-dev libjson-c-dev libssl-dev libcurl4-openssl-dev zlib1g-dev libsodium-dev postgresql postgresql-client nginx-light openssl curl
procps iproute2"
# And what only the tests need: a browser, Java for the HTML checker, and
# clang with its libFuzzer runtime for the fuzz targets (t/fuzz.t; Debian 12's
# clang is clang-14, whose runtime is libclang-rt-14-dev), and a real SMTP
# server for lantern-notify's tests (aiosmtpd).
LANTERN_TEST_PACKAGES="chromium default-jre-headless perl python3 python3-feedparser python3-icalendar
systemd clang libclang-rt-dev python3-aiosmtpd"

lantern_die() {
	echo "lantern: $*" >&2
	exit 1
}

# lantern_install_packages [MORE...]: installs what is missing of
# LANTERN_PACKAGES and MORE; without root, says the exact command instead.
lantern_install_packages() {
	local missing=() p
	for p in $LANTERN_PACKAGES "$@"; do
		dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null |
			grep -qx installed || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "lantern: these Debian packages are missing; as root, run:" >&2
		echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
		return 1
	fi
	echo "lantern: installing ${missing[*]}" >&2
	# Keep packages from starting system services (nginx on port 80, a
	# second PostgreSQL): Lantern runs its own, on loopback only.
	local policy=/usr/sbin/policy-rc.d had_policy=0
	[ -e "$policy" ] && had_policy=1
	if [ $had_policy -eq 0 ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod 755 "$policy"
	fi
	local rc=0
	{ apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "${missing[@]}"; } </dev/null >&2 || rc=$?
	[ $had_policy -eq 0 ] && rm -f "$policy"
	return $rc
}

# The source tree's configure, made again when configure.ac or Makefile.am is newer.
_lantern_autoreconf() {
	local src=$1
	if [ ! -x "$src/configure" ] || [ "$src/configure.ac" -nt "$src/configure" ] ||
		[ "$src/Makefile.am" -nt "$src/Makefile.in" ]; then
		(cd "$src" && autoreconf -fi) >&2 || return 1
	fi
}

# lantern_build BUILD_DIR [configure options...]: configure once, then make.
lantern_build() {
	local src build=$1
	shift
	src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	_lantern_autoreconf "$src" || return 1
	mkdir -p "$build"
	if [ ! -f "$build/Makefile" ] || [ "$build/config.status" -ot "$src/configure" ] ||
		[ "$*" != "$(cat "$build/.lantern-configure-args" 2>/dev/null)" ]; then
		(cd "$build" && "$src/configure" -q "$@") >&2 || return 1
		printf '%s' "$*" >"$build/.lantern-configure-args"
	fi
	make -C "$build" -s -j"$(nproc)" >&2
}

# lantern_fuzz_missing: succeeds, printing nothing, if clang can build a
# libFuzzer target with ASan and UBSan; else fails and says what is missing.
lantern_fuzz_missing() {
	local dir rc=0
	if ! command -v clang >/dev/null 2>&1; then
		echo "clang is not installed (Debian: apt-get install clang libclang-rt-dev)"
		return 1
	fi
	dir=$(mktemp -d "${TMPDIR:-/tmp}/lantern-fuzz-probe.XXXXXX") || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return d && n ? 0 : 0; }' \
		>"$dir/probe.c"
	clang -fsanitize=fuzzer,address,undefined -o "$dir/probe" "$dir/probe.c" \
		>"$dir/log" 2>&1 || rc=$?
	[ $rc -eq 0 ] || echo "clang cannot link -fsanitize=fuzzer: the libFuzzer runtime is missing (Debian: apt-get install libclang-rt-dev)"
	rm -rf "$dir"
	return $rc
}

# lantern_fuzz_build BUILD_DIR: every fuzz target (fuzz/fuzz-NAME.c), built
# by clang with --enable-fuzzing in BUILD_DIR (configured once, then kept);
# prints their paths, one a line.
lantern_fuzz_build() {
	local src build=$1 f targets=()
	src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	_lantern_autoreconf "$src" || return 1
	mkdir -p "$build"
	if [ ! -f "$build/Makefile" ] || [ "$build/config.status" -ot "$src/configure" ]; then
		(cd "$build" && CC=clang "$src/configure" -q --enable-fuzzing) >&2 || return 1
	fi
	for f in "$src"/fuzz/fuzz-*.c; do
		targets+=("fuzz/$(basename "$f" .c)")
	done
	make -C "$build" -s -j"$(nproc)" "${targets[@]}" >&2 || return 1
	printf "$build/%s\n" "${targets[@]}"
}

# lantern_fuzz_run TARGET RUNS DIR: runs the fuzz target TARGET (a path
# ending in fuzz/fuzz-NAME) RUNS times, starting from the seeds in
# fuzz/corpus/NAME.  What it finds stays in DIR/NAME (corpus, crashes,
# log), never in the source tree.  Prints one line, "NAME: N runs passed in
# S s" or "NAME: FAILED after N runs: <the crashing inputs>", and fails
# with the fuzzer if it found anything.
lantern_fuzz_run() {
	local src target=$1 runs=$2 dir=$3 name out rc=0 start done crashes
	src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	name=${target##*/fuzz-}
	out=$dir/$name
	mkdir -p "$out/corpus" "$out/crashes"
	start=$SECONDS
	# New inputs go to the first folder, out of the tree; the seeds are read.
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:handle_sigill=1:handle_abort=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$target" -runs="$runs" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$out/crashes/" "$out/corpus" "$src/fuzz/corpus/$name" \
		>"$out/log" 2>&1 </dev/null || rc=$?
	done=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -n 1)
	# A crash ends without the final stats: the last progress line says.
	[ -n "$done" ] || done=$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$out/log" | tail -n 1)
	crashes=$(find "$out/crashes" -type f | sort | tr '\n' ' ')
	if [ $rc -eq 0 ] && [ -z "$crashes" ]; then
		echo "$name: ${done:-0} runs passed in $((SECONDS - start)) s"
		return 0
	fi
	echo "$name: FAILED after ${done:-?} runs (exit $rc): ${crashes:-no input kept; see $out/log}"
	return 1
}

# Runs a PostgreSQL command as the cluster's owner: postgres refuses root.
lantern_pg_run() {
	if [ "$(id -u)" -eq 0 ]; then
		# From /, as the caller's folder may be closed to postgres.
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# lantern_pg_start DIR: a private cluster in DIR/data, listening only on a
# unix socket in DIR, with the database "lantern" and its roles (see
# lantern_pg_roles).  Prints the URL of the cluster's superuser, for set-up
# and tests: peer authentication lets only the cluster's system user and
# root in as it.  Every other role needs its password (SCRAM), kept in
# DIR/owner.pgpass and DIR/app.pgpass (mode 0600); lantern_pg_url names them.
# Durable, as any data worth a status page must be; LANTERN_PG_UNSAFE_FAST=1
# (tests and benchmarks only, whose data is thrown away) turns fsync off.
lantern_pg_start() {
	local dir=$1 fast= su
	[ "${LANTERN_PG_UNSAFE_FAST:-}" = 1 ] && fast="-c fsync=off"
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres "$dir"
		runuser -u postgres -- test -w "$dir" ||
			lantern_die "the postgres user cannot write to $dir (a parent folder is not open to it); set LANTERN_DATABASE_URL to an existing database instead"
	fi
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		lantern_pg_run "$LANTERN_PG_BIN/initdb" -D "$dir/data" -U postgres \
			--auth-local=peer --auth-host=reject -E UTF8 --locale=C.UTF-8 \
			>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
		echo postgres >"$dir/superuser"
	fi
	# Clusters made before the roles were split have "lantern" as superuser.
	[ -s "$dir/superuser" ] || echo lantern >"$dir/superuser"
	su=$(cat "$dir/superuser")
	lantern_pg_hba "$dir" "$su" || return 1
	lantern_pg_run "$LANTERN_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir' $fast" \
		-w -t 60 start >/dev/null </dev/null ||
		{ tail -n 20 "$dir/postgresql.log" >&2; return 1; }
	lantern_pg_roles "$dir" "$su" || return 1
	echo "postgresql:///lantern?host=$dir&user=$su"
}

# lantern_pg_hba DIR SUPERUSER: who may connect, written anew at every start
# (a cluster made before trusted everyone on its socket).
lantern_pg_hba() {
	local dir=$1 su=$2
	{
		echo "# Written by script/lib.sh at every start."
		echo "local all $su peer map=lantern_admin"
		echo "local all all scram-sha-256"
	} >"$dir/data/pg_hba.conf" || return 1
	{
		echo "lantern_admin postgres $su"
		echo "lantern_admin root $su"
		[ "$(id -u)" -eq 0 ] || echo "lantern_admin $(id -un) $su"
	} >"$dir/data/pg_ident.conf"
}

# _lantern_pg_password PASSFILE ROLE: ROLE's password, made and kept in
# PASSFILE (mode 0600) the first time.
_lantern_pg_password() {
	local file=$1 role=$2 pw
	pw=$(sed -n "s/^\*:\*:\*:$role://p" "$file" 2>/dev/null)
	if [ -z "$pw" ]; then
		pw=$(openssl rand -hex 24) || return 1
		(umask 077 && printf '*:*:*:%s:%s\n' "$role" "$pw" >>"$file") || return 1
	fi
	printf '%s' "$pw"
}

# lantern_pg_roles DIR SUPERUSER: the roles lantern_owner (owns the database,
# runs the migrations), lantern_writer and lantern_reader (the program's; what
# each may do is sql/migrations/0009_roles.sql) and lantern_notify
# (lantern-notify's, 0014), made if missing, with their passwords; and the
# database "lantern", owned by lantern_owner.
lantern_pg_roles() {
	local dir=$1 su=$2 owner writer reader notify
	owner=$(_lantern_pg_password "$dir/owner.pgpass" lantern_owner) &&
		writer=$(_lantern_pg_password "$dir/app.pgpass" lantern_writer) &&
		reader=$(_lantern_pg_password "$dir/app.pgpass" lantern_reader) &&
		notify=$(_lantern_pg_password "$dir/app.pgpass" lantern_notify) || return 1
	# On stdin, not in psql's arguments, which every user may list.
	lantern_pg_run "$LANTERN_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U "$su" \
		-d postgres >/dev/null <<SQL || return 1
SELECT format('CREATE ROLE %I', r)
  FROM unnest(ARRAY['lantern_owner', 'lantern_writer', 'lantern_reader', 'lantern_notify']) r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
ALTER ROLE lantern_owner LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '$owner';
ALTER ROLE lantern_writer LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '$writer';
ALTER ROLE lantern_reader LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '$reader';
ALTER ROLE lantern_notify LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '$notify';
SELECT 'CREATE DATABASE lantern OWNER lantern_owner'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'lantern') \gexec
ALTER DATABASE lantern OWNER TO lantern_owner;
SQL
	# A database made before the split: its objects go to the owner.
	lantern_pg_run "$LANTERN_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U "$su" \
		-d lantern <"$(dirname "${BASH_SOURCE[0]}")/../sql/own.sql" >/dev/null
}

# lantern_pg_url DIR ROLE: the URL of the private cluster's database "lantern"
# as ROLE (owner, writer, reader or notify), its password in a pgpass file.
lantern_pg_url() {
	local dir=$1 role=$2 pass=app.pgpass
	dir=$(cd "$dir" && pwd)
	[ "$role" = owner ] && pass=owner.pgpass
	echo "postgresql:///lantern?host=$dir&user=lantern_$role&passfile=$dir/$pass"
}

lantern_pg_stop() {
	local dir=$1
	[ -f "$dir/data/postmaster.pid" ] || return 0
	lantern_pg_run "$LANTERN_PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop \
		>/dev/null </dev/null
}

# lantern_ctl ARGS...: the built lanternctl.  LANTERN_CTL names it (script/server,
# script/test and t/lib.sh set it from their build folder); else it is looked
# up in PATH.
lantern_ctl() {
	local ctl=${LANTERN_CTL:-lanternctl}
	command -v "$ctl" >/dev/null || {
		echo "lantern: no lanternctl at '$ctl' (build first, or set LANTERN_CTL)" >&2
		return 1
	}
	"$ctl" "$@" </dev/null
}

# lantern_db_setup URL [--demo]: schema up to date (this tree's migrations);
# demo data loaded once.
lantern_db_setup() {
	local src url=$1 demo=${2:-}
	src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	lantern_ctl --database-url "$url" migrate --dir "$src/sql/migrations" >&2 ||
		return 1
	if [ "$demo" = --demo ] &&
		[ "$(psql -X -q -d "$url" -tAc 'SELECT count(*) FROM pages' </dev/null)" = 0 ]; then
		psql -X -q -v ON_ERROR_STOP=1 -d "$url" -f "$src/sql/demo.sql" \
			</dev/null >/dev/null || return 1
		echo "lantern: demo data loaded" >&2
	fi
}

# lantern_token_create URL NAME: a new random operator key on stdout; the
# database keeps only its SHA-256.
lantern_token_create() {
	lantern_ctl --database-url "$1" token create -- "$2"
}

# lantern_tls_cert DIR: a self-signed certificate for 127.0.0.1, made once.
lantern_tls_cert() {
	local dir=$1
	[ -f "$dir/tls.crt" ] && [ -f "$dir/tls.key" ] && return 0
	mkdir -p "$dir"
	(umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
		-nodes -days 825 -subj "/CN=127.0.0.1" \
		-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
		-keyout "$dir/tls.key" -out "$dir/tls.crt") </dev/null >/dev/null 2>&1 ||
		lantern_die "openssl could not make a certificate in $dir"
}

# lantern_nginx_render RUN_DIR SOCKET HTTP_PORT HTTPS_PORT TLS_DIR: writes
# RUN_DIR/nginx.conf and its pieces, and checks them with nginx -t.  Started
# as root, nginx's workers run as LANTERN_NGINX_USER (script/server's
# unprivileged user; the tests' default is root, whose checkout may be
# closed to others) and serve LANTERN_WWW_DIR (default: the checkout's www/).
# nginx serves the program's public files from LANTERN_PUBLIC_DIR (default
# RUN_DIR/public). Plain HTTP serves loopback clients; LANTERN_PLAIN_HTTP_LOOPBACK=0 sends
# them to HTTPS like everyone else, as a test must to see that.
lantern_nginx_render() {
	local src run=$1 sock=$2 http=$3 https=$4 tls=$5 f user_line="" www
	local loopback="127.0.0.0/8 0; ::1 0;" port_suffix=":$4"
	src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	www=${LANTERN_WWW_DIR:-$src/www}
	mkdir -p "$run"
	[ "${LANTERN_PLAIN_HTTP_LOOPBACK:-1}" = 0 ] && loopback=""
	[ "$https" = 443 ] && port_suffix=""
	if [ "$(id -u)" -eq 0 ]; then
		user_line="user ${LANTERN_NGINX_USER:-root} $(id -gn "${LANTERN_NGINX_USER:-root}");"
	fi
	for f in "$src"/nginx/*; do
		case $f in
		*.in)
			sed -e "s|@USER_LINE@|$user_line|" -e "s|@RUN_DIR@|$run|g" \
				-e "s|@NGINX_DIR@|$run|g" -e "s|@SOCKET@|$sock|g" \
				-e "s|@LISTEN_HTTP@|127.0.0.1:$http|g" \
				-e "s|@LISTEN_HTTPS@|127.0.0.1:$https|g" \
				-e "s|@WWW_DIR@|$www|g" -e "s|@TLS_CERT@|$tls/tls.crt|g" \
				-e "s|@TLS_KEY@|$tls/tls.key|g" -e "s|@PLAIN_HTTP_LOOPBACK@|$loopback|g" \
				-e "s|@HTTPS_PORT_SUFFIX@|$port_suffix|g" \
				-e "s|@PUBLIC_DIR@|${LANTERN_PUBLIC_DIR:-$run/public}|g" \
				"$f" >"$run/$(basename "${f%.in}")" ;;
		*) cp "$f" "$run/" ;;
		esac
	done
	nginx -q -t -c "$run/nginx.conf" -e "$run/nginx-error.log" >&2
}

# lantern_system_user NAME: the system user NAME (and its group), made if
# missing: what script/server runs the program and nginx's workers as.
lantern_system_user() {
	id -u "$1" >/dev/null 2>&1 && return 0
	echo "lantern: creating the system user $1" >&2
	useradd --system --user-group --no-create-home --home-dir /nonexistent \
		--shell /usr/sbin/nologin "$1"
}

# lantern_user_reaches USER PATH...: true if USER may read each PATH (and
# search it, for a folder): every parent folder must be open to it.
lantern_user_reaches() {
	local user=$1 p
	shift
	for p in "$@"; do
		(cd / && runuser -u "$user" -- test -r "$p" -a \( -f "$p" -o -x "$p" \)) ||
			return 1
	done
}

# True if something accepts connections on 127.0.0.1:PORT.
lantern_port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A port nobody listens on, for a test's own server.
#
# Ports come from below the kernel's ephemeral range, so no client socket
# can hold one by chance, and each is reserved with an atomic mkdir, so
# tests running side by side never pick the same; lantern_free_ports_release
# gives them back.
lantern_free_port() {
	local port i low=20000 high
	high=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
	[ "$high" -gt $((low + 1000)) ] || { low=10000; high=20000; }
	for i in $(seq 200); do
		port=$((low + RANDOM % (high - low)))
		lantern_port_busy "$port" && continue
		mkdir "${TMPDIR:-/tmp}/lantern-port.$port" 2>/dev/null || continue
		echo "$port"
		return 0
	done
	return 1
}

# lantern_free_ports_release PORT...: the reservations of lantern_free_port.
lantern_free_ports_release() {
	local port
	for port in "$@"; do
		rmdir "${TMPDIR:-/tmp}/lantern-port.$port" 2>/dev/null
	done
	return 0
}

# lantern_link_key FILE [USER]: the key that signs subscribers' confirm,
# manage and unsubscribe links (LANTERN_LINK_KEY_FILE): 32 random bytes,
# made once and kept (a new key voids every link sent), mode 0600, owned by
# USER if given.
lantern_link_key() {
	local file=$1 user=${2-}
	if [ ! -s "$file" ]; then
		(umask 077 && head -c 32 /dev/urandom >"$file.tmp" && mv "$file.tmp" "$file") ||
			return 1
	fi
	chmod 600 "$file" || return 1
	[ -z "$user" ] || chown "$user" "$file"
}

# True while PID runs (a zombie, dead but not yet waited for, does not).
lantern_alive() {
	local state
	state=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$state" ] && [ "$state" != Z ]
}

# lantern_wait_for_socket PATH SECONDS PID: until PID accepts connections on
# the unix socket PATH (a file left by a crash does not count); fails as
# soon as PID has exited.
lantern_wait_for_socket() {
	local i
	for i in $(seq $(($2 * 10))); do
		lantern_alive "$3" || return 1
		perl -MIO::Socket::UNIX -e \
			'IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $ARGV[0]) or exit 1' \
			"$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# lantern_stop PID...: SIGTERM, then SIGKILL for whatever still runs after 10 s.
lantern_stop() {
	local p i
	for p in "$@"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "$@"; do
		for i in $(seq 100); do lantern_alive "$p" || break; sleep 0.1; done
		kill -KILL "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	return 0
}

# Node.js and npm for the browser tests (t/browser.t): the machine's own if
# it is Node.js 18 or newer, else Debian's nodejs and npm.  Without root it
# says the exact command instead.
lantern_ensure_node() {
	local major
	if command -v node >/dev/null && command -v npm >/dev/null; then
		major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)
		[ "${major:-0}" -ge 18 ] && return 0
		echo "lantern: node $(node --version) is too old (18 or newer needed)" >&2
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "lantern: Node.js 18 or newer with npm is missing; as root, run:" >&2
		echo "  apt-get update && apt-get install -y nodejs npm" >&2
		return 1
	fi
	echo "lantern: installing nodejs npm" >&2
	{ apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends nodejs npm; } </dev/null >&2 || return 1
	major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)
	[ "${major:-0}" -ge 18 ] || { echo "lantern: Debian's nodejs is older than 18" >&2; return 1; }
}
