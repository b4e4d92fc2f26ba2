"""Usage statistics: (1) daily aggregation of synthetic events at two sizes in fresh processes (time, events/s and
peak RSS: memory must stay flat from the small size to the large one), (2) record-page latency with recording on and
off, interleaved (target overhead < 5%), (3) event intake: queueing from pages and batch writing by the worker.

    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/bench_stats.py [--events 1000000] [--baseline-events 100000]
        [--pages 300]

The synthetic days are 2000-01-01/02 and are deleted at the end; the intake part writes to a queue key of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from catalogue.records.models import Record  # noqa: E402
from stats import aggregation, intake, recorder  # noqa: E402
from stats.models import DailyUsage, UsageEvent  # noqa: E402

SMALL_DAY, LARGE_DAY = date(2000, 1, 1), date(2000, 1, 2)
COLUMNS = "id, timestamp, kind, activity, access_method, record_id, doi, hub, url, status, visitor, session, source"


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_rows(day: date, count: int, seed: int):
    """COPY rows: 5,000 datasets, sessions of 1-12 accesses, 8% machine, 5% robots, 3% failures, double clicks."""
    rng = random.Random(seed)
    datasets = [
        (uuid.UUID(int=rng.getrandbits(128)), f"10.99999/bench-{i}", ("AERIS", "FORMATER", "ODATIS", "THEIA")[i % 4])
        for i in range(5000)
    ]
    start = datetime.combine(day, datetime.min.time(), tzinfo=UTC)
    made = 0
    while made < count:
        session = uuid.uuid4().hex + uuid.uuid4().hex[:24]
        method = rng.choices(["regular", "machine", "robot"], [87, 8, 5])[0]
        when = start + timedelta(seconds=rng.randrange(86400 - 3600))
        for _ in range(min(rng.randint(1, 12), count - made)):
            record_id, doi, hub = datasets[int(rng.paretovariate(1.2)) % len(datasets)]
            activity = "request" if rng.random() < 0.3 else "investigation"
            when += timedelta(seconds=rng.choice((5, 20, 45, 120, 600)))
            status = 404 if rng.random() < 0.03 else 200
            url = f"/go/{record_id}?url=f" if activity == "request" else f"/doi/{doi}"
            yield (
                str(uuid.uuid4()),
                when.isoformat(),
                "landing_page",
                activity,
                method,
                str(record_id),
                doi,
                hub,
                url,
                status,
                session,
                session,
                "bench",
            )
            made += 1


def load(day: date, count: int, seed: int) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {UsageEvent._meta.db_table} ({COLUMNS}) FROM STDIN") as copy:
            for row in synthetic_rows(day, count, seed):
                copy.write_row(row)
    return time.perf_counter() - started


def child_aggregate(day: str) -> None:
    """Run in a fresh process so its peak RSS is the aggregation's own."""
    before = peak_rss_mb()
    started = time.perf_counter()
    result = aggregation.aggregate_day(date.fromisoformat(day))
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "events": result.events,
                "rows": result.usage_rows,
                "seconds": seconds,
                "rss_before_mb": before,
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )


def aggregate_in_child(day: date) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child-aggregate", day.isoformat()],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def cleanup() -> None:
    for day in (SMALL_DAY, LARGE_DAY):
        begin, end = aggregation.day_bounds(day)
        UsageEvent.objects.filter(timestamp__gte=begin, timestamp__lt=end).delete()
        DailyUsage.objects.filter(day=day).delete()


def bench_aggregation(events: int, baseline: int) -> None:
    cleanup()
    print(f"load: {uptime()}")
    for day, count, seed in ((SMALL_DAY, baseline, 1), (LARGE_DAY, events, 2)):
        seconds = load(day, count, seed)
        print(f"  loaded {count:,} synthetic events in {seconds:.1f} s (COPY)")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {UsageEvent._meta.db_table}")
    small = aggregate_in_child(SMALL_DAY)
    large = aggregate_in_child(LARGE_DAY)
    for label, r in (("baseline", small), ("large", large)):
        print(
            f"  aggregate {label}: {r['events']:,} events -> {r['rows']:,} rows in {r['seconds']:.1f} s "
            f"({r['events'] / r['seconds']:,.0f} events/s), peak RSS {r['peak_rss_mb']:.0f} MB "
            f"(process start {r['rss_before_mb']:.0f} MB)"
        )
    print(
        f"  ratio large/baseline: events x{large['events'] / small['events']:.1f}, "
        f"time x{large['seconds'] / small['seconds']:.1f}, "
        f"peak RSS x{large['peak_rss_mb'] / small['peak_rss_mb']:.2f}"
    )
    print(f"load: {uptime()}")
    cleanup()


def bench_pages(pages: int) -> None:
    record = Record.objects.public().order_by("pk").first()
    if record is None:
        print("pages: no record in this database (run `make run` once or manage.py generate_records): skipped")
        return
    client = Client()
    path = f"/records/{record.pk}/"
    headers = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"}
    key = f"bench-stats-{uuid.uuid4().hex}"
    timings: dict[bool, list[float]] = {True: [], False: []}
    inside: list[float] = []  # time spent in the recorder itself, measured around it on each recorded page
    real_record = recorder.record

    def timed_record(request, response):
        started = time.perf_counter()
        real_record(request, response)
        inside.append((time.perf_counter() - started) * 1000)

    recorder.record = timed_record
    with override_settings(STATS_QUEUE_KEY=key):
        for _ in range(20):  # warm-up: templates, salts, connections
            client.get(path, **headers)
        for i in range(pages * 2):
            enabled = i % 2 == 0
            with override_settings(STATS_ENABLED=enabled):
                started = time.perf_counter()
                response = client.get(path, **headers)
                timings[enabled].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        queued = intake.queue_length()
        intake.client().delete(intake.queue_key())
    recorder.record = real_record
    on, off = statistics.median(timings[True]), statistics.median(timings[False])
    print(f"record page, {pages} requests each, interleaved ({uptime()}):")
    print(
        f"  recording off p50 {off:.2f} ms, on p50 {on:.2f} ms, overhead {100 * (on - off) / off:+.1f}% "
        f"(means {statistics.mean(timings[False]):.2f} / {statistics.mean(timings[True]):.2f} ms); "
        f"{queued} events queued"
    )
    cost = statistics.median(inside)
    print(
        f"  time inside the recorder per page: p50 {1000 * cost:.0f} us, p95 "
        f"{1000 * statistics.quantiles(inside, n=20)[-1]:.0f} us = {100 * cost / off:.2f}% of the page's p50"
    )


def bench_intake(count: int = 20000) -> None:
    ids = list(Record.objects.public().values_list("pk", flat=True)[:200])
    if not ids:
        print("intake: no record in this database: skipped")
        return
    key = f"bench-stats-{uuid.uuid4().hex}"
    now = datetime.now(UTC)
    with override_settings(STATS_QUEUE_KEY=key):
        payloads = [
            {
                "type": "usage",
                "id": str(uuid.uuid4()),
                "ts": now.isoformat(),
                "method": "regular",
                "session": "s" * 56,
                "visitor": "v" * 56,
                "status": 200,
                "kind": "record_page",
                "activity": "investigation",
                "ref": {"record_id": str(ids[i % len(ids)])},
                "url": "/bench",
            }
            for i in range(count)
        ]
        started = time.perf_counter()
        for payload in payloads:
            intake.enqueue(payload)
        queue_seconds = time.perf_counter() - started
        intake.settle(120)
        pushed_seconds = time.perf_counter() - started
        queued = intake.queue_length()
        print(f"  pusher: {queued:,} events in Redis {pushed_seconds:.2f} s after the first was handed over")
        started = time.perf_counter()
        written = intake.flush(batch_size=1000)
        write_seconds = time.perf_counter() - started
    UsageEvent.objects.filter(url="/bench").delete()
    print(
        f"intake ({uptime()}): queued {count:,} events in {queue_seconds:.2f} s ({count / queue_seconds:,.0f}/s, "
        f"{1e6 * queue_seconds / count:.0f} us each); worker wrote {written:,} in {write_seconds:.2f} s "
        f"({written / write_seconds:,.0f}/s, batches of 1,000)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--baseline-events", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--child-aggregate")
    parser.add_argument("--only", choices=["aggregation", "pages", "intake"])
    args = parser.parse_args()
    if args.child_aggregate:
        child_aggregate(args.child_aggregate)
        return
    print(f"stats benchmark on {settings.DATABASES['default']['NAME']}")
    try:
        if args.only in (None, "aggregation"):
            bench_aggregation(args.events, args.baseline_events)
        if args.only in (None, "pages"):
            bench_pages(args.pages)
        if args.only in (None, "intake"):
            bench_intake()
    finally:
        cleanup()


if __name__ == "__main__":
    main()
