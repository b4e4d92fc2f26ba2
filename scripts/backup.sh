#!/usr/bin/env bash
# scripts/backup.sh FILE — everything the catalogue cannot rebuild, in one file: the PostgreSQL database (records,
# provenance with the original XML bytes, hubs, sources, harvest jobs and checkpoints, users, statistics) as a
# pg_dump custom-format archive, and a manifest (counts, checksum, code version) that restore.sh verifies.
# Not in it, because it is rebuilt: the Elasticsearch index (restore.sh reindexes), the Redis queue and cache
# (queued jobs are HarvestJob rows; the beat re-queues them), collected static files.
# Consistent without stopping anything: pg_dump reads one snapshot while harvests keep writing.
set -euo pipefail
cd "$(dirname "$0")/.."
FILE="${1:?usage: scripts/backup.sh FILE}"
PY="${PYTHON:-.venv/bin/python}"
# DATABASE_URL as the application reads it; the password travels in PGPASSWORD, never on a command line.
{ read -r URL; read -r PGPASSWORD; } < <($PY -c 'from datatera.env import env_database_url as e
d = e("DATABASE_URL", "postgres://datatera:datatera@127.0.0.1:5432/datatera"); print(d.libpq_url()); print(d.password)')
export PGPASSWORD
work="$(mktemp -d "${TMPDIR:-/tmp}/datatera-backup.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "[backup] dumping the database (pg_dump, custom format)"
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$work/database.dump" "$URL"
echo "[backup] writing the manifest"
psql "$URL" -X -q -t -A -v ON_ERROR_STOP=1 -c "SELECT json_build_object(
    'records', (SELECT count(*) FROM catalogue_record),
    'live_records', (SELECT count(*) FROM catalogue_record WHERE NOT deleted),
    'provenance', (SELECT count(*) FROM catalogue_recordsource),
    'original_xml_sha256', (SELECT encode(sha256(coalesce(string_agg(content_hash, ',' ORDER BY id), '')::bytea), 'hex')
                            FROM catalogue_recordsource),
    'sources', (SELECT count(*) FROM poles_harvestsource),
    'harvest_jobs', (SELECT count(*) FROM harvesters_harvestjob),
    'last_migration', (SELECT max(app || '.' || name) FROM django_migrations WHERE app = 'catalogue'),
    'server_version', current_setting('server_version'))" > "$work/counts.json"
$PY - "$work" <<'PY'
import hashlib, json, subprocess, sys
from datetime import datetime, timezone
from pathlib import Path
work = Path(sys.argv[1])
digest = hashlib.sha256()
with open(work / "database.dump", "rb") as dump:
    for block in iter(lambda: dump.read(1 << 20), b""):
        digest.update(block)
try:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
except (OSError, subprocess.CalledProcessError):
    commit = ""
manifest = {
    "format": "datatera-backup/1",
    "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    "code_commit": commit,
    "database_dump": "database.dump",
    "database_dump_sha256": digest.hexdigest(),
    "counts": json.loads((work / "counts.json").read_text()),
}
(work / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
PY
rm "$work/counts.json"
# Written beside the target and renamed: a crash never leaves a half-written FILE under the expected name.
tar -C "$work" -cf "$FILE.partial" manifest.json database.dump
mv "$FILE.partial" "$FILE"
echo "[backup] $FILE: $(du -h "$FILE" | cut -f1), $(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print(f"{c[\"records\"]} records, {c[\"provenance\"]} provenance rows")' "$work/manifest.json")"
