"""Search latency: p50/p95 of four query shapes through the service and through the HTTP API, each next to the
time of the bare SQL the service issued (ratio = framework overhead), under configurations measured one by one.

    DATABASE_URL=... .venv/bin/python bench/bench_search.py [--iterations 30] [--configs exact,threshold,tuned,cached]

Scenarios: (a) text query (hits + count, no facets), (b) text + 3 filters + all facets, (c) bbox + time window +
facets, (d) facets only (empty query). The data: `manage.py generate_records` or bench/search_data.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from catalogue.search import parse_search_params  # noqa: E402
from catalogue.search.service import get_backend  # noqa: E402

# Each scenario rotates through variants so that no single query is simply repeated.
SCENARIOS = {
    "a text": (
        False,
        [{"q": "temperature"}, {"q": "soil moisture"}, {"q": "aérosols"}, {"q": "glacier"}, {"q": "ozone"}],
    ),
    "b text+3 filters+facets": (
        True,
        [
            {"q": "temperature", "pole": "ODATIS", "type": "dataset", "year_from": "2010"},
            {"q": "soil moisture", "pole": "THEIA", "license": "CC-BY-4.0", "year_from": "2000"},
            {"q": "aérosols", "pole": "AERIS", "format": "HDF5", "has_doi": "true"},
            {"q": "glacier", "topic": "environment", "type": "dataset", "year_to": "2020"},
            {"q": "ozone", "organisation": "CNRS", "type": "dataset", "year_from": "1990"},
        ],
    ),
    "c bbox+time+facets": (
        True,
        [
            {"bbox": "-10,35,20,50", "start": "2000-01-01", "end": "2010-12-31"},
            {"bbox": "170,-30,-170,0", "start": "2015-01-01"},
            {"bbox": "-80,-20,-45,5", "end": "1990-12-31"},
            {"bbox": "20,-60,120,25", "start": "2020-01-01", "end": "2020-12-31"},
            {"bbox": "5,43,16,48", "bbox_relation": "within", "start": "1980-01-01"},
        ],
    ),
    "d facets only": (True, [{}, {"sort": "title"}, {"page": "2"}, {"sort": "oldest"}, {"page_size": "50"}]),
}

# Session settings tried as the "tuned" configuration (all reloadable: scripts/setup.sh writes them in conf.d).
TUNED = {
    "jit": "off",
    "work_mem": "64MB",
    "random_page_cost": "1.1",
    "effective_cache_size": "8GB",
    "max_parallel_workers_per_gather": "0",
}
# One idea added at a time: exact everything and ts_rank over all matches (the naive design); the RUM rank order;
# exact counts/facets only up to 10,000 rows with estimates above from a TABLESAMPLE, then from an id-range sample
# (index-assisted); exact only up to 2,000 rows and a sample sized by the planner's estimate (2,000 rows); tuned
# session settings; the Redis cache (warm).
BASE = {"limit": 10**9, "cache": 0, "session": {}, "rum": False, "sampling": "id", "sizing": "table", "rows": 10000}
ADAPTIVE = {**BASE, "rum": True, "limit": 2000, "sizing": "planner", "rows": 2000}
# PostgreSQL's own defaults, to compare with TUNED once setup.sh has written TUNED into the server's conf.d.
DEFAULTS = {
    "jit": "on",
    "work_mem": "4MB",
    "random_page_cost": "4",
    "effective_cache_size": "4GB",
    "max_parallel_workers_per_gather": "2",
}
CONFIGS = {
    "naive": BASE,
    "rum": {**BASE, "rum": True},
    "tblsample": {**BASE, "rum": True, "limit": 10000, "sampling": "tablesample"},
    "idsample": {**BASE, "rum": True, "limit": 10000},
    "adaptive": {**ADAPTIVE, "session": DEFAULTS},
    "tuned": {**ADAPTIVE, "session": TUNED},
    "cached": {**ADAPTIVE, "session": TUNED, "cache": 300},
}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def bare_sql(statements) -> float:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.text, statement.params)
            cursor.fetchall()
    return time.perf_counter() - start


def run(config_name: str, iterations: int, scenarios: list[str]) -> list[tuple]:
    config = CONFIGS[config_name]
    rows = []
    backend = get_backend("postgres")
    client = Client()
    with (
        override_settings(
            SEARCH_EXACT_LIMIT=config["limit"],
            SEARCH_CACHE_SECONDS=config["cache"],
            SEARCH_RANK_FROM_INDEX=config["rum"],
            SEARCH_SAMPLING=config["sampling"],
            SEARCH_SAMPLE_SIZING=config["sizing"],
            SEARCH_SAMPLE_ROWS=config["rows"],
            REST_FRAMEWORK={
                "DEFAULT_THROTTLE_CLASSES": [],
                "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
            },
        ),
        connection.cursor() as cursor,
    ):
        for name in TUNED:
            cursor.execute(f"RESET {name}")
        for name, value in config["session"].items():
            cursor.execute(f"SET {name} = %s", [value])
        cache.clear()
        for scenario in scenarios:
            facets, variants = SCENARIOS[scenario]
            service, api, bare = [], [], []
            counts = []
            estimates = 0
            # One untimed pass over the variants: the benchmark measures a warm server, as in production.
            for params in variants:
                backend.search(parse_search_params(params)[0], "en", facets=facets)
            for i in range(iterations):
                params = variants[i % len(variants)]
                query, errors = parse_search_params(params)
                assert not errors, errors
                start = time.perf_counter()
                result, statements = backend.search_with_statements(query, "en", facets=facets)
                service.append(time.perf_counter() - start)
                counts.append(result.count)
                estimates += result.count_is_estimate
                bare.append(bare_sql(statements) if statements else 0.0)
                url = "/api/records/?" + urlencode({**params, **({} if facets else {"facets": "false"})})
                start = time.perf_counter()
                response = client.get(url)
                api.append(time.perf_counter() - start)
                assert response.status_code == 200, (url, response.content[:300])
            rows.append(
                (
                    config_name,
                    scenario,
                    statistics.median(service) * 1000,
                    pct(service, 95) * 1000,
                    statistics.median(api) * 1000,
                    pct(api, 95) * 1000,
                    statistics.median(bare) * 1000,
                    pct(bare, 95) * 1000,
                    statistics.median(service) / max(statistics.median(bare), 1e-9),
                    statistics.median(api) / max(statistics.median(bare), 1e-9),
                    int(statistics.median(counts)),
                    estimates,
                    iterations,
                )
            )
            print_row(rows[-1], flush=True)
    return rows


HEADER = (
    f"{'config':<10} {'scenario':<24} {'svc p50':>8} {'svc p95':>8} {'api p50':>8} {'api p95':>8} "
    f"{'sql p50':>8} {'sql p95':>8} {'svc/sql':>7} {'api/sql':>7} {'median n':>9} {'est':>4} {'runs':>4}"
)


def print_row(row: tuple, flush: bool = False) -> None:
    config, scenario, sp50, sp95, ap50, ap95, qp50, qp95, r1, r2, count, est, n = row
    print(
        f"{config:<10} {scenario:<24} {sp50:8.1f} {sp95:8.1f} {ap50:8.1f} {ap95:8.1f} {qp50:8.1f} {qp95:8.1f} "
        f"{r1:7.2f} {r2:7.2f} {count:9d} {est:4d} {n:4d}",
        flush=flush,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    args = parser.parse_args()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalogue_record WHERE NOT deleted")
        total = cursor.fetchone()[0]
    print(f"database {connection.settings_dict['NAME']}: {total} live records; times in ms, medians/95th pct")
    print(
        "svc = catalogue.search service, api = GET /api/records/ (Django test client, full middleware + DRF), "
        "sql = the same statements run bare; est = runs whose count was an estimate"
    )
    if any(CONFIGS[name]["rum"] for name in args.configs.split(",")):
        # Migration 0016 dropped them (unread with the setting off); without them the RUM configs would silently be
        # ts_rank's. Left in place: `manage.py search_rank_indexes drop` removes them after the run.
        from catalogue.search.backends import rank_indexes

        with connection.cursor() as cursor:
            built = rank_indexes.build(cursor)
        print(f"RUM rank indexes for the rum configs: built {', '.join(built) or 'none (there already)'}")
    print(HEADER)
    scenarios = args.scenarios.split(",")
    for name in args.configs.split(","):
        run(name, args.iterations, scenarios)


if __name__ == "__main__":
    main()
