"""Redis stopped: pages and the API still answer (the cache is skipped, each outage logged and counted); a
harvest queued while the broker is down is refused with a clear message and no orphan job; a queued job whose
message a Redis restart lost is sent again by the beat's sweep and runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.utils import timezone

from harvesters import scheduling
from harvesters.models import HarvestJob
from poles.models import HarvestSource
from tests.portal.factories import aerosol_series, rich_record

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


class PrivateRedis:
    """A redis-server of this test alone, on a fixed port so it can be stopped and started again at the same URL."""

    def __init__(self, tmp_path):
        from tests.settings import _free_port

        self.port = _free_port()
        self.dir = tmp_path
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(self.url).ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("private redis did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path, settings):
    server = PrivateRedis(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.TolerantRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"RETRY_SECONDS": 0.2},
        }
    }
    yield server
    server.stop()


def test_pages_and_the_api_answer_while_redis_is_down(client, private_redis, caplog):
    record = rich_record()
    aerosol_series(5, 2)
    paths = [
        "/",
        "/search/?q=aerosol",
        f"/records/{record.pk}/",
        f"/doi/{record.doi}",
        "/api/records/?q=aerosol",
        f"/api/records/{record.pk}/",
        "/csw?service=CSW&request=GetCapabilities",
        "/oaipmh?verb=Identify",
    ]
    before = {path: client.get(path).status_code for path in paths}
    assert set(before.values()) == {200}
    cache.set("probe", 1)
    assert cache.get("probe") == 1  # the cache really is this Redis

    private_redis.stop()
    started = time.monotonic()
    during = {path: client.get(path) for path in paths}
    elapsed = time.monotonic() - started
    assert {path: r.status_code for path, r in during.items()} == before
    assert b"Aerosol" in during["/search/?q=aerosol"].content  # real results, from the database
    assert elapsed < 15, f"{len(paths)} pages took {elapsed:.1f} s without Redis"
    assert "Redis unreachable" in caplog.text
    errors = re.search(r"datatera_cache_errors_total ([\d.]+)", client.get("/metrics").content.decode())
    assert errors and float(errors.group(1)) >= 1

    private_redis.start()  # same port: the cache comes back by itself
    time.sleep(0.3)  # RETRY_SECONDS
    deadline = time.monotonic() + 5
    while cache.get("probe2") != 2 and time.monotonic() < deadline:
        cache.set("probe2", 2)
        time.sleep(0.1)
    assert cache.get("probe2") == 2
    assert client.get("/search/?q=aerosol").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_queueing_while_the_broker_is_down_is_refused_clearly_and_leaves_no_orphan():
    """`manage.py harvest --queue` in its own process, with a broker address nothing listens on."""
    from tests.harvest.test_worker import database_url

    source = HarvestSource.objects.get(slug="demo-aeris")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "CELERY_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "datatera.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "harvest", "demo-aeris", "--queue"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    job = HarvestJob.objects.get(source=source)
    assert "could not queue the job" in result.stderr and "is Redis/Celery running?" in result.stderr
    assert job.status == "failed" and job.error_summary.startswith("could not queue")  # counted, not left queued


def test_a_queued_job_whose_message_was_lost_is_sent_again():
    source = HarvestSource.objects.get(slug="demo-aeris")
    job = HarvestJob.objects.create(source=source, status="queued")
    HarvestJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))
    fresh = HarvestJob.objects.create(source=HarvestSource.objects.get(slug="demo-theia"), status="queued")
    assert scheduling.lost_queued_jobs(waiting_messages=3) == []  # messages wait: not lost, maybe just queued
    assert scheduling.lost_queued_jobs(waiting_messages=0) == [job.pk]  # the fresh one is left alone
    assert fresh.pk not in scheduling.lost_queued_jobs(waiting_messages=0)
