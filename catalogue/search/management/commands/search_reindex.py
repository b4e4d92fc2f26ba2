"""`manage.py search_reindex`: rebuild the search index of the configured backend (or --backend).

postgres: recompute every search_vector (after a change of text search configuration) in batches, then the
vocabulary view; opensearch/elasticsearch: a new index filled from the live records, then the alias swapped to it
(searches keep answering from the old index until the swap).

`--verify` (engines): compare the index with PostgreSQL, ids and content hashes; prints the drift and exits with
status 1 when there is any. `--verify --repair` re-indexes what drifted."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from catalogue.search.service import get_backend

BATCH = 5000


class Command(BaseCommand):
    help = "Rebuild the search index (postgres: search vectors and vocabulary; elasticsearch: a new index + alias)."

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=["postgres", "elasticsearch", "opensearch"], default=None)
        parser.add_argument("--terms-only", action="store_true", help="postgres: only refresh the vocabulary view")
        parser.add_argument("--verify", action="store_true", help="engines: compare the index with PostgreSQL")
        parser.add_argument("--repair", action="store_true", help="with --verify: re-index what drifted")

    def handle(self, *args, backend=None, terms_only=False, verify=False, repair=False, **options):
        engine = get_backend(backend)
        started = time.monotonic()
        if verify:
            self._verify(engine, repair, started)
            return
        if engine.name == "postgres":
            if not terms_only:
                self._rebuild_vectors()
            engine.refresh_terms()
            self.stdout.write(self.style.SUCCESS(f"vocabulary refreshed ({time.monotonic() - started:.1f} s)"))
            return

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"{done}/{total} records indexed")

        count = engine.reindex_all(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{count} records indexed in {time.monotonic() - started:.1f} s"))

    def _verify(self, engine, repair: bool, started: float) -> None:
        if engine.name == "postgres":
            raise CommandError("--verify compares a search engine's index with PostgreSQL: use an engine backend")
        drift = engine.verify()
        self.stdout.write(f"{drift.checked} live records checked against index {engine.alias}")
        for label, ids in (
            ("missing from the index", drift.missing),
            ("in the index but not live", drift.extra),
            ("stale (content differs)", drift.stale),
        ):
            shown = ", ".join(ids[:10]) + (" ..." if len(ids) > 10 else "")
            self.stdout.write(f"{len(ids)} {label}" + (f": {shown}" if ids else ""))
        if drift.clean:
            self.stdout.write(self.style.SUCCESS(f"no drift ({time.monotonic() - started:.1f} s)"))
            return
        if repair:
            fixed = engine.repair(drift)
            self.stdout.write(self.style.SUCCESS(f"{fixed} records re-indexed or removed"))
            return
        raise CommandError("the index has drifted from PostgreSQL: run search_reindex --verify --repair")

    def _rebuild_vectors(self) -> None:
        # Touching a text column fires the search_vector trigger; by primary-key ranges, one transaction each.
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM catalogue_record")
            total = cursor.fetchone()[0]
        done, last = 0, None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "WITH batch AS (SELECT id FROM catalogue_record WHERE %s::uuid IS NULL OR id > %s::uuid "
                    "ORDER BY id LIMIT %s) "
                    "UPDATE catalogue_record r SET title = r.title FROM batch WHERE r.id = batch.id RETURNING r.id",
                    [last, last, BATCH],
                )
                ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                break
            done += len(ids)
            last = str(max(ids))
            self.stdout.write(f"{done}/{total} search vectors recomputed")
