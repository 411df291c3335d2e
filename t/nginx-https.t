# nginx-https.t: keys never travel in clear.  Over plain HTTP a client that
# is not on loopback is sent to HTTPS, and the write API refuses it with a
# JSON error before the program sees the request; over HTTPS all works.
. "$LANTERN_SRCDIR/t/lib.sh"
# The tests can only reach loopback, so loopback loses its exemption here.
export LANTERN_PLAIN_HTTP_LOOPBACK=0
t_start_all
T_KEY=$(lantern_token_create "$T_DB_URL" https-test)
V1=/v1/pages/$(t_psql -c 'SELECT id FROM pages ORDER BY id LIMIT 1')
https=https://127.0.0.1:$T_HTTPS

t_get "$T_BASE/incidents/1?x=1"
is "$T_STATUS" 301 "plain HTTP: a page redirects"
is "$(t_header location)" "https://127.0.0.1:$T_HTTPS/incidents/1?x=1" "to the same URL over HTTPS"

t_api POST "$T_BASE$V1/incidents" '{"incident": {"name": "In clear"}}'
is "$T_STATUS" 403 "plain HTTP: a write is refused"
like "$(t_js 'd["error"]')" "HTTPS only" "with a JSON error that says to use HTTPS"
is "$(t_psql -c "SELECT count(*) FROM incidents WHERE name = 'In clear'")" 0 "and nothing is written"

t_api GET "$T_BASE$V1/incidents" ''
is "$T_STATUS" 403 "plain HTTP: a read of the write API is refused too"

t_api POST "$https$V1/incidents" '{"incident": {"name": "Over TLS"}}' --cacert "$T_DIR/tls/tls.crt"
is "$T_STATUS" 201 "HTTPS: the write is taken"
t_get --cacert "$T_DIR/tls/tls.crt" "$https/"
is "$T_STATUS" 200 "HTTPS: the page is served"
like "$T_BODY" "Over TLS" "with the new incident"
t_done
