# browser-owner.t: the console's owner screens in a real browser (Debian's
# chromium, driven by playwright-core; t/browser/owner.mjs): an API key
# made, seen once, used and revoked without JavaScript at 360 px; every
# owner screen through axe-core, light and dark, at 360 px; and their HTML
# as served through the W3C Nu HTML Checker.  Screenshots and reports stay
# in $LANTERN_BUILDDIR/artifacts/browser-owner/.
. "$LANTERN_SRCDIR/t/lib.sh"
. "$LANTERN_SRCDIR/t/browser/lib.sh"

BUILDDIR=${LANTERN_BUILDDIR:-$PWD}
ART=$BUILDDIR/artifacts/browser-owner

# Its own install, under browser-deps/, which make clean removes.
DEPS=$BUILDDIR/browser-deps/owner
browser_deps "$DEPS" || exit 1
mkdir -p "$ART" && rm -f "$ART"/*.png "$ART"/*.html "$ART"/*.json

t_start_all
t_person owner@example.org 'owner test password' owner ||
	fail "lanternctl user add makes an owner"
t_person editor@example.org 'editor test password' ||
	fail "lanternctl user add makes an editor"

TMPDIR=$T_DIR timeout -k 10 240 node "$DEPS/owner.mjs" "$T_BASE" "$ART" owner@example.org \
	'owner test password' >"$T_DIR/owner.out" 2>"$T_DIR/owner.err"
rc=$?
t_report <"$T_DIR/owner.out"
[ $rc -eq 0 ] || fail "owner.mjs finished (exit $rc)" "$(tail -n 20 "$T_DIR/owner.err")"

# The HTML as served: every owner screen, the confirmations, and the
# answer that shows a new key, in one run of the checker.
vnu_args=()
for name in keys key-made key-revoke audit settings people person-remove; do
	f=$ART/owner-$name.html
	if [ -s "$f" ]; then
		vnu_args+=("$f" "owner screen $name")
	else
		fail "owner screen $name: the Nu HTML Checker finds 0 errors" "not saved by owner.mjs"
	fi
done
browser_vnu "$DEPS" "$ART" -- "${vnu_args[@]}"

diag "screenshots, HTML and reports kept in $ART"
t_done
