"""`manage.py generate_records --count N [--seed S] [--pole CODE] [--offset K] [--batch-size B]
[--defer-indexes auto|yes|no] [--workers auto|N]`."""

from __future__ import annotations

import resource
import time
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.synthetic.deferred import indexes_built_after
from catalogue.synthetic.generator import POLES, generate_parallel

# From this many records the search indexes are built after the load, by two processes (docs/search.md, "Loading
# a large catalogue", has the times).
DEFER_INDEXES_FROM = 50_000
PARALLEL_FROM = 50_000
AUTO_WORKERS = 2


class Command(BaseCommand):
    help = "Write N realistic synthetic records through the normal ingest path (deterministic for a seed)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="number of records to write")
        parser.add_argument("--seed", type=int, default=0, help="same seed = same records (re-runs change nothing)")
        parser.add_argument("--pole", choices=POLES, type=str.upper, help="put every record in this hub")
        parser.add_argument("--offset", type=int, default=0, help="first record index (adds records after others)")
        parser.add_argument("--batch-size", type=int, default=2000, help="records per ingest batch (default 2000)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--defer-indexes",
            choices=("auto", "yes", "no"),
            default="auto",
            help=f"build the search indexes after the load (auto: from {DEFER_INDEXES_FROM:,} records; searches "
            "are slow meanwhile)",
        )
        parser.add_argument(
            "--workers",
            default="auto",
            help=f"processes writing records (auto: {AUTO_WORKERS} from {PARALLEL_FROM:,} records, else 1)",
        )

    def handle(self, *args, count, seed, pole, offset, batch_size, no_progress, defer_indexes, workers, **options):
        if count < 1:
            raise CommandError("--count must be at least 1")
        if offset < 0 or seed < 0:
            raise CommandError("--seed and --offset must be zero or positive")
        if not 1 <= batch_size <= 20000:
            raise CommandError("--batch-size must be between 1 and 20000")
        if workers == "auto":
            workers = AUTO_WORKERS if count >= PARALLEL_FROM else 1
        elif not workers.isdigit() or not 1 <= int(workers) <= 16:
            raise CommandError("--workers must be auto or between 1 and 16")
        workers = int(workers)
        started = time.perf_counter()
        defer = defer_indexes == "yes" or (defer_indexes == "auto" and count >= DEFER_INDEXES_FROM)
        with indexes_built_after(self.stdout.write) if defer else nullcontext():
            with tqdm(total=count, unit="rec", disable=no_progress, desc="generate_records") as bar:
                result = generate_parallel(
                    count, workers, seed=seed, pole=pole, offset=offset, batch_size=batch_size, progress=bar.update
                )
            loaded = time.perf_counter() - started
        elapsed = time.perf_counter() - started
        peak_kb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        peak_mb = peak_kb / 1024
        writers = f"{workers} writer process{'es' if workers > 1 else ''}"
        self.stdout.write(
            f"{count} records in {elapsed:.1f} s by {writers} ({count / elapsed:,.0f} records/s; rows {loaded:.1f} s, "
            f"indexes after {elapsed - loaded:.1f} s; peak memory {peak_mb:.0f} MB): created {result.created}, "
            f"updated {result.updated}, unchanged {result.unchanged}"
        )
