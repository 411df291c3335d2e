# browser-maintenance.t: the console's maintenance, components and groups
# screens in headless chromium (t/browser/maintenance.mjs), on a page in
# Europe/Berlin: scheduling across a DST change seen on the public page,
# a component created, moved and deleted, axe on every screen light and
# dark at 360 px, and each screen's HTML through the Nu HTML Checker.
# Artifacts stay in $LANTERN_BUILDDIR/artifacts/browser-maintenance/.
. "$LANTERN_SRCDIR/t/lib.sh"
. "$LANTERN_SRCDIR/t/browser/lib.sh"

BUILDDIR=${LANTERN_BUILDDIR:-$PWD}
# Its own install, so that it never races another browser test's npm ci;
# under browser-deps/, which make clean removes.
DEPS=$BUILDDIR/browser-deps/maintenance
ART=$BUILDDIR/artifacts/browser-maintenance

browser_deps "$DEPS" || exit 1
mkdir -p "$ART" || { fail "$ART can be made"; exit 1; }

t_start_all
rm -f "$ART"/*
t_psql -c "UPDATE pages SET time_zone = 'Europe/Berlin'"
t_person browser@example.org 'browser test password'

TMPDIR=$T_DIR timeout -k 10 300 node "$DEPS/maintenance.mjs" "$T_BASE" "$ART" browser@example.org \
	'browser test password' >"$T_DIR/maintenance.out" 2>"$T_DIR/maintenance.err"
rc=$?
t_report <"$T_DIR/maintenance.out"
[ $rc -eq 0 ] || fail "maintenance.mjs finished (exit $rc)" "$(tail -n 20 "$T_DIR/maintenance.err")"

# Each screen's HTML as served (and the two refusals), in one run of the checker.
vnu_args=()
for f in "$ART"/maintenance-*.html; do
	[ -e "$f" ] || continue
	vnu_args+=("$f" "$(basename "$f" .html) (signed in)")
done
is "$((${#vnu_args[@]} / 2))" 13 "every screen was kept for the checker"
browser_vnu "$DEPS" "$ART" -- "${vnu_args[@]}"

diag "screenshots, HTML and reports kept in $ART"
t_done
