"""Keeping search indexes in step with the records.

PostgreSQL needs nothing per record (a trigger fills search_vector in the same write, see migration 0002); its
vocabulary view for suggestions is refreshed after harvests. Elasticsearch gets the changed records in bulk from
a Celery task (catalogue.search.tasks.queue_indexing, on the record core's `records_changed` signal)."""

from __future__ import annotations

from collections.abc import Sequence


def index_records_now(record_ids: Sequence) -> int:
    from catalogue.search.service import get_backend

    return get_backend().index_records(record_ids)


def refresh_terms_now() -> None:
    from catalogue.search.service import get_backend

    get_backend().refresh_terms()
