"""The case that crashed PostgreSQL (4 Dec, signal 11 in the ranked search statement): a lexeme whose every posting
was removed by VACUUM (records deleted, or re-harvested with other words), then searched. RUM 1.3 reads
uninitialised memory for such an entry (postgrespro/rum#183): the backend dies and the whole cluster restarts, or
matches are silently dropped. Run against a PRIVATE cluster only:

    DATABASE_URL=postgres://...private... .venv/bin/python -m tests.operations.rum_vacuum_case [prepare] [search]

`prepare` ingests live records and records carrying the lexeme `zq9`, deletes the latter and vacuums; `search` runs
each query through the search service in a fresh connection and prints, as JSON, its hits and the hits a plain
sequential evaluation of the same text condition gives. With SEARCH_RANK_FROM_INDEX=true (RUM order) `search`
crashed the server here (rum 1.3.13, PostgreSQL 15.20).
"""

from __future__ import annotations

import json
import sys

import django

QUERIES = ["zq9 OR sea", "sea OR zq9", "zq9 OR ocean", "sea", "ocean sea", "zq9"]
LIVE, DOOMED = 60, 1500


def prepare() -> None:
    from django.db import connection

    from catalogue.records.ingest import IngestItem, ingest_batch
    from catalogue.records.models import Record
    from catalogue.records.unified import HarvestedDocument
    from catalogue.search.backends import rank_indexes
    from poles.models import HarvestSource
    from tests.conftest import make_unified

    with connection.cursor() as cursor:  # as on a deployment that has them (SEARCH_RANK_FROM_INDEX on, once)
        rank_indexes.build(cursor)
    source = HarvestSource.objects.get(slug="demo-odatis")

    def item(identifier: str, title: str, abstract: str) -> IngestItem:
        record = make_unified(identifier, title=title, abstract=abstract)
        return IngestItem(HarvestedDocument(identifier, b"<x/>"), record, "iso19139")

    words = ["sea surface", "ocean colour", "sea ice over the ocean", "deep ocean"]
    ingest_batch(source, [item(f"live-{i}", f"{words[i % 4]} {i}", "measured at sea") for i in range(LIVE)])
    ingest_batch(source, [item(f"doomed-{i}", f"zq9 sea campaign {i}", "zq9 sea") for i in range(DOOMED)])
    Record.objects.filter(identifier__startswith="doomed-").delete()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE catalogue_record")


def search_all() -> dict:
    from django.db import connection

    from catalogue.search.backends import postgres_sql as sql
    from catalogue.search.params import parse_search_params
    from catalogue.search.service import search

    out = {}
    for q in QUERIES:
        connection.close()  # a fresh backend for each query, as a new gunicorn connection has
        result = search(parse_search_params({"q": q, "page_size": "100"})[0])
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SET enable_indexscan = off; SET enable_bitmapscan = off")
            cursor.execute(
                f"SELECT r.id::text FROM catalogue_record r WHERE NOT r.deleted AND r.search_vector @@ {sql.TSQUERY}",  # noqa: S608
                sql.tsquery_params(q),
            )
            expected = sorted(row[0] for row in cursor.fetchall())
        out[q] = {"count": result.count, "hits": sorted(h.id for h in result.hits), "expected": expected}
    return out


if __name__ == "__main__":
    django.setup()
    steps = sys.argv[1:] or ["prepare", "search"]
    if "prepare" in steps:
        prepare()
    if "search" in steps:
        print(json.dumps(search_all()))
