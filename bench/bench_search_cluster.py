"""The search cluster at work, on loopback only, bounded in time and size:

    DATABASE_URL=... .venv/bin/python bench/bench_search_cluster.py [--records 20000] [--skip-failover]

1. Bulk index rate: `reindex_all` of every live record into a fresh index, records/s, next to the same run's
   baseline (reading the records from PostgreSQL and building their documents, no engine): the engine's share.
   On the shared single-node cluster (1 shard, 0 replicas) and on a 3-node cluster (3 shards, 1 replica).
2. Indexing lag: batches written through ingest (PostgreSQL commit) -> Celery worker -> bulk index -> visible in
   a search; per batch the lag after commit, next to the batch's own ingest time.
3. Failover: searches from 4 threads on the 3-node cluster; one node stopped, then started again. Per phase:
   queries, errors, p50/p95/max latency; seconds until green again.

Records: the database's live records; `--records N` first generates more (manage.py generate_records) if fewer.
Prints `uptime` beside the figures (2 cores shared with other work: read them with the load).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")
SCRIPT = ROOT / "scripts" / "search-cluster.sh"
SINGLE = ["--name", "bench-single", "--port", "19250"]  # clusters of its own: never the one tests share
FAILOVER = {"name": "bench-failover", "port": 19230, "nodes": 3}
QUERIES = [
    {"q": "temperature", "pole": "ODATIS"},
    {"q": "soil moisture", "year_from": "2000"},
    {"bbox": "-10,35,20,50", "start": "2000-01-01"},
    {"q": "glacier", "type": "dataset"},
    {},
]


def cluster(command: str, *args: str) -> str:
    return subprocess.run(
        ["bash", str(SCRIPT), command, *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip().split("load average:")[-1]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--parts", default="rate,lag,failover", help="comma-separated: rate, lag, failover")
    parser.add_argument("--lag-batches", type=int, default=5)
    parser.add_argument("--phase-seconds", type=float, default=10.0)
    args = parser.parse_args()

    url = cluster("start", *SINGLE)
    os.environ.update(
        {
            "SEARCH_BACKEND": "opensearch",
            "OPENSEARCH_URL": url,
            "OPENSEARCH_INDEX": f"bench-{os.getpid()}",
            "SEARCH_INDEX_QUEUE": f"bench-index-{uuid.uuid4().hex[:6]}",
        }
    )
    import logging

    import django

    django.setup()
    logging.getLogger("opensearch").setLevel(logging.WARNING)  # one INFO line per request otherwise
    from catalogue.records.models import Record

    live = Record.objects.public().count()
    if live < args.records:
        from django.core.management import call_command

        print(f"generating {args.records - live} records ...", flush=True)
        call_command("generate_records", count=args.records - live, offset=live, seed=7, no_progress=True)
    print(f"records: {Record.objects.public().count()} live; cluster {url}; load{load()}", flush=True)

    parts = set(args.parts.split(","))
    try:
        if "rate" in parts:
            bench_index_rate([url], shards=1, replicas=0, label="1 node, 1 shard, 0 replicas")
        if "lag" in parts:
            bench_lag(url, args.lag_batches)
    finally:
        cluster("stop", *SINGLE)
    if "failover" in parts:
        bench_failover(args.phase_seconds)


def backend_for(urls: list[str], alias: str, shards: int, replicas: int):
    from catalogue.search.backends.opensearch import OpenSearchBackend, OpenSearchClient

    return OpenSearchBackend(OpenSearchClient.connect(urls, 30.0), alias, shards=shards, replicas=replicas)


def delete_index(backend) -> None:
    backend.client.client.indices.delete(index=f"{backend.alias}-*", ignore_unavailable=True)


def bench_index_rate(urls: list[str], shards: int, replicas: int, label: str):
    from catalogue.records.models import Record
    from catalogue.search.backends.elasticsearch_body import record_document

    started = time.perf_counter()
    built = sum(
        1 for record in Record.objects.public().order_by("pk").iterator(chunk_size=2000) if record_document(record)
    )
    baseline = time.perf_counter() - started
    backend = backend_for(urls, f"bench-rate-{os.getpid()}-{shards}x{replicas}", shards, replicas)
    started = time.perf_counter()
    indexed = backend.reindex_all()
    elapsed = time.perf_counter() - started
    print(
        f"bulk index [{label}]: {indexed} records in {elapsed:.1f} s = {indexed / elapsed:.0f} records/s; "
        f"baseline (read + build documents, no engine) {built / baseline:.0f} records/s; "
        f"engine share of the time {1 - baseline / elapsed:.0%}; load{load()}",
        flush=True,
    )
    return backend


def bench_lag(url: str, batches: int) -> None:
    from django.conf import settings

    from catalogue.records.ingest import IngestItem, ingest_batch
    from catalogue.records.models import Record
    from catalogue.records.unified import HarvestedDocument, Keyword, UnifiedRecord
    from catalogue.search import parse_search_params
    from catalogue.search.service import get_backend
    from poles.models import HarvestSource

    backend = get_backend()
    # The alias the worker writes through (SEARCH_BACKEND=opensearch in this process): an empty index will do.
    backend.client.create_index(f"{backend.alias}-lag", {"settings": {"number_of_replicas": 0}, **index_mappings()})
    backend.client.update_aliases([{"add": {"index": f"{backend.alias}-lag", "alias": backend.alias}}])
    log_path = ROOT / "bench" / "results" / "bench_search_cluster-worker.log"
    log_path.parent.mkdir(exist_ok=True)
    worker = subprocess.Popen(
        [str(Path(sys.executable).with_name("celery")), "-A", "datatera", "worker", "-Q", settings.SEARCH_INDEX_QUEUE,
         "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"],
        cwd=ROOT, env=os.environ.copy(), stdout=log_path.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    source = HarvestSource.objects.order_by("pk").first()
    lags, ingests, size = [], [], 500
    try:
        time.sleep(5)  # the worker's start-up, not part of any lag
        for batch in range(batches):
            token = f"lagprobe{uuid.uuid4().hex[:8]}"
            items = [
                IngestItem(
                    HarvestedDocument(f"{token}-{i}", f"<md id='{token}-{i}'/>".encode()),
                    UnifiedRecord(
                        identifier=f"{token}-{i}", title=f"{token} record {i}", metadata_standard="iso19139",
                        abstract="Lag probe.", keywords=[Keyword("LAG PROBE", "bench")],
                    ),
                    "iso19139",
                )
                for i in range(size)
            ]  # fmt: skip
            started = time.perf_counter()
            ingest_batch(source, items)  # commits, then queues the indexing task
            committed = time.perf_counter()
            query, _ = parse_search_params({"q": token, "page_size": "1"})
            while backend.search(query, facets=False).count < size:
                if time.perf_counter() - committed > 120:
                    raise SystemExit(f"batch {batch}: not searchable 120 s after commit (worker log: {log_path})")
                time.sleep(0.05)
            lags.append(time.perf_counter() - committed)
            ingests.append(committed - started)
        print(
            f"indexing lag, commit -> searchable ({batches} batches of {size}, Celery worker + bulk + refresh 1 s): "
            f"p50 {statistics.median(lags):.2f} s, max {max(lags):.2f} s; baseline ingest+commit of a batch "
            f"p50 {statistics.median(ingests):.2f} s; load{load()}",
            flush=True,
        )
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=30)
        Record.objects.filter(identifier__startswith="lagprobe").delete()
        delete_index(backend)
        from catalogue.search.tasks import index_records

        with index_records.app.connection_for_write() as conn:  # the removals queued after the worker stopped
            conn.default_channel.queue_delete(settings.SEARCH_INDEX_QUEUE)


def index_mappings() -> dict:
    from catalogue.search.backends.elasticsearch_body import index_definition

    definition = index_definition()
    return {"mappings": definition["mappings"], "settings": {"analysis": definition["settings"]["analysis"]}}


def search_load(backend, stop: threading.Event, samples: list, threads: int = 4) -> list[threading.Thread]:
    from catalogue.search import parse_search_params

    queries = [parse_search_params(params)[0] for params in QUERIES]

    def run(offset: int) -> None:
        i = offset
        while not stop.is_set():
            started = time.perf_counter()
            try:
                backend.search(queries[i % len(queries)])
                ok = ""
            except Exception as exc:  # every failure counts, whatever its kind
                ok = type(exc).__name__ or "error"
            samples.append((time.perf_counter(), time.perf_counter() - started, ok))
            i += 1

    workers = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(threads)]
    for worker in workers:
        worker.start()
    return workers


def wait_green(client, seconds: float) -> None:
    wait_status(client, ("green",), seconds)


def wait_status(client, wanted: tuple[str, ...], seconds: float) -> str:
    """Poll the cluster's health until it is one of `wanted` (a node that is down may refuse: retry)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            status = client.cluster.health()["status"]
        except Exception:  # the node asked was the one stopping: ask again (the client tries another)
            status = "unknown"
        if status in wanted:
            return status
        if time.monotonic() > deadline:
            raise SystemExit(f"cluster {status}, not {'/'.join(wanted)}, after {seconds} s")
        time.sleep(0.2)


def bench_failover(phase_seconds: float) -> None:
    options = ["--name", FAILOVER["name"], "--port", str(FAILOVER["port"]), "--nodes", str(FAILOVER["nodes"])]
    started = time.perf_counter()
    cluster("start", *options)
    print(f"3-node cluster started in {time.perf_counter() - started:.1f} s; load{load()}", flush=True)
    urls = [f"http://127.0.0.1:{FAILOVER['port'] + i}" for i in range(FAILOVER["nodes"])]
    try:
        backend = bench_index_rate(urls, shards=3, replicas=1, label="3 nodes, 3 shards, 1 replica")
        client = backend.client.client
        wait_green(client, 120)
        samples: list = []
        stop = threading.Event()
        workers = search_load(backend, stop, samples)
        marks = {"before": time.perf_counter()}
        time.sleep(phase_seconds)
        marks["node 3 stopping"] = time.perf_counter()
        cluster("stop", "--name", FAILOVER["name"], "--node", "3")
        marks["node 3 down"] = time.perf_counter()
        # The cluster notices the missing node (yellow: the replicas it held are missing, every primary answers).
        noticed = wait_status(client, ("yellow", "red"), 120)
        noticed_after = time.perf_counter() - marks["node 3 stopping"]
        time.sleep(max(0.0, phase_seconds - (time.perf_counter() - marks["node 3 down"])))
        marks["node 3 restarting"] = time.perf_counter()
        cluster("start", *options)
        marks["node 3 started"] = time.perf_counter()
        wait_green(client, 300)
        marks["green again"] = time.perf_counter()
        time.sleep(phase_seconds)
        marks["end"] = time.perf_counter()
        stop.set()
        for worker in workers:
            worker.join()
        names = list(marks)
        for first, last in zip(names, names[1:], strict=False):
            phase = [(latency, error) for at, latency, error in samples if marks[first] <= at < marks[last]]
            times = [latency * 1000 for latency, error in phase if not error]
            errors = Counter(error for _, error in phase if error)
            kinds = f" ({', '.join(f'{n} {kind}' for kind, n in errors.most_common())})" if errors else ""
            print(
                f"failover phase '{first}' ({marks[last] - marks[first]:.1f} s): {len(phase)} searches, "
                f"{sum(errors.values())} errors{kinds}, p50 {percentile(times, 0.5):.0f} ms, "
                f"p95 {percentile(times, 0.95):.0f} ms, max {max(times, default=float('nan')):.0f} ms",
                flush=True,
            )
        failed = sum(1 for _, _, error in samples if error)
        print(
            f"failover: {len(samples)} searches from 4 threads, {failed} failed; node 3 stopped -> cluster {noticed} "
            f"after {noticed_after:.1f} s; node 3 restarted -> green in "
            f"{marks['green again'] - marks['node 3 restarting']:.1f} s (node start "
            f"{marks['node 3 started'] - marks['node 3 restarting']:.1f} s + replica recovery); load{load()}",
            flush=True,
        )
    finally:
        cluster("stop", "--name", FAILOVER["name"])


if __name__ == "__main__":
    main()
