#!/usr/bin/env python
"""Search at scale, in one run on one throw-away database of generated records (bench/scale_db.py):

    .venv/bin/python bench/bench_scale.py [--count 20000] [--parts generate,counts,index,search] [--keep]
    flock /tmp/datatera-bench.lock .venv/bin/python bench/bench_scale.py --count 1000000 --keep   # the 1M figures

1. generate: `manage.py generate_records --count N` into a fresh migrated database: wall time and records/s.
2. counts: the cost of EXACT counting by matching rows on PostgreSQL. Text queries of growing selectivity, each
   with 3 filters and all facets (bench_search.py's scenario b), timed counted exactly (SEARCH_EXACT_LIMIT above
   everything) and, as the same run's baseline, estimated from the sample; the largest number of text matches
   whose exact p95 stays within the goal (100 ms) is the SEARCH_EXACT_LIMIT this machine affords.
3. index: bulk load of every live record into a fresh index of a cluster of its own (scripts/search-cluster.sh):
   `reindex_all` as it is now (no refresh and no replicas during the build, large requests from 2 threads), next
   to the previous path (500-document requests one at a time, refresh 1 s, full rows) on the first records.
4. search: the scenarios of bench_search.py on PostgreSQL and on that cluster side by side (exact counts on the
   cluster: track_total_hits without a cap), p50/p95, median count, and how many runs showed an estimate.
Every figure is printed with /proc/loadavg: 2 cores shared with other work.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()
logging.getLogger("opensearch").setLevel(logging.WARNING)  # one INFO line per request otherwise

import scale_db  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402

GOAL_MS = 100.0
CLUSTER = ["--name", "bench-scale", "--port", "19260"]
# Words of the generated records (catalogue/synthetic/vocab.py), from rare to common: the counts part keeps those
# that spread the number of matches evenly on a log scale.
CANDIDATES = [
    "Kerguelen", "Mayotte", "Guyane", "Alpes", "Pyrénées", "Corse", "Bretagne", "Méditerranée", "Arctique",
    "Atlantique", "Pacifique", "Sahel", "Amazonie", "Antarctique", "ozone", "aérosols", "glacier", "salinity",
    "salinité", "chlorophyll", "soil moisture", "snow", "precipitation", "temperature", "température", "wind",
    "nitrate", "sismique", "GNSS", "bathymetry", "lidar", "radiosonde", "MODIS", "Sentinel", "Argo", "ocean",
    "océan", "sea", "surface", "series", "time series", "data", "données", "dataset", "mesures", "observations",
]  # fmt: skip
LADDER = 9


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn, iterations: int, cpu: list[float] | None = None) -> tuple[list[float], object]:
    """Wall-clock ms of each call (after one untimed call: a warm server, as in production); with `cpu`, also the
    CPU ms each call used in this process and in its PostgreSQL backend (what a quiet machine's latency would
    be close to: on a shared machine the wall clock mostly measures the wait for a core)."""
    fn()
    times, result = [], None
    for _ in range(iterations):
        started, cpu_started = time.perf_counter(), (time.process_time(), backend_cpu())
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - cpu_started[0] + backend_cpu() - cpu_started[1]) * 1000)
    return times, result


def backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (same machine: from /proc)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def use_database(name: str) -> None:
    connection.close()
    settings.DATABASES["default"]["NAME"] = name


# -- 2. exact counting by matching rows ---------------------------------------------------------------------------
def text_rows(word: str) -> int:
    from catalogue.search import parse_search_params
    from catalogue.search.backends import postgres_sql as sql

    query = parse_search_params({"q": word})[0]
    where = sql.base_rows_filter(query, [])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {sql.TABLE} r WHERE {where.text}", where.params)  # noqa: S608
        return cursor.fetchone()[0]


def ladder(total: int, most: int) -> list[tuple[int, str]]:
    found = sorted({(text_rows(word), word) for word in CANDIDATES})
    found = [(n, w) for n, w in found if 20 <= n <= min(most, total * 0.6)]
    if len(found) <= LADDER:
        return found
    # Evenly spread on a log scale between the rarest and the most common word.
    import math

    low, high = math.log(found[0][0]), math.log(found[-1][0])
    picked: list[tuple[int, str]] = []
    for step in range(LADDER):
        target = low + (high - low) * step / (LADDER - 1)
        best = min(found, key=lambda item: abs(math.log(item[0]) - target))
        if best not in picked:
            picked.append(best)
    return picked


def bench_counts(iterations: int, most: int) -> None:
    from catalogue.search import parse_search_params
    from catalogue.search.backends import postgres
    from catalogue.search.service import get_backend

    backend = get_backend("postgres")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalogue_record WHERE NOT deleted")
        total = cursor.fetchone()[0]
    steps = ladder(total, most)
    print(
        f"\n== exact counting by matching rows: q=<word> + pole + type + year_from, all facets ({total:,} records; "
        f"exact = SEARCH_EXACT_LIMIT above everything, estimated = the sample); load {scale_db.load()}",
        flush=True,
    )
    print(
        f"{'word':<16}{'text rows':>10}{'count':>9}{'exact p50':>10}{'exact p95':>10}{'est p50':>9}{'est p95':>9}"
        f"{'exact CPU p50':>14}{'exact CPU p95':>14}{'est CPU p95':>12}"
    )
    poles = ["ODATIS", "THEIA", "AERIS", "FORMATER"]
    measured = []
    for i, (rows, word) in enumerate(steps):
        params = {"q": word, "pole": poles[i % 4], "type": "dataset", "year_from": "2000"}
        query = parse_search_params(params)[0]
        text_exact = postgres.TEXT_EXACT_ROWS
        exact_cpu: list[float] = []
        estimated_cpu: list[float] = []
        try:
            postgres.TEXT_EXACT_ROWS = 10**12
            with override_settings(SEARCH_EXACT_LIMIT=10**9, SEARCH_CACHE_SECONDS=0):
                exact, result = timed(lambda q=query: backend.search(q, "en"), iterations, exact_cpu)
            assert not result.count_is_estimate
        finally:
            postgres.TEXT_EXACT_ROWS = text_exact
        with override_settings(SEARCH_EXACT_LIMIT=100, SEARCH_CACHE_SECONDS=0):
            estimated, _ = timed(lambda q=query: backend.search(q, "en"), iterations, estimated_cpu)
        measured.append((rows, pct(exact, 95), pct(exact_cpu, 95)))
        print(
            f"{word:<16}{rows:>10,}{result.count:>9,}{statistics.median(exact):>10.1f}{pct(exact, 95):>10.1f}"
            f"{statistics.median(estimated):>9.1f}{pct(estimated, 95):>9.1f}{statistics.median(exact_cpu):>14.1f}"
            f"{pct(exact_cpu, 95):>14.1f}{pct(estimated_cpu, 95):>12.1f}",
            flush=True,
        )
    for label, column in (("wall-clock", 1), ("CPU", 2)):
        within = [m[0] for m in measured if m[column] <= GOAL_MS]
        beyond = [m[0] for m in measured if m[column] > GOAL_MS]
        affordable = max((r for r in within if not beyond or r < min(beyond)), default=0)
        print(
            f"largest measured text-row count with exact {label} p95 <= {GOAL_MS:.0f} ms (and below every slower "
            f"one): {affordable:,} (first over: {min(beyond, default=0):,}); load {scale_db.load()}",
            flush=True,
        )


# -- 3. bulk load into the cluster ---------------------------------------------------------------------------------
def cluster(command: str, *args: str) -> str:
    script = BENCH.parent / "scripts" / "search-cluster.sh"
    return subprocess.run(["bash", str(script), command, *args], check=True, capture_output=True, text=True).stdout


def engine(url: str, alias: str):
    from catalogue.search.backends.opensearch import OpenSearchBackend, OpenSearchClient

    # Exact counts: track_total_hits far above any count (one shard, so the terms aggregations are exact too).
    return OpenSearchBackend(OpenSearchClient.connect([url], 30.0), alias, exact_limit=2**31 - 1)


def previous_path(backend, limit: int) -> tuple[int, float]:
    """The bulk load as it was before (for the baseline): the index refreshing every second with its configured
    replicas, full rows read, 500-document requests one after the other."""
    from catalogue.records.models import Record
    from catalogue.search.backends import elasticsearch_body as body

    index = f"{backend.alias}-previous"
    backend.client.create_index(index, body.index_definition(1, 0))
    records = Record.objects.public().order_by("pk")[:limit]
    started = time.perf_counter()
    actions = (
        {"_op_type": "index", "_index": index, "_id": str(r.pk), "_source": body.record_document(r)}
        for r in records.iterator(chunk_size=2000)
    )
    failed = backend.client.bulk(actions)
    backend.client.refresh(index)
    elapsed = time.perf_counter() - started
    backend.client.delete_index(index)
    assert not failed, failed[:3]
    return min(limit, Record.objects.public().count()), elapsed


def current_path_on(backend, limit: int) -> tuple[int, float]:
    """reindex_all's path (engine.py) on the same first records: no refresh, no replicas, parallel large bulks."""
    from catalogue.records.models import Record
    from catalogue.search.backends import elasticsearch_body as body
    from catalogue.search.backends.engine import DOCUMENT_COLUMNS, LOAD_THREADS

    index = f"{backend.alias}-current"
    definition = body.index_definition(1, 0)
    definition["settings"]["refresh_interval"] = "-1"
    backend.client.create_index(index, definition)
    records = Record.objects.public().order_by("pk").only(*DOCUMENT_COLUMNS)[:limit]
    started = time.perf_counter()
    actions = (
        {"_op_type": "index", "_index": index, "_id": str(r.pk), "_source": body.record_document(r)}
        for r in records.iterator(chunk_size=2000)
    )
    failed = backend.client.bulk_load(actions, LOAD_THREADS)
    backend.client.put_settings(index, {"refresh_interval": None})
    backend.client.refresh(index)
    elapsed = time.perf_counter() - started
    backend.client.delete_index(index)
    assert not failed, failed[:3]
    return min(limit, Record.objects.public().count()), elapsed


def bench_index(backend, baseline_records: int) -> None:
    from catalogue.records.models import Record
    from catalogue.search.backends import elasticsearch_body as body
    from catalogue.search.backends.engine import DOCUMENT_COLUMNS

    print(f"\n== bulk load into a 1-node cluster (heap {HEAP}); load {scale_db.load()}", flush=True)
    records = Record.objects.public().order_by("pk").only(*DOCUMENT_COLUMNS)[:baseline_records]
    started = time.perf_counter()
    built = sum(1 for r in records.iterator(chunk_size=2000) if body.record_document(r))
    read_rate = built / (time.perf_counter() - started)
    n, before = previous_path(backend, baseline_records)
    print(f"previous path, first {n:,} records: {n / before:,.0f} records/s; load {scale_db.load()}", flush=True)
    n, after = current_path_on(backend, baseline_records)
    print(
        f"current path, same {n:,} records: {n / after:,.0f} records/s ({before / after:.1f}x the previous); "
        f"reading + building the documents alone {read_rate:,.0f} records/s; load {scale_db.load()}",
        flush=True,
    )
    started = time.perf_counter()
    indexed = backend.reindex_all()
    elapsed = time.perf_counter() - started
    print(
        f"reindex_all, every live record: {indexed:,} in {elapsed:.0f} s = {indexed / elapsed:,.0f} records/s; "
        f"load {scale_db.load()}",
        flush=True,
    )


# -- 4. the scenarios on both backends -------------------------------------------------------------------------
def bench_search(engine_backend, iterations: int) -> None:
    """Each scenario on PostgreSQL, then on the engine (engine_backend None: PostgreSQL only)."""
    from bench_search import SCENARIOS, TUNED

    from catalogue.search import parse_search_params
    from catalogue.search.service import get_backend

    postgres = get_backend("postgres")
    print(
        f"\n== bench_search.py scenarios side by side, {iterations} runs each (PostgreSQL: the settings as shipped, "
        f"session settings of scripts/postgresql-search.conf, no cache; cluster: exact counts); "
        f"load {scale_db.load()}",
        flush=True,
    )
    print(f"{'backend':<11}{'scenario':<26}{'p50 ms':>8}{'p95 ms':>8}{'median n':>10}{'est':>5}")
    with connection.cursor() as cursor:
        for name, value in TUNED.items():
            cursor.execute(f"SET {name} = %s", [value])
    for scenario, (facets, variants) in SCENARIOS.items():
        backends = [("postgres", postgres), ("opensearch", engine_backend)]
        for label, backend in [(label, backend) for label, backend in backends if backend is not None]:
            queries = [parse_search_params(params)[0] for params in variants]
            results = []

            def one(queries=queries, backend=backend, results=results, facets=facets):
                result = backend.search(queries[len(results) % len(queries)], "en", facets=facets)
                results.append(result)
                return result

            with override_settings(SEARCH_CACHE_SECONDS=0):
                times, _ = timed(one, iterations)
            counts = [r.count for r in results[1:]]
            estimates = sum(r.count_is_estimate for r in results[1:])
            print(
                f"{label:<11}{scenario:<26}{statistics.median(times):>8.1f}{pct(times, 95):>8.1f}"
                f"{int(statistics.median(counts)):>10,}{estimates:>5}",
                flush=True,
            )
    print(f"load {scale_db.load()}", flush=True)


HEAP = "2g"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000, help="records in the throw-away database")
    parser.add_argument(
        "--parts", default="generate,counts,index,search", help="pgsearch: the scenarios on PostgreSQL only"
    )
    parser.add_argument("--ladder-max", type=int, default=60000, help="counts: words matching at most this many rows")
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--baseline-records", type=int, default=20000, help="records of the previous-path baseline")
    parser.add_argument("--keep", action="store_true", help="keep the database (and reuse it on the next run)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))

    name, figures = scale_db.build(args.count, reuse=True)
    if figures:
        print(
            f"== generate_records --count {args.count:,}: {figures['seconds']:.0f} s = {figures['rate']:,.0f} "
            f"records/s (rows {figures.get('rows_s', 0):.0f} s, indexes after {figures.get('indexes_s', 0):.0f} s, "
            f"peak memory {figures.get('peak_mb', 0)} MB); load {figures['load']}",
            flush=True,
        )
    else:
        print(f"== reusing {name} ({args.count:,} records or more; generation not timed)", flush=True)
    use_database(name)
    try:
        if "counts" in parts:
            bench_counts(args.iterations, args.ladder_max)
        if "pgsearch" in parts:
            bench_search(None, args.iterations)
        if parts & {"index", "search"}:
            url = cluster("start", *CLUSTER, "--heap", HEAP).strip().splitlines()[-1]
            try:
                backend = engine(url, f"bench-scale-{os.getpid()}")
                if "index" in parts or not backend.client.alias_targets(backend.alias):
                    bench_index(backend, args.baseline_records)
                if "search" in parts:
                    bench_search(backend, args.iterations)
                backend.client.delete_index(f"{backend.alias}-*")
            finally:
                cluster("stop", *CLUSTER)
    finally:
        connection.close()
        if not args.keep:
            scale_db.drop(name)
            print(f"dropped {name}", flush=True)


if __name__ == "__main__":
    main()
