"""The health of a harvest source, computed from its jobs: one function for the workspace, the API and /healthz.

States, worst first:
- disabled: the source is switched off (nothing is expected of it);
- failing: its last runs failed (HEALTH_FAILING_AFTER in a row, or every run so far), or its last run tripped the
  mass-delete guard (records the source no longer lists were kept: someone must decide);
- stale: no success within its schedule (twice its interval), never harvested, or the newest datestamp of its
  records has not moved over its last successful runs spanning HEALTH_FROZEN_DAYS (a frozen copy at the source);
- degraded: the last run failed once, or more than HEALTH_DEGRADED_FAILED_SHARE of its records failed;
- healthy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalogue.records.models import RecordSource
from harvesters.job_queue import FINISHED, active_job, is_stale, stale_after_seconds
from harvesters.models import HarvestJob
from harvesters.scheduling import INTERVALS
from poles.models import HarvestSource

Status = HarvestJob.Status
HEALTHY, DEGRADED, FAILING, STALE, DISABLED = "healthy", "degraded", "failing", "stale", "disabled"
STATES = (HEALTHY, DEGRADED, FAILING, STALE, DISABLED)
TREND_RUNS = 12


@dataclass
class SourceHealth:
    state: str
    reasons: list[str] = field(default_factory=list)  # translated, in the active language
    consecutive_failures: int = 0
    failed_share: float | None = None  # failed records / records seen in the last finished run
    last_success_at: datetime | None = None
    last_attempt_at: datetime | None = None
    live_records: int = 0
    trend: list[int] = field(default_factory=list)  # live records after each of the last runs, oldest first
    next_run_at: datetime | None = None
    mass_delete_refused: int = 0
    active_job: HarvestJob | None = None
    stuck: bool = False  # the active job is running without a heartbeat beyond the source's timeout
    last_job: HarvestJob | None = None

    @property
    def label(self) -> str:
        return state_label(self.state)


def state_label(state: str) -> str:
    return {
        HEALTHY: _("healthy"),
        DEGRADED: _("degraded"),
        FAILING: _("failing"),
        STALE: _("stale"),
        DISABLED: _("disabled"),
    }[state]


def next_run_at(source: HarvestSource, now: datetime) -> datetime | None:
    interval = INTERVALS.get(source.schedule)
    if not source.enabled or interval is None:
        return None
    if source.last_attempt_at is None:
        return now  # due at the next scheduler tick
    return max(source.last_attempt_at + interval, now)


def source_health(source: HarvestSource, now: datetime | None = None) -> SourceHealth:
    now = now or timezone.now()
    finished = list(
        HarvestJob.objects.filter(source=source, status__in=FINISHED)
        .exclude(status=Status.CANCELLED)
        .exclude(mode=HarvestJob.Mode.RETRY)
        .order_by("-finished_at", "-pk")
        .only(
            "status",
            "seen",
            "failed",
            "finished_at",
            "live_records_after",
            "newest_datestamp",
            "mass_delete_refused",
            "error_summary",
            "mode",
        )[: max(TREND_RUNS, settings.HEALTH_FROZEN_RUNS)]
    )
    health = SourceHealth(
        state=HEALTHY,
        last_success_at=source.last_success_at,
        last_attempt_at=source.last_attempt_at,
        live_records=RecordSource.objects.filter(source=source, deleted_at_source__isnull=True).count(),
        trend=[job.live_records_after for job in reversed(finished[:TREND_RUNS]) if job.live_records_after is not None],
        next_run_at=next_run_at(source, now),
        last_job=finished[0] if finished else None,
    )
    health.active_job = active_job(source)
    if health.active_job is not None and health.active_job.status == Status.RUNNING:
        health.active_job.source = source
        health.stuck = is_stale(health.active_job, now)
    for job in finished:
        if job.status != Status.FAILED:
            break
        health.consecutive_failures += 1
    last = health.last_job
    if last is not None:
        health.failed_share = (last.failed / last.seen) if last.seen else None
        health.mass_delete_refused = last.mass_delete_refused

    if not source.enabled:
        health.state = DISABLED
        health.reasons.append(_("The source is disabled: it is not harvested."))
        return health
    states: list[str] = []
    never_succeeded = not any(job.status in (Status.SUCCESS, Status.PARTIAL) for job in finished)
    if health.consecutive_failures >= settings.HEALTH_FAILING_AFTER or (
        health.consecutive_failures and never_succeeded
    ):
        states.append(FAILING)
        health.reasons.append(
            ngettext("The last run failed.", "The last %(count)d runs failed.", health.consecutive_failures)
            % {"count": health.consecutive_failures}
        )
    elif health.consecutive_failures:
        states.append(DEGRADED)
        health.reasons.append(_("The last run failed."))
    if health.mass_delete_refused:
        states.append(FAILING)
        health.reasons.append(
            _(
                "The last run refused to delete %(count)d records the source no longer lists (mass-delete guard): "
                "check the source, then run a full harvest allowing the deletion if it is real."
            )
            % {"count": health.mass_delete_refused}
        )
    if health.failed_share is not None and health.failed_share > settings.HEALTH_DEGRADED_FAILED_SHARE:
        states.append(DEGRADED)
        health.reasons.append(
            _("%(share).0f%% of the records of the last run failed.") % {"share": 100 * health.failed_share}
        )
    interval = INTERVALS.get(source.schedule)
    if not finished and health.active_job is None:
        states.append(STALE)
        health.reasons.append(_("Never harvested yet."))
    elif interval is not None:
        since = source.last_success_at or source.created_at
        if since + 2 * interval < now:
            states.append(STALE)
            health.reasons.append(_("No successful harvest within its schedule (twice its interval)."))
    if frozen_since := _datestamps_frozen_since(finished):
        states.append(STALE)
        health.reasons.append(
            _("The newest datestamp of its records has not moved since %(date)s.")
            % {"date": f"{frozen_since:%Y-%m-%d}"}
        )
    if health.stuck:
        states.append(DEGRADED)
        health.reasons.append(
            _("A running job has shown no sign of life for more than %(seconds)d seconds: it looks stuck.")
            % {"seconds": stale_after_seconds(source)}
        )
    for state in (FAILING, STALE, DEGRADED):
        if state in states:
            health.state = state
            break
    return health


def _datestamps_frozen_since(finished: list[HarvestJob]) -> datetime | None:
    """The newest datestamp, when the last HEALTH_FROZEN_RUNS successful runs all saw the same one and span more
    than HEALTH_FROZEN_DAYS: the source answers, but nothing in it changes any more."""
    runs = [job for job in finished if job.status in (Status.SUCCESS, Status.PARTIAL)][: settings.HEALTH_FROZEN_RUNS]
    if len(runs) < settings.HEALTH_FROZEN_RUNS or runs[0].newest_datestamp is None:
        return None
    if any(job.newest_datestamp != runs[0].newest_datestamp for job in runs):
        return None
    if runs[0].finished_at - runs[-1].finished_at < timedelta(days=settings.HEALTH_FROZEN_DAYS):
        return None
    return runs[0].newest_datestamp


def failing_sources(sources=None) -> list[HarvestSource]:
    """Enabled sources whose state is failing (for /healthz and the digest)."""
    sources = HarvestSource.objects.filter(enabled=True) if sources is None else sources
    return [source for source in sources if source_health(source).state == FAILING]
