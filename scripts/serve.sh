#!/usr/bin/env bash
# Quick start: install, build, load the Silicon Alley pack into alley.db (once)
# and serve on http://127.0.0.1:8080. Extra options go to `alley init`,
# e.g. --demo for a synthetic population marked as such.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
db="${ALLEY_DB:-sqlite:alley.db}"
./build/alley init --db "$db" --pack silicon-alley "$@"
exec ./build/alley serve --db "$db" --host 127.0.0.1 --port "${ALLEY_PORT:-8080}"
