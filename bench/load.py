"""Load benchmark: locust against gunicorn (scripts/serve.sh) on loopback while a CSW harvest runs.

    .venv/bin/python bench/load.py [--fill-to 100000] [--users 50,200] [--seconds 60] [--workers 5 --threads 4]

Mix (weights): portal search with facets 4, API search 3, record page 3, DOI landing page 2, CSW GetRecords 1,
OAI-PMH ListRecords/GetRecord 1. A pycsw peer with 2,000 ISO records is harvested (full) into the same database
during each run, so reads meet writes. Prints throughput, p50/p95/p99 per request type and errors, CPU use of the
machine and PostgreSQL connections during the run, and the load average before and after.

--fill-to N tops DATABASE_URL's catalogue up to N records by cloning the records already there in SQL (new id,
identifier and DOI; same texts and XML): `manage.py generate_records` writes ~1,000 records/s on an idle machine,
far less on a loaded one, and this benchmark measures serving, not generation. Say so beside the figures.
This file is also the locustfile (locust imports it with LOAD_SAMPLE set).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["ocean", "temperature", "aerosol", "soil moisture", "salinity", "seismic", "lidar", "chlorophyll", "snow"]
POLES = ["AERIS", "FORMATER", "ODATIS", "THEIA"]

if os.environ.get("LOAD_SAMPLE"):  # imported by locust
    from locust import HttpUser, between, task

    SAMPLE = json.loads(Path(os.environ["LOAD_SAMPLE"]).read_text())

    class CatalogueUser(HttpUser):
        wait_time = between(0.5, 1.5)  # a person (or a harvester) between two requests

        @task(4)
        def portal_search(self):
            word, pole = random.choice(WORDS), random.choice(POLES)
            self.client.get(f"/search/?q={word}&pole={pole}", name="portal search + facets")

        @task(3)
        def api_search(self):
            self.client.get(f"/api/records/?q={random.choice(WORDS)}&page_size=20", name="API search")

        @task(3)
        def record_page(self):
            self.client.get(f"/records/{random.choice(SAMPLE['ids'])}/", name="record page")

        @task(2)
        def landing_page(self):
            self.client.get(f"/doi/{random.choice(SAMPLE['dois'])}", name="DOI landing page")

        @task(1)
        def csw(self):
            self.client.get(
                "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&resultType=results"
                f"&elementSetName=summary&maxRecords=10&constraintLanguage=CQL_TEXT"
                f"&constraint=AnyText%20like%20%27%25{random.choice(WORDS).split()[0]}%25%27",
                name="CSW GetRecords",
            )

        @task(1)
        def oai(self):
            if random.random() < 0.5:
                self.client.get("/oaipmh?verb=ListRecords&metadataPrefix=oai_dc", name="OAI-PMH ListRecords")
            else:
                identifier = random.choice(SAMPLE["identifiers"])
                self.client.get(
                    f"/oaipmh?verb=GetRecord&metadataPrefix=oai_dc&identifier={identifier}", name="OAI-PMH GetRecord"
                )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def psql(sql: str) -> str:
    sys.path.insert(0, str(ROOT))
    from datatera.env import env_database_url

    db = env_database_url("DATABASE_URL", "postgres://datatera:datatera@127.0.0.1:5432/datatera")
    result = subprocess.run(
        ["psql", db.libpq_url(), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql],
        env={**os.environ, "PGPASSWORD": db.password},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def fill_to(target: int) -> None:
    have = int(psql("SELECT count(*) FROM catalogue_record WHERE NOT source_slugs && ARRAY['limits-oai']::varchar[]"))
    if have >= target or have == 0:
        print(f"catalogue: {have} records (no cloning)")
        return
    columns = [
        c
        for c in psql(
            "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
            "WHERE table_name = 'catalogue_record' AND is_generated = 'NEVER' "
            "AND column_name NOT IN ('id', 'identifier', 'doi', 'search_vector')"
        ).split(",")
    ]
    cols = ", ".join(columns)
    rounds = (target - have + have - 1) // have
    started = time.perf_counter()
    for n in range(1, rounds + 1):
        missing = target - int(
            psql("SELECT count(*) FROM catalogue_record WHERE NOT source_slugs && ARRAY['limits-oai']::varchar[]")
        )
        if missing <= 0:
            break
        # One transaction a round: clones of the original records (not of clones); the trigger fills search_vector.
        qualified = ", ".join(f"r.{c}" for c in columns)
        psql(f"""
        CREATE TEMP TABLE clone_map AS SELECT id AS old_id, md5(id::text || '{n}')::uuid AS new_id
          FROM catalogue_record WHERE identifier NOT LIKE '%~clone%'
           AND NOT source_slugs && ARRAY['limits-oai', 'load-peer']::varchar[] ORDER BY id LIMIT {missing};
        INSERT INTO catalogue_record (id, identifier, doi, {cols})
          SELECT m.new_id, r.identifier || '~clone{n}', CASE WHEN r.doi IS NULL THEN NULL ELSE r.doi || '.c{n}' END,
                 {qualified}
          FROM clone_map m JOIN catalogue_record r ON r.id = m.old_id;
        INSERT INTO catalogue_recordsource (source_identifier, original_xml, format, content_hash, datestamp,
                                            first_seen, last_seen, deleted_at_source, record_id, source_id)
          SELECT p.source_identifier || '~clone{n}', p.original_xml, p.format, p.content_hash, p.datestamp,
                 p.first_seen, p.last_seen, p.deleted_at_source, m.new_id, p.source_id
          FROM clone_map m JOIN catalogue_recordsource p ON p.record_id = m.old_id;
        """)
    psql("ANALYZE catalogue_record; ANALYZE catalogue_recordsource")
    try:
        psql("REFRESH MATERIALIZED VIEW catalogue_search_term")
    except subprocess.CalledProcessError:
        pass
    print(
        f"catalogue: {have} records cloned up to {psql('SELECT count(*) FROM catalogue_record')} "
        f"in {time.perf_counter() - started:.0f} s"
    )


def sample(folder: Path) -> Path:
    ids = psql(
        "SELECT string_agg(id::text, ',') FROM (SELECT id FROM catalogue_record WHERE NOT deleted "
        "ORDER BY random() LIMIT 500) s"
    ).split(",")
    dois = psql(
        "SELECT string_agg(doi, ',') FROM (SELECT doi FROM catalogue_record WHERE NOT deleted AND doi IS NOT "
        "NULL ORDER BY random() LIMIT 300) s"
    ).split(",")
    identifiers = psql(
        "SELECT string_agg(identifier, '|') FROM (SELECT identifier FROM catalogue_record WHERE NOT "
        "deleted ORDER BY random() LIMIT 300) s"
    ).split("|")
    path = folder / "sample.json"
    path.write_text(json.dumps({"ids": ids, "dois": [d for d in dois if d], "identifiers": identifiers}))
    return path


def cpu_times() -> tuple[float, float]:
    fields = [float(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields), idle


class Monitor(threading.Thread):
    """Machine CPU busy share and PostgreSQL connections (max) during the run."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.busy: list[float] = []
        self.connections: list[int] = []
        self.waiting: list[int] = []

    def run(self):
        total, idle = cpu_times()
        while not self.stop.wait(2):
            t2, i2 = cpu_times()
            self.busy.append(1 - (i2 - idle) / max(t2 - total, 1))
            total, idle = t2, i2
            try:
                row = psql(
                    "SELECT count(*), count(*) FILTER (WHERE wait_event_type = 'Lock') FROM pg_stat_activity "
                    "WHERE datname = current_database()"
                ).split("|")
                self.connections.append(int(row[0]))
                self.waiting.append(int(row[1]))
            except subprocess.CalledProcessError:
                pass


def start_harvest(folder: Path) -> tuple[subprocess.Popen, subprocess.Popen]:
    script = f"""
import sys; sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from tests.peers.pycsw_peer import build_repository
from tests.peers.records import iso_record
build_repository(Path({str(folder / "peer.db")!r}), (iso_record(f"load-{{i:05d}}") for i in range(2000)))
"""
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    peer = subprocess.Popen(
        [sys.executable, "-m", "tests.peers.pycsw_peer", str(folder / "peer.db"), str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    peer.stdout.readline()
    harvest = f"""
import django; django.setup()
from poles.models import HarvestSource, Pole
from harvesters.jobs import create_job, run_job
source, _ = HarvestSource.objects.update_or_create(slug="load-peer", defaults=dict(pole=Pole.objects.get(code="ODATIS"),
    name="load peer", protocol="csw", url="http://127.0.0.1:{port}/", options={{"page_size": 50}}, schedule="manual"))
job = run_job(create_job(source, full=True).pk)
print(job.status, job.seen, job.created, job.updated, job.unchanged, job.failed)
"""
    job = subprocess.Popen(
        [sys.executable, "-c", harvest],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "datatera.settings"},
    )
    return peer, job


def run_locust(base: str, users: int, seconds: int, folder: Path, sample_path: Path) -> list[dict]:
    prefix = folder / f"u{users}"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("locust")),
            "-f",
            str(Path(__file__)),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(users // 5, 1)),
            "-t",
            f"{seconds}s",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "LOAD_SAMPLE": str(sample_path)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    with open(f"{prefix}_stats.csv") as handle:
        rows = list(csv.DictReader(handle))
    with open(f"{prefix}_failures.csv") as handle:
        failures = list(csv.DictReader(handle))
    for row in rows:
        row["failures_detail"] = [
            f"{f['Occurrences']}x {f['Error'][:120]}" for f in failures if f["Name"] == row["Name"]
        ]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill-to", type=int, default=0)
    parser.add_argument("--users", default="50,200")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")
    if args.fill_to:
        fill_to(args.fill_to)
    records = psql("SELECT count(*) FROM catalogue_record WHERE NOT deleted")
    folder = Path(tempfile.mkdtemp(prefix="datatera-load-"))
    sample_path = sample(folder)
    port = free_port()
    server = subprocess.Popen(
        ["bash", "scripts/serve.sh"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "gunicorn.log", "w"),  # noqa: SIM115
        start_new_session=True,
        env={
            **os.environ,
            "PORT": str(port),
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_THREADS": str(args.threads),
            "GUNICORN_ACCESS_LOG": "",
            "API_ANON_RATE": "1000000/minute",
            "PROMETHEUS_MULTIPROC_DIR": str(folder / "prom"),
            "STATS_ENABLED": "false",
        },
    )
    base = f"http://127.0.0.1:{port}"
    import requests

    for _ in range(120):
        try:
            if requests.get(base + "/", timeout=10).ok:
                break
        except requests.RequestException:
            time.sleep(0.5)
    print(f"{records} live records; gunicorn {args.workers} workers x {args.threads} threads on {base}")
    try:
        for users in [int(u) for u in args.users.split(",")]:
            peer, job = start_harvest(folder)
            monitor = Monitor()
            load_before = os.getloadavg()
            monitor.start()
            rows = run_locust(base, users, args.seconds, folder, sample_path)
            monitor.stop.set()
            harvest_done = job.poll() is not None
            if not harvest_done:
                job.send_signal(signal.SIGINT)
            out, err = job.communicate(timeout=120)
            peer.terminate()
            busy = sum(monitor.busy) / max(len(monitor.busy), 1)
            harvest_state = "finished: " if harvest_done else "still running at the end (stopped): "
            print(f"\n== {users} users, {args.seconds} s, harvest during the run: {harvest_state}{out.strip()}")
            print(
                f"   load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}; machine CPU busy "
                f"{busy:.0%} (mean), PostgreSQL connections max {max(monitor.connections, default=0)}, "
                f"waiting on locks max {max(monitor.waiting, default=0)}"
            )
            print(f"   {'request type':28} {'reqs':>6} {'fail':>5} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
            for row in rows:
                print(
                    f"   {row['Name'][:28]:28} {row['Request Count']:>6} {row['Failure Count']:>5} "
                    f"{float(row['Requests/s']):6.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
                )
                for detail in row["failures_detail"][:3]:
                    print(f"      {detail}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        psql(
            "DELETE FROM catalogue_record WHERE id IN (SELECT record_id FROM catalogue_recordsource p JOIN "
            "poles_harvestsource s ON s.id = p.source_id WHERE s.slug = 'load-peer')"
        )
        psql("DELETE FROM poles_harvestsource WHERE slug = 'load-peer'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
