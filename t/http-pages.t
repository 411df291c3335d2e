# http-pages.t: the status page and its errors, through the real nginx.
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

t_get "$T_BASE/"
is "$T_STATUS" 200 "GET / is 200"
like "$(t_header content-type)" "^text/html; charset=utf-8" "as UTF-8 HTML"
like "$T_BODY" "<title>VM0</title>" "page name in the title"
like "$T_BODY" "<h1>All Systems Operational</h1>" "overall status banner"
for c in "Web Page" "Runner" "API Service" "Storage"; do
	like "$T_BODY" "<span class=\"name\">$c</span>" "component $c listed"
done
is "$(printf '%s' "$T_BODY" | grep -c 'class="status status-operational">.*Operational</span>')" 4 \
	"each component shows its status in words"
like "$(t_header content-security-policy)" "default-src 'none'" "CSP sent"
unlike "$(t_header content-security-policy)" "unsafe-inline" "CSP allows no inline code"
is "$(t_header x-content-type-options)" nosniff "nosniff sent"
is "$(t_header referrer-policy)" strict-origin-when-cross-origin "referrer policy sent"
is "$(t_header strict-transport-security)" "" "no HSTS over plain HTTP"

# The order of components follows their position.
order=$(printf '%s' "$T_BODY" | sed -n 's/.*<span class="name">\(.*\)<\/span>.*/\1/p' | tr '\n' ,)
is "$order" "Web Page,Runner,API Service,Storage," "components in their order"

# curl would wait for the body HEAD announces; ask by hand instead.
raw=$(exec 3<>"/dev/tcp/127.0.0.1/$T_HTTP" &&
	printf 'HEAD / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && cat <&3 | tr -d '\r')
like "$raw" "^HTTP/1.1 200 OK" "HEAD / is 200"
like "$raw" "Content-Length: [1-9]" "with the length of the page"
is "$(printf '%s\n' "$raw" | sed '1,/^$/d')" "" "and no body"

# A status change in the database shows on the next request.
t_psql -c "UPDATE components SET status = 'major_outage' WHERE name = 'Runner'"
t_get "$T_BASE/"
like "$T_BODY" "<h1>Partial System Outage</h1>" "one component down: partial system outage"
like "$T_BODY" "Major Outage</span>" "Runner shows Major Outage"
t_psql -c "UPDATE components SET status = 'operational' WHERE name = 'Runner'"

# Hostile names are text, never markup.
t_psql -c "UPDATE components SET name = '<script>alert(\"x\")</script> & co' WHERE name = 'Storage'"
t_get "$T_BASE/"
like "$T_BODY" "&lt;script&gt;alert\(\"x\"\)&lt;/script&gt; &amp; co" "hostile name escaped"
unlike "$T_BODY" "<script>" "no script element on the page"
t_psql -c "UPDATE components SET name = 'Storage' WHERE name LIKE '<script>%'"

# A group on / is one row: its worst status, its members in trouble by
# name, one bar; its page has each member with its own bar.
t_psql -c "
	WITH g AS (INSERT INTO component_groups (page_id, name, position)
	           SELECT id, 'Platform', 5 FROM pages RETURNING id, page_id)
	UPDATE components c SET group_id = g.id FROM g
	 WHERE c.page_id = g.page_id AND c.name IN ('Web Page', 'API Service')" >/dev/null
gid=$(t_psql -c "SELECT id FROM component_groups WHERE name = 'Platform'")
t_get "$T_BASE/"
row=$(printf '%s' "$T_BODY" | tr -d '\n' | sed 's/.*<li class="group">//; s/<\/li><\/ul><\/section>.*//')
like "$row" '^<div class="component-head"><span class="name">Platform</span><span class="status status-operational">' \
	"a group all well says Operational"
unlike "$row" 'Web Page|API Service|class="trouble"' "  and names none of its members"
like "$row" 'aria-label="Platform: [0-9.]+% uptime over the last [0-9]+ days"' "  one bar for the group"
like "$row" "<a href=\"/groups/$gid\">2 components, each with its uptime</a>" "  and a link to its page"
unlike "$T_BODY" "<span class=\"name\">Web Page</span>" "its members have no row of their own on /"
order=$(printf '%s' "$T_BODY" | sed -n 's/^<span class="name">\(.*\)<\/span>$/\1/p' | tr '\n' ,)
is "$order" "Platform,Runner,Storage," "the group sits at its position"
# A member's outage two days ago: the group's bar has that day, in the
# colour of the worst of it, and its uptime counts it.
t_partial_day 'API Service'
t_get "$T_BASE/"
row=$(printf '%s' "$T_BODY" | tr -d '\n' | sed 's/.*<li class="group">//; s/<\/li><\/ul><\/section>.*//')
like "$row" '<i class="ok s[0-9]+"></i><i class="partial"></i><i class="ok s2"></i></div>' \
	"  its bar has the day a member was down, in colour alone"
like "$row" 'aria-label="Platform: 99\.[0-9]+% uptime' "  and its uptime counts it"
t_get "$T_BASE/groups/$gid"
is "$T_STATUS" 200 "the group's page"
like "$T_BODY" "<h1 id=\"group-h\">Platform</h1>" "  named"
order=$(printf '%s' "$T_BODY" | sed -n 's/^<span class="name">\(.*\)<\/span>$/\1/p' | tr '\n' ,)
is "$order" "Web Page,API Service," "  with its members in order, only them"
is "$(grep -c 'class="uptime-bar"' <<<"$T_BODY")" 2 "  each with its bar"
t_psql -c "UPDATE components SET status = 'partial_outage' WHERE name = 'API Service'"
t_get "$T_BASE/"
row=$(printf '%s' "$T_BODY" | tr -d '\n' | sed 's/.*<li class="group">//; s/<\/li><\/ul><\/section>.*//')
like "$row" '^<div class="component-head"><span class="name">Platform</span><span class="status status-partial_outage">' \
	"a group with trouble shows its worst status"
like "$row" '<ul class="trouble"><li><span class="name">API Service</span> <span class="status status-partial_outage">' \
	"  and names the member in trouble"
unlike "$row" "Web Page" "  and not the others"
t_psql -c "UPDATE components SET status = 'operational' WHERE name = 'API Service'"
c=$(t_psql -c "SELECT id FROM components WHERE name = 'Runner'")
t_get "$T_BASE/groups/$c"
is "$T_STATUS" 404 "a component's id is no group's page"
t_get "$T_BASE/groups/99999"
is "$T_STATUS" 404 "nor an unknown one"

# Statuspage's display flags: showcase false draws no bar (its status
# still shows); only_show_if_degraded hides a component while all is well.
t_psql -c "UPDATE components SET showcase = false WHERE name = 'Runner'" \
	-c "UPDATE components SET only_show_if_degraded = true WHERE name = 'Storage'"
t_get "$T_BASE/"
runner=$(printf '%s' "$T_BODY" | tr -d '\n' | sed 's/.*<span class="name">Runner<\/span>//; s/<\/li>.*//')
like "$runner" 'status-operational' "showcase false: Runner's row keeps its status"
unlike "$runner" 'uptime-bar' "  without a bar"
unlike "$T_BODY" '<span class="name">Storage</span>' "only_show_if_degraded: Storage is not on / while operational"
t_psql -c "UPDATE components SET status = 'degraded_performance' WHERE name = 'Storage'"
t_get "$T_BASE/"
like "$T_BODY" '<span class="name">Storage</span>' "  and is once it is not"
t_psql -c "UPDATE components SET showcase = true, only_show_if_degraded = false, status = 'operational'
	WHERE name IN ('Runner', 'Storage')"

t_get "$T_BASE/no/such/page"
is "$T_STATUS" 404 "unknown path is 404"
like "$(t_header content-type)" "^text/html" "as an HTML page for a browser"
like "$T_BODY" "404 Not Found" "which says so"

t_get -H 'Accept: application/json' "$T_BASE/no/such/page"
is "$T_STATUS" 404 "unknown path asked as JSON is 404"
is "$(t_header content-type)" application/json "in JSON"
like "$T_BODY" '^\{"error":"[^"]+"\}$' "with an error message"

t_get "$T_BASE/api/v2/nothing.json"
is "$T_STATUS" 404 "unknown API path is 404"
is "$(t_header content-type)" application/json "in JSON without asking"

t_get -X POST -d 'x=1' "$T_BASE/"
is "$T_STATUS" 405 "POST / is 405"
is "$(t_header allow)" "GET, HEAD" "Allow: GET, HEAD"
like "$T_BODY" "answers only GET, HEAD" "the page says what is allowed"

t_get -X DELETE "$T_BASE/healthz"
is "$T_STATUS" 405 "DELETE /healthz is 405"
like "$T_BODY" '"error"' "in JSON, as /healthz speaks JSON"

t_get -X OPTIONS "$T_BASE/"
is "$T_STATUS" 204 "OPTIONS / is 204"
is "$(t_header allow)" "GET, HEAD" "with Allow"

# HTTPS: the same page, with HSTS.
t_get -k "https://127.0.0.1:$T_HTTPS/"
is "$T_STATUS" 200 "GET / over HTTPS is 200"
like "$T_BODY" "<span class=\"name\">Runner</span>" "the same page"
like "$(t_header strict-transport-security)" "max-age=[0-9]+" "HSTS over HTTPS"
proto=$(curl -sk -o /dev/null -w '%{http_version}' --http2 "https://127.0.0.1:$T_HTTPS/")
is "$proto" 2 "HTTPS speaks HTTP/2"
ok "TLS 1.2 is refused (modern profile)" \
	bash -c "! curl -sk --tls-max 1.2 -o /dev/null https://127.0.0.1:$T_HTTPS/"

# Static files: from www/, cached for long, with the same security headers.
css=$(printf '%s' "$T_BODY" | sed -n 's/.*<link rel="stylesheet" href="\([^"]*\)".*/\1/p')
t_get "$T_BASE$css"
is "$T_STATUS" 200 "stylesheet linked from the page is served"
like "$(t_header content-type)" "^text/css" "as CSS"
like "$(t_header cache-control)" "max-age=31536000" "cached for a year"
like "$(t_header content-security-policy)" "default-src 'none'" "static files carry the CSP too"
t_get "$T_BASE/favicon.ico"
is "$T_STATUS" 200 "favicon served"
t_done
