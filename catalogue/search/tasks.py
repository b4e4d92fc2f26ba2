"""Celery tasks of the search: thin wrappers over catalogue.search.indexing (tests call those directly)."""

from __future__ import annotations

from collections.abc import Sequence

from celery import shared_task
from django.conf import settings
from django.db import transaction

from catalogue.search import indexing
from catalogue.search.errors import SearchUnavailableError

BATCH = 1000
ENGINES = ("elasticsearch", "opensearch")


def queue_indexing(sender=None, record_ids: Sequence = (), **kwargs) -> None:
    """Receiver of catalogue.records.signals.records_changed: with a search engine as the backend, queue the changed
    records in batches once the ingest transaction has committed (never for a rolled-back write)."""
    if settings.SEARCH_BACKEND not in ENGINES or not record_ids:
        return
    ids = [str(i) for i in dict.fromkeys(record_ids)]

    def enqueue() -> None:
        for first in range(0, len(ids), BATCH):
            index_records.apply_async((ids[first : first + BATCH],), queue=settings.SEARCH_INDEX_QUEUE)

    transaction.on_commit(enqueue)


def queue_removal(sender=None, instance=None, **kwargs) -> None:
    """Receiver of post_delete on Record: the indexing task removes ids it no longer finds live."""
    if instance is not None:
        queue_indexing(record_ids=[instance.pk])


@shared_task(bind=True, max_retries=5, default_retry_delay=30, acks_late=True)
def index_records(self, record_ids: list[str]) -> int:
    try:
        return indexing.index_records_now(record_ids)
    except SearchUnavailableError as exc:  # the engine is down or busy: try again later, the database keeps the truth
        raise self.retry(exc=exc) from exc


@shared_task
def refresh_search_terms() -> None:
    indexing.refresh_terms_now()
