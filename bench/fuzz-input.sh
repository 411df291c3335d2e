#!/bin/sh
# fuzz-input.sh: fuzz the write API's body parser (fuzz/fuzz-input.c) for a while.
#
#   bench/fuzz-input.sh [seconds]     (default 60)
#
# Builds with clang and --enable-fuzzing in a fresh temporary build directory,
# then runs libFuzzer on a copy of the seed corpus (fuzz/corpus/input), so new
# inputs it finds do not land in the source tree.  Exits non-zero if the target
# crashes; the crashing input is kept and its path printed.  Needs clang and
# its runtime (Debian: apt-get install clang libclang-rt-dev), autoconf,
# automake and the build dependencies of Lantern itself.
set -eu

seconds=${1:-60}
case $seconds in
''|*[!0-9]*) echo "usage: $0 [seconds]" >&2; exit 2 ;;
esac
srcdir=$(cd "$(dirname "$0")/.." && pwd)
command -v clang >/dev/null 2>&1 || {
	echo "$0: clang is needed (Debian: apt-get install clang libclang-rt-dev)" >&2
	exit 2
}

work=$(mktemp -d "${TMPDIR:-/tmp}/lantern-fuzz.XXXXXX")
keep=
cleanup() { [ -n "$keep" ] || rm -rf "$work"; }
trap cleanup EXIT

[ -x "$srcdir/configure" ] || (cd "$srcdir" && autoreconf -fi)
mkdir "$work/build" "$work/corpus" "$work/artifacts"
cp "$srcdir"/fuzz/corpus/input/* "$work/corpus/"
(cd "$work/build" && CC=clang "$srcdir/configure" --enable-fuzzing -q &&
	make -s fuzz/fuzz-input)

echo "fuzzing input_parse for ${seconds}s"
if "$work/build/fuzz/fuzz-input" -max_total_time="$seconds" \
    -max_len=70000 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus"; then
	echo "no crash in ${seconds}s"
else
	keep=1
	echo "CRASH: inputs are in $work/artifacts/" >&2
	ls -l "$work/artifacts" >&2
	exit 1
fi
