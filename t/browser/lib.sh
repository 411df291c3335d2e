# t/browser/lib.sh: what every browser test (t/browser*.t) shares: the
# report lines the .mjs checks print, numbered as the test's own, and the
# node modules installed in a folder of the test's own (make check -j runs
# them at once: one npm ci must not meet another's).  Sourced after
# t/lib.sh.

# Turns "ok<TAB>desc", "not ok<TAB>desc" and "#<TAB>detail" lines into this
# test's numbered results, so the TAP stream keeps one plan.
t_report() {
	local line status='' desc='' details=()
	_t_flush() {
		[ -n "$status" ] || return 0
		if [ "$status" = ok ]; then
			pass "$desc"
			local d
			for d in "${details[@]}"; do diag "  $d"; done
		else
			fail "$desc" "${details[@]}"
		fi
		status='' details=()
	}
	while IFS= read -r line; do
		case $line in
		"ok	"*) _t_flush; status=ok desc=${line#ok	} ;;
		"not ok	"*) _t_flush; status=fail desc=${line#not ok	} ;;
		"#	"*) details+=("${line#\#	}") ;;
		*) [ -n "$line" ] && diag "$line" ;;
		esac
	done
	_t_flush
}

# browser_deps DIR: chromium, java and node there, t/browser's node modules
# installed in DIR outside the source tree (it may be read-only, as in make
# distcheck; npm ci again only when the lock file changed; --ignore-scripts:
# vnu-jar's postinstall would download a Java runtime) and its scripts
# copied beside them, as an import is looked up from the script's own
# folder (every time, so an edit in the source tree counts).  Says what
# failed; non-zero then.
browser_deps() {
	local deps=$1 src=$LANTERN_SRCDIR/t/browser tool
	for tool in "${LANTERN_CHROMIUM:-/usr/bin/chromium}" java curl; do
		command -v "$tool" >/dev/null ||
			{ fail "$tool is installed (Debian packages chromium, default-jre-headless, curl)"; return 1; }
	done
	lantern_ensure_node >&2 || { fail "Node.js 18 or newer and npm are installed"; return 1; }
	mkdir -p "$deps" || { fail "$deps can be made"; return 1; }
	if [ ! -d "$deps/node_modules" ] || ! cmp -s "$src/package-lock.json" "$deps/package-lock.json"; then
		if ! { cp "$src/package.json" "$src/package-lock.json" "$deps/" &&
			(cd "$deps" && timeout 300 npm ci --no-audit --no-fund --ignore-scripts); } \
			>"$T_DIR/npm.log" 2>&1; then
			# Forget the lock, so the next run tries again.
			rm -f "$deps/package-lock.json"
			fail "npm ci in $deps" "$(tail -n 20 "$T_DIR/npm.log")"
			return 1
		fi
	fi
	cp "$src"/*.mjs "$deps/" || { fail "copy the checks to $deps"; return 1; }
	[ -f "$deps/node_modules/vnu-jar/build/dist/vnu.jar" ] ||
		{ fail "vnu.jar in $deps/node_modules/vnu-jar/build/dist"; return 1; }
}

# browser_vnu DEPS ART [VNU_OPTION...] -- FILE LABEL [FILE LABEL...]: the
# files through the W3C Nu HTML Checker in one run (vnu.jar is slow to
# start), each reported as "LABEL: the Nu HTML Checker finds 0 errors".
browser_vnu() {
	local deps=$1 art=$2 opts=() files=() pairs
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	pairs=("$@")
	while [ $# -gt 0 ]; do files+=("$1"); shift 2; done
	timeout 120 java -jar "$deps/node_modules/vnu-jar/build/dist/vnu.jar" --format json \
		--stdout --exit-zero-always "${opts[@]}" "${files[@]}" >"$art/vnu.json" 2>"$T_DIR/vnu.err" ||
		diag "vnu: $(tail -n 5 "$T_DIR/vnu.err")"
	t_report < <(node "$deps/vnu-report.mjs" "$art/vnu.json" "${pairs[@]}")
}
