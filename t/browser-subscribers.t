# browser-subscribers.t: the console's subscribers screen in a real browser
# (Debian's chromium, driven by playwright-core; t/browser/subscribers.mjs)
# as an editor: a webhook added with its secret shown once, a refusal with
# the field marked, a quarantined one reactivated and one unsubscribed,
# without JavaScript at 360 px; the screens through axe-core, light and
# dark; and their HTML as served through the W3C Nu HTML Checker.
# Screenshots and reports stay in $LANTERN_BUILDDIR/artifacts/browser-subscribers/.
. "$LANTERN_SRCDIR/t/lib.sh"
. "$LANTERN_SRCDIR/t/browser/lib.sh"

BUILDDIR=${LANTERN_BUILDDIR:-$PWD}
ART=$BUILDDIR/artifacts/browser-subscribers

# Its own install, under browser-deps/, which make clean removes.
DEPS=$BUILDDIR/browser-deps/subscribers
browser_deps "$DEPS" || exit 1
mkdir -p "$ART" && rm -f "$ART"/*.png "$ART"/*.html "$ART"/*.json

t_start_all
t_person editor@example.org 'editor test password' ||
	fail "lanternctl user add makes an editor"
PAGE=$(t_psql -c 'SELECT id FROM pages ORDER BY id LIMIT 1')
# One of each state, the quarantined one with why its last delivery failed.
t_psql -c "INSERT INTO subscribers (page_id, channel, address, secret, created_by, confirmed_at, quarantined_at,
		consecutive_failures)
	VALUES ($PAGE, 'webhook', 'https://quarantined.example.com/hook', repeat('a', 64), 'operator', now(), now(), 10),
	       ($PAGE, 'email', 'waiting@example.com', repeat('b', 64), 'visitor', NULL, NULL, 0),
	       ($PAGE, 'email', 'reader@example.com', repeat('c', 64), 'visitor', now(), NULL, 0);
	INSERT INTO notification_events (page_id, kind, payload, fanned_out_at) VALUES ($PAGE, 'incident', '{}', now());
	INSERT INTO deliveries (event_id, subscriber_id, state, last_error)
	SELECT max(e.id), (SELECT id FROM subscribers WHERE address LIKE 'https://quarantined%'), 'dropped',
	       'could not connect: connection refused' FROM notification_events e" >/dev/null

TMPDIR=$T_DIR timeout -k 10 240 node "$DEPS/subscribers.mjs" "$T_BASE" "$ART" editor@example.org \
	'editor test password' >"$T_DIR/subscribers.out" 2>"$T_DIR/subscribers.err"
rc=$?
t_report <"$T_DIR/subscribers.out"
[ $rc -eq 0 ] || fail "subscribers.mjs finished (exit $rc)" "$(tail -n 20 "$T_DIR/subscribers.err")"

vnu_args=()
for name in list quarantined unsubscribe added refused; do
	f=$ART/subscribers-$name.html
	if [ -s "$f" ]; then
		vnu_args+=("$f" "subscribers screen $name")
	else
		fail "subscribers screen $name: the Nu HTML Checker finds 0 errors" "not saved by subscribers.mjs"
	fi
done
browser_vnu "$DEPS" "$ART" -- "${vnu_args[@]}"

diag "screenshots, HTML and reports kept in $ART"
t_done
