# http-healthz.t: /healthz says whether the database answers, and its schema.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

t_get "$T_BASE/healthz"
is "$T_STATUS" 200 "/healthz is 200"
is "$(t_header content-type)" application/json "in JSON"
is "$(t_header cache-control)" no-store "never cached"
# The newest migration's number, not their count: numbers may have gaps.
want=$(ls "$LANTERN_SRCDIR"/sql/migrations/ | sed -n 's/^0*\([0-9][0-9]*\)_.*\.sql$/\1/p' | sort -n | tail -n 1)
version=$(t_psql -c 'SELECT version FROM pages')
like "$T_BODY" "^\{\"status\":\"ok\",\"database\":\"reachable\",\"schema_version\":$want,\"snapshot\":\{\"version\":$version,\"age_seconds\":[0-9]+,\"confirmed_seconds_ago\":[0-2],\"stale\":false\}\}\$" \
	"database reachable, schema at the newest migration, pages served from its latest version"
t_done
