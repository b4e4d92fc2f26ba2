"""Statistics fixtures: a private Redis queue per test (real Redis, db of REDIS_URL), a controllable clock."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
import redis

from stats import intake


@pytest.fixture(autouse=True)
def stats_queue(settings):
    """Each test its own queue keys in the real Redis, removed afterwards."""
    settings.STATS_QUEUE_KEY = f"test-stats-{uuid.uuid4().hex}"
    intake._state["redis_down_until"] = 0.0
    key_prefix = settings.STATS_QUEUE_KEY
    yield key_prefix
    intake._state["redis_down_until"] = 0.0
    conn = redis.Redis.from_url(settings.REDIS_URL)  # the real one, even if the test pointed stats elsewhere
    for key in conn.scan_iter(f"{key_prefix}*"):
        conn.delete(key)


class Clock:
    def __init__(self) -> None:
        self.now: datetime | None = None

    def __call__(self) -> datetime:
        assert self.now is not None, "set clock.now before a request"
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """Replaces stats.recorder.clock: requests are recorded at the time the test says (replaying a day)."""
    from stats import recorder

    fake = Clock()
    monkeypatch.setattr(recorder, "clock", fake)
    return fake
