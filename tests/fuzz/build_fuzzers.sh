#!/usr/bin/env bash
# Builds libFuzzer targets (tests/fuzz/<name>_fuzzer.cc) into <build-dir>/fuzz/build:
# a second build of the project's own libraries, by clang, with libFuzzer's
# coverage and the address (with leak detection) and undefined-behaviour
# sanitizers (ALLEY_FUZZ in CMakeLists.txt). Each fuzzer links the module
# libraries it exercises, as the binary does.
#   tests/fuzz/build_fuzzers.sh <build-dir> [name…]   (default: every fuzzer)
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 <build-dir> [name…]" >&2
  exit 2
fi
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$1/fuzz/build"
out="$(cd "$1/fuzz/build" && pwd)"
shift
targets=()
for name in "${@:-rule_parser web_path json_input}"; do
  for one in $name; do targets+=("${one}_fuzzer"); done
done

if [ ! -f "$out/build.ninja" ]; then
  CXX=clang++ cmake -S "$source_dir" -B "$out" -G Ninja -DALLEY_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_CXX_FLAGS_FUZZ="-O1 -g" >/dev/null
fi
cmake --build "$out" --target "${targets[@]}"
