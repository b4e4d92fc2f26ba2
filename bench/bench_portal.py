"""Portal page cost over the search service it calls (prints numbers; not a timed test).

    python bench/bench_portal.py [--runs 30]

Against the database of DATABASE_URL (load records first: `python bench/search_data.py --count 20000`).
Baseline, measured in the same run: the bare service call each page makes (search() for /search/, the ORM
fetch for /records/<id>/, pole_summaries() for /). The ratio page / baseline is what the view, the facet and
link building, the template and the middleware add.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from catalogue.portal.record_page import record_context  # noqa: E402
from catalogue.records.hub_counts import pole_summaries  # noqa: E402
from catalogue.records.models import Record  # noqa: E402
from catalogue.search import parse_search_params, search  # noqa: E402

QUERIES = ["q=temperature", "q=aerosol&pole=AERIS", "q=soil+moisture&bbox=-5,42,8,51", "", "q=ocean&page=5"]


def p50_ms(action, runs: int) -> float:
    action()  # warm-up (cache, connections)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    count = Record.objects.public().count()
    if not count:
        sys.exit("no records: run `python bench/search_data.py --count 20000` first")
    client = Client(SERVER_NAME="127.0.0.1")
    print(f"{count} live records, {args.runs} runs each, p50 in ms")
    print(f"{'page':55} {'baseline':>9} {'page':>9} {'ratio':>6}")

    for params in QUERIES:
        query, _errors = parse_search_params(dict(p.split("=", 1) for p in params.split("&") if p))
        cache.clear()  # both sides use the search service's count/facet cache the same way after the warm-up

        def service(query=query):
            return search(query, "en")

        def page(params=params):
            response = client.get(f"/search/?{params}")
            assert response.status_code == 200, response.status_code

        base, full = p50_ms(service, args.runs), p50_ms(page, args.runs)
        print(f"{'/search/?' + params:55} {base:9.1f} {full:9.1f} {full / base:6.2f}")

    record = Record.objects.public().order_by("-updated_at").first()

    def fetch():
        fetched = Record.objects.prefetch_related("provenance__source__pole").get(pk=record.pk)
        return record_context(fetched, "en")

    def record_page():
        assert client.get(f"/records/{record.pk}/").status_code == 200

    base, full = p50_ms(fetch, args.runs), p50_ms(record_page, args.runs)
    print(f"{'/records/<id>/':55} {base:9.1f} {full:9.1f} {full / base:6.2f}")

    base, full = p50_ms(lambda: pole_summaries("en"), args.runs), p50_ms(lambda: client.get("/"), args.runs)
    print(f"{'/ (home)':55} {base:9.1f} {full:9.1f} {full / base:6.2f}")


if __name__ == "__main__":
    main()
