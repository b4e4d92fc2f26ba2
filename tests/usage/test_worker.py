"""A real Celery worker (separate process, our Redis and the test database) writes the queued events: the task is
the same thin wrapper beat runs every STATS_FLUSH_SECONDS."""

from __future__ import annotations

import uuid

import pytest

from stats import intake
from stats.models import UsageEvent
from stats.tasks import flush_events
from tests.harvest.test_worker import Worker, wait_for
from tests.portal.factories import ingest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue():
    name = f"test-stats-{uuid.uuid4().hex[:8]}"
    yield name
    with flush_events.app.connection_for_write() as conn:
        conn.default_channel.queue_delete(name)


def test_the_worker_writes_queued_events_in_batches(client, queue, stats_queue, monkeypatch, tmp_path):
    monkeypatch.setenv("STATS_QUEUE_KEY", stats_queue)  # the worker reads the same queue as this test's pages
    record = ingest("demo-theia", "snow-001", title="Snow cover")
    for _ in range(3):
        assert client.get(f"/records/{record.pk}/", HTTP_USER_AGENT="Mozilla/5.0 Firefox/133.0").status_code == 200
    assert intake.queue_length() == 3 and UsageEvent.objects.count() == 0
    worker = Worker(queue, tmp_path / "worker.log")
    try:
        flush_events.apply_async(kwargs={"batch_size": 2}, queue=queue)
        wait_for(lambda: UsageEvent.objects.count() == 3, 60, "three events written by the worker")
    finally:
        worker.kill()
    assert intake.queue_length() == 0
    assert set(UsageEvent.objects.values_list("hub", flat=True)) == {"THEIA"}
