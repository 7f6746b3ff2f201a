#!/usr/bin/env bash
# Fails when a C++ file of the project is not laid out as .clang-format says;
# `scripts/check_format.sh --fix` lays them out. Run by the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$format" ]; then
  echo "clang-format is not installed (scripts/setup.sh installs clang-format-14)" >&2
  exit 1
fi
mapfile -t files < <(git ls-files -- 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc')
if [ "${1:-}" = "--fix" ]; then
  "$format" -i "${files[@]}"
else
  "$format" --dry-run --Werror "${files[@]}"
fi
