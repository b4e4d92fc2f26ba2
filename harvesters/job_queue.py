"""The harvest job queue: jobs as rows of HarvestJob. Creating, claiming (one running job per source), aborting and
retrying them; which job of a source is active, and when a running one counts as stuck.

harvesters.jobs runs a claimed job; the health, the scheduler and the hub workspace read the queue from here.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from harvesters.models import HarvestJob
from poles.models import HarvestSource

Status = HarvestJob.Status
FINISHED = {Status.SUCCESS, Status.PARTIAL, Status.FAILED, Status.CANCELLED}
MAX_LOG_CHARS = 200_000


class NotClaimedError(Exception):
    """The job cannot run now (finished, or another job of the source is running). The message says which."""


def create_job(source: HarvestSource, *, full: bool = False, allow_mass_delete: bool = False) -> HarvestJob:
    mode = HarvestJob.Mode.FULL if full else HarvestJob.Mode.INCREMENTAL
    return HarvestJob.objects.create(source=source, mode=mode, allow_mass_delete=allow_mass_delete)


def active_job(source: HarvestSource) -> HarvestJob | None:
    return HarvestJob.objects.filter(source=source, status__in=[Status.QUEUED, Status.RUNNING]).first()


def stale_after_seconds(source: HarvestSource) -> int:
    """How long a running job of ``source`` may stay silent before it counts as stuck: the source's own timeout."""
    return source.stale_after_seconds or settings.HARVEST_STALE_JOB_SECONDS


def is_stale(job: HarvestJob, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    beat = job.heartbeat_at or job.started_at or job.created_at
    return beat < now - timedelta(seconds=stale_after_seconds(job.source))


def abort_job(job: HarvestJob, reason: str) -> bool:
    """Cancel a queued or running job. A running worker notices at its next page (its writes are conditional on
    the job still being "running" and its own) and stops. Returns False when the job had already finished."""
    now = timezone.now()
    line = log_line(reason, now)
    with transaction.atomic():
        current = HarvestJob.objects.select_for_update().filter(pk=job.pk).first()
        if current is None or current.status in FINISHED:
            return False
        current.status, current.finished_at = Status.CANCELLED, now
        current.error_summary = reason[:5000]
        current.log = (current.log + line)[-MAX_LOG_CHARS:]
        current.save(update_fields=["status", "finished_at", "error_summary", "log"])
    job.refresh_from_db()
    return True


# Errors about a page, or a record without an identifier, carry the page's position, not a record identifier.
PAGE_POSITION = r"^(page |startPosition=|resumptionToken=|first page$|files \d)"


def create_retry_job(job: HarvestJob) -> HarvestJob | None:
    """A job that fetches again only the records that failed in ``job`` (not its unreadable pages)."""
    identifiers = list(
        dict.fromkeys(
            job.errors.exclude(identifier="")
            .exclude(identifier__regex=PAGE_POSITION)
            .values_list("identifier", flat=True)
        )
    )
    if not identifiers:
        return None
    return HarvestJob.objects.create(
        source=job.source,
        mode=HarvestJob.Mode.RETRY,
        checkpoint={"retry_identifiers": identifiers, "retry_of": job.pk},
    )


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def log_line(message: str, now: datetime | None = None) -> str:
    return f"{(now or timezone.now()):%Y-%m-%d %H:%M:%S}Z {message}\n"


def claim_job(job_id: int, worker: str | None = None) -> HarvestJob:
    """Mark the job running for ``worker``, atomically. Raises NotClaimedError with the reason otherwise.

    A queued job that cannot start because another job of its source is running is cancelled (with the reason),
    so refused jobs do not pile up in the queue.
    """
    worker = worker or worker_name()
    now = timezone.now()
    refusal = ""
    with transaction.atomic():
        job = HarvestJob.objects.select_for_update().select_related("source", "source__pole").filter(pk=job_id).first()
        if job is None:
            raise NotClaimedError(f"no job #{job_id} (deleted, or queued from another database)")
        if job.status in FINISHED:
            raise NotClaimedError(f"job #{job.pk} already finished ({job.status})")
        if job.status == Status.RUNNING:
            if not is_stale(job, now):
                raise NotClaimedError(
                    f"job #{job.pk} is running on {job.worker} (heartbeat {job.heartbeat_at:%H:%M:%S})"
                )
            job.log += log_line(f"taking over from {job.worker}, silent since {job.heartbeat_at}; resuming", now)
        else:
            other = (
                HarvestJob.objects.select_for_update()
                .filter(source=job.source, status=Status.RUNNING)
                .exclude(pk=job.pk)
                .first()
            )
            if other and not is_stale(other, now):
                refusal = f"not started: job #{other.pk} of {job.source.slug} is already running"
            elif other:
                # Its worker died: retire it, and carry its checkpoint on when it was the same kind of run.
                other.status, other.finished_at = Status.FAILED, now
                other.error_summary = f"worker lost (no heartbeat since {other.heartbeat_at}); job #{job.pk} took over"
                other.log += log_line(other.error_summary, now)
                other.save()
                if other.mode == job.mode and other.checkpoint:
                    job.checkpoint = other.checkpoint
                    job.seen, job.created, job.updated = other.seen, other.created, other.updated
                    job.unchanged, job.deleted, job.failed = other.unchanged, other.deleted, other.failed
                    job.log += log_line(f"resuming from the checkpoint of job #{other.pk}", now)
            job.started_at = job.started_at or now
        if not refusal:
            job.status, job.worker, job.heartbeat_at = Status.RUNNING, worker, now
            try:
                with transaction.atomic():
                    job.save()
            except IntegrityError:  # another worker claimed a job of this source between our read and our write
                refusal = f"not started: another job of {job.source.slug} started at the same time"
    if refusal:
        HarvestJob.objects.filter(pk=job_id).update(
            status=Status.CANCELLED, finished_at=now, error_summary=refusal, log=job.log + log_line(refusal, now)
        )
        raise NotClaimedError(refusal)
    return job
