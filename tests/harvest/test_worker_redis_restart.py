"""Redis stopped and started again under a real Celery worker (issue 17): the queue resumes when it returns and no
harvest job is lost; what the outage refused is counted and said.

A private redis-server (no persistence, as in production) is the broker of a real `celery worker` on the test
database. Job A runs (slow pages) when Redis is killed; job B waits in the queue behind it, so its message dies
with Redis; job C is queued during the outage. Post-conditions: A ends `success` with exactly the peer's records
(a running harvest needs PostgreSQL, not Redis); C is refused at once and marked failed with the reason (nothing
left queued that no one will run); once Redis is back, the same worker, never restarted, takes work again, and
the beat's sweep (`schedule_due_sources`) re-sends B, which ends `success`. Jobs lost: 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from harvesters.models import HarvestJob
from poles.models import HarvestSource
from tests.harvest.conftest import ids, live_identifiers, make_source
from tests.harvest.test_worker import Worker, database_url, wait_for
from tests.operations.test_redis_outage import PrivateRedis
from tests.peers.pycsw_peer import Fault

pytestmark = pytest.mark.django_db(transaction=True)


def manage_env(redis_url: str, queue: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("TEST_")},
        "DJANGO_SETTINGS_MODULE": "datatera.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_QUEUE": queue,
        "HARVEST_QUEUE": queue,
    }


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


def test_a_redis_restart_under_a_running_worker_loses_no_harvest_job(csw_peer, tmp_path):
    broker = PrivateRedis(tmp_path)
    broker.start()
    queue = f"test-redis-restart-{uuid.uuid4().hex[:8]}"
    env = manage_env(broker.url, queue)
    # Only our three sources can be due when the sweep runs.
    HarvestSource.objects.update(enabled=False)
    slow = make_source("redis-restart-a", csw_peer.url)
    waiting = HarvestSource.objects.get(slug="demo-aeris")
    refused = HarvestSource.objects.get(slug="demo-theia")
    HarvestSource.objects.filter(pk__in=[waiting.pk, refused.pk]).update(enabled=True, schedule="manual")
    # Pages from startPosition 11 on take 8 s each: A is still running when Redis dies, and after.
    csw_peer.faults.add(Fault(lambda r: (r.start_position or 0) >= 11, delay=8.0))
    worker = Worker(queue, tmp_path / "worker.log", **{k: v for k, v in env.items() if k != "CELERY_QUEUE"})
    try:
        queued = run(env, sys.executable, "manage.py", "harvest", slow.slug, "--queue")
        assert queued.returncode == 0, queued.stderr
        job_a = wait_for(lambda: HarvestJob.objects.filter(source=slow, status="running").first(), 60, "A running")
        assert run(env, sys.executable, "manage.py", "harvest", waiting.slug, "--queue").returncode == 0
        job_b = HarvestJob.objects.get(source=waiting)
        client = redis.Redis.from_url(broker.url)
        wait_for(lambda: client.llen(queue) == 1, 10, "B's message waiting in the queue behind A")

        broker.stop()  # SIGKILL, no persistence: B's message and A's unacknowledged one are gone
        outage_started = time.monotonic()
        during = run(env, sys.executable, "manage.py", "harvest", refused.slug, "--queue")
        refused_in = time.monotonic() - outage_started
        job_c = HarvestJob.objects.get(source=refused)
        assert during.returncode != 0 and "could not queue the job" in during.stderr
        assert job_c.status == "failed" and job_c.error_summary.startswith("could not queue")
        assert refused_in < 60

        # A does not need Redis: it goes on and ends with exactly the peer's 35 records.
        done_a = wait_for(lambda: HarvestJob.objects.filter(pk=job_a.pk, status="success").first(), 120, "A done")
        assert (done_a.seen, done_a.created, done_a.failed) == (35, 35, 0)
        assert live_identifiers(slow) == ids(35)
        assert HarvestJob.objects.get(pk=job_b.pk).status == "queued"  # its message is lost, the row is not

        outage = time.monotonic() - outage_started
        broker.start()  # same port, empty: the worker (not restarted) reconnects by itself
        back = time.monotonic()
        assert client.llen(queue) == 0
        # B was queued long enough ago (we move its creation back instead of waiting HARVEST_STALE_JOB_SECONDS).
        HarvestJob.objects.filter(pk=job_b.pk).update(created_at=timezone.now() - timedelta(hours=1))
        sweep = run(
            env,
            sys.executable,
            "-c",
            "import django; django.setup(); from harvesters.tasks import schedule_due_sources; "
            "print(schedule_due_sources())",
        )
        assert sweep.returncode == 0, sweep.stderr
        assert str(job_b.pk) in sweep.stdout
        done_b = wait_for(lambda: HarvestJob.objects.filter(pk=job_b.pk, status="success").first(), 120, "B done")
        assert done_b.seen > 0 and done_b.failed == 0
        print(
            f"redis restart: C refused in {refused_in:.1f} s; outage {outage:.1f} s (A finished meanwhile); "
            f"B re-sent by the sweep and finished {time.monotonic() - back:.1f} s after Redis was back"
        )
    finally:
        worker.kill()
        broker.stop()
    statuses = dict(HarvestJob.objects.filter(pk__in=[job_a.pk, job_b.pk, job_c.pk]).values_list("pk", "status"))
    assert statuses == {job_a.pk: "success", job_b.pk: "success", job_c.pk: "failed"}
    assert not HarvestJob.objects.filter(status__in=["queued", "running"]).exists()  # nothing lost or stuck
