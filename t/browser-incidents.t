# browser-incidents.t: the console's incident screens in headless chromium
# (t/browser/incidents.mjs): the whole flow on a phone without JavaScript,
# axe on every screen light and dark at 360 px, and each screen's HTML
# through the Nu HTML Checker.  Artifacts stay in
# $LANTERN_BUILDDIR/artifacts/browser-incidents/.
. "$LANTERN_SRCDIR/t/lib.sh"
. "$LANTERN_SRCDIR/t/browser/lib.sh"

BUILDDIR=${LANTERN_BUILDDIR:-$PWD}
# Its own install, so that it never races t/browser.t's npm ci; under
# browser-deps/, which make clean removes.
DEPS=$BUILDDIR/browser-deps/incidents
ART=$BUILDDIR/artifacts/browser-incidents

browser_deps "$DEPS" || exit 1
mkdir -p "$ART" || { fail "$ART can be made"; exit 1; }

t_start_all
rm -f "$ART"/*
t_person browser@example.org 'browser test password'

TMPDIR=$T_DIR timeout -k 10 240 node "$DEPS/incidents.mjs" "$T_BASE" "$ART" browser@example.org \
	'browser test password' >"$T_DIR/incidents.out" 2>"$T_DIR/incidents.err"
rc=$?
t_report <"$T_DIR/incidents.out"
[ $rc -eq 0 ] || fail "incidents.mjs finished (exit $rc)" "$(tail -n 20 "$T_DIR/incidents.err")"

# Each screen's HTML as served, in one run of the checker.
vnu_args=()
for f in "$ART"/incidents-*.html; do
	[ -e "$f" ] || continue
	vnu_args+=("$f" "$(basename "$f" .html) (signed in)")
done
is "$((${#vnu_args[@]} / 2))" 10 "every incident screen was kept for the checker"
browser_vnu "$DEPS" "$ART" -- "${vnu_args[@]}"

diag "screenshots, HTML and reports kept in $ART"
t_done
