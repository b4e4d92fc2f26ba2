"""Source health from real runs (a local folder source the tests break and mend), and the e-mail alerts it drives,
received by a real SMTP server (aiosmtpd) through Django's SMTP backend: one message per change of state."""

from __future__ import annotations

import email
import shutil
import socket
from datetime import timedelta
from email.policy import default as default_policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.utils import timezone

from harvesters import alerts, health
from harvesters.job_queue import create_job
from harvesters.jobs import run_job
from harvesters.models import HarvestJob
from harvesters.tasks import send_weekly_digests
from poles.models import HarvestSource, Pole
from tests.hub_workspace.conftest import finished_job

pytestmark = pytest.mark.django_db
DEMO = Path(django_settings.BASE_DIR) / "demo" / "odatis"


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"

    def subjects(self) -> list[str]:
        return [str(message["Subject"]).strip() for message in self.messages]  # folded header


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost; Django sends to it with its SMTP backend (the test default is in-memory)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "records"
    shutil.copytree(DEMO, target)
    return target


@pytest.fixture
def source(folder) -> HarvestSource:
    return HarvestSource.objects.create(
        pole=Pole.objects.get(code="ODATIS"),
        slug="folder-odatis",
        name="ODATIS folder",
        protocol="local",
        url=str(folder),
        schedule="daily",
    )


def harvest(source: HarvestSource, full: bool = True) -> HarvestJob:
    source.refresh_from_db()
    job = run_job(create_job(source, full=full).pk)
    source.refresh_from_db()  # the run wrote its times on the row
    return job


def test_a_source_is_healthy_after_a_clean_run_and_its_trend_counts_live_records(source):
    assert health.source_health(source).state == health.STALE  # never harvested
    job = harvest(source)
    assert job.status == "success"
    state = health.source_health(source)
    assert state.state == health.HEALTHY and state.reasons == []
    assert state.live_records == 30 and state.trend == [30]
    assert state.next_run_at is not None and state.next_run_at > timezone.now() + timedelta(hours=23)


def test_the_only_run_failing_makes_it_failing_and_one_failure_after_success_degraded(source, folder, settings):
    settings.HEALTH_FAILING_AFTER = 2
    HarvestSource.objects.filter(pk=source.pk).update(url=str(folder) + "-missing")
    assert harvest(source).status == "failed"
    assert health.source_health(source).state == health.FAILING  # it never worked
    HarvestSource.objects.filter(pk=source.pk).update(url=str(folder))
    assert harvest(source).status == "success"
    HarvestSource.objects.filter(pk=source.pk).update(url=str(folder) + "-missing")
    harvest(source)
    state = health.source_health(source)
    assert state.state == health.DEGRADED and state.consecutive_failures == 1
    harvest(source)
    state = health.source_health(source)
    assert state.state == health.FAILING and state.consecutive_failures == 2
    assert "The last 2 runs failed." in state.reasons


def test_a_share_of_failed_records_degrades_it(source, folder):
    for path in sorted(folder.glob("*.xml"))[:3]:
        path.write_bytes(b"<not-metadata/>")
    job = harvest(source)
    assert job.status == "partial" and job.failed == 3
    state = health.source_health(source)
    assert state.state == health.DEGRADED and round(state.failed_share, 2) == 0.1


def test_no_success_within_its_schedule_makes_it_stale(source):
    harvest(source)
    HarvestSource.objects.filter(pk=source.pk).update(last_success_at=timezone.now() - timedelta(days=3))
    source.refresh_from_db()
    assert health.source_health(source).state == health.STALE


def test_datestamps_that_stopped_moving_make_it_stale(source, settings):
    settings.HEALTH_FROZEN_RUNS, settings.HEALTH_FROZEN_DAYS = 3, 14
    stamp = timezone.now() - timedelta(days=90)
    for days_ago in (30, 20, 1):
        finished_job(source, "success", finished_at=timezone.now() - timedelta(days=days_ago), newest_datestamp=stamp)
    HarvestSource.objects.filter(pk=source.pk).update(last_success_at=timezone.now() - timedelta(hours=1))
    source.refresh_from_db()
    state = health.source_health(source)
    assert state.state == health.STALE
    assert any("has not moved since" in reason for reason in state.reasons)
    finished_job(source, "success", newest_datestamp=timezone.now())
    assert health.source_health(source).state == health.HEALTHY


def test_a_disabled_source_is_disabled_and_a_silent_running_job_is_stuck(source):
    harvest(source)
    long_ago = timezone.now() - timedelta(hours=1)
    job = HarvestJob.objects.create(
        source=source, status="running", started_at=long_ago, heartbeat_at=long_ago, worker="gone:1"
    )
    state = health.source_health(source)
    assert state.stuck and state.active_job == job and state.state == health.DEGRADED
    HarvestSource.objects.filter(pk=source.pk).update(stale_after_seconds=7200)  # the source's own timeout
    source.refresh_from_db()
    assert not health.source_health(source).stuck
    HarvestSource.objects.filter(pk=source.pk).update(enabled=False)
    source.refresh_from_db()
    assert health.source_health(source).state == health.DISABLED


def test_alerts_go_once_per_change_of_state_to_the_hubs_admins_over_smtp(source, folder, users, smtp, settings):
    settings.HEALTH_FAILING_AFTER = 1
    harvest(source)
    assert smtp.messages == []  # healthy from the start: nothing to say

    HarvestSource.objects.filter(pk=source.pk).update(url=str(folder) + "-missing")
    harvest(source)
    harvest(source)  # still failing: no second message
    assert smtp.subjects() == ["[Data Terra] folder-odatis est en échec / [Data Terra] folder-odatis is failing"]
    assert smtp.recipients == [["odile@example.org"]]  # the ODATIS admin only: not the editor, not AERIS
    body = smtp.messages[0].get_content()
    assert "directory not found" in body and "/manage/sources/folder-odatis/" in body
    assert "est maintenant en échec" in body and "is now failing" in body

    HarvestSource.objects.filter(pk=source.pk).update(url=str(folder))
    harvest(source)
    assert smtp.subjects()[-1].endswith("folder-odatis has recovered")

    for path in sorted(folder.glob("*.xml"))[:20]:
        path.unlink()
    job = harvest(source)
    assert job.mass_delete_refused == 20 and job.deleted == 0
    harvest(source)  # refused again: still one message
    assert len(smtp.messages) == 3
    assert smtp.subjects()[-1].endswith("folder-odatis: mass deletion refused")
    assert "Nothing was deleted" in smtp.messages[-1].get_content()


def test_the_weekly_digest_goes_to_each_hubs_admins(source, users, smtp):
    harvest(source)
    sent = send_weekly_digests()  # the task beat runs on Mondays
    assert sent == 2  # ODATIS and AERIS have admins with an address; FORMATER and THEIA have none
    by_recipient = {tuple(r): m for r, m in zip(smtp.recipients, smtp.messages, strict=True)}
    odatis = by_recipient[("odile@example.org",)].get_content()
    assert "folder-odatis" in odatis and "demo-aeris" not in odatis
    assert "1 run" in odatis and "30 live records" in odatis and "30 notices en ligne" in odatis
    assert "Weekly harvest digest of ODATIS" in str(by_recipient[("odile@example.org",)]["Subject"])
    assert "demo-aeris" in by_recipient[("aeris-ann@example.org",)].get_content()


def test_alert_states_are_remembered_per_source(source, folder, settings):
    settings.HEALTH_FAILING_AFTER = 1
    HarvestSource.objects.filter(pk=source.pk).update(url=str(folder) + "-missing")
    source.refresh_from_db()
    finished_job(source, "failed")
    kinds = [alert.kind for alert in alerts.changes(source)]
    assert kinds == ["failing"] and alerts.changes(source) == []
