"""Load benchmark: locust against gunicorn (scripts/serve.sh) on loopback while a Celery worker harvests a peer.

    .venv/bin/python bench/load.py [--generate 100000 | --fill-to 100000] [--users 50,200] [--seconds 180]
                                   [--workers 5 --threads 4] [--harvest-records 6000]

Run it against a throw-away database (DATABASE_URL) and hold the bench lock: `flock /tmp/datatera-bench.lock ...`.

Mix (weights): portal search with facets 4, API search 3, record page 3, DOI landing page 2, CSW GetRecords 1,
OAI-PMH ListRecords/GetRecord 1. For each run a pycsw peer with --harvest-records ISO records is harvested (full) into
the same database by a real Celery worker (`celery worker` on a queue of its own, the job queued through Redis as
`harvest --queue` does), so reads meet writes. Prints throughput, p50/p95/p99 per request type and errors; first, a
serial baseline (--serial N requests of each type, one at a time, on the idle server: what one request costs, and
the throughput that bounds); the share of the run the harvest was writing; the load average before, during and
after; CPU used by each part (gunicorn, postgres, the Celery worker, locust, the peer, everything else); PostgreSQL
connections by state and the wait events of active backends (pg_stat_activity every 2 s); gunicorn's accept queue
(the listening socket's Recv-Q: connections no worker thread has taken yet). Exit status 1 if any request failed.

--generate N tops the catalogue up to N records with `manage.py generate_records`. --fill-to N clones the records
already there in SQL instead (new id, identifier and DOI; same texts and XML): faster on a loaded machine, but
searches then match ~N/have times more rows than a real catalogue would. Say which beside the figures.
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
import textwrap
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["ocean", "temperature", "aerosol", "soil moisture", "salinity", "seismic", "lidar", "chlorophyll", "snow"]
POLES = ["AERIS", "FORMATER", "ODATIS", "THEIA"]


def request_mix(sample: dict) -> dict[str, tuple[float, callable, bytes | None]]:
    """The request types of a run: name -> (weight, URL maker, the body marker of a protocol error). Locust's users
    and the serial baseline draw from the same table. A protocol error answered with 200 (OAI-PMH <error>, OWS
    ExceptionReport) is a failure too."""

    def csw() -> str:
        word = random.choice(WORDS).split()[0]
        return (
            "/csw?service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&resultType=results"
            "&elementSetName=summary&maxRecords=10&constraintLanguage=CQL_TEXT"
            f"&constraint=AnyText%20like%20%27%25{word}%25%27"
        )

    return {
        "portal search + facets": (4, lambda: f"/search/?q={random.choice(WORDS)}&pole={random.choice(POLES)}", None),
        "API search": (3, lambda: f"/api/records/?q={random.choice(WORDS)}&page_size=20", None),
        "record page": (3, lambda: f"/records/{random.choice(sample['ids'])}/", None),
        "DOI landing page": (2, lambda: f"/doi/{random.choice(sample['dois'])}", None),
        "CSW GetRecords": (1, csw, b"ExceptionReport"),
        # OAI-PMH's two verbs share one weight: half ListRecords, half GetRecord.
        "OAI-PMH ListRecords": (0.5, lambda: "/oaipmh?verb=ListRecords&metadataPrefix=oai_dc", b"<error code="),
        "OAI-PMH GetRecord": (
            0.5,
            lambda: "/oaipmh?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + random.choice(sample["identifiers"]),
            b"<error code=",
        ),
    }


if os.environ.get("LOAD_SAMPLE"):  # imported by locust
    from locust import HttpUser, between, task

    MIX = request_mix(json.loads(Path(os.environ["LOAD_SAMPLE"]).read_text()))
    NAMES = list(MIX)
    WEIGHTS = [MIX[n][0] for n in NAMES]

    class CatalogueUser(HttpUser):
        wait_time = between(0.5, 1.5)  # a person (or a harvester) between two requests

        @task
        def one_request(self):
            name = random.choices(NAMES, WEIGHTS)[0]
            _, url, error = MIX[name]
            with self.client.get(url(), name=name, catch_response=True) as response:
                if error and response.status_code == 200 and error in response.content:
                    response.failure(f"protocol error: {response.content[:200]!r}")


def serial_costs(base: str, sample_path: Path, repeats: int) -> dict[str, list[float]]:
    """Each request type alone, one request at a time on the idle server (no users, no harvest): what one request
    costs. With the machine's cores, the mix's weighted mean cost bounds the throughput any number of users can get."""
    import requests

    mix = request_mix(json.loads(sample_path.read_text()))
    costs: dict[str, list[float]] = {}
    with requests.Session() as session:
        for name, (_, url, error) in mix.items():
            times = []
            for i in range(repeats + 2):
                started = time.perf_counter()
                response = session.get(base + url(), timeout=60)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200 or (error and error in response.content):
                    raise SystemExit(f"serial baseline: {name} answered {response.status_code}")
                if i >= 2:  # two warm-ups (connections, caches of the worker that takes it)
                    times.append(elapsed)
            costs[name] = times
    return costs


def print_serial(costs: dict[str, list[float]], sample_path: Path) -> None:
    mix = request_mix(json.loads(sample_path.read_text()))
    weights = {n: mix[n][0] for n in costs}
    mean = sum(weights[n] * (sum(t) / len(t)) for n, t in costs.items()) / sum(weights.values())
    cores = os.cpu_count() or 1
    print(f"\n== serial baseline: each request type alone, {len(next(iter(costs.values())))} requests one at a time")
    print(f"   {'request type':28} {'p50':>7} {'p95':>7} {'mean':>7}  (ms)")
    for name, times in costs.items():
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
        print(f"   {name[:28]:28} {ordered[len(ordered) // 2]:7.0f} {p95:7.0f} {sum(times) / len(times):7.0f}")
    print(
        f"   the mix's weighted mean: {mean:.0f} ms a request; if CPU-bound, {cores} cores serve at most "
        f"~{cores * 1000 / mean:.0f} requests/s (50 users thinking 0.5-1.5 s ask for up to "
        f"~{50 / (1 + mean / 1000):.0f}/s)"
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
    # OAI-PMH identifiers are oai:<SITE_URL's host>:<record id> (catalogue.oaipmh.provider); a plain identifier would
    # only get idDoesNotExist, a 200 that measures nothing (the locust tasks count protocol errors as failures).
    host = urlparse(os.environ.get("SITE_URL", "http://127.0.0.1:8000")).hostname or "localhost"
    identifiers = [f"oai:{host}:{i}" for i in ids[:300]]
    path = folder / "sample.json"
    path.write_text(json.dumps({"ids": ids, "dois": [d for d in dois if d], "identifiers": identifiers}))
    return path


def cpu_times() -> tuple[float, float]:
    fields = [float(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields), idle


def process_kind(proc, server_pid: int, worker_pid: int | None) -> str:
    """Which part of the run a process is: gunicorn (the server's process group), postgres backends, the Celery
    worker, locust, the pycsw peer, or the rest of the machine (other sessions)."""
    try:
        if proc.pid == server_pid or os.getpgid(proc.pid) == server_pid:
            return "gunicorn"
        name = proc.name()
        if name.startswith("postgres"):
            return "postgres"
        cmdline = " ".join(proc.cmdline())
    except (OSError, Exception):  # noqa: BLE001 - a process that ended between two reads
        return "other"
    if worker_pid and (proc.pid == worker_pid or "celery" in cmdline and "load-bench" in cmdline):
        return "celery worker"
    if "locust" in cmdline:
        return "locust"
    if "tests.peers.pycsw_peer" in cmdline:
        return "pycsw peer"
    return "other"


class Monitor(threading.Thread):
    """Every 2 s: the machine's CPU busy share and load average, the CPU each part of the run used (in cores),
    PostgreSQL's connections by state and wait event (pg_stat_activity), and gunicorn's accept queue (connections
    the kernel holds that no worker thread has taken yet: `ss` Recv-Q of the listening socket)."""

    def __init__(self, port: int, server_pid: int, worker_pid: int | None):
        super().__init__(daemon=True)
        self.port, self.server_pid, self.worker_pid = port, server_pid, worker_pid
        self.stop = threading.Event()
        self.samples: list[dict] = []

    def run(self):
        import psutil

        total, idle = cpu_times()
        seen: dict[int, tuple[str, float]] = {}

        def cpu_by_kind(db_pids: set[int]) -> dict[str, float]:
            used: dict[str, float] = {}
            for proc in psutil.process_iter():
                try:
                    times = proc.cpu_times()
                    spent = times.user + times.system
                except psutil.Error:
                    continue
                kind, before = seen.get(proc.pid, (None, None))
                if kind is None:
                    kind = process_kind(proc, self.server_pid, self.worker_pid)
                seen[proc.pid] = (kind, spent)
                if kind == "postgres":  # this benchmark's backends, or the cluster's others (other sessions too)
                    kind = "postgres: this database" if proc.pid in db_pids else "postgres: other"
                if before is not None:
                    used[kind] = used.get(kind, 0.0) + max(spent - before, 0.0)
            return used

        cpu_by_kind(set())
        db_pids: set[int] = set()
        last = time.monotonic()
        while not self.stop.wait(2):
            now = time.monotonic()
            t2, i2 = cpu_times()
            sample = {
                "t": round(now, 1),
                "busy": 1 - (i2 - idle) / max(t2 - total, 1),
                "load1": os.getloadavg()[0],
                "cores": {k: round(v / (now - last), 2) for k, v in cpu_by_kind(db_pids).items()},
            }
            total, idle, last = t2, i2, now
            try:
                rows = psql(
                    "SELECT coalesce(state, '-') || '|' || coalesce(wait_event_type, '-') || '|' || "
                    "coalesce(wait_event, '-') || '|' || count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "GROUP BY state, wait_event_type, wait_event"
                )
                sample["pg"] = [line.split("|") for line in rows.splitlines() if line]
                db_pids = {
                    int(pid)
                    for pid in psql(
                        "SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE datname = current_database()"
                    ).split(",")
                    if pid
                }
            except subprocess.CalledProcessError:
                sample["pg"] = []
            try:
                listen = subprocess.run(
                    ["ss", "-ltnH", f"sport = :{self.port}"], capture_output=True, text=True, timeout=5
                ).stdout.split()
                sample["accept_queue"] = int(listen[1]) if len(listen) > 1 else 0
            except (subprocess.SubprocessError, ValueError):
                sample["accept_queue"] = 0
            self.samples.append(sample)

    def summary(self) -> dict:
        samples = self.samples or [{"busy": 0, "load1": 0, "cores": {}, "pg": [], "accept_queue": 0}]
        kinds = sorted({k for s in samples for k in s["cores"]})
        cores = {k: round(sum(s["cores"].get(k, 0) for s in samples) / len(samples), 2) for k in kinds}

        def pg(state=None, wait_type=None) -> list[int]:
            return [
                sum(
                    int(n)
                    for st, wt, _, n in s["pg"]
                    if (state is None or st == state) and (wait_type is None or wt == wait_type)
                )
                for s in samples
            ]

        waits: dict[str, int] = {}
        for s in samples:
            for st, wt, we, n in s["pg"]:
                if st == "active" and wt != "-":
                    waits[f"{wt}:{we}"] = waits.get(f"{wt}:{we}", 0) + int(n)
        return {
            "samples": len(samples),
            "busy_mean": sum(s["busy"] for s in samples) / len(samples),
            "load1_max": max(s["load1"] for s in samples),
            "load1_mean": sum(s["load1"] for s in samples) / len(samples),
            "cores_mean": cores,
            "pg_connections_max": max(pg()),
            "pg_active_mean": sum(pg("active")) / len(samples),
            "pg_active_max": max(pg("active")),
            "pg_idle_in_tx_max": max(pg("idle in transaction")),
            "pg_lock_waits_max": max(pg("active", "Lock")),
            "pg_lock_waits_samples": sum(1 for n in pg("active", "Lock") if n),
            "pg_wait_events": dict(sorted(waits.items(), key=lambda kv: -kv[1])[:6]),
            "accept_queue_mean": sum(s["accept_queue"] for s in samples) / len(samples),
            "accept_queue_max": max(s["accept_queue"] for s in samples),
        }


class Harvest:
    """A pycsw peer with N ISO records, harvested in full by a real Celery worker (its own queue on the broker)
    while the load runs, so reads meet writes as they would in production."""

    def __init__(self, folder: Path, records: int):
        self.folder, self.records = folder, records
        self.queue = f"load-bench-{os.getpid()}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "datatera.settings",
            "CELERY_QUEUE": self.queue,
            "HARVEST_QUEUE": self.queue,
            # With an engine backend the same worker sends the harvested records to the index, as production does.
            "SEARCH_INDEX_QUEUE": self.queue,
        }
        script = f"""
import sys; sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from tests.peers.pycsw_peer import build_repository
from tests.peers.records import iso_record
build_repository(Path({str(folder / "peer.db")!r}), (iso_record(f"load-{{i:05d}}") for i in range({records})))
"""
        subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True)
        self.port = free_port()
        self.peer = subprocess.Popen(
            [sys.executable, "-m", "tests.peers.pycsw_peer", str(folder / "peer.db"), str(self.port)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.peer.stdout.readline()
        self.worker = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("celery")),
                "-A",
                "datatera",
                "worker",
                "-Q",
                self.queue,
                "--concurrency=1",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
                "-n",
                f"{self.queue}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=open(folder / "worker.log", "a"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.job_id = 0

    def django(self, code: str) -> str:
        script = "import django; django.setup()\n" + textwrap.dedent(code)
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=self.env, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    def queue_job(self) -> None:
        """A full harvest of the peer, queued for the worker (through the broker, as `harvest --queue` does)."""
        self.job_id = int(
            self.django(f"""
            from poles.models import HarvestSource, Pole
            from harvesters.job_queue import create_job
            from harvesters.tasks import harvest_source
            source, _ = HarvestSource.objects.update_or_create(slug="load-peer", defaults=dict(
                pole=Pole.objects.get(code="ODATIS"), name="load peer", protocol="csw",
                url="http://127.0.0.1:{self.port}/", options={{"page_size": 50}}, schedule="manual"))
            job = create_job(source, full=True)
            harvest_source.apply_async(args=[job.pk], queue={self.queue!r})
            print(job.pk)
            """)
        )

    def state(self) -> dict:
        out = self.django(f"""
            import json
            from harvesters.models import HarvestJob
            j = HarvestJob.objects.get(pk={self.job_id})
            print(json.dumps(dict(status=j.status, seen=j.seen, created=j.created, updated=j.updated,
                unchanged=j.unchanged, failed=j.failed, started=j.started_at and j.started_at.timestamp(),
                finished=j.finished_at and j.finished_at.timestamp())))
            """)
        return json.loads(out.splitlines()[-1])

    def stop(self) -> None:
        for process in (self.worker,):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        self.peer.terminate()
        self.peer.wait(timeout=30)


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


def generate(count: int) -> None:
    """Tops the catalogue up to `count` records with `manage.py generate_records` (the normal ingest path)."""
    have = int(psql("SELECT count(*) FROM catalogue_record"))
    if have >= count:
        return
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "generate_records", "--count", str(count - have), "--offset", str(have)],
        cwd=ROOT,
        check=True,
    )
    print(f"catalogue: generated {count - have} records in {time.perf_counter() - started:.0f} s")


def print_run(users: int, seconds: int, rows: list[dict], monitor: Monitor, load_before, harvest: dict) -> None:
    m = monitor.summary()
    print(f"\n== {users} users, {seconds} s")
    print(f"   harvest by the Celery worker: {json.dumps(harvest)}")
    print(
        f"   load average before {' '.join(f'{x:.2f}' for x in load_before)}; during (1 min) mean "
        f"{m['load1_mean']:.1f}, max {m['load1_max']:.1f}; after {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"   machine CPU busy {m['busy_mean']:.0%} (mean of {m['samples']} samples, 2 s apart)")
    print(f"   CPU by part (cores, mean): {json.dumps(m['cores_mean'])}")
    print(
        f"   PostgreSQL: connections max {m['pg_connections_max']}, active mean {m['pg_active_mean']:.1f} max "
        f"{m['pg_active_max']}, idle in transaction max {m['pg_idle_in_tx_max']}, waiting on a lock max "
        f"{m['pg_lock_waits_max']} (in {m['pg_lock_waits_samples']} samples); wait events of active backends "
        f"(backend-samples): {json.dumps(m['pg_wait_events'])}"
    )
    print(f"   gunicorn accept queue: mean {m['accept_queue_mean']:.1f}, max {m['accept_queue_max']}")
    print(f"   {'request type':28} {'reqs':>6} {'fail':>5} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for row in rows:
        print(
            f"   {row['Name'][:28]:28} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):6.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
        for detail in row["failures_detail"][:3]:
            print(f"      {detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", type=int, default=0, help="top the catalogue up with generate_records")
    parser.add_argument("--fill-to", type=int, default=0, help="top the catalogue up by cloning records in SQL")
    parser.add_argument("--users", default="50,200")
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--serial", type=int, default=20, help="requests of each type in the serial baseline (0: none)")
    parser.add_argument("--harvest-records", type=int, default=6000, help="records of the peer harvested per run")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")
    if args.generate:
        generate(args.generate)
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
    print(
        f"{records} live records; search backend {os.environ.get('SEARCH_BACKEND', 'postgres')}; gunicorn "
        f"{args.workers} workers x {args.threads} threads on {base}; raw in {folder}"
    )
    good = True
    try:
        if args.serial:
            print_serial(serial_costs(base, sample_path, args.serial), sample_path)
        for users in [int(u) for u in args.users.split(",") if u]:
            harvest = Harvest(folder, args.harvest_records)
            try:
                monitor = Monitor(port, server.pid, harvest.worker.pid)
                load_before = os.getloadavg()
                harvest.queue_job()
                monitor.start()
                started = time.time()
                rows = run_locust(base, users, args.seconds, folder, sample_path)
                ended = time.time()
                monitor.stop.set()
                monitor.join(timeout=10)
                state = harvest.state()
                overlap = (min(state["finished"] or ended, ended) - max(state["started"] or ended, started)) / (
                    ended - started
                )
                state["share_of_the_run_harvesting"] = round(max(overlap, 0), 2)
                (folder / f"u{users}_monitor.json").write_text(json.dumps(monitor.samples))
                print_run(users, args.seconds, rows, monitor, load_before, state)
                good &= all(int(row["Failure Count"]) == 0 for row in rows)
            finally:
                harvest.stop()
                harvest.django("""
                    from catalogue.records.models import Record
                    from poles.models import HarvestSource
                    Record.objects.filter(provenance__source__slug="load-peer").delete()
                    HarvestSource.objects.filter(slug="load-peer").delete()
                    """)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
