# browser-incidents.t: the console's incident screens in headless chromium
# (t/browser/incidents.mjs): the whole flow on a phone without JavaScript,
# axe on every screen light and dark at 360 px, and each screen's HTML
# through the Nu HTML Checker.  Artifacts stay in
# $LANTERN_BUILDDIR/artifacts/browser-incidents/.
. "$LANTERN_SRCDIR/t/lib.sh"

BUILDDIR=${LANTERN_BUILDDIR:-$PWD}
# Its own install, so that it never races t/browser.t's npm ci; under
# browser-deps/, which make clean removes.
DEPS=$BUILDDIR/browser-deps/incidents
ART=$BUILDDIR/artifacts/browser-incidents
SRC=$LANTERN_SRCDIR/t/browser

# incidents.mjs's lines ("ok<TAB>desc", "not ok<TAB>desc", "#<TAB>detail")
# as this test's numbered results.
t_lines() {
	local st rest
	while IFS=$'\t' read -r st rest; do
		case $st in
		ok) pass "$rest" ;;
		"not ok") fail "$rest" ;;
		"#") diag "  $rest" ;;
		esac
	done
}

for tool in "${LANTERN_CHROMIUM:-/usr/bin/chromium}" java curl; do
	command -v "$tool" >/dev/null ||
		{ fail "$tool is installed (Debian packages chromium, default-jre-headless, curl)"; exit 1; }
done
lantern_ensure_node >&2 || { fail "Node.js 18 or newer and npm are installed"; exit 1; }
mkdir -p "$DEPS" "$ART" || { fail "$DEPS and $ART can be made"; exit 1; }
if [ ! -d "$DEPS/node_modules" ] || ! cmp -s "$SRC/package-lock.json" "$DEPS/package-lock.json"; then
	if ! { cp "$SRC/package.json" "$SRC/package-lock.json" "$DEPS/" &&
		(cd "$DEPS" && timeout 300 npm ci --no-audit --no-fund --ignore-scripts); } >"$T_DIR/npm.log" 2>&1; then
		rm -f "$DEPS/package-lock.json"
		fail "npm ci in $DEPS" "$(tail -n 20 "$T_DIR/npm.log")"
		exit 1
	fi
fi
cp "$SRC/chromium.mjs" "$SRC/incidents.mjs" "$SRC/vnu-report.mjs" "$DEPS/" ||
	{ fail "copy the checks to $DEPS"; exit 1; }
VNU_JAR=$DEPS/node_modules/vnu-jar/build/dist/vnu.jar

t_start_all
rm -f "$ART"/*
t_person browser@example.org 'browser test password'

TMPDIR=$T_DIR timeout -k 10 240 node "$DEPS/incidents.mjs" "$T_BASE" "$ART" browser@example.org \
	'browser test password' >"$T_DIR/incidents.out" 2>"$T_DIR/incidents.err"
rc=$?
t_lines <"$T_DIR/incidents.out"
[ $rc -eq 0 ] || fail "incidents.mjs finished (exit $rc)" "$(tail -n 20 "$T_DIR/incidents.err")"

# Each screen's HTML as served, in one run of the checker.
vnu_args=()
files=()
for f in "$ART"/incidents-*.html; do
	[ -e "$f" ] || continue
	files+=("$f")
	vnu_args+=("$f" "$(basename "$f" .html) (signed in)")
done
is "${#files[@]}" 10 "every incident screen was kept for the checker"
timeout 120 java -jar "$VNU_JAR" --format json --stdout --exit-zero-always "${files[@]}" \
	>"$ART/vnu.json" 2>"$T_DIR/vnu.err" || diag "vnu: $(tail -n 5 "$T_DIR/vnu.err")"
t_lines < <(node "$DEPS/vnu-report.mjs" "$ART/vnu.json" "${vnu_args[@]}")

diag "screenshots, HTML and reports kept in $ART"
t_done
