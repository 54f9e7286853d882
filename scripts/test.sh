#!/usr/bin/env bash
# Install what the test suite needs and run all of it (slow suites included).
# Usage: bash scripts/test.sh [extra pytest arguments]
#
# Makes .venv, installs newsgraph with its test, postgres, scale (Ray) and api extras, starts a
# throwaway PostgreSQL server when it can (so the store tests also run on PostgreSQL), installs
# Debian's Chromium when missing (the web UI's browser tests drive it through Playwright), the
# map's base map with npm, runs
# ruff, then pytest on both cores.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[test,postgres,scale,api]'

# The browser tests (tests/test_serve_browser.py) drive Debian's Chromium; Playwright's own
# browser download is never used.
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
    || echo "note: could not install chromium; the browser tests will skip"
fi

# The map page's base map (Natural Earth countries) comes from the world-atlas npm package,
# installed into node_modules/ beside package.json. Without npm the map draws a grid alone and
# its base-map test skips.
if command -v npm >/dev/null; then
  npm install --no-audit --no-fund --silent || echo "note: npm install failed; the map's base-map test will skip"
else
  echo "note: no npm; the map page draws a grid without country shapes and its base-map test will skip"
fi

pg="${TMPDIR:-/tmp}/newsgraph-test-pg-$$"
bash scripts/start-test-postgres.sh "$pg" || echo "note: no PostgreSQL server; its store tests will skip"
if [ -f "$pg/url" ]; then
  export NEWSGRAPH_TEST_POSTGRES_URL="$(cat "$pg/url")"
  trap 'bash scripts/start-test-postgres.sh "$pg" stop' EXIT
fi

ruff check .
python -m pytest -n 2 "$@"
