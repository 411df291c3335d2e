# browser.t: the pages in a real browser (Debian's chromium, driven by
# playwright-core) with and without JavaScript and at a phone's width, and
# their HTML through the W3C Nu HTML Checker (vnu.jar, run with java).
# Screenshots and reports stay in $LANTERN_BUILDDIR/artifacts/browser/.
. "$LANTERN_SRCDIR/t/lib.sh"
. "$LANTERN_SRCDIR/t/browser/lib.sh"

PATHS=(/ /history "/history?from=2026-01" /incidents/1 /subscribe /manage/sign-in)

BUILDDIR=${LANTERN_BUILDDIR:-$PWD}
DEPS=$BUILDDIR/browser-deps
ART=$BUILDDIR/artifacts/browser

# Dependencies first: without them nothing here can run.
browser_deps "$DEPS" || exit 1
mkdir -p "$ART" || { fail "$ART can be made"; exit 1; }

t_start_all
rm -f "$ART"/*.png "$ART"/*.html "$ART"/*.json
# A partial outage two days ago: Storage's bar is then a run of clean
# days, that day in a cell of its own, and a run again.
t_partial_day Storage
t_get "$T_BASE/"
like "$T_BODY" '<i class="partial" title=' "Storage's bar has a day of its own"
# A group with a member in trouble: / shows it as one row (its members in
# trouble named, its bar colour alone), its page each member's bar.
t_partial_day 'API Service'
gid=$(t_psql -c "
	WITH g AS (INSERT INTO component_groups (page_id, name, position)
	           SELECT id, 'Platform', 5 FROM pages RETURNING id, page_id)
	UPDATE components c SET group_id = g.id FROM g
	 WHERE c.page_id = g.page_id AND c.name IN ('Web Page', 'API Service')
	RETURNING g.id" | head -n 1)
t_psql -c "UPDATE components SET status = 'degraded_performance' WHERE name = 'API Service'" >/dev/null
PATHS+=("/groups/$gid")
t_get "$T_BASE/"
like "$T_BODY" '<ul class="trouble">' "/ names the group's member in trouble"

# The browser: chromium's profile (playwright's own fresh --user-data-dir
# under TMPDIR) lives in the test's folder and goes with it.  timeout: a
# hung browser must not hang make check; playwright closes chromium on
# SIGTERM.
TMPDIR=$T_DIR timeout -k 10 90 node "$DEPS/check.mjs" "$T_BASE" "$ART" "${PATHS[@]}" \
	>"$T_DIR/check.out" 2>"$T_DIR/check.err"
rc=$?
t_report <"$T_DIR/check.out"
[ $rc -eq 0 ] || fail "check.mjs finished (exit $rc)" "$(tail -n 20 "$T_DIR/check.err")"

# The web console: signed in through its form, at a phone's width, light
# and dark, by someone lanternctl made.
printf '%s\n' 'browser test password' | "$LANTERN_CTL" --database-url "$T_OWNER_URL" \
	user add browser@example.org --role owner >/dev/null 2>"$T_DIR/user.err" ||
	fail "lanternctl user add makes someone to sign in as" "$(cat "$T_DIR/user.err")"
t_person editor@example.org 'editor test password' ||
	fail "lanternctl user add makes an editor"
LANTERN_TEST_DB_URL=$T_DB_URL TMPDIR=$T_DIR timeout -k 10 120 node "$DEPS/manage.mjs" \
	"$T_BASE" "$ART" browser@example.org 'browser test password' \
	editor@example.org 'editor test password' >"$T_DIR/manage.out" 2>"$T_DIR/manage.err"
rc=$?
t_report <"$T_DIR/manage.out"
[ $rc -eq 0 ] || fail "manage.mjs finished (exit $rc)" "$(tail -n 20 "$T_DIR/manage.err")"

# The HTML as served, every page in one run of the Nu HTML Checker, with
# the stylesheets and the icon.
# vnu_args: FILE LABEL pairs, for vnu-report.mjs.
vnu_args=()
for p in "${PATHS[@]}"; do
	# The name check.mjs gives the screenshots: /history?from=2026-01 ->
	# history-2026-01.
	name=$(printf '%s' "$p" | sed -e 's|^/||' -e 's|[/?&]|-|g' -e 's|[A-Za-z0-9_]*=||g')
	name=${name:-index}
	status=$(curl -sS -o "$ART/$name.html" -w '%{http_code}' --max-time 10 "$T_BASE$p")
	if [ "$status" = 200 ]; then
		vnu_args+=("$ART/$name.html" "GET $p")
	else
		# The checker would only judge the error page: say so instead.
		fail "GET $p: the Nu HTML Checker finds 0 errors" "not checked: status $status"
	fi
done
# The console's Now screen, as a signed-in owner gets it.
session=$(curl -sS -D - -o /dev/null --max-time 10 -X POST -H "Origin: $T_BASE" \
	--data-urlencode email=browser@example.org --data-urlencode 'password=browser test password' \
	"$T_BASE/manage/sign-in" | tr -d '\r' | sed -n 's/^set-cookie: __Host-lantern_session=\([0-9a-f]*\);.*/\1/Ip')
status=$(curl -sS -o "$ART/manage.html" -w '%{http_code}' --max-time 10 \
	-H "Cookie: __Host-lantern_session=$session" "$T_BASE/manage/")
if [ "$status" = 200 ]; then
	vnu_args+=("$ART/manage.html" "GET /manage/ (signed in)")
else
	fail "GET /manage/ (signed in): the Nu HTML Checker finds 0 errors" "not checked: status $status"
fi
for f in lantern.css manage.css favicon.svg; do
	vnu_args+=("$LANTERN_SRCDIR/www/static/$f" "www/static/$f")
done
browser_vnu "$DEPS" "$ART" --also-check-css --also-check-svg -- "${vnu_args[@]}"

diag "screenshots, HTML and reports kept in $ART"
t_done
