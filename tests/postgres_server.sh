#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for the test suite:
#   tests/postgres_server.sh start DIR   → initdb in a fresh folder under /tmp, listen on a free
#                                          loopback port, write the server's URL to DIR/url
#   tests/postgres_server.sh stop DIR    → stop it and remove both folders
# Runs the server as the 'postgres' user when invoked as root (initdb refuses root); its
# files live under /tmp because the build folder may not be reachable by that user.
set -euo pipefail
action="$1"
dir="$2"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "postgres_server: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  if [ -f "$dir/home" ]; then
    home=$(cat "$dir/home")
    if [ -f "$home/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$home"
  fi
  rm -rf "$dir"
}

case "$action" in
  start)
    stop
    mkdir -p "$dir"
    home=$(mktemp -d /tmp/alley-postgres.XXXXXX)
    echo "$home" >"$dir/home"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$home"; fi
    as_owner "$bin/initdb" -D "$home/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$home/initdb.log" 2>&1 ||
      { cat "$home/initdb.log" >&2; exit 1; }
    port=55432
    while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    as_owner "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 \
      -o "-p $port -k $home -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null ||
      { cat "$home/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
    echo "postgres_server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
    ;;
  stop)
    stop
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
