"""Celery tasks: thin wrappers over stats.intake and stats.aggregation."""

from __future__ import annotations

from datetime import date

from celery import shared_task

from stats import aggregation, intake


@shared_task(name="stats.tasks.flush_events", ignore_result=True)
def flush_events(batch_size: int = 1000) -> int:
    return intake.flush(batch_size=batch_size)


@shared_task(name="stats.tasks.aggregate_day", ignore_result=True)
def aggregate_day(day: str) -> int:
    return aggregation.aggregate_day(date.fromisoformat(day)).usage_rows


@shared_task(name="stats.tasks.daily_job", ignore_result=True)
def daily_job() -> None:
    aggregation.daily_job()


@shared_task(name="stats.tasks.refresh_citations", ignore_result=True)
def refresh_citations() -> None:
    from django.conf import settings

    from stats import citations

    citations.refresh(fetch_event_data=settings.STATS_CITATIONS_EVENT_DATA)
