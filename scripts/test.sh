#!/usr/bin/env bash
# Install what the test suite needs and run all of it (slow suites included).
# Usage: bash scripts/test.sh [extra pytest arguments]
#
# Makes .venv, installs newsgraph with its test, postgres, scale (Ray) and api extras, starts a
# throwaway PostgreSQL server when it can (so the store tests also run on PostgreSQL), installs
# Debian's Chromium when missing (the web UI's browser tests drive it through Playwright), the
# map's base map with npm, runs
# ruff, then pytest on both cores.
#
# Outside CI, a resource that cannot be installed or started (PostgreSQL, Chromium, npm's base
# map) is a note, and its tests skip. In CI (CI set, and not 0/false/no) it is an error: the
# script stops with one line saying what is missing, and the tests themselves fail rather than
# skip (tests/needs.py).
set -euo pipefail
cd "$(dirname "$0")/.."

in_ci() {
  case "$(printf '%s' "${CI:-}" | tr '[:upper:]' '[:lower:]')" in
    "" | 0 | false | no) return 1 ;;
    *) return 0 ;;
  esac
}

# missing WHAT WHICH_TESTS: a note outside CI, the end of the run in CI
missing() {
  if in_ci; then
    echo "error: CI=$CI and $1, so $2 cannot run; failing instead of skipping them" >&2
    exit 1
  fi
  echo "note: $1; $2 will skip"
}

python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[test,postgres,scale,api]'

# The browser tests (tests/test_serve_browser.py) drive Debian's Chromium; Playwright's own
# browser download is never used. Debian's WordNet database (wordnet-base) backs the WordNet
# tools' tests (tools/build_wordnet_*.py, tools/polnear_np_object_cues.py).
apt_wanted=()
[ -x /usr/bin/chromium ] || apt_wanted+=(chromium)
[ -d /usr/share/wordnet ] || apt_wanted+=(wordnet-base)
if [ "${#apt_wanted[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_wanted[@]}" >/dev/null; } \
    || true
  [ -x /usr/bin/chromium ] || missing "Chromium could not be installed" "the browser tests"
  [ -d /usr/share/wordnet ] || echo "note: WordNet (wordnet-base) could not be installed; its tool test will skip"
fi

# The map page's base map (Natural Earth countries) comes from the world-atlas npm package,
# installed into node_modules/ beside package.json. Without npm the map draws a grid alone and
# its base-map test skips.
if command -v npm >/dev/null; then
  npm install --no-audit --no-fund --silent \
    || missing "npm install failed" "the map's base-map test"
else
  # without it the map page draws a grid without country shapes
  missing "there is no npm" "the map's base-map test"
fi

pg="${TMPDIR:-/tmp}/newsgraph-test-pg-$$"
trap 'bash scripts/start-test-postgres.sh "$pg" stop' EXIT  # also after a half-done start
bash scripts/start-test-postgres.sh "$pg" \
  || missing "no PostgreSQL server could start" "the PostgreSQL store tests"
if [ -f "$pg/url" ]; then
  export NEWSGRAPH_TEST_POSTGRES_URL="$(cat "$pg/url")"
fi

ruff check .
python -m pytest -n 2 "$@"
