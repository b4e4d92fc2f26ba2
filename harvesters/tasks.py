"""Celery tasks: thin wrappers over harvesters.jobs and harvesters.scheduling (tests call those directly)."""

from __future__ import annotations

import logging

from celery import shared_task

from harvesters import alerts, job_queue, jobs, scheduling

logger = logging.getLogger(__name__)


# acks_late + reject_on_worker_lost (settings): a worker killed mid-harvest leaves the message to be redelivered,
# and the job resumes from its checkpoint. **kwargs: messages queued by an older or newer version still run.
@shared_task(name="harvesters.tasks.harvest_source", acks_late=True, ignore_result=True)
def harvest_source(job_id: int, **kwargs) -> str:
    try:
        job = jobs.run_job(job_id)
    except job_queue.NotClaimedError as exc:
        logger.info("harvest job #%s not run: %s", job_id, exc)
        return f"not run: {exc}"
    return job.status


@shared_task(name="harvesters.tasks.schedule_due_sources", ignore_result=True)
def schedule_due_sources(**kwargs) -> list[int]:
    """Queue a job for every enabled source whose schedule is due, re-queue stale running jobs, and re-send queued
    jobs whose message the broker lost (a Redis restart empties its in-memory queue)."""
    with harvest_source.app.connection_for_read() as conn:
        waiting = conn.default_channel.client.llen(harvest_source.app.conf.task_default_queue)
    lost = scheduling.lost_queued_jobs(waiting)
    if lost:
        logger.warning("re-sending %d queued harvest job(s) the broker lost: %s", len(lost), lost)
    job_ids = scheduling.create_due_jobs() + scheduling.stale_running_jobs() + lost
    for job_id in job_ids:
        harvest_source.delay(job_id)
    return job_ids


@shared_task(name="harvesters.tasks.send_weekly_digests", ignore_result=True)
def send_weekly_digests(**kwargs) -> int:
    """Celery beat, Mondays: each hub's admins get the week's harvest digest."""
    return alerts.send_weekly_digests()
