#!/usr/bin/env python
"""How fast does `generate_records` write through the normal ingest path, next to a raw COPY of the same number
of minimal rows into the same table (the floor the database itself sets, measured in the same run)?

    .venv/bin/python bench/bench_generate.py [--count 10000] [--batch-size 2000]

Runs in a fresh, migrated throw-away database (bench_<DB_NAME>), dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402


def minimal_value(field: models.Field, index: int, now):
    if field.primary_key:
        return uuid.uuid4()
    if field.null:
        return None
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return now
    if field.get_internal_type() == "JSONField":
        return "{}" if isinstance(field.default(), dict) else "[]"
    if field.get_internal_type() == "ArrayField":
        return "{}"
    return f"minimal-{index}" if field.name in {"identifier", "title"} else ""


def raw_copy(count: int) -> float:
    """COPY ``count`` minimal rows into catalogue_record (same table, same indexes), then roll back."""
    from catalogue.records.models import Record

    fields = [f for f in Record._meta.concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY catalogue_record ({columns}) FROM STDIN") as copy:
            for index in range(count):
                copy.write_row([minimal_value(f, index, now) for f in fields])
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def backend_cpu_seconds() -> float:
    """CPU used so far by this connection's PostgreSQL backend process (same machine: read from /proc)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")  # database on another host
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class TimeBudgetSpentError(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--skip-rerun", action="store_true", help="do not time the idempotent re-run")
    parser.add_argument("--max-seconds", type=float, default=0, help="stop writing after this long (0: no limit)")
    args = parser.parse_args()

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"bench_{settings.DATABASES['default']['NAME']}"
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from catalogue.records.models import Record
        from catalogue.synthetic.generator import generate

        baseline = raw_copy(args.count)
        started, cpu_started, db_cpu_started = time.perf_counter(), time.process_time(), backend_cpu_seconds()
        written = 0

        def progress(n: int) -> None:
            nonlocal written
            written += n
            if args.max_seconds and time.perf_counter() - started > args.max_seconds:
                raise TimeBudgetSpentError

        try:
            generate(args.count, seed=1, batch_size=args.batch_size, progress=progress)
        except TimeBudgetSpentError:
            elapsed = time.perf_counter() - started
            print(
                f"stopped after {elapsed:.0f} s (--max-seconds): {written:,} of {args.count:,} records written, "
                f"{written / elapsed:,.0f} records/s; at that rate {args.count:,} would take "
                f"{args.count / written * elapsed / 60:.0f} min"
            )
            return
        generated, generated_cpu = time.perf_counter() - started, time.process_time() - cpu_started
        generated_db_cpu = backend_cpu_seconds() - db_cpu_started
        assert written == args.count == Record.objects.count(), written
        rerun = None
        if not args.skip_rerun:
            started = time.perf_counter()
            again = generate(args.count, seed=1, batch_size=args.batch_size)
            rerun = time.perf_counter() - started
            assert again.unchanged == args.count, again

        print(f"database {test_db}, {args.count:,} records, batches of {args.batch_size:,}")
        print(f"{'step':<46}{'seconds':>9}{'records/s':>12}")
        steps = [
            ("baseline: raw COPY of minimal rows", baseline),
            ("generate_records (ingest_batch, new records)", generated),
        ]
        if rerun is not None:
            steps.append(("generate_records re-run (all unchanged)", rerun))
        for label, seconds in steps:
            print(f"{label:<46}{seconds:>9.2f}{args.count / seconds:>12,.0f}")
        # On a shared machine the wall clock also counts waiting for a CPU; this is what our process used itself.
        print(
            f"generate_records CPU: this process {generated_cpu:.1f} s ({generated_cpu / args.count * 1e3:.2f} ms per "
            f"record), its PostgreSQL backend {generated_db_cpu:.1f} s; load average {os.getloadavg()[0]:.1f} on "
            f"{os.cpu_count()} CPUs"
        )
        print(f"ratio generate / baseline: {generated / baseline:.1f}x", end="")
        print(f"   re-run / baseline: {rerun / baseline:.1f}x" if rerun is not None else "")
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
