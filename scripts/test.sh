#!/usr/bin/env bash
# The whole test suite against the real PostGIS, Redis and Celery worker (started by the tests' fixtures) and a
# real OpenSearch cluster (scripts/search-cluster.sh, shared with concurrent runs; SEARCH_CLUSTER_URL set by hand
# points the suite at another cluster instead).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/mypy  # the core packages ([tool.mypy] in pyproject.toml): ~30 s on a fresh clone, seconds with its cache
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "models and migrations differ: run manage.py makemigrations"; exit 1; }
if [ -n "${SEARCH_CLUSTER_URL:-}" ]; then
  exec .venv/bin/python -m pytest "$@"
fi
exec bash scripts/search-cluster.sh with -- .venv/bin/python -m pytest "$@"
