"""Bulk loads with the record table's search indexes built after the rows, not row by row during them.

Each COPY batch into `catalogue_record` otherwise updates ~20 indexes (GIN of the text, two RUM, trigram, GiST, the
sort btrees) row by row: at 1M records that, not Python, was most of the time (bench/bench_generate.py). Building
an index once over the finished table is far cheaper. Kept during the load: the primary and unique keys and the
identifier index, which ingest reads to find existing records (dedup), so a bulk load follows the same rules as a
harvest. The geometry CHECK constraint (ST_IsValid) stays too: every stored geometry is checked as it arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, connections

TABLE = "catalogue_record"
# Indexes ingest's lookups read during the load (besides primary/unique keys, which are always kept).
KEPT_COLUMNS_INDEXES = ("catalogue_record_identifier_3443d354",)
# Indexes built at the same time, each by its own connection (PostgreSQL builds a GIN or RUM index in one process).
BUILDERS = 2
BUILD_MEMORY = "512MB"  # maintenance_work_mem of each builder (a session setting: the server's default is untouched)


@dataclass(frozen=True)
class DeferredIndex:
    name: str
    definition: str  # CREATE INDEX ... as pg_indexes gives it


def deferrable_indexes(cursor) -> list[DeferredIndex]:
    """The record table's indexes that a bulk load may build afterwards (not primary, unique or ingest's)."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        JOIN pg_class c ON c.relname = i.indexname AND c.relkind = 'i'
        JOIN pg_index x ON x.indexrelid = c.oid
        WHERE i.schemaname = current_schema() AND i.tablename = %s
          AND NOT x.indisprimary AND NOT x.indisunique AND NOT (i.indexname = ANY(%s))
        ORDER BY i.indexname
        """,
        [TABLE, list(KEPT_COLUMNS_INDEXES)],
    )
    return [DeferredIndex(name, definition) for name, definition in cursor.fetchall()]


@contextmanager
def indexes_built_after(report: Callable[[str], None] = lambda _: None) -> Iterator[list[DeferredIndex]]:
    """Drop the deferrable indexes, run the load, then build them again (also when the load fails: a failed load
    never leaves the catalogue without its search indexes) and refresh the planner's statistics."""
    with connection.cursor() as cursor:
        deferred = deferrable_indexes(cursor)
        for index in deferred:
            cursor.execute(f'DROP INDEX IF EXISTS "{index.name}"')
    report(f"{len(deferred)} search indexes dropped for the load; built again at the end")
    try:
        yield deferred
    finally:
        rebuild(deferred, report)


def rebuild(deferred: list[DeferredIndex], report: Callable[[str], None], builders: int = BUILDERS) -> None:
    started = time.perf_counter()
    if deferred:
        # The slowest (the text indexes) first, so that the builders finish together.
        order = sorted(deferred, key=lambda i: [f" USING {kind} " not in i.definition for kind in ("rum", "gin")])
        with ThreadPoolExecutor(max_workers=max(1, builders)) as pool:
            for name, seconds in pool.map(_build, order):
                report(f"index {name} built in {seconds:.1f} s")
    one = time.perf_counter()
    with connection.cursor() as cursor:
        # VACUUM: the visibility map lets count queries read indexes only; ANALYZE: the search's row estimates.
        cursor.execute(f"VACUUM (ANALYZE) {TABLE}")
        cursor.execute("VACUUM (ANALYZE) catalogue_recordsource")
    report(f"vacuum + analyze in {time.perf_counter() - one:.1f} s")
    report(f"indexes and statistics in {time.perf_counter() - started:.1f} s")


def _build(index: DeferredIndex) -> tuple[str, float]:
    """One index, on this thread's own connection (closed after)."""
    started = time.perf_counter()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute(f"SET maintenance_work_mem = '{BUILD_MEMORY}'")
            cursor.execute(index.definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
            cursor.execute("RESET maintenance_work_mem")
    finally:
        connections["default"].close()
    return index.name, time.perf_counter() - started
