"""Keeping search indexes in step with the records.

PostgreSQL needs nothing per record (a trigger fills search_vector in the same write, see migration 0002); its
vocabulary view for suggestions is refreshed after harvests. Elasticsearch gets the changed records in bulk from
a Celery task, queued once the ingest transaction has committed (never for a rolled-back write)."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import transaction

BATCH = 1000


def records_changed(record_ids: Sequence) -> None:
    """Called by catalogue.records.ingest after every batch written or tombstoned."""
    if settings.SEARCH_BACKEND != "elasticsearch" or not record_ids:
        return
    ids = [str(i) for i in dict.fromkeys(record_ids)]

    def enqueue() -> None:
        from catalogue.search.tasks import index_records

        for first in range(0, len(ids), BATCH):
            index_records.delay(ids[first : first + BATCH])

    transaction.on_commit(enqueue)


def index_records_now(record_ids: Sequence) -> int:
    from catalogue.search.service import get_backend

    return get_backend().index_records(record_ids)


def refresh_terms_now() -> None:
    from catalogue.search.service import get_backend

    get_backend().refresh_terms()
