#!/usr/bin/env bash
# The production web server: gunicorn (datatera/gunicorn.py) serving Django, static files through WhiteNoise.
# Environment: HOST, PORT, GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS, and the
# application's own settings (DATABASE_URL, REDIS_URL, SECRET_KEY...). `make run` uses it; so does production.
set -euo pipefail
cd "$(dirname "$0")/.."
# The workers share their Prometheus counters through files here; emptied at each start (counters restart at 0).
export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-$PWD/var/prometheus}"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
exec .venv/bin/gunicorn datatera.wsgi:application --config python:datatera.gunicorn "$@"
