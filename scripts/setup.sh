#!/usr/bin/env bash
# Installs what Alley needs from Debian's packages and the npm registry (only
# what is missing), builds the server into build/ and the web app into
# web/dist/. Safe to run again: finished steps are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build ccache pkg-config libboost-dev nlohmann-json3-dev libsqlite3-dev libpq-dev
          libopencc-dev opencc libsodium-dev libxlsxwriter-dev libzip-dev libexpat1-dev libcairo2-dev libpango1.0-dev
          libqrencode-dev                # tickets' QR codes
          libgtest-dev libbenchmark-dev
          postgresql                     # the server the tests start on loopback
          clang libclang-rt-14-dev       # the fuzz test: clang 14, and libFuzzer with the sanitizer runtimes
          clang-format-14                # the layout check of the test suite (scripts/check_format.sh)
          chromium fonts-noto-cjk        # the browser of the end-to-end tests, and Chinese fonts for it and the PDF
          libreoffice-calc-nogui poppler-utils   # the readers the tests open exported files with
          zbar-tools python3-icalendar)          # and tickets' QR codes and calendar feeds with
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The web app: dependencies exactly as locked, rebuilt when its sources change.
if ! cmp -s web/package-lock.json web/node_modules/.alley-installed-lock 2>/dev/null; then
  (cd web && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.alley-installed-lock)
fi
# The reference evaluator bench/policy_bench.cc checks its answers against.
if ! cmp -s bench/jsonlogic/package-lock.json bench/jsonlogic/node_modules/.alley-installed-lock 2>/dev/null; then
  (cd bench/jsonlogic && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.alley-installed-lock)
fi
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/public web/index.html web/vite.config.js web/package-lock.json -newer web/dist/index.html 2>/dev/null | head -1)" ]; then
  (cd web && npm run build --silent)
fi

if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build
