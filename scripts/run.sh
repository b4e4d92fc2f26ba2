#!/usr/bin/env bash
# `make run`: harvest the local demo sources, queue the hubs' public endpoints, serve the portal with a Celery
# worker and beat. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
mkdir -p var/log

echo "[run] harvesting the local demo sources (works with no network)"
$PY manage.py harvest --protocol local || echo "[run] some demo sources did not harvest cleanly (see above); serving anyway"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

echo "[run] starting the Celery worker and beat (logs in var/log/)"
.venv/bin/celery -A datatera worker --loglevel=INFO --concurrency=2 >var/log/worker.log 2>&1 &
pids+=($!)
.venv/bin/celery -A datatera beat --loglevel=INFO --schedule=var/celerybeat-schedule >var/log/beat.log 2>&1 &
pids+=($!)

echo "[run] queueing harvests of the hubs' public endpoints (unreachable ones are reported in the job log)"
$PY manage.py harvest --protocol csw --protocol oaipmh --queue || echo "[run] could not queue remote harvests"

echo "[run] serving the portal on http://${HOST}:${PORT}/ with gunicorn (scripts/serve.sh, as in production)"
# GUNICORN_WORKERS / GUNICORN_THREADS size it (default 2 x cores + 1 workers of 4 threads); static files through
# WhiteNoise. The demo is served on plain http://127.0.0.1, where browsers drop Secure cookies: without this a hub
# admin could not log in after `make run`. Production sits behind TLS and keeps the Secure default.
export SESSION_COOKIE_SECURE="${SESSION_COOKIE_SECURE:-false}" CSRF_COOKIE_SECURE="${CSRF_COOKIE_SECURE:-false}"
HOST="$HOST" PORT="$PORT" bash scripts/serve.sh &
pids+=($!)
wait "${pids[-1]}"
