"""What a hub admin or editor can do to sources and jobs, as plain functions (views stay thin, tests call these).

Every function takes the acting user, checks the role it needs (poles.permissions) and writes the audit trail.
Objects outside the user's hubs never reach these functions: views fetch them through permissions.sources_for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.records.ingest import delete_from_source
from catalogue.records.models import RecordSource
from harvesters import job_queue
from harvesters.models import HarvestJob
from poles import permissions
from poles.models import HarvestSource
from workspace.models import AuditEvent

Action = AuditEvent.Action
Status = HarvestJob.Status
# The settings the audit trail compares when a source is saved (options are compared key by key).
AUDITED_FIELDS = ("name", "protocol", "url", "schedule", "enabled", "record_url_template", "stale_after_seconds")


class ActionRefusedError(Exception):
    """The action is not possible now or not allowed for this user; the message says why, in the user's language."""


def audit(user, pole, action: str, *, source=None, job_id=None, changes=None) -> AuditEvent:
    return AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=getattr(user, "username", "") or "system",
        pole=pole,
        source=source,
        source_slug=source.slug if source is not None else "",
        job_id=job_id,
        action=action,
        changes=changes or {},
    )


def _require_editor(user, source: HarvestSource) -> None:
    if not permissions.can_edit_sources(user, source.pole):
        raise ActionRefusedError(_("Your role in this hub does not allow this action."))


def _queue(job: HarvestJob) -> None:
    from harvesters.tasks import harvest_source

    # After the commit: the worker must find the row.
    transaction.on_commit(lambda: harvest_source.apply_async(args=[job.pk], queue=settings.HARVEST_QUEUE))


def start_harvest(user, source: HarvestSource, *, full: bool = False) -> HarvestJob:
    _require_editor(user, source)
    if not source.enabled:
        raise ActionRefusedError(_("The source is disabled: enable it first."))
    if current := job_queue.active_job(source):
        raise ActionRefusedError(
            _("A harvest of this source is already queued or running (job #%(id)d).") % {"id": current.pk}
        )
    job = job_queue.create_job(source, full=full)
    audit(user, source.pole, Action.JOB_STARTED, source=source, job_id=job.pk, changes={"mode": job.mode})
    _queue(job)
    return job


def abort_job(user, job: HarvestJob) -> None:
    _require_editor(user, job.source)
    reason = f"aborted by {user.username} from the workspace"
    if not job_queue.abort_job(job, reason):
        raise ActionRefusedError(_("The job had already finished."))
    audit(user, job.source.pole, Action.JOB_ABORTED, source=job.source, job_id=job.pk)


def take_over_job(user, job: HarvestJob) -> None:
    """Queue a stuck job again: a worker takes it over and resumes from its checkpoint (job_queue.claim_job)."""
    _require_editor(user, job.source)
    if job.status != Status.RUNNING or not job_queue.is_stale(job):
        raise ActionRefusedError(
            _("Only a running job without a heartbeat beyond the source's timeout can be taken over.")
        )
    audit(user, job.source.pole, Action.JOB_TAKEN_OVER, source=job.source, job_id=job.pk)
    _queue(job)


def rerun_failed(user, job: HarvestJob) -> HarvestJob:
    _require_editor(user, job.source)
    if job.status not in job_queue.FINISHED:
        raise ActionRefusedError(_("Wait for the job to finish."))
    if current := job_queue.active_job(job.source):
        raise ActionRefusedError(
            _("A harvest of this source is already queued or running (job #%(id)d).") % {"id": current.pk}
        )
    retry = job_queue.create_retry_job(job)
    if retry is None:
        raise ActionRefusedError(_("No failed record to fetch again in this job."))
    audit(user, job.source.pole, Action.JOB_RETRY, source=job.source, job_id=retry.pk, changes={"retry_of": job.pk})
    _queue(retry)
    return retry


def set_enabled(user, source: HarvestSource, enabled: bool) -> None:
    _require_editor(user, source)
    if source.enabled == enabled:
        return
    HarvestSource.objects.filter(pk=source.pk).update(enabled=enabled, updated_at=timezone.now())
    source.enabled = enabled
    audit(user, source.pole, Action.SOURCE_ENABLED if enabled else Action.SOURCE_DISABLED, source=source)


@dataclass
class DeletionImpact:
    withdrawn: int  # live records provided only by this source: they become tombstones (410 Gone)
    kept: int  # live records another source also provides: they stay published
    jobs: int


def deletion_impact(source: HarvestSource) -> DeletionImpact:
    record_ids = RecordSource.objects.filter(source=source, deleted_at_source__isnull=True).values("record_id")
    total = record_ids.distinct().count()
    kept = (
        RecordSource.objects.filter(record_id__in=record_ids, deleted_at_source__isnull=True)
        .exclude(source=source)
        .values("record_id")
        .distinct()
        .count()
    )
    return DeletionImpact(withdrawn=total - kept, kept=kept, jobs=source.jobs.count())


def delete_source(user, source: HarvestSource) -> DeletionImpact:
    if not permissions.can_delete_sources(user, source.pole):
        raise ActionRefusedError(_("Only the hub's admins can delete a source."))
    if job_queue.active_job(source):
        raise ActionRefusedError(_("A harvest of this source is queued or running: abort it first."))
    impact = deletion_impact(source)
    with transaction.atomic():
        live_ids = RecordSource.objects.filter(source=source, deleted_at_source__isnull=True).values_list(
            "source_identifier", flat=True
        )
        delete_from_source(
            source, list(live_ids), f"source {source.slug} removed from the catalogue by {user.username}"
        )
        audit(
            user,
            source.pole,
            Action.SOURCE_DELETED,
            source=None,
            changes={"slug": source.slug, "withdrawn": impact.withdrawn, "kept": impact.kept, "jobs": impact.jobs},
        )
        AuditEvent.objects.filter(source=source).update(source=None)
        source.delete()
    return impact


def _settings_of(source: HarvestSource) -> dict:
    values = {name: getattr(source, name) for name in AUDITED_FIELDS}
    values.update({f"options.{key}": value for key, value in (source.options or {}).items()})
    return values


def save_source(user, source: HarvestSource, *, creating: bool, before: dict | None = None) -> HarvestSource:
    """Save a source built by the form; the audit trail gets each changed setting (old and new value)."""
    _require_editor(user, source)
    source.save()
    after = _settings_of(source)
    if creating:
        audit(user, source.pole, Action.SOURCE_CREATED, source=source, changes={k: [None, v] for k, v in after.items()})
    else:
        changed = {
            key: [(before or {}).get(key), value] for key, value in after.items() if (before or {}).get(key) != value
        }
        changed.update({key: [old, None] for key, old in (before or {}).items() if key not in after})
        if changed:
            audit(user, source.pole, Action.SOURCE_CHANGED, source=source, changes=changed)
    return source


def snapshot(source: HarvestSource) -> dict:
    return _settings_of(source)


def source_record_url(source: HarvestSource, identifier: str) -> str:
    """The record at its source: the hub's own page when the source names one, else the protocol's own request."""
    if not identifier or re.match(job_queue.PAGE_POSITION, identifier):
        return ""
    if source.record_url_template:
        return source.record_url(identifier)
    options = source.options or {}
    if source.protocol == HarvestSource.Protocol.CSW:
        query = {
            "service": "CSW",
            "version": "2.0.2",
            "request": "GetRecordById",
            "id": identifier,
            "outputSchema": options.get("output_schema", ""),
            "elementSetName": "full",
        }
        return f"{source.url}{'&' if '?' in source.url else '?'}{urlencode(query)}"
    if source.protocol == HarvestSource.Protocol.OAIPMH:
        query = {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": options.get("metadata_prefix", "")}
        return f"{source.url}{'&' if '?' in source.url else '?'}{urlencode(query)}"
    return ""


def job_progress(job: HarvestJob) -> dict:
    """What the job page polls: counts, status, and a share done when the server announced a total."""
    done = job.status in job_queue.FINISHED
    share = None
    if job.total_expected:
        share = 1.0 if done else min(1.0, job.seen / job.total_expected)
    duration = None
    if job.started_at:
        duration = ((job.finished_at or timezone.now()) - job.started_at).total_seconds()
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "finished": done,
        "mode": job.mode,
        "seen": job.seen,
        "created": job.created,
        "updated": job.updated,
        "unchanged": job.unchanged,
        "deleted": job.deleted,
        "failed": job.failed,
        "total_expected": job.total_expected,
        "share": share,
        "duration_seconds": duration,
        "heartbeat_at": job.heartbeat_at.isoformat() if job.heartbeat_at else None,
        "stuck": job.status == Status.RUNNING and job_queue.is_stale(job),
        "error_summary": job.error_summary,
    }


def error_messages(job: HarvestJob, limit: int = 20) -> list[dict]:
    """The most frequent error messages of a job, for the filter."""
    return list(job.errors.values("message").annotate(count=Count("id")).order_by("-count", "message")[:limit])


def filtered_errors(job: HarvestJob, message: str):
    errors = job.errors.all()
    if message:
        errors = errors.filter(Q(message__icontains=message) | Q(identifier__icontains=message))
    return errors


def add_member(user, pole, username: str, role: str):
    """Give an existing account a role in the hub (accounts themselves are created with `manage.py hubadmin`)."""
    from django.contrib.auth import get_user_model

    from poles.models import HubMembership

    if not permissions.can_manage_people(user, pole):
        raise ActionRefusedError(_("Only the hub's admins can manage its people."))
    member = get_user_model().objects.filter(username=username, is_active=True).first()
    if member is None:
        raise ActionRefusedError(
            _("No active account named %(name)s: create it with manage.py hubadmin add.") % {"name": username}
        )
    HubMembership.objects.update_or_create(user=member, pole=pole, defaults={"role": role})
    audit(user, pole, Action.MEMBER_ADDED, changes={"user": member.username, "role": role})
    return member


def remove_member(user, pole, member) -> None:
    from poles.models import HubMembership

    if not permissions.can_manage_people(user, pole):
        raise ActionRefusedError(_("Only the hub's admins can manage its people."))
    if member == user and not user.is_superuser:
        raise ActionRefusedError(_("You cannot remove yourself; ask another admin of the hub."))
    HubMembership.objects.filter(user=member, pole=pole).delete()
    audit(user, pole, Action.MEMBER_REMOVED, changes={"user": member.username})
