"""Celery tasks of the search: thin wrappers over catalogue.search.indexing (tests call those directly)."""

from __future__ import annotations

from celery import shared_task

from catalogue.search import indexing


@shared_task(bind=True, max_retries=5, default_retry_delay=30, acks_late=True)
def index_records(self, record_ids: list[str]) -> int:
    try:
        return indexing.index_records_now(record_ids)
    except ConnectionError as exc:  # the search server is down: try again later, the database keeps the truth
        raise self.retry(exc=exc) from exc


@shared_task
def refresh_search_terms() -> None:
    indexing.refresh_terms_now()
