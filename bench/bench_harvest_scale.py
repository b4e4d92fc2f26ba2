#!/usr/bin/env python
"""Harvest at scale: four sources harvested at the same time by two Celery workers, next to the peers' own speed.

    .venv/bin/python bench/bench_harvest_scale.py [--sources 4] [--records 1000] [--workers 2] [--profile]

- peers: one real pycsw server process per source (tests/peers/pycsw_peer.py, as bench_harvest.py starts them),
  each with its own ISO 19139 records (distinct identifiers: no record merges across sources);
- fetch only (the baseline, same run): the peers paged through by the CSW client alone, with the same parallelism
  as the harvest (as many processes as workers, each fetching its share of the sources one after the other);
- end to end: a `harvest_source` job per source queued at once to `--workers` Celery workers (one process each)
  on a private Redis, into a throw-away migrated database (bench_harvest_scale, dropped at the end): wall time
  from queueing to the last job's end; aggregate records/s and its share of the fetch-only rate;
- `--profile`: one source harvested in this process under cProfile (where the time goes), top functions printed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")
PAGE_SIZE = 100
DATABASE = "bench_harvest_scale"
CELERY = Path(sys.executable).with_name("celery")


def peer_repository(source: int, size: int) -> Path:
    from tests.peers.pycsw_peer import build_repository
    from tests.peers.records import iso_record

    path = ROOT / "var" / "bench" / f"pycsw-peer-s{source}-{size}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        documents = (
            iso_record(f"scale-{source}-{i:06d}", doi=f"10.5555/scale.{source}.{i}" if i % 3 == 0 else "")
            for i in range(size)
        )
        build_repository(tmp, documents)
        tmp.rename(path)
    return path


def start_peer(db: Path) -> tuple[subprocess.Popen, str]:
    peer = subprocess.Popen(
        [sys.executable, "-W", "ignore", "-m", "tests.peers.pycsw_peer", str(db), "0", str(PAGE_SIZE)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    return peer, peer.stdout.readline().strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_only(urls: list[str]) -> tuple[int, float]:
    """Page through the peers with the CSW client alone (no parsing beyond splitting, no database): (records,
    seconds), timed here so that the process's start-up does not count."""
    from harvesters.protocols.csw import CSWClient
    from poles.models import HarvestSource
    from poles.options import validate_options

    fetched, started = 0, time.perf_counter()
    for url in urls:
        options = validate_options("csw", {"page_size": PAGE_SIZE})  # the defaults a saved source gets
        source = HarvestSource(slug="fetch", url=url, protocol="csw", options=options)
        client = CSWClient(source, log=lambda m: None)
        client.check()
        fetched += sum(len(page.documents) for page in client.pages())
    return fetched, time.perf_counter() - started


def parallel_fetch(urls: list[str], processes: int) -> tuple[int, float]:
    """Each process fetches its share of the peers; the rate is all records over the slowest process's time."""
    shares = [urls[i::processes] for i in range(processes)]
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--fetch", json.dumps(share)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for share in shares
        if share
    ]
    answers = [json.loads(child.communicate()[0].strip().splitlines()[-1]) for child in children]
    return sum(n for n, _ in answers), max(seconds for _, seconds in answers)


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=4)
    parser.add_argument("--records", type=int, default=1000, help="records per source")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile", action="store_true", help="also profile one source's harvest in-process")
    parser.add_argument("--fetch", help=argparse.SUPPRESS)  # internal: fetch-only of these peer URLs, print count
    args = parser.parse_args()

    import django

    django.setup()
    if args.fetch:
        print(json.dumps(fetch_only(json.loads(args.fetch))))
        return
    import scale_db
    from django.conf import settings
    from django.db import connection

    for k in range(args.sources):
        peer_repository(k, args.records)
    peers = [start_peer(peer_repository(k, args.records)) for k in range(args.sources)]
    urls = [url for _, url in peers]
    total = args.sources * args.records
    redis_port = free_port()
    redis = subprocess.Popen(
        [shutil.which("redis-server") or "redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    scale_db.drop(DATABASE)
    scale_db._admin(f'CREATE DATABASE "{DATABASE}"')
    workers: list[subprocess.Popen] = []
    try:
        scale_db.manage(DATABASE, "migrate", "--no-input", "-v", "0")
        connection.close()
        settings.DATABASES["default"]["NAME"] = DATABASE
        broker = f"redis://127.0.0.1:{redis_port}/0"
        queue = f"bench-harvest-{uuid.uuid4().hex[:6]}"
        print(
            f"== {args.sources} sources x {args.records:,} ISO 19139 records (page size {PAGE_SIZE}), "
            f"{args.workers} Celery workers; load {load()}",
            flush=True,
        )
        fetch_only(urls)  # the peers warm (pycsw's first requests load its configuration), untimed
        fetched, fetch_s = parallel_fetch(urls, args.workers)
        assert fetched == total, (fetched, total)
        fetch_rate = fetched / fetch_s
        print(
            f"fetch only ({args.workers} processes): {fetched:,} in {fetch_s:.1f} s = {fetch_rate:,.0f} records/s; "
            f"load {load()}",
            flush=True,
        )

        env = {**os.environ, "DATABASE_URL": scale_db.url_for(DATABASE), "CELERY_BROKER_URL": broker,
               "REDIS_URL": broker, "CELERY_QUEUE": queue}  # fmt: skip
        log_dir = ROOT / "var" / "bench"
        for n in range(args.workers):
            workers.append(
                subprocess.Popen(
                    [
                        str(CELERY),
                        "-A",
                        "datatera",
                        "worker",
                        "-Q",
                        queue,
                        "-n",
                        f"w{n}-{queue}@%h",
                        "--concurrency=1",
                        "--pool=prefork",
                        "--without-gossip",
                        "--without-mingle",
                        "--without-heartbeat",
                        "--loglevel=WARNING",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=(log_dir / f"harvest-scale-worker-{n}.log").open("wb"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            )
        from celery import Celery

        from harvesters.job_queue import create_job
        from harvesters.models import HarvestJob
        from poles.models import HarvestSource, Pole

        app = Celery(broker=broker)
        deadline = time.monotonic() + 120
        while len(app.control.ping(timeout=1.0) or []) < args.workers:  # the workers' start-up is not harvest time
            if time.monotonic() > deadline:
                raise SystemExit("the Celery workers did not answer within 120 s")
        poles = list(Pole.objects.order_by("code"))
        sources = [
            HarvestSource.objects.create(
                pole=poles[k % len(poles)],
                slug=f"scale-{k}",
                name=f"scale {k}",
                protocol="csw",
                url=url,
                options={"page_size": PAGE_SIZE},
                schedule="manual",
            )  # fmt: skip
            for k, url in enumerate(urls)
        ]
        jobs = [create_job(source, full=True) for source in sources]
        started = time.perf_counter()
        for job in jobs:
            app.send_task("harvesters.tasks.harvest_source", args=[job.pk], queue=queue)
        ends: dict[int, float] = {}
        while len(ends) < len(jobs):
            for job in HarvestJob.objects.filter(pk__in=[j.pk for j in jobs]).exclude(status__in=["queued", "running"]):
                ends.setdefault(job.pk, time.perf_counter() - started)
            if time.perf_counter() - started > 3600:
                raise SystemExit("harvest not finished after an hour")
            time.sleep(0.2)
        elapsed = max(ends.values())
        finished = list(HarvestJob.objects.filter(pk__in=[j.pk for j in jobs]))
        assert all(j.status == "success" for j in finished), [(j.pk, j.status, j.error_summary) for j in finished]
        created = sum(j.created for j in finished)
        assert created == total, (created, total)
        rate = total / elapsed
        print(
            f"end to end ({args.workers} workers, {args.sources} jobs at once): {total:,} in {elapsed:.1f} s = "
            f"{rate:,.0f} records/s aggregate (jobs ended at {', '.join(f'{s:.0f}' for s in sorted(ends.values()))} "
            "s); "
            f"{rate / fetch_rate:.0%} of the fetch-only rate; load {load()}",
            flush=True,
        )
        if args.profile:
            profile_one(sources[0], urls[0])
    finally:
        for worker in workers:
            try:
                os.killpg(worker.pid, 15)
                worker.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(worker.pid, 9)
        for peer, _ in peers:
            peer.terminate()
            peer.wait()
        redis.terminate()
        redis.wait()
        connection.close()
        scale_db.drop(DATABASE)


def profile_one(source, url: str) -> None:
    """The first source again, from scratch, in this process under cProfile."""
    from catalogue.records.models import Record
    from harvesters.job_queue import create_job
    from harvesters.jobs import run_job

    Record.objects.filter(provenance__source=source).delete()
    job = create_job(source, full=True)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    job = run_job(job.pk)
    profiler.disable()
    elapsed = time.perf_counter() - started
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(30)
    print(f"\n== profile: one source alone in this process, {job.created:,} records in {elapsed:.1f} s; load {load()}")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:4000])


if __name__ == "__main__":
    main()
