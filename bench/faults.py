"""Fault benchmarks on a private PostgreSQL and gunicorn (never the shared cluster): prints what happened and the
recovery times, and asserts each post-condition (exit 1 when one fails).

    .venv/bin/python bench/faults.py [--records 3000] [--only worker-kill,pg-search,pg-harvest]

- worker-kill: SIGKILL of a gunicorn worker while 8 clients load the portal and the API. Post-condition: every
  failed request was in flight in the killed worker (started before the kill, unanswered at it); the arbiter
  replaces the worker.
- pg-search: `pg_ctl restart -m fast` while 8 clients search. Post-condition: every request started after the
  database answers again succeeds; the recovery time is printed (restart begun -> first good search).
- pg-harvest: PostgreSQL restarted while a CSW harvest (pycsw peer, 300 records, 10 a page) writes. The job is
  then resumed as the beat's stale-job sweep does; post-condition: it asked the peer again only from its
  checkpoint on, and the catalogue holds exactly the records of a clean run (same identifiers, same XML hashes).

The private cluster is a fresh initdb on a free port in a temporary folder, owned by the postgres user, with
PostGIS from the system packages; it is stopped and deleted at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PY = sys.executable

from tests.private_postgres import PrivatePostgres, env_for, free_port, manage  # noqa: E402


@dataclass
class Outcome:
    path: str
    started: float
    ended: float
    ok: bool
    detail: str


class Load:
    """N client threads, each a new connection per request (Connection: close), until stopped."""

    def __init__(self, base: str, paths: list[str], clients: int = 8):
        self.base, self.paths, self.clients = base, paths, clients
        self.outcomes: list[Outcome] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def _client(self, index: int) -> None:
        i = index
        while not self.stop.is_set():
            path = self.paths[i % len(self.paths)]
            i += self.clients
            started = time.monotonic()
            try:
                response = requests.get(self.base + path, timeout=30, headers={"Connection": "close"})
                ok, detail = response.status_code < 500, str(response.status_code)
            except requests.RequestException as exc:
                ok, detail = False, type(exc).__name__
            with self.lock:
                self.outcomes.append(Outcome(path, started, time.monotonic(), ok, detail))

    def __enter__(self):
        self.threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(self.clients)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


class Gunicorn:
    def __init__(self, pg: PrivatePostgres, workers: int = 3, threads: int = 2):
        self.port = free_port()
        self.workers = workers
        self.log = open(Path(pg.folder) / "gunicorn.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            ["bash", "scripts/serve.sh"],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env_for(
                pg,
                PORT=str(self.port),
                GUNICORN_WORKERS=str(workers),
                GUNICORN_THREADS=str(threads),
                GUNICORN_ACCESS_LOG="",
                PROMETHEUS_MULTIPROC_DIR=str(Path(pg.folder) / "prom"),
            ),
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base + "/", timeout=10).status_code == 200 and len(self.worker_pids()) == workers:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.log.flush()
        raise RuntimeError(f"gunicorn did not start: {(Path(pg.folder) / 'gunicorn.log').read_text()[-2000:]}")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.master_pid())], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def master_pid(self) -> int:
        return self.process.pid  # serve.sh execs gunicorn: the same process

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()


def summary(outcomes: list[Outcome]) -> str:
    failed = [o for o in outcomes if not o.ok]
    durations = sorted(o.ended - o.started for o in outcomes if o.ok)
    p95 = durations[int(len(durations) * 0.95)] * 1000 if durations else float("nan")
    return f"{len(outcomes)} requests, {len(failed)} failed, p95 {p95:.0f} ms"


def record_paths(pg: PrivatePostgres) -> list[str]:
    out = manage(
        pg,
        "shell",
        "-c",
        "from catalogue.records.models import Record; import json; "
        "print(json.dumps([str(i) for i in Record.objects.public().values_list('id', flat=True)[:40]]))",
    )
    ids = json.loads(out.stdout.strip().splitlines()[-1])
    paths = ["/search/?q=ocean", "/search/?q=aerosol&pole=AERIS", "/api/records/?q=temperature", "/search/?q=soil"]
    return paths + [f"/records/{i}/" for i in ids[:10]] + [f"/api/records/{i}/" for i in ids[10:20]]


def worker_kill(pg: PrivatePostgres) -> bool:
    server = Gunicorn(pg)
    try:
        with Load(server.base, record_paths(pg)) as load:
            time.sleep(6)
            victim = server.worker_pids()[0]
            killed_at = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            respawned = None
            while time.monotonic() - killed_at < 30:
                pids = server.worker_pids()
                if victim not in pids and len(pids) == server.workers:
                    respawned = time.monotonic() - killed_at
                    break
                time.sleep(0.05)
            time.sleep(8)
        outcomes = load.outcomes
    finally:
        server.stop()
    failed = [o for o in outcomes if not o.ok]
    in_flight = [o for o in outcomes if o.started <= killed_at <= o.ended]
    stray = [o for o in failed if not (o.started <= killed_at <= o.ended)]
    print(
        f"worker-kill: {summary(outcomes)}; {len(in_flight)} requests in flight (all workers) at the kill, "
        f"{len(failed)} failed ({', '.join(sorted({o.detail for o in failed})) or '-'}), {len(stray)} failed that "
        f"were not in flight; worker replaced in {respawned:.2f} s"
        if respawned
        else "worker NOT replaced"
    )
    return respawned is not None and not stray and len(failed) <= len(in_flight)


def pg_search(pg: PrivatePostgres) -> bool:
    server = Gunicorn(pg)
    paths = ["/search/?q=ocean", "/api/records/?q=temperature", "/search/?q=aerosol&pole=AERIS", "/api/records/?q=soil"]
    try:
        with Load(server.base, paths) as load:
            time.sleep(5)
            began = time.monotonic()
            pg.restart()
            back = time.monotonic()
            time.sleep(10)
        outcomes = load.outcomes
    finally:
        server.stop()
    failed = [o for o in outcomes if not o.ok]
    after = [o for o in outcomes if o.started > back]
    first_good = min((o.ended for o in after if o.ok), default=float("nan"))
    late_failures = [o for o in after if not o.ok]
    print(
        f"pg-search: {summary(outcomes)}; restart took {back - began:.2f} s; {len(failed)} failed "
        f"({', '.join(sorted({o.detail for o in failed})) or '-'}), all started during the restart: "
        f"{not late_failures}; searches answered again {first_good - began:.2f} s after the restart began"
    )
    return not late_failures


def pg_harvest(pg: PrivatePostgres) -> bool:
    from tests.peers.pycsw_peer import Fault, PycswPeer, build_repository
    from tests.peers.records import iso_record

    identifiers = [f"fault-{i:04d}" for i in range(1, 301)]
    peer_db = Path(pg.folder) / "peer.db"
    build_repository(peer_db, (iso_record(i) for i in identifiers))
    script = """
import sys, django, json
django.setup()
from poles.models import HarvestSource, Pole
from harvesters.job_queue import create_job
from harvesters.jobs import run_job
slug, url, action = sys.argv[1:4]
source, _ = HarvestSource.objects.get_or_create(slug=slug, defaults=dict(pole=Pole.objects.get(code="ODATIS"),
    name=slug, protocol="csw", url=url, options={"page_size": 10}, schedule="manual"))
if action == "run":
    job = run_job(create_job(source, full=True).pk)
else:
    from django.utils import timezone; from datetime import timedelta
    from harvesters.models import HarvestJob
    job = HarvestJob.objects.filter(source=source).latest("pk")
    HarvestJob.objects.filter(pk=job.pk, status="running").update(heartbeat_at=timezone.now() - timedelta(hours=1))
    job = run_job(job.pk)
from catalogue.records.models import RecordSource
rows = sorted(RecordSource.objects.filter(source=source, deleted_at_source__isnull=True)
              .values_list("source_identifier", "content_hash"))
print(json.dumps({"job": job.pk, "status": job.status, "seen": job.seen, "error": job.error_summary[:300],
                  "rows": rows, "checkpoint": job.checkpoint}))
"""

    def harvest(slug: str, url: str, action: str) -> tuple[int, dict | str]:
        result = subprocess.run(
            [PY, "-c", script, slug, url, action],
            cwd=ROOT,
            env=env_for(pg),
            capture_output=True,
            text=True,
            timeout=600,
        )
        lines = result.stdout.strip().splitlines()
        try:
            return result.returncode, json.loads(lines[-1])
        except (IndexError, json.JSONDecodeError):
            return result.returncode, (result.stderr or result.stdout)[-800:]

    with PycswPeer(peer_db) as peer:
        _, clean = harvest("fault-clean", peer.url, "run")
        baseline = len(peer.faults.get_records_starts())
        peer.faults.add(Fault(lambda r: r.start_position is not None, delay=0.25))  # ~12 s harvest
        process = {}
        thread = threading.Thread(target=lambda: process.update(result=harvest("fault-pg", peer.url, "run")))
        thread.start()
        deadline = time.monotonic() + 60
        while len(peer.faults.get_records_starts()) - baseline < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        starts_before = len(peer.faults.get_records_starts()) - baseline
        began = time.monotonic()
        pg.restart()
        restart_seconds = time.monotonic() - began
        thread.join(timeout=600)
        code, first = process["result"]
        peer.faults.clear()
        asked_before_resume = list(peer.faults.get_records_starts())
        if isinstance(first, dict) and first["status"] == "success":
            resumed, resume_starts = first, []
        else:
            _, resumed = harvest("fault-pg", peer.url, "resume")
            resume_starts = peer.faults.get_records_starts()[len(asked_before_resume) :]
    print(
        f"pg-harvest: clean run {clean['status'] if isinstance(clean, dict) else clean} with "
        f"{len(clean['rows'])} records; PostgreSQL restarted ({restart_seconds:.2f} s) after {starts_before} pages;"
        f" the interrupted run ended: {first['status'] + ' ' + first['error'] if isinstance(first, dict) else first}"
    )
    if not isinstance(resumed, dict):
        print(f"pg-harvest: resume failed: {resumed}")
        return False
    same = resumed["rows"] == clean["rows"]
    print(
        f"pg-harvest: resumed job {resumed['status']}, asked pages from startPosition "
        f"{resume_starts[:1] or '-'} on ({len(resume_starts)} pages); records identical to the clean run: {same} "
        f"({len(resumed['rows'])} vs {len(clean['rows'])})"
    )
    started_over = bool(resume_starts) and resume_starts[0] == 1
    return same and resumed["status"] == "success" and not started_over


SCENARIOS = {"worker-kill": worker_kill, "pg-search": pg_search, "pg-harvest": pg_harvest}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--only", default=",".join(SCENARIOS))
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min)")
    pg = PrivatePostgres()
    results = {}
    try:
        pg.start()
        pg.create_database()
        manage(pg, "migrate", "--noinput", "-v", "0")
        manage(pg, "generate_records", "--count", str(args.records), "--no-progress")
        print(f"private PostgreSQL on port {pg.port} with {args.records} generated records")
        for name in args.only.split(","):
            results[name] = SCENARIOS[name](pg)
    finally:
        pg.destroy()
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min)")
    for name, ok in results.items():
        print(f"{'PASS' if ok else 'FAIL'} {name}")
    return 0 if results and all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
