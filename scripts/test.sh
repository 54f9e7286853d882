#!/usr/bin/env bash
# Install what the test suite needs and run all of it (slow suites included).
# Usage: bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[test]'

ruff check .
exec python -m pytest -n 2 "$@"
