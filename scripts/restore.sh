#!/usr/bin/env bash
# scripts/restore.sh FILE — restore a backup made by backup.sh into the database of DATABASE_URL.
# The database must exist and hold no catalogue tables (a fresh `createdb`, or one made by scripts/setup.sh);
# `--replace` first drops what an existing catalogue database holds. Then: the dump's checksum is verified, the
# restore runs in one transaction (a failure leaves the database as it was), migrations newer than the backup are
# applied, the counts are compared with the manifest, `manage.py catalogue check` runs, and an Elasticsearch index
# (when SEARCH_BACKEND=elasticsearch) is rebuilt from the restored records.
set -euo pipefail
cd "$(dirname "$0")/.."
FILE="${1:?usage: scripts/restore.sh FILE [--replace]}"
REPLACE="${2:-}"
PY="${PYTHON:-.venv/bin/python}"
# DATABASE_URL as the application reads it; the password travels in PGPASSWORD, never on a command line.
{ read -r URL; read -r PGPASSWORD; } < <($PY -c 'from datatera.env import env_database_url as e
d = e("DATABASE_URL", "postgres://datatera:datatera@127.0.0.1:5432/datatera"); print(d.libpq_url()); print(d.password)')
export PGPASSWORD
work="$(mktemp -d "${TMPDIR:-/tmp}/datatera-restore.XXXXXX")"
trap 'rm -rf "$work"' EXIT

tar -C "$work" -xf "$FILE" manifest.json database.dump
expected="$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["database_dump_sha256"])' "$work/manifest.json")"
actual="$(sha256sum "$work/database.dump" | cut -d' ' -f1)"
if [ "$expected" != "$actual" ]; then
  echo "[restore] $FILE is damaged: the dump's sha256 is $actual, the manifest says $expected" >&2
  exit 1
fi
tables="$(psql "$URL" -X -q -t -A -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'catalogue\_%'")"
if [ "$tables" != "0" ]; then
  if [ "$REPLACE" != "--replace" ]; then
    echo "[restore] the target database already holds a catalogue ($tables tables); add --replace to overwrite it" >&2
    exit 1
  fi
  echo "[restore] --replace: dropping the existing catalogue's schema"
  psql "$URL" -X -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
fi
echo "[restore] restoring the database (one transaction)"
# Materialized views are refreshed after the restore, not by it: pg_restore runs with an empty search_path, and
# the functions a view calls name their tables unqualified (as every migration wrote them).
pg_restore --list "$work/database.dump" | grep -v "MATERIALIZED VIEW DATA" > "$work/restore.list"
pg_restore --exit-on-error --single-transaction --no-owner --no-privileges --no-comments --dbname="$URL" \
  --use-list="$work/restore.list" "$work/database.dump"
views="$(pg_restore --list "$work/database.dump" | sed -n 's/.* MATERIALIZED VIEW DATA \([^ ]*\) \([^ ]*\) .*/\1.\2/p')"
for view in $views; do
  echo "[restore] refreshing materialized view $view"
  psql "$URL" -X -q -v ON_ERROR_STOP=1 -c "REFRESH MATERIALIZED VIEW $view"
done
echo "[restore] applying migrations newer than the backup, if any"
$PY manage.py migrate --noinput -v 0
echo "[restore] comparing with the manifest"
$PY - "$work/manifest.json" "$URL" <<'PY'
import json, subprocess, sys
expected = json.load(open(sys.argv[1]))["counts"]
query = """SELECT json_build_object('records', (SELECT count(*) FROM catalogue_record),
    'provenance', (SELECT count(*) FROM catalogue_recordsource),
    'original_xml_sha256', (SELECT encode(sha256(coalesce(string_agg(content_hash, ',' ORDER BY id), '')::bytea), 'hex')
                            FROM catalogue_recordsource),
    'sources', (SELECT count(*) FROM poles_harvestsource),
    'harvest_jobs', (SELECT count(*) FROM harvesters_harvestjob))"""
found = json.loads(subprocess.run(["psql", sys.argv[2], "-X", "-q", "-t", "-A", "-c", query],
                                  capture_output=True, text=True, check=True).stdout)
wrong = {k: (expected[k], v) for k, v in found.items() if expected.get(k) != v}
if wrong:
    sys.exit(f"[restore] the restored database differs from the backup's manifest: {wrong}")
print(f"[restore] {found['records']} records, {found['provenance']} provenance rows, as in the manifest")
PY
if [ "${SEARCH_BACKEND:-postgres}" = "elasticsearch" ]; then
  echo "[restore] rebuilding the Elasticsearch index from the restored records"
  $PY manage.py search_reindex
fi
$PY manage.py catalogue check
echo "[restore] done"
