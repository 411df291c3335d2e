# ctl-incident.t: lanternctl incident/component/maintenance over the write
# API: the whole life of an incident as the public page, the JSON API and
# the feeds show it; settings, usage and the exit codes scripts rely on;
# what goes over the wire (checked against a small recording stub server).
. "$LANTERN_SRCDIR/t/lib.sh"
t_start_all

ctl=$LANTERN_CTL
json_ok() { /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$1"; }
# field JSON EXPR: a value out of JSON, for example field "$out" 'd["id"]'.
field() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($2)" <<<"$1"; }

key=$(lantern_token_create "$T_DB_URL" ops)
ro=$("$ctl" --database-url "$T_DB_URL" token create ro --read-only)
like "$key" '^lantern_[0-9a-f]{64}$' "a read-write key"
like "$ro" '^lantern_[0-9a-f]{64}$' "a read-only key"

# Nothing from the caller's environment: no key file, no page, no URL.
mkdir -p "$T_DIR/home"
export HOME=$T_DIR/home
unset XDG_CONFIG_HOME LANTERN_URL LANTERN_API_KEY LANTERN_PAGE_ID LANTERN_DATABASE_URL
# Everything lanternctl writes goes through lc, and its stderr into a file
# kept for the end: no key may ever show up in it.
: >"$T_DIR/all-stderr"
lc() {
	LANTERN_URL=$T_BASE LANTERN_API_KEY=$key "$ctl" "$@" 2>"$T_DIR/err"
	local rc=$?
	cat "$T_DIR/err" >>"$T_DIR/all-stderr"
	return $rc
}
err() { cat "$T_DIR/err"; }
name="Runner jobs fail (ctl test)"

# --- The life of an incident (needs the server's write API) ---------------
out=$(lc incident open "$name" --impact major --body "We are looking into it." \
	--component Runner=major_outage)
is "$?" 0 "incident open exits 0"
like "$out" "^incident [0-9]+ opened: Runner jobs fail \(ctl test\) \(investigating, major\)$" \
	"and says which incident, its status and impact"
id=$(sed -n 's/^incident \([0-9]*\) opened.*/\1/p' <<<"$out")
is "$(err)" "" "nothing on stderr"
is "$(t_psql -c "SELECT status FROM incidents WHERE name = '$name'")" investigating \
	"the incident is in the database"

t_get "$T_BASE/"
like "$T_BODY" "<h1>Partial System Outage</h1>" "the page's banner turns"
like "$T_BODY" "Runner jobs fail \(ctl test\)" "and lists the incident"
t_get "$T_BASE/api/v2/summary.json"
is "$(field "$T_BODY" "[i['name'] for i in d['incidents']]")" "['$name']" \
	"summary.json lists it as the open incident"
is "$(field "$T_BODY" "[c['status'] for c in d['components'] if c['name'] == 'Runner']")" \
	"['major_outage']" "and Runner as a major outage"

out=$(lc --json incident update "$id" --status identified "A bad deploy; rolling back.")
is "$?" 0 "incident update --status identified exits 0"
ok "--json prints JSON" json_ok "$out"
is "$(field "$out" 'd.get("incident", d)["id"], d.get("incident", d)["status"]')" \
	"$id identified" "the server's incident object, now identified"

out=$(lc incident update "$id" --status monitoring "The rollback is out; watching.")
is "$?" 0 "incident update --status monitoring exits 0"
like "$out" "^incident $id updated: .*\(monitoring, major\)$" "and says so"

out=$(lc incident resolve "$id" --component Runner=operational "Jobs run again.")
is "$?" 0 "incident resolve exits 0"
like "$out" "^incident $id resolved: " "and says so"
t_get "$T_BASE/api/v2/summary.json"
is "$(field "$T_BODY" "[i['name'] for i in d['incidents']]")" "[]" "no open incident left"
is "$(field "$T_BODY" "[c['status'] for c in d['components'] if c['name'] == 'Runner']")" \
	"['operational']" "Runner is operational again"

printf '## What happened\n\nA deploy broke the runner.\n' >"$T_DIR/pm.md"
out=$(lc incident postmortem "$id" --file "$T_DIR/pm.md" --publish)
is "$?" 0 "incident postmortem --publish exits 0"
is "$out" "incident $id postmortem published" "and says so"

t_get "$T_BASE/history"
is "$T_STATUS" 200 "/history is 200"
# The incident's own entry: from its name to the end of its updates.
entry=$(/usr/bin/python3 -c '
import re, sys
html = sys.stdin.read()
at = html.find(sys.argv[1])
print(" ".join(re.findall(r"<strong class=\"label\">([^<]*)</strong>",
    html[at:html.find("</ol>", at)])) if at >= 0 else "")' "$name" <<<"$T_BODY")
is "$entry" "Postmortem Resolved Monitoring Identified Investigating" \
	"/history shows every step of it, newest first"
like "$T_BODY" "A deploy broke the runner" "and the postmortem"
t_get "$T_BASE/history.atom"
like "$T_BODY" "Runner jobs fail \(ctl test\)" "/history.atom lists it"

out=$(lc --json component set runner degraded_performance)
is "$?" 0 "component set (a name in any case) exits 0"
is "$(field "$out" 'd.get("component", d)["status"]')" degraded_performance \
	"the server's component, degraded"
out=$(lc component set Runner operational)
like "$out" "^component [0-9]+ Runner: operational$" "and back: a human line"

out=$(lc maintenance schedule "DB upgrade (ctl test)" --from 2036-12-05T02:00:00Z \
	--until 2036-12-05T04:00:00Z --body "Ten minutes of read-only." --component Runner)
is "$?" 0 "maintenance schedule exits 0"
like "$out" "^maintenance [0-9]+ scheduled: DB upgrade \(ctl test\) \(2036-12-05T02:00:00Z to 2036-12-05T04:00:00Z\)$" \
	"and says which"
is "$(t_psql -c "SELECT status FROM incidents WHERE name = 'DB upgrade (ctl test)'")" scheduled \
	"the maintenance is in the database"

out=$(lc incident open "Short-lived (ctl test)")
del=$(sed -n 's/^incident \([0-9]*\) opened.*/\1/p' <<<"$out")
out=$(lc incident delete "${del:-0}")
is "$?" 0 "incident delete exits 0"
is "$(t_psql -c "SELECT count(*) FROM incidents WHERE name = 'Short-lived (ctl test)'")" 0 \
	"the incident is gone"

# A script run twice with one key opens one incident: the second run gets
# the first's answer.
one=$(lc --idempotency-key ci-run-77 incident open "Once (ctl test)")
two=$(lc --idempotency-key ci-run-77 incident open "Once (ctl test)")
is "$two" "$one" "the same key twice: the same answer"
is "$(t_psql -c "SELECT count(*) FROM incidents WHERE name = 'Once (ctl test)'")" 1 \
	"and one incident"

# --- Refusals by the server ------------------------------------------------
LANTERN_URL=$T_BASE LANTERN_API_KEY=lantern_$(printf '0%.0s' $(seq 64)) \
	"$ctl" incident update "${id:-1}" --status monitoring >/dev/null 2>"$T_DIR/err"
is "$?" 77 "a key the server does not know: exit 77"
LANTERN_URL=$T_BASE LANTERN_API_KEY=$ro "$ctl" incident open "Nope (ctl test)" \
	>/dev/null 2>"$T_DIR/err"
is "$?" 77 "a read-only key: exit 77"
like "$(err)" "^lanternctl: " "with the server's reason"
lc incident update 999999 --status monitoring >/dev/null
is "$?" 66 "an unknown incident: exit 66"

# --- Settings ----------------------------------------------------------------
out=$(LANTERN_URL=$T_BASE "$ctl" incident resolve 1 2>&1)
is "$?" 78 "no key: exit 78"
like "$out" "LANTERN_API_KEY" "naming LANTERN_API_KEY"
out=$(LANTERN_URL=$T_BASE LANTERN_API_KEY=secret "$ctl" incident resolve 1 2>&1)
is "$?" 78 "a malformed key: exit 78"
like "$out" "LANTERN_API_KEY is not a key" "naming LANTERN_API_KEY"
unlike "$out" "secret" "without showing it"
out=$(LANTERN_API_KEY=$key "$ctl" incident resolve 1 2>&1)
is "$?" 78 "no URL: exit 78"
like "$out" "LANTERN_URL" "naming LANTERN_URL"
for bad in ftp://x 127.0.0.1:8080 "http://" "http://h:0" "http://h:99999" "http://h/a?b" "http://a b"; do
	LANTERN_API_KEY=$key "$ctl" --url "$bad" incident resolve 1 >/dev/null 2>&1
	is "$?" 78 "--url '$bad': exit 78"
done
out=$(LANTERN_URL=$T_BASE LANTERN_API_KEY=$key LANTERN_PAGE_ID=abc "$ctl" incident resolve 1 2>&1)
is "$?" 78 "a malformed LANTERN_PAGE_ID: exit 78"
like "$out" "LANTERN_PAGE_ID" "naming it"

mkdir -p "$HOME/.config/lantern"
printf '%s\n' "$key" >"$HOME/.config/lantern/key"
chmod 644 "$HOME/.config/lantern/key"
out=$(LANTERN_URL=$T_BASE "$ctl" incident resolve 1 2>&1)
is "$?" 78 "a key file others may read: exit 78"
like "$out" "chmod 600" "saying how to fix it"
unlike "$out" "${key#lantern_}" "without showing the key"
chmod 600 "$HOME/.config/lantern/key"
closed=$(lantern_free_port)
T_PORTS+=("$closed")
"$ctl" --url "http://127.0.0.1:$closed" incident resolve 1 >/dev/null 2>&1
is "$?" 69 "~/.config/lantern/key (mode 600) is taken: on to the server"
printf 'lantern_xyz\n' >"$T_DIR/badkey" && chmod 600 "$T_DIR/badkey"
LANTERN_URL=$T_BASE "$ctl" incident resolve 1 --key-file "$T_DIR/badkey" >/dev/null 2>&1
is "$?" 78 "--key-file without a key in it: exit 78"
LANTERN_URL=$T_BASE "$ctl" --key-file "$T_DIR/missing" incident resolve 1 >/dev/null 2>&1
is "$?" 78 "a missing --key-file: exit 78"
rm -r "$HOME/.config"

port=$(lantern_free_port)
T_PORTS+=("$port")
out=$(LANTERN_URL=http://127.0.0.1:$port LANTERN_API_KEY=$key "$ctl" incident resolve 1 2>&1)
is "$?" 69 "no server listening: exit 69"
like "$out" "cannot reach http://127.0.0.1:$port" "and says so"

# --- Usage and bad input, refused before anything is sent ---------------
down=http://127.0.0.1:$port
dc() { LANTERN_URL=$down LANTERN_API_KEY=$key "$ctl" "$@" >/dev/null 2>&1; }
dc incident open X --status bogus;			is "$?" 65 "open --status bogus: exit 65"
dc incident open X --impact huge;			is "$?" 65 "open --impact huge: exit 65"
dc incident open X --component Runner=broken;		is "$?" 65 "a bad component status: exit 65"
dc incident open X --component =major_outage;		is "$?" 64 "--component without a component: exit 64"
dc incident update 1 --status bogus;			is "$?" 65 "update --status bogus: exit 65"
dc incident update abc --status monitoring;		is "$?" 65 "an ID that is not a number: exit 65"
dc incident update 1;					is "$?" 64 "update with nothing to change: exit 64"
dc incident open;					is "$?" 64 "open without a name: exit 64"
dc incident postmortem 1;				is "$?" 64 "postmortem without a text: exit 64"
dc incident postmortem 1 --file "$T_DIR/pm.md" text;	is "$?" 64 "postmortem with a file and a text: exit 64"
dc incident postmortem 1 --file "$T_DIR/none.md";	is "$?" 66 "postmortem from a missing file: exit 66"
dc incident frobnicate;				is "$?" 64 "an unknown incident command: exit 64"
dc incident;						is "$?" 64 "incident without a command: exit 64"
dc incident delete 1 --frob;				is "$?" 64 "an unknown option: exit 64"
dc component set Runner broken;			is "$?" 65 "component set to a bad status: exit 65"
dc component set Runner;				is "$?" 64 "component set without a status: exit 64"
dc maintenance schedule M --from 2036-12-05T04:00:00Z --until 2036-12-05T02:00:00Z
is "$?" 65 "a maintenance ending before it starts: exit 65"
dc maintenance schedule M --from 2036-12-05T02:00:00-02:00 --until 2036-12-05T03:00:00Z
is "$?" 65 "compared in UTC: exit 65"
dc maintenance schedule M --from tomorrow --until 2036-12-05T02:00:00Z
is "$?" 65 "a time that is not RFC 3339: exit 65"
dc maintenance schedule M --from 2036-12-05T02:00:00Z;	is "$?" 64 "no --until: exit 64"
# Names are looked up on the public API (there already).
lc incident open X --component Nowhere=major_outage >/dev/null
is "$?" 65 "an unknown component: exit 65"
like "$(err)" "no component 'Nowhere'" "naming it"

for cmd in incident "incident open" "incident update" "incident resolve" \
	"incident postmortem" "incident delete" component "component set" \
	maintenance "maintenance schedule"; do
	# shellcheck disable=SC2086 # the words of the command
	out=$("$ctl" $cmd --help)
	is "$?" 0 "lanternctl $cmd --help exits 0"
	like "$out" "usage: lanternctl .*${cmd##* }" "and shows its usage"
done

# --- On the wire: a stub server records what lanternctl sends ---------------
stub_port=$(lantern_free_port)
T_PORTS+=("$stub_port")
/usr/bin/python3 - "$stub_port" "$T_DIR/wire" <<'EOF' >"$T_DIR/stub.log" 2>&1 &
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
port, log = int(sys.argv[1]), sys.argv[2]
class H(BaseHTTPRequestHandler):
    def answer(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode() if n else ""
        with open(log, "a") as f:
            f.write(json.dumps({"method": self.command, "path": self.path,
                "auth": self.headers.get("Authorization"),
                "idem": self.headers.get("Idempotency-Key"),
                "type": self.headers.get("Content-Type"),
                "body": json.loads(body) if body else None}) + "\n")
        p = self.path[len("/base"):] if self.path.startswith("/base/") else self.path
        if p == "/api/v2/status.json":
            return self.answer(200, {"page": {"id": "5", "name": "Stub"}})
        if p == "/api/v2/components.json":
            return self.answer(200, {"components": [
                {"id": "7", "name": "Runner", "status": "operational", "group": False},
                {"id": "8", "name": "Twin", "group": False},
                {"id": "9", "name": "twin", "group": False},
                {"id": "10", "name": "Group", "group": True}]})
        for code in (400, 404, 409, 413, 422, 429, 500, 503, 401, 403):
            if p.endswith("/incidents/%d" % code):
                return self.answer(code, {"error": "refused \x1b[31m", "field": "incident.status"})
        if self.command == "POST":
            i = json.loads(body)["incident"]
            # Busy twice, then done: what a retry must get through.
            if i["name"] == "Flaky":
                H.flaky = getattr(H, "flaky", 0) + 1
                if H.flaky <= 2:
                    return self.answer(503, {"error": "The database cannot be reached; nothing was written."})
            return self.answer(201, {"id": "42", "name": i["name"], "status": i["status"], "impact": "minor"})
        return self.answer(200, {"id": p.rsplit("/", 1)[-1], "name": "Stubbed", "status": "resolved", "impact": "none"})
    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = any
    def log_message(self, *a): pass
HTTPServer(("127.0.0.1", port), H).serve_forever()
EOF
T_PIDS+=($!)
for i in $(seq 50); do lantern_port_busy "$stub_port" && break; sleep 0.1; done
stub=http://127.0.0.1:$stub_port/base/
sc() { LANTERN_URL=$stub LANTERN_API_KEY=$key "$ctl" "$@" 2>"$T_DIR/err"; }
wire() { /usr/bin/python3 -c "import json,sys; d=[json.loads(l) for l in open('$T_DIR/wire')]; print($1)"; }

out=$(sc incident open "Stub" --body "b" --component runner=major_outage)
is "$out" "incident 42 opened: Stub (investigating, minor)" "open against the stub"
is "$(wire '[(r["method"], r["path"]) for r in d]')" \
	"[('GET', '/base/api/v2/status.json'), ('GET', '/base/api/v2/components.json'), ('POST', '/base/v1/pages/5/incidents')]" \
	"the page from status.json, the name from components.json, then the POST"
is "$(wire 'd[-1]["body"]')" \
	"{'incident': {'name': 'Stub', 'status': 'investigating', 'body': 'b', 'components': {'7': 'major_outage'}, 'component_ids': ['7']}}" \
	"the incident as the contract says"
is "$(wire 'd[-1]["auth"]')" "OAuth $key" "the key in Authorization"
is "$(wire '[r["auth"] for r in d[:2]]')" "[None, None]" "and not to the public API"
is "$(wire 'd[-1]["type"]')" "application/json" "a JSON body"
like "$(wire 'd[-1]["idem"]')" '^[0-9a-f]{64}$' "a random Idempotency-Key on the POST"
first=$(wire 'd[-1]["idem"]')
sc --page 3 maintenance schedule "M" --from 2036-12-05T02:00:00Z --until 2036-12-05T04:00:00Z \
	--component 7 --no-auto >/dev/null
is "$(wire 'd[-1]["path"]')" "/base/v1/pages/3/incidents" "--page: no status.json"
is "$(wire 'd[-1]["body"]')" \
	"{'incident': {'name': 'M', 'status': 'scheduled', 'scheduled_for': '2036-12-05T02:00:00Z', 'scheduled_until': '2036-12-05T04:00:00Z', 'scheduled_auto_in_progress': False, 'scheduled_auto_completed': False, 'component_ids': ['7']}}" \
	"the maintenance as the contract says"
ok "a new Idempotency-Key for each POST" [ "$(wire 'd[-1]["idem"]')" != "$first" ]
sc --page 3 incident update 12 --status identified >/dev/null
is "$(wire '(d[-1]["method"], d[-1]["path"], d[-1]["body"], d[-1]["idem"])')" \
	"('PATCH', '/base/v1/pages/3/incidents/12', {'incident': {'status': 'identified'}}, None)" \
	"update sends only what is given, no Idempotency-Key"
sc --page 3 incident resolve 12 "done" >/dev/null
is "$(wire 'd[-1]["body"]')" "{'incident': {'status': 'resolved', 'body': 'done'}}" "resolve"
sc --page 3 incident postmortem 12 "pm" --publish >/dev/null
is "$(wire '[(r["method"], r["path"], r["body"]) for r in d[-2:]]')" \
	"[('PUT', '/base/v1/pages/3/incidents/12/postmortem', {'postmortem': {'body_draft': 'pm'}}), ('PUT', '/base/v1/pages/3/incidents/12/postmortem/publish', {'postmortem': {}})]" \
	"postmortem: the draft, then publish"
sc --page 3 incident postmortem 12 "pm" --publish --notify >/dev/null
is "$(wire 'd[-1]["body"]')" "{'postmortem': {'notify_subscribers': True}}" "postmortem --notify: told to subscribers"
sc --page 3 incident postmortem 12 "pm" --notify >/dev/null 2>&1
is "$?" 64 "--notify without --publish: a usage error"
sc --page 3 incident delete 12 >/dev/null
is "$(wire '(d[-1]["method"], d[-1]["path"], d[-1]["body"])')" \
	"('DELETE', '/base/v1/pages/3/incidents/12', None)" "delete"
sc --page 3 component set Runner major_outage >/dev/null
is "$(wire '(d[-1]["method"], d[-1]["path"], d[-1]["body"])')" \
	"('PATCH', '/base/v1/pages/3/components/7', {'component': {'status': 'major_outage'}})" \
	"component set"
sc --page 3 component set twin major_outage >/dev/null
is "$?" 65 "two components of that name: exit 65"
like "$(err)" "more than one component is named 'twin'" "and says so"
sc --page 3 component set Group major_outage >/dev/null
is "$?" 65 "a group is not a component: exit 65"
for pair in 400:65 401:77 403:77 404:66 409:65 413:65 422:65 429:75 500:69 503:69; do
	sc --page 3 --retries 0 incident update "${pair%:*}" "x" >/dev/null
	is "$?" "${pair#*:}" "HTTP ${pair%:*}: exit ${pair#*:}"
done
is "$(err)" "lanternctl: refused ?[31m (field incident.status)" \
	"the server's error and field, no control characters"

# Retries: a 503 twice, then done, all with the command's one key.
out=$(sc --page 3 incident open "Flaky")
is "$?" 0 "two 503s, then 201: done"
is "$(wire '[r["idem"] == d[-1]["idem"] for r in d[-3:]]')" "[True, True, True]" \
	"three attempts, one Idempotency-Key"
like "$(err)" "incident open: HTTP 503 from http://127.0.0.1:$stub_port/base; trying again in [0-9.]+ s" \
	"each retry is said on stderr"
sc --page 3 --idempotency-key deploy-2026-11-30.1 incident open "Keyed" >/dev/null
is "$(wire 'd[-1]["idem"]')" "deploy-2026-11-30.1" "--idempotency-key is sent as given"
sc --page 3 --idempotency-key "not ok" incident open "Keyed" >/dev/null
is "$?" 64 "a key with a space: usage error"
like "$(err)" "--idempotency-key must be" "saying what a key may hold"
sc --page 3 --retries 11 incident open "Keyed" >/dev/null
is "$?" 64 "--retries past 10: usage error"
sc --page 3 --retries 1 incident update 503 "x" >/dev/null
is "$?" 69 "retries spent on a 503: exit 69"
is "$(grep -c 'trying again' "$T_DIR/err")" 1 "after one retry"

# --- Never reads stdin, never shows the key ------------------------------
mkfifo "$T_DIR/fifo"
exec 3<>"$T_DIR/fifo"
timeout 10 env LANTERN_URL=$stub LANTERN_API_KEY=$key "$ctl" --page 3 incident resolve 12 <&3 >/dev/null
is "$?" 0 "an open pipe on stdin does not block it"
exec 3>&-
unlike "$(cat "$T_DIR/all-stderr" "$T_DIR/err")" "${key#lantern_}" "no key in any message"
t_done
