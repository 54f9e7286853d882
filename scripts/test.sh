#!/usr/bin/env bash
# Install what the test suite needs and run all of it (slow suites included).
# Usage: bash scripts/test.sh [extra pytest arguments]
#
# Makes .venv, installs newsgraph with its test, postgres and scale (Ray) extras, starts a
# throwaway PostgreSQL server when it can (so the store tests also run on PostgreSQL), runs
# ruff, then pytest on both cores.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[test,postgres,scale]'

pg="${TMPDIR:-/tmp}/newsgraph-test-pg-$$"
bash scripts/start-test-postgres.sh "$pg" || echo "note: no PostgreSQL server; its store tests will skip"
if [ -f "$pg/url" ]; then
  export NEWSGRAPH_TEST_POSTGRES_URL="$(cat "$pg/url")"
  trap 'bash scripts/start-test-postgres.sh "$pg" stop' EXIT
fi

ruff check .
python -m pytest -n 2 "$@"
