"""A real Celery worker (a separate process on our Redis db and the test database) is killed mid-harvest; the job
resumes from its checkpoint in a new worker. Transactional: the worker must see committed rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from harvesters.job_queue import create_job
from harvesters.models import HarvestJob
from harvesters.tasks import harvest_source
from tests.harvest.conftest import ids, live_identifiers, make_source
from tests.peers.pycsw_peer import Fault

pytestmark = pytest.mark.django_db(transaction=True)
CELERY = Path(sys.executable).with_name("celery")


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery worker` in its own process group, consuming one private queue."""

    def __init__(self, queue: str, log_path: Path, **extra_env: str):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "HARVEST_RETRY_BACKOFF_SECONDS": "0.01",
            **extra_env,
        }
        self.log = log_path.open("wb")
        self.process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "datatera",
                "worker",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "--concurrency=1",
                "--pool=prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log_text(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole process group: no warm shutdown, no chance to tidy the job."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.log.close()


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def queue():
    name = f"test-harvest-{uuid.uuid4().hex[:8]}"
    yield name
    with harvest_source.app.connection_for_write() as conn:
        conn.default_channel.queue_delete(name)


def test_a_killed_worker_s_job_resumes_from_its_checkpoint(csw_peer, queue, tmp_path):
    source = make_source("peer-csw-worker", csw_peer.url)
    job = create_job(source)
    # Pages from startPosition 21 on are slow, so the worker is killed while it waits for page 3.
    csw_peer.faults.add(Fault(lambda r: (r.start_position or 0) >= 21, delay=3.0))
    first = Worker(queue, tmp_path / "worker1.log")
    try:
        harvest_source.apply_async(args=[job.pk], queue=queue)
        wait_for(
            lambda: HarvestJob.objects.get(pk=job.pk).checkpoint.get("client", {}).get("start_position") == 21,
            60,
            "two pages committed",
        )
        wait_for(lambda: 21 in csw_peer.faults.get_records_starts(), 10, "the worker asking for page 3")
    finally:
        first.kill()
    killed = HarvestJob.objects.get(pk=job.pk)
    assert killed.status == "running" and killed.seen == 20
    assert live_identifiers(source) == ids(20)  # what was committed before the kill is kept

    # HARVEST_STALE_JOB_SECONDS pass without a heartbeat (we move the heartbeat back instead of waiting).
    HarvestJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    csw_peer.faults.clear()
    second = Worker(queue, tmp_path / "worker2.log")
    try:
        harvest_source.apply_async(args=[job.pk], queue=queue)  # what the beat's stale-job sweep sends
        done = wait_for(lambda: HarvestJob.objects.filter(pk=job.pk, status="success").first(), 60, "success")
    finally:
        second.kill()
    assert "taking over" in done.log
    assert csw_peer.faults.get_records_starts() == [21, 31]  # resumed at page 3, did not start over
    assert (done.seen, done.created, done.failed) == (35, 35, 0)
    assert live_identifiers(source) == ids(35)
