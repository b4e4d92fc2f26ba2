"""The RUM indexes that let the PostgreSQL backend read relevance in index order (SEARCH_RANK_FROM_INDEX).

They exist only while that setting is used. RUM 1.3 crashes on them (docs/search.md, "RUM crash"), so the setting is
off by default and no statement reads them; kept anyway, they cost every write that changes a search vector: 3,000
records through the ingest path took 29-30 s with them and 13 s without (100,000-record catalogue, load ~4), and
they were 118 MB of the table's 247 MB of indexes. `manage.py search_rank_indexes build` makes them (a deployment that
turns the setting on), `drop` removes them; migration 0016 dropped the ones earlier migrations had made.
"""

from __future__ import annotations

import time

# The expressions must stay those of postgres_sql.RANKED and TITLE_RANKED: the ranking statement names them, so
# the planner reads these indexes there (and the GIN index on the column everywhere else).
RANK_INDEXES = {
    "record_search_vector_rum": (
        "CREATE INDEX IF NOT EXISTS record_search_vector_rum ON catalogue_record "
        "USING rum ((coalesce(search_vector, ''::tsvector)) rum_tsvector_ops)"
    ),
    "record_title_vector_rum": (
        "CREATE INDEX IF NOT EXISTS record_title_vector_rum ON catalogue_record "
        "USING rum ((ts_filter(coalesce(search_vector, ''::tsvector), '{a}')) rum_tsvector_ops)"
    ),
}


def present(cursor) -> set[str]:
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'catalogue_record' AND indexname = ANY(%s)",
        [list(RANK_INDEXES)],
    )
    return {row[0] for row in cursor.fetchall()}


_READY: dict[str, tuple[float, bool]] = {}  # database name -> (when looked, all there)
READY_SECONDS = 30.0


def ready(cursor) -> bool:
    """Whether every rank index is there (looked up at most every READY_SECONDS per process): the ranked statement
    without them would rank every match by a sequential scan, with the planner told not to."""
    database = cursor.connection.info.dbname
    looked, answer = _READY.get(database, (0.0, False))
    if time.monotonic() - looked > READY_SECONDS:
        answer = len(present(cursor)) == len(RANK_INDEXES)
        _READY[database] = (time.monotonic(), answer)
    return answer


def forget() -> None:
    """Look again at the next search (after the indexes were made or dropped outside this process's build/drop,
    or rolled back with a test's transaction)."""
    _READY.clear()


def build(cursor) -> list[str]:
    """Creates the missing indexes; returns the names it created."""
    _READY.clear()
    missing = [name for name in RANK_INDEXES if name not in present(cursor)]
    if missing:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    for name in missing:
        cursor.execute(RANK_INDEXES[name])
    return missing


def drop(cursor) -> list[str]:
    """Drops the indexes there are; returns their names."""
    _READY.clear()
    there = [name for name in RANK_INDEXES if name in present(cursor)]
    for name in there:
        cursor.execute(f"DROP INDEX IF EXISTS {name}")
    return there
