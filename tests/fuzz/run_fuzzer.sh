#!/usr/bin/env bash
# Builds one libFuzzer target (tests/fuzz/<name>_fuzzer.cc, by
# build_fuzzers.sh: clang, AddressSanitizer with leak detection and
# UndefinedBehaviorSanitizer), keeps its runs in <build-dir>/fuzz/<name>,
# seeds its corpus from seeds/<name>/ (and, where
# there is one, <name>.seed.mjs), and runs it for <seconds>. Fails when
# libFuzzer reports a crash, a hang, a leak, undefined behaviour or a broken
# property of the target.
#   tests/fuzz/run_fuzzer.sh <build-dir> <name> <seconds> [more libFuzzer flags…]
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 <build-dir> <name> <seconds> [libFuzzer flags…]" >&2
  exit 2
fi
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="$1"
name="$2"
mkdir -p "$1/fuzz/$name"
out="$(cd "$1/fuzz/$name" && pwd)"
seconds="$3"
shift 3

# The fuzzer is built from the project's libraries by clang (build_fuzzers.sh);
# the test command builds every fuzzer once beforehand and says so.
[ -n "${ALLEY_FUZZERS_BUILT:-}" ] || "$source_dir/tests/fuzz/build_fuzzers.sh" "$build_dir" "$name"
fuzzer="$build_dir/fuzz/build/tests/fuzz/${name}_fuzzer"

# The corpus: the hand-written seeds, and what <name>.seed.mjs makes from the
# project's own data, named by content so re-seeding adds nothing twice.
# libFuzzer adds what it finds to the same folder, so later runs go on from there.
mkdir -p "$out/corpus" "$out/artifacts"
if [ -f "$source_dir/tests/fuzz/$name.seed.mjs" ]; then
  node "$source_dir/tests/fuzz/$name.seed.mjs" "$source_dir" "$out/corpus"
fi
cp "$source_dir"/tests/fuzz/seeds/"$name"/* "$out/corpus/"

# -timeout: one input running longer is a hang; -rss_limit_mb: memory runaway;
# -detect_leaks: a leak in any input fails the run.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1"
log="$out/last_run.log"
started=$(date +%s.%N)
set +e
"$fuzzer" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -detect_leaks=1 -max_len=4096 \
  -print_final_stats=1 -artifact_prefix="$out/artifacts/" "$@" "$out/corpus" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
awk -v runs="${executions:-0}" -v from="$started" -v to="$(date +%s.%N)" -v inputs="$(ls "$out/corpus" | wc -l)" \
  'BEGIN { printf "fuzz: %d executions in %.1f s (%d/s), corpus %d inputs\n", runs, to - from, runs / (to - from), inputs }'
if [ "$status" -ne 0 ] || grep -qE '^==[0-9]+==ERROR|runtime error:|^SUMMARY: |ERROR: libFuzzer|^fuzz property:' "$log"; then
  echo "fuzz: libFuzzer reported a problem (exit $status); the input is in $out/artifacts/, the output in $log" >&2
  exit 1
fi
echo "fuzz: nothing found"
