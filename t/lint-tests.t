# lint-tests.t: the tests themselves can fail.  t/lint-tests.py finds the
# shapes of test code that pass whatever the program does (see its top
# comment); first it must catch each one planted, then find none in t/.
# And t_done at work: a test that stops early fails.
. "$LANTERN_SRCDIR/t/lib.sh"
PY=/usr/bin/python3
LINT="$PY $LANTERN_SRCDIR/t/lint-tests.py"

while IFS= read -r line; do
	case $line in
	PASS\ *) pass "${line#PASS }" ;;
	*) fail "${line#FAIL }" ;;
	esac
done < <($LINT --self-test 2>&1)

out=$($LINT "$LANTERN_SRCDIR" 2>&1)
rc=$?
is "$rc $out" "0 " "t/*.t, t/unit-*.c and Makefile.am have none of those shapes"

# A test that stops early (an unbound variable under set -u) fails, though
# every check it ran passed; one that runs to t_done passes.
cat >"$T_DIR/early.t" <<-'T'
	. "$LANTERN_SRCDIR/t/lib.sh"
	pass "the first check"
	echo "$no_such_variable"
	pass "never reached"
	t_done
T
out=$(bash "$T_DIR/early.t" 2>&1)
rc=$?
is "$rc" 1 "a test that stops early exits 1"
like "$out" "^not ok 2 - the test ran to its end \(t_done\)$" "  saying it did not reach t_done"
like "$out" "^1\.\.2$" "  with the plan counting that failure"
sed -i '/no_such_variable/d' "$T_DIR/early.t"
out=$(bash "$T_DIR/early.t" 2>&1)
is "$? $(printf '%s' "$out" | tr '\n' '|')" "0 ok 1 - the first check|ok 2 - never reached|1..2" \
	"  the same test without the early stop passes"
t_done
