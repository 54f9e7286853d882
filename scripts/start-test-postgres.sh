#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server for the store tests, on 127.0.0.1:54329
# (or the port in NEWSGRAPH_TEST_PG_PORT, so several servers can run side by side).
# Usage: bash scripts/start-test-postgres.sh DIR [stop]
# Writes DIR/url on success. Installs Debian's postgresql package when run as root and the
# server is missing. The server refuses to run as root, so it runs as the postgres user.
set -euo pipefail
dir=$(realpath -m "$1")
port=${NEWSGRAPH_TEST_PG_PORT:-54329}

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ "${2:-}" = stop ]; then
  [ -d "$dir/data" ] && su postgres -c "$(pgbin)/pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

if [ -z "$(pgbin)" ] && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null
fi
bin=$(pgbin)
[ -n "$bin" ] || { echo "PostgreSQL server not installed" >&2; exit 1; }
id postgres >/dev/null 2>&1 || { echo "no postgres user" >&2; exit 1; }

rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
su postgres -c "'$bin/initdb' -D '$dir/data' -A trust -U ng" >/dev/null
su postgres -c "'$bin/pg_ctl' -D '$dir/data' -w -l '$dir/log' \
  -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
echo "postgresql://ng@127.0.0.1:$port/postgres" > "$dir/url"
echo "PostgreSQL test server on port $port"
