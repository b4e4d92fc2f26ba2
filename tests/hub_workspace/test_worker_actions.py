"""The workspace's actions with a real Celery worker (its own process, on a private queue) harvesting a real pycsw
server: harvest now with live progress, abort a running job, take over a stuck one, re-run only the failed records,
and /healthz reporting the worker. Transactional: the worker must see committed rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalogue.records.models import RecordSource
from harvesters.models import HarvestJob
from poles.models import HarvestSource, Pole
from tests.harvest.test_worker import Worker, wait_for
from tests.hub_workspace.conftest import in_get_records, unreadable_record
from tests.peers.pycsw_peer import Fault, PycswPeer, build_repository
from tests.peers.records import iso_record
from workspace.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def peer(tmp_path):
    db = tmp_path / "peer.db"
    build_repository(db, (iso_record(f"rec-{i:03d}") for i in range(1, 31)))
    with PycswPeer(db) as server:
        yield server


@pytest.fixture
def worker(private_harvest_queue, tmp_path):
    process = Worker(private_harvest_queue, tmp_path / "worker.log")
    yield process
    process.kill()


@pytest.fixture
def source(peer) -> HarvestSource:
    return HarvestSource.objects.create(
        pole=Pole.objects.get(code="ODATIS"),
        slug="peer-csw",
        name="Peer CSW",
        protocol="csw",
        url=peer.url,
        options={"page_size": 5},
        schedule="manual",
    )


@pytest.fixture
def admin(users) -> Client:
    client = Client()
    client.force_login(users["odatis_admin"])
    return client


def progress(client: Client, job: HarvestJob) -> dict:
    return client.get(reverse("workspace:job_progress", args=[job.source.slug, job.pk])).json()


def test_harvest_now_runs_on_the_worker_and_its_progress_and_result_are_shown(admin, source, peer, worker):
    peer.faults.add(Fault(in_get_records, rewrite_response=unreadable_record("rec-007")))
    response = admin.post(reverse("workspace:source_harvest", args=["peer-csw"]), {"mode": "full"})
    job = HarvestJob.objects.get(source=source)
    assert response["Location"] == reverse("workspace:job", args=["peer-csw", job.pk])
    done = wait_for(lambda: progress(admin, job)["finished"] and progress(admin, job), 90, "the job to finish")
    assert done["status"] == "partial" and (done["seen"], done["created"], done["failed"]) == (30, 29, 1)
    assert done["share"] == 1.0 and done["duration_seconds"] > 0
    page = admin.get(reverse("workspace:job", args=["peer-csw", job.pk])).content.decode()
    assert "rec-007" in page and "unknown metadata format" in page
    assert "&lt;gmd:MD_Unreadable" in page  # the offending XML, escaped, in a <details>
    assert "GetRecordById" in page and "id=rec-007" in page  # the record at its source
    assert "CSW 3.0.0" in page or "2.0.2" in page  # the version spoken
    assert AuditEvent.objects.get(action="job_started").changes == {"mode": "full"}

    # Re-run only the failed record, the server fixed.
    peer.faults.clear()
    admin.post(reverse("workspace:job_retry", args=["peer-csw", job.pk]))
    retry = HarvestJob.objects.exclude(pk=job.pk).get(source=source)
    assert retry.mode == "retry" and retry.checkpoint["retry_identifiers"] == ["rec-007"]
    finished = wait_for(lambda: progress(admin, retry)["finished"] and progress(admin, retry), 60, "the retry")
    assert finished["status"] == "success" and (finished["seen"], finished["created"]) == (1, 1)
    assert RecordSource.objects.filter(source=source, deleted_at_source__isnull=True).count() == 30
    assert "GetRecordById" in " ".join(r.query.get("request", "") for r in peer.faults.requests)


def test_abort_stops_a_running_job_at_its_next_page(admin, source, peer, worker):
    peer.faults.add(Fault(lambda r: (r.start_position or 0) >= 11, delay=1.5))
    admin.post(reverse("workspace:source_harvest", args=["peer-csw"]), {"mode": "full"})
    job = HarvestJob.objects.get(source=source)
    wait_for(lambda: progress(admin, job)["seen"] >= 10, 60, "two pages")
    assert admin.post(reverse("workspace:job_abort", args=["peer-csw", job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == "cancelled" and "aborted by odile" in job.error_summary
    seen = job.seen
    wait_for(lambda: "was taken over" in worker.log_text() or "stopping" in worker.log_text(), 30, "the worker stop")
    job.refresh_from_db()
    assert job.status == "cancelled" and job.seen <= seen + 5  # at most the page in flight, then nothing
    assert AuditEvent.objects.filter(action="job_aborted", job_id=job.pk, username="odile").exists()


def test_a_stuck_job_is_shown_and_taken_over_from_the_page(admin, source, peer, worker):
    long_ago = timezone.now() - timedelta(hours=1)
    job = HarvestJob.objects.create(
        source=source, status="running", mode="full", started_at=long_ago, heartbeat_at=long_ago, worker="lost:1"
    )
    page = admin.get(reverse("workspace:job", args=["peer-csw", job.pk])).content.decode()
    assert "it looks stuck" in page and 'id="take-over-job"' in page
    home = admin.get(reverse("workspace:home")).content.decode()
    assert "stuck" in home
    admin.post(reverse("workspace:job_take_over", args=["peer-csw", job.pk]))
    done = wait_for(lambda: HarvestJob.objects.filter(pk=job.pk, status="success").first(), 60, "the take-over")
    assert "taking over from lost:1" in done.log and done.created == 30


def test_healthz_reports_the_worker_and_answers_503_in_strict_mode_only_when_a_component_is_down(client, worker):
    wait_for(lambda: client.get("/healthz").json()["components"]["worker"]["ok"], 60, "the worker to answer")
    body = client.get("/healthz?strict=1")
    assert body.status_code == 200 and body.json()["down"] == []
    worker.kill()
    down = client.get("/healthz")
    assert down.status_code == 200 and down.json()["down"] == ["worker"]
    assert client.get("/healthz?strict=1").status_code == 503
