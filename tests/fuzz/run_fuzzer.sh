#!/usr/bin/env bash
# Builds one libFuzzer target (tests/fuzz/<name>_fuzzer.cc) with clang,
# AddressSanitizer (with leak detection) and UndefinedBehaviorSanitizer into
# <build-dir>/fuzz/<name>, seeds its corpus from seeds/<name>/ (and, where
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
name="$2"
mkdir -p "$1/fuzz/$name"
out="$(cd "$1/fuzz/$name" && pwd)"
seconds="$3"
shift 3

# Everything is compiled by clang from the sources, never taken from the GCC
# build: the sanitizers and coverage must see the code itself. <name>.sources
# lists what the linker needs, no more; a new dependency shows as an undefined
# reference at link time: add its source there.
mapfile -t sources < <(grep -v '^#' "$source_dir/tests/fuzz/$name.sources" | grep .)
sources=("tests/fuzz/${name}_fuzzer.cc" "${sources[@]}")
compiler=(clang++)
command -v ccache >/dev/null && compiler=(ccache clang++)
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)
# As in CMake, the JSON header is in every file (there precompiled, and some
# headers rely on it).
cflags=(-I"$source_dir/src" -include nlohmann/json.hpp)

# An object is rebuilt when its source or a header it includes (from the
# compiler's dependency file) is newer, or when the flags changed.
mkdir -p "$out/obj"
if [ "$(cat "$out/obj/flags" 2>/dev/null)" != "${compiler[*]} ${flags[*]} ${cflags[*]}" ]; then
  rm -f "$out"/obj/*.o
  echo "${compiler[*]} ${flags[*]} ${cflags[*]}" >"$out/obj/flags"
fi
stale() {  # object, dependency file
  [ -f "$1" ] && [ -f "$2" ] || return 0
  for dependency in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$2"); do
    [ -e "$dependency" ] && [ ! "$dependency" -nt "$1" ] || return 0
  done
  return 1
}
objects=() running=0 failed=0
for source in "${sources[@]}"; do
  object="$out/obj/$(echo "${source%.cc}" | tr / _).o"
  objects+=("$object")
  if stale "$object" "${object%.o}.d"; then
    if [ "$running" -ge "$(nproc)" ]; then  # one compiler per core
      wait -n || failed=1
      running=$((running - 1))
    fi
    echo "fuzz: compiling $source"
    "${compiler[@]}" "${flags[@]}" "${cflags[@]}" -MMD -MF "${object%.o}.d" -c "$source_dir/$source" -o "$object" &
    running=$((running + 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
[ "$failed" -eq 0 ] || { echo "fuzz: compilation failed" >&2; exit 1; }
fuzzer="$out/${name}_fuzzer"
for object in "${objects[@]}"; do
  if [ ! -f "$fuzzer" ] || [ "$object" -nt "$fuzzer" ]; then
    echo "fuzz: linking $fuzzer"
    clang++ "${flags[@]}" "${objects[@]}" -o "$fuzzer"
    break
  fi
done

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
