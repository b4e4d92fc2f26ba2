#!/usr/bin/env bash
# Idempotent set-up on Debian/Ubuntu: system packages, services on loopback, the virtualenv, the database.
# Every step checks before it acts, so `make run` and `make test` can call it every time.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PG_VERSION="${PG_VERSION:-15}"
APT_PACKAGES=(
  "postgresql-${PG_VERSION}" "postgresql-${PG_VERSION}-postgis-3" "postgresql-${PG_VERSION}-rum" redis-server
  libgdal32 libgeos-c1v5 libproj25 chromium chromium-driver python3-venv
  gettext  # msgfmt for compilemessages (French translations)
  cgi-mapserver mapserver-bin  # a real WMS server for the tests of the portal's map previews (issue 15)
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL on loopback
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  log "starting PostgreSQL ${PG_VERSION}"
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^${PG_VERSION} main"; then
    $SUDO pg_createcluster "${PG_VERSION}" main >/dev/null
  fi
  $SUDO pg_ctlcluster "${PG_VERSION}" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# Redis on loopback, no persistence (it only carries the task queue and the cache)
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --protected-mode yes --save "" --appendonly no >/dev/null
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi

# Database role and database. The role is a superuser on this local cluster so the test runner can create its
# test database with the postgis extension; production uses its own DATABASE_URL and a pre-made database.
DB_USER="${DB_USER:-datatera}"
DB_PASSWORD="${DB_PASSWORD:-datatera}"
DB_NAME="${DB_NAME:-datatera}"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='${DB_USER}'\"" | grep -q 1; then
  log "creating database role ${DB_USER}"
  as_postgres "psql -q -c \"CREATE ROLE ${DB_USER} LOGIN SUPERUSER PASSWORD '${DB_PASSWORD}'\""
fi
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='${DB_NAME}'\"" | grep -q 1; then
  log "creating database ${DB_NAME}"
  as_postgres "createdb -O ${DB_USER} ${DB_NAME}"
fi
as_postgres "psql -q -d ${DB_NAME} -c 'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;'"

# Search settings (reloadable only, so a shared cluster is never restarted); see scripts/postgresql-search.conf.
PG_CONF_D="/etc/postgresql/${PG_VERSION}/main/conf.d"
if [ -d "$PG_CONF_D" ] && ! cmp -s scripts/postgresql-search.conf "$PG_CONF_D/datatera-search.conf"; then
  log "writing PostgreSQL search settings to $PG_CONF_D/datatera-search.conf"
  $SUDO install -m 644 scripts/postgresql-search.conf "$PG_CONF_D/datatera-search.conf"
  as_postgres "psql -q -c 'SELECT pg_reload_conf()'"
fi

# Python environment
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  log "creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  log "installing the project and its dependencies into .venv"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e ".[dev]"
  rm -f .venv/.installed-* && touch "$stamp"
fi

# npm for the browser libraries (static/vendor); machines that already have Node.js keep theirs.
if ! command -v npm >/dev/null; then
  log "installing Node.js and npm"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
# Java 17 and Maven for the search cluster of the tests (scripts/search-cluster.sh fetches OpenSearch with Maven);
# machines that already have them keep theirs.
if ! command -v mvn >/dev/null || ! ls /usr/lib/jvm/java-17-openjdk*/bin/java >/dev/null 2>&1; then
  log "installing Java 17 and Maven (search cluster)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless maven >/dev/null
fi
log "browser libraries into static/vendor"
bash scripts/vendor-assets.sh

log "applying migrations"
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
# Translations: the .po files are the source, the .mo files are built here (binary files merge badly in git).
.venv/bin/python manage.py compilemessages -v 0 -i .venv -i var -i node_modules
log "ready"
