#!/usr/bin/env bash
# t/fuzz.t: every fuzz target (fuzz/fuzz-*.c), built by clang with libFuzzer,
# ASan and UBSan, runs a bounded count (LANTERN_FUZZ_RUNS, 20000 each) from
# its seeds; a crash, a sanitizer report or a broken invariant fails.
# Skipped, saying why, where clang or its libFuzzer runtime is missing.
# The clang build is kept in the build folder's fuzz-clang/ between runs;
# what the fuzzer finds goes to a temporary folder, never the source tree.
set -uo pipefail
: "${LANTERN_SRCDIR:?run the tests with make check}"
: "${LANTERN_BUILDDIR:?run the tests with make check}"
. "$LANTERN_SRCDIR/script/lib.sh"

runs=${LANTERN_FUZZ_RUNS:-20000}
if ! why=$(lantern_fuzz_missing); then
	echo "1..0 # SKIP $why"
	exit 0
fi

targets=("$LANTERN_SRCDIR"/fuzz/fuzz-*.c)
# The plan first: a test that stops early fails.
echo "1..$((${#targets[@]} + 1))"
dir=$(mktemp -d "${TMPDIR:-/tmp}/lantern-fuzz.XXXXXX")
failed=0

if built=$(lantern_fuzz_build "$LANTERN_BUILDDIR/fuzz-clang" 2>"$dir/build.log") &&
	[ "$(wc -l <<<"$built")" -eq ${#targets[@]} ]; then
	echo "ok 1 - ${#targets[@]} fuzz targets build with clang -fsanitize=fuzzer,address,undefined"
else
	echo "not ok 1 - the fuzz targets build with clang"
	sed 's/^/#   /' "$dir/build.log" | tail -n 40
	exit 1
fi

n=1
while read -r target; do
	n=$((n + 1))
	if line=$(lantern_fuzz_run "$target" "$runs" "$dir"); then
		echo "ok $n - $line"
	else
		echo "not ok $n - $line"
		failed=$((failed + 1))
		# The fuzzer's own words: the report and the input's bytes.
		grep -v '^#[0-9]\|^INFO:\|^NEW_FUNC' "$dir/${target##*/fuzz-}/log" |
			tail -n 60 | sed 's/^/#   /'
	fi
done <<<"$built"

# A failure keeps its crashing inputs (their paths are above) for a look.
[ $failed -eq 0 ] && rm -rf "$dir"
exit $((failed > 0))
