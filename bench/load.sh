#!/usr/bin/env bash
# bench/load.sh: how many requests a second the read path answers, through
# nginx, on this machine.  Not a test: numbers to compare between commits.
#
# usage: bench/load.sh [SECONDS] [CONNECTIONS]   (defaults 10 and 32)
# Builds in build-bench/ without sanitizers, starts a private PostgreSQL
# with the demo data, the program and nginx on free loopback ports, runs
# wrk (Debian package wrk) against the public pages and API, stops all.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/script/lib.sh"

seconds=${1:-10}
conns=${2:-32}
command -v wrk >/dev/null || lantern_die "wrk is missing (apt-get install wrk)"
lantern_install_packages
lantern_build "$top/build-bench"
export LANTERN_CTL=$top/build-bench/lanternctl

dir=$(mktemp -d /tmp/lantern-bench.XXXXXX)
chmod 755 "$dir"
pids=()
cleanup() {
	lantern_stop "${pids[@]}"
	lantern_free_ports_release ${http:-} ${https:-}
	lantern_pg_stop "$dir/pg"
	rm -rf "$dir"
}
trap cleanup EXIT

LANTERN_PG_UNSAFE_FAST=1 lantern_pg_start "$dir/pg" >/dev/null
lantern_db_setup "$(lantern_pg_url "$dir/pg" owner)" --demo
http=$(lantern_free_port)
https=$(lantern_free_port)
LANTERN_DATABASE_URL=$(lantern_pg_url "$dir/pg" reader) \
LANTERN_WRITE_DATABASE_URL=$(lantern_pg_url "$dir/pg" writer) LANTERN_BASE_URL=http://127.0.0.1:$http \
LANTERN_SOCKET=$dir/app.sock LANTERN_WORKERS=${LANTERN_WORKERS:-8} \
	"$top/build-bench/lantern" </dev/null 2>"$dir/app.log" &
pids+=($!)
lantern_wait_for_socket "$dir/app.sock" 10 "${pids[-1]}" || lantern_die "the program did not start"
lantern_tls_cert "$dir/tls"
lantern_nginx_render "$dir/nginx" "$dir/app.sock" "$http" "$https" "$dir/tls"
nginx -c "$dir/nginx/nginx.conf" -e "$dir/nginx/nginx-error.log" -g 'daemon off;' </dev/null &
pids+=($!)
sleep 1

printf '%-34s %12s %12s %10s\n' path requests/s "latency p99" errors
for path in / /history "/history?from=2026-01" /incidents/1 /api/v2/summary.json \
	/api/v2/incidents.json /history.atom /healthz; do
	out=$(wrk -t2 -c"$conns" -d"${seconds}s" --latency "http://127.0.0.1:$http$path")
	rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
	p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
	errs=$(awk '/Non-2xx/ { print $5 }' <<<"$out")
	printf '%-34s %12s %12s %10s\n' "$path" "$rps" "$p99" "${errs:-0}"
done
