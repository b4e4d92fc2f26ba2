"""E-mail alerts to a hub's admins: one message per change of a source's health, and a weekly digest per hub.

The state last announced is stored (SourceAlertState), so a source failing every hour sends one message when it
turns failing and one when it recovers, not one per run. Messages are in French and English (admins have no
language preference stored), sent with Django's e-mail framework (SMTP settings from the environment).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

from harvesters import health
from harvesters.models import HarvestJob, SourceAlertState
from poles.models import HarvestSource, Pole
from poles.permissions import admins_of

logger = logging.getLogger(__name__)

FAILING, RECOVERED, MASS_DELETE = "failing", "recovered", "mass_delete"


@dataclass
class Alert:
    kind: str  # failing | recovered | mass_delete
    source: HarvestSource
    health: health.SourceHealth


def changes(source: HarvestSource, now: datetime | None = None) -> list[Alert]:
    """Compare the source's health with the state last announced; record the new one. Returns what to announce."""
    now = now or timezone.now()
    current = health.source_health(source, now)
    stored = SourceAlertState.objects.filter(source=source).first()
    was_failing = stored is not None and stored.state == health.FAILING
    guard_was_tripped = stored is not None and stored.mass_delete_refused
    is_failing = current.state == health.FAILING
    guard_tripped = bool(current.mass_delete_refused)
    alerts = []
    if guard_tripped and not guard_was_tripped:
        alerts.append(Alert(MASS_DELETE, source, current))
    elif is_failing and not was_failing and not guard_tripped:
        alerts.append(Alert(FAILING, source, current))
    if was_failing and not is_failing and current.state != health.DISABLED:
        alerts.append(Alert(RECOVERED, source, current))
    if stored is None or stored.state != current.state or stored.mass_delete_refused != guard_tripped:
        SourceAlertState.objects.update_or_create(
            source=source,
            defaults={"state": current.state, "mass_delete_refused": guard_tripped, "changed_at": now},
        )
    return alerts


def announce_health(sender, job: HarvestJob, **kwargs) -> None:
    """After a run (harvesters.signals.job_finished): e-mail the hub's admins if the run changed the source's health.
    Never fails the harvest."""
    try:
        alert_on_change(job.source)
    except Exception:  # the run is stored; a mail server down must not turn it into a failure
        logger.exception("could not send the health alert after job #%s", job.pk)


def alert_on_change(source: HarvestSource) -> int:
    """Send the alerts a change of ``source``'s health calls for. Returns the number of messages sent."""
    sent = 0
    for alert in changes(source):
        sent += send_alert(alert)
    return sent


def _bilingual(template: str, context: dict) -> tuple[str, str]:
    """Subject and body in French then English, from templates/harvesters/mail/<template>_{subject,body}.txt."""
    subjects, bodies = [], []
    for language in ("fr", "en"):
        with translation.override(language):
            subjects.append(render_to_string(f"harvesters/mail/{template}_subject.txt", context).strip())
            bodies.append(render_to_string(f"harvesters/mail/{template}_body.txt", context).strip())
    return " / ".join(dict.fromkeys(subjects)), "\n\n-- \n\n".join(bodies) + "\n"


def _send(pole: Pole, subject: str, body: str) -> int:
    recipients = list(admins_of(pole).values_list("email", flat=True))
    if not recipients:
        logger.info("no admin with an e-mail address in %s: alert %r not sent", pole.code, subject)
        return 0
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, connection=get_connection())
    return message.send()


def send_alert(alert: Alert) -> int:
    source = alert.source
    context = {
        "kind": alert.kind,
        "source": source,
        "pole": source.pole,
        "health": alert.health,
        "url": f"{settings.SITE_URL}/manage/sources/{source.slug}/",
        "last_job": alert.health.last_job,
    }
    subject, body = _bilingual("alert", context)
    return _send(source.pole, subject, body)


def weekly_digest(pole: Pole, now: datetime | None = None) -> tuple[str, str]:
    now = now or timezone.now()
    week_ago = now - timedelta(days=7)
    rows = []
    for source in HarvestSource.objects.filter(pole=pole).order_by("slug"):
        jobs = HarvestJob.objects.filter(source=source, created_at__gte=week_ago)
        rows.append(
            {
                "source": source,
                "health": health.source_health(source, now),
                "runs": jobs.count(),
                "failed_runs": jobs.filter(status=HarvestJob.Status.FAILED).count(),
                "record_errors": sum(jobs.values_list("failed", flat=True)),
            }
        )
    context = {"pole": pole, "rows": rows, "since": week_ago, "url": f"{settings.SITE_URL}/manage/"}
    return _bilingual("digest", context)


def send_weekly_digests(now: datetime | None = None) -> int:
    """One digest per hub that has sources and admins with an address. Returns the number of messages sent."""
    sent = 0
    for pole in Pole.objects.filter(sources__isnull=False).distinct():
        subject, body = weekly_digest(pole, now)
        sent += _send(pole, subject, body)
    return sent
