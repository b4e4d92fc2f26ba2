"""`manage.py generate_records --count N [--seed S] [--pole CODE] [--offset K] [--batch-size B]`."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.synthetic.generator import POLES, generate


class Command(BaseCommand):
    help = "Write N realistic synthetic records through the normal ingest path (deterministic for a seed)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="number of records to write")
        parser.add_argument("--seed", type=int, default=0, help="same seed = same records (re-runs change nothing)")
        parser.add_argument("--pole", choices=POLES, type=str.upper, help="put every record in this hub")
        parser.add_argument("--offset", type=int, default=0, help="first record index (adds records after others)")
        parser.add_argument("--batch-size", type=int, default=2000, help="records per ingest batch (default 2000)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, count, seed, pole, offset, batch_size, no_progress, **options):
        if count < 1:
            raise CommandError("--count must be at least 1")
        if offset < 0 or seed < 0:
            raise CommandError("--seed and --offset must be zero or positive")
        if not 1 <= batch_size <= 20000:
            raise CommandError("--batch-size must be between 1 and 20000")
        started = time.perf_counter()
        with tqdm(total=count, unit="rec", disable=no_progress, desc="generate_records") as bar:
            result = generate(count, seed=seed, pole=pole, offset=offset, batch_size=batch_size, progress=bar.update)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{count} records in {elapsed:.1f} s ({count / elapsed:,.0f} records/s): created {result.created}, "
            f"updated {result.updated}, unchanged {result.unchanged}"
        )
