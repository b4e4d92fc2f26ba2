"""The test suite does not collide with a running instance (`make run` beside `make test`).

A worker started exactly as `make run` starts it (datatera.settings, the developer's REDIS_URL, the default
`celery` queue, the test database even, so it could run the job if it ever received it) competes with the tests;
the job the tests queue stays in the tests' queue, and a worker on the tests' settings then runs it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.management import call_command

from harvesters.models import HarvestJob
from harvesters.tasks import harvest_source
from poles.models import HarvestSource
from tests.harvest.conftest import csw_peer, csw_source, fast_retries, ids, live_identifiers  # noqa: F401 - fixtures
from tests.harvest.test_worker import CELERY, Worker, database_url, wait_for

pytestmark = pytest.mark.django_db(transaction=True)
DEVELOPER_REDIS_URL = os.environ["DEVELOPER_REDIS_URL"]


def test_the_tests_use_their_own_redis_queue_and_cache_prefix():
    assert settings.REDIS_URL != DEVELOPER_REDIS_URL
    assert settings.CELERY_BROKER_URL == settings.REDIS_URL
    assert settings.CELERY_TASK_DEFAULT_QUEUE != "celery"
    assert harvest_source.app.conf.task_default_queue == settings.CELERY_TASK_DEFAULT_QUEUE
    assert settings.CACHES["default"]["LOCATION"] == settings.REDIS_URL
    assert settings.CACHES["default"]["KEY_PREFIX"] == "datatera-test"
    assert redis.Redis.from_url(settings.REDIS_URL).ping()


class DeveloperWorker(Worker):
    """`celery worker` as scripts/run.sh starts it: production settings, default queue, the developer's Redis."""

    def __init__(self, log_path: Path):
        import subprocess

        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "CELERY_", "CACHE_"))}
        env |= {
            "DJANGO_SETTINGS_MODULE": "datatera.settings",
            "REDIS_URL": DEVELOPER_REDIS_URL,
            "DATABASE_URL": database_url(),
        }
        self.name = f"developer-{os.getpid()}@localhost"
        self.log = log_path.open("wb")
        self.process = subprocess.Popen(
            [str(CELERY), "-A", "datatera", "worker", "-n", self.name, "--concurrency=1", "--loglevel=INFO"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def test_a_running_instance_s_worker_does_not_take_the_tests_jobs(csw_source, tmp_path):  # noqa: F811
    HarvestSource.objects.exclude(pk=csw_source.pk).update(enabled=False)
    log = tmp_path / "developer-worker.log"
    competitor = DeveloperWorker(log)
    try:
        # The competitor is up and consuming the default queue of the developer's Redis.
        wait_for(lambda: b" ready." in log.read_bytes(), 60, "the developer's worker to be ready")
        assert b"celery" in log.read_bytes().split(b"[queues]")[1][:200]
        call_command("harvest", "--protocol", "csw", "--queue")
        job = HarvestJob.objects.get(source=csw_source)
        time.sleep(5)  # ample for a consuming worker with prefetch 1 to pick a message up
        assert HarvestJob.objects.get(pk=job.pk).status == "queued"
        client = redis.Redis.from_url(settings.REDIS_URL)
        assert client.llen(settings.CELERY_TASK_DEFAULT_QUEUE) == 1
        assert b"harvest_source" not in log.read_bytes().split(b" ready.")[1]  # no task received
    finally:
        competitor.kill()
    # The tests' own worker takes it and harvests every record.
    ours = Worker(settings.CELERY_TASK_DEFAULT_QUEUE, tmp_path / "test-worker.log")
    try:
        done = wait_for(lambda: HarvestJob.objects.filter(pk=job.pk, status="success").first(), 90, "success")
    finally:
        ours.kill()
    assert done.created == 35
    assert live_identifiers(csw_source) == ids(35)
