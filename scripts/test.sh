#!/usr/bin/env bash
# The whole test suite against the real PostGIS, Redis and Celery worker (started by the tests' fixtures).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "models and migrations differ: run manage.py makemigrations"; exit 1; }
exec .venv/bin/python -m pytest "$@"
