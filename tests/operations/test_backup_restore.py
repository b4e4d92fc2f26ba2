"""scripts/backup.sh and scripts/restore.sh: a restore into a fresh database holds every record, provenance row and
original XML byte for byte, the jobs and checkpoints, and the search answers the same."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from catalogue.records.unified import BBox, Keyword
from harvesters.models import HarvestJob
from poles.models import HarvestSource
from tests.portal.factories import aerosol_series, ingest, rich_record

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
SEARCHES = [
    {"q": "aerosol"},
    {"q": "sea surface temperature"},
    {"q": "europe", "pole": "AERIS", "sort": "newest"},
    {"bbox": "-20,30,20,60"},
    {"keyword": "buoys"},
    {},
]
SEARCH_SCRIPT = """
import json, sys, django
django.setup()
from catalogue.search.params import parse_search_params
from catalogue.search.service import search
out = []
for params in json.loads(sys.argv[1]):
    query, errors = parse_search_params(params)
    result = search(query, "en")
    out.append({"count": result.count, "ids": [str(h.id) for h in result.hits],
                "facets": {k: [(v.value, v.count) for v in vs] for k, vs in result.facets.items()}})
print(json.dumps(out))
"""


def url_of(name: str) -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def run(script: str, *args: str, database: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", f"scripts/{script}", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url_of(database), "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=600,
    )


def searches(database: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-c", SEARCH_SCRIPT, json.dumps(SEARCHES)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url_of(database), "SEARCH_CACHE_SECONDS": "0"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def rows(database: str, sql: str) -> list[tuple]:
    with psycopg.connect(url_of(database).replace("postgres://", "postgresql://")) as conn:
        return conn.execute(sql).fetchall()


# Every column of every table that holds state, as text (bytea as hex): equal lists = equal data.
TABLES = {
    "records": "SELECT row_to_json(r)::text FROM catalogue_record r ORDER BY id",
    "provenance": "SELECT id, record_id, source_id, source_identifier, format, content_hash, datestamp, first_seen,"
    " last_seen, deleted_at_source, original_xml FROM catalogue_recordsource ORDER BY id",
    "sources": "SELECT row_to_json(s)::text FROM poles_harvestsource s ORDER BY id",
    "hubs": "SELECT row_to_json(p)::text FROM poles_pole p ORDER BY id",
    "jobs": "SELECT row_to_json(j)::text FROM harvesters_harvestjob j ORDER BY id",
    "errors": "SELECT row_to_json(e)::text FROM harvesters_harvesterror e ORDER BY id",
    "users": "SELECT row_to_json(u)::text FROM auth_user u ORDER BY id",
}


@pytest.fixture
def fresh_database():
    name = f"test_restore_{uuid.uuid4().hex[:10]}"
    admin = url_of("postgres").replace("postgres://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_a_fresh_database_holds_everything_and_searches_the_same(tmp_path, fresh_database):
    rich_record()
    aerosol_series(12, 5)
    odd_bytes = "<?xml version='1.0' encoding='ISO-8859-1'?><r>caf\xe9 \r\n\t</r>".encode("latin-1") + b"\x00\xff"
    ingest(
        "odatis-sextant-csw",
        "bytes-001",
        xml=odd_bytes,
        title="Bathymetry of the Bay of Biscay",
        keywords=[Keyword("buoys")],
        bboxes=[BBox(-6.0, 43.0, -1.0, 48.0)],
    )
    source = HarvestSource.objects.get(slug="demo-aeris")
    HarvestJob.objects.create(
        source=source, status="running", heartbeat_at=timezone.now(), checkpoint={"client": {"start_position": 301}}
    )
    original = connection.settings_dict["NAME"]
    backup = tmp_path / "catalogue.backup"

    made = run("backup.sh", str(backup), database=original)
    assert made.returncode == 0, made.stdout + made.stderr
    with tarfile.open(backup) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    assert manifest["counts"]["records"] == 14 and manifest["counts"]["provenance"] == 14

    restored = run("restore.sh", str(backup), database=fresh_database)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "14 records, 14 provenance rows, as in the manifest" in restored.stdout
    assert "5 of 5 checks passed; 0 broken" in restored.stdout  # catalogue check on the restored database

    for table, sql in TABLES.items():
        before, after = rows(original, sql), rows(fresh_database, sql)
        assert before == after, table
        assert before or table in ("errors", "users"), f"{table}: nothing was compared"
    xml = rows(fresh_database, "SELECT original_xml FROM catalogue_recordsource WHERE source_identifier = 'bytes-001'")
    assert bytes(xml[0][0]) == odd_bytes
    before, after = searches(original), searches(fresh_database)
    assert after == before
    assert before[0]["count"] == 12 and before[1]["count"] >= 1  # the searches found something to compare


def test_restore_refuses_a_damaged_file_and_a_non_empty_database(tmp_path, fresh_database):
    rich_record()
    backup = tmp_path / "catalogue.backup"
    assert run("backup.sh", str(backup), database=connection.settings_dict["NAME"]).returncode == 0
    # Into a database that already holds a catalogue (the test database itself): refused, nothing touched.
    refused = run("restore.sh", str(backup), database=connection.settings_dict["NAME"])
    assert refused.returncode == 1 and "already holds a catalogue" in refused.stderr
    # A flipped byte in the dump: the checksum catches it before anything is restored.
    with tarfile.open(backup) as archive:
        archive.extractall(tmp_path / "x", filter="data")
    dump = tmp_path / "x" / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    damaged = tmp_path / "damaged.backup"
    with tarfile.open(damaged, "w") as archive:
        for name in ("manifest.json", "database.dump"):
            archive.add(tmp_path / "x" / name, arcname=name)
    failed = run("restore.sh", str(damaged), database=fresh_database)
    assert failed.returncode == 1 and "is damaged" in failed.stderr
    assert rows(fresh_database, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'catalogue%'") == [(0,)]
