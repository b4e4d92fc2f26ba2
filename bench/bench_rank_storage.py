#!/usr/bin/env python
"""Where the search vector is stored, and what ranking costs: the table's copy with the vector out of line (TOAST,
STORAGE EXTENDED, as the table has it) next to its copy with the vector in the row (STORAGE MAIN), same rows,
same run. Times the relevance statement of the PostgreSQL backend without RUM (ts_rank over every match, top 20)
for common and rarer words, interleaved, and prints p50/p95 of each and the ratio. (Only the ranking statement:
what wider rows cost the other reads is in docs/search.md, "Ranking cost".)

    DATABASE_URL=... .venv/bin/python bench/bench_rank_storage.py [--runs 7] [--words ocean,temperature,glacier]

Both copies (with the table's GIN index on the vector) are made in the database (INSERT ... SELECT of every record:
about a minute at 100,000 records) and dropped.
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

from django.db import connection  # noqa: E402

from catalogue.search.backends import postgres_sql as sql  # noqa: E402

COPIES = {"out of line (EXTENDED)": "bench_rank_extended", "in the row (MAIN)": "bench_rank_main"}
STORAGE = {"bench_rank_extended": "EXTENDED", "bench_rank_main": "MAIN"}


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def make_copies(cursor) -> None:
    for table, storage in STORAGE.items():
        started = time.perf_counter()
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE TABLE {table} (LIKE catalogue_record INCLUDING DEFAULTS)")
        cursor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE {storage}")
        # A new value for every vector (|| ''), so each copy stores it by its own rule rather than keeping the
        # source row's TOAST pointer.
        cursor.execute(
            "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
            "WHERE table_name = 'catalogue_record' AND is_generated = 'NEVER'"
        )
        columns = cursor.fetchone()[0].split(",")
        values = ", ".join("search_vector || ''::tsvector" if c == "search_vector" else c for c in columns)
        cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM catalogue_record")  # noqa: S608
        # The table's own GIN index on the column, so that the planner chooses as it does on the table (a bitmap of
        # the matches for a rarer word, a scan of every row for a common one).
        cursor.execute(f"CREATE INDEX {table}_vector_gin ON {table} USING gin (search_vector)")
        cursor.execute(f"VACUUM (ANALYZE) {table}")
        cursor.execute(f"SELECT pg_size_pretty(pg_relation_size('{table}')), pg_size_pretty(pg_table_size('{table}'))")
        heap, total = cursor.fetchone()
        print(f"{table}: heap {heap}, with TOAST {total} (made in {time.perf_counter() - started:.0f} s)", flush=True)


def rank_statement(table: str) -> str:
    return (
        f"SELECT r.id FROM {table} r WHERE NOT r.deleted AND r.search_vector @@ {sql.TSQUERY} "
        f"ORDER BY ts_rank(r.search_vector, {sql.TSQUERY}) DESC, r.id LIMIT 20"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--words", default="ocean,temperature,aerosol,glacier")
    args = parser.parse_args()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalogue_record")
        print(f"database {connection.settings_dict['NAME']}: {cursor.fetchone()[0]:,} records; load {load()}")
        make_copies(cursor)
        print(
            f"\n{'word':<14}{'matches':>9}  " + "".join(f"{label + ' p50/p95 ms':>36}" for label in COPIES) + "   ratio"
        )
        try:
            for word in args.words.split(","):
                params = [*sql.tsquery_params(word), *sql.tsquery_params(word)]
                times: dict[str, list[float]] = {table: [] for table in COPIES.values()}
                for i in range(args.runs + 1):
                    for table in COPIES.values():  # interleaved: both meet the same machine
                        started = time.perf_counter()
                        cursor.execute(rank_statement(table), params)
                        rows = cursor.fetchall()
                        if i:  # the first round warms the cache
                            times[table].append((time.perf_counter() - started) * 1000)
                first, second = (times[t] for t in COPIES.values())
                assert rows, word
                cursor.execute(
                    f"SELECT count(*) FROM catalogue_record r WHERE NOT r.deleted AND r.search_vector @@ {sql.TSQUERY}",  # noqa: S608
                    sql.tsquery_params(word),
                )
                matches = cursor.fetchone()[0]
                cells = "".join(
                    f"{statistics.median(t):>24.0f} / {sorted(t)[int(0.95 * (len(t) - 1))]:>9.0f}"
                    for t in (first, second)
                )
                print(
                    f"{word:<14}{matches:>9,}  {cells}   {statistics.median(first) / statistics.median(second):5.1f}x"
                )
        finally:
            for table in COPIES.values():
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
    print(f"load {load()}")


if __name__ == "__main__":
    main()
