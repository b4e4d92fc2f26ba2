"""Which sources are due for a harvest, and which running jobs lost their worker."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from harvesters.job_queue import Status, active_job, create_job, is_stale
from harvesters.models import HarvestJob
from poles.models import HarvestSource

INTERVALS = {
    HarvestSource.Schedule.HOURLY: timedelta(hours=1),
    HarvestSource.Schedule.DAILY: timedelta(days=1),
    HarvestSource.Schedule.WEEKLY: timedelta(weeks=1),
}


def is_due(source: HarvestSource, now: datetime | None = None) -> bool:
    interval = INTERVALS.get(source.schedule)
    if not source.enabled or interval is None:
        return False
    return source.last_attempt_at is None or source.last_attempt_at + interval <= (now or timezone.now())


def create_due_jobs(now: datetime | None = None) -> list[int]:
    """Create an incremental job for each due source that has no queued or running job. Returns their ids."""
    created = []
    for source in HarvestSource.objects.filter(enabled=True).exclude(schedule=HarvestSource.Schedule.MANUAL):
        if is_due(source, now) and active_job(source) is None:
            created.append(create_job(source).pk)
    return created


def stale_running_jobs(now: datetime | None = None) -> list[int]:
    """Running jobs whose worker stopped beating: queue them again, they resume from their checkpoint."""
    return [job.pk for job in HarvestJob.objects.filter(status=Status.RUNNING) if is_stale(job, now)]


def lost_queued_jobs(waiting_messages: int, now: datetime | None = None) -> list[int]:
    """Queued jobs whose message is gone: Redis restarted without persistence (the queue is in memory) or the broker
    was flushed. Only when the queue holds no message at all, so a job merely waiting its turn is not sent twice
    (and if it were, the atomic claim in run_job makes the second delivery a no-op)."""
    if waiting_messages:
        return []
    now = now or timezone.now()
    old = now - timedelta(seconds=settings.HARVEST_STALE_JOB_SECONDS)
    return list(
        HarvestJob.objects.filter(status=Status.QUEUED, created_at__lt=old).order_by("pk").values_list("pk", flat=True)
    )
