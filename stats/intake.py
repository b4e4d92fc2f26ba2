"""The event queue: pages push JSON events to a Redis list; the worker writes them to PostgreSQL in batches.

If Redis is unreachable the page still answers: the event is written directly (one INSERT) and Redis is not tried
again for STATS_REDIS_RETRY_SECONDS, so a dead Redis costs one short timeout, not one per page.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Iterable
from datetime import datetime

import redis
from django.conf import settings
from django.db import DatabaseError

logger = logging.getLogger(__name__)

# Move up to N items from the queue to the in-flight list atomically; what a crashed writer left in flight is
# written again by the next one (event ids make the second write a no-op).
_TAKE = """
local items = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
if #items > 0 then
  redis.call('LTRIM', KEYS[1], #items, -1)
  redis.call('RPUSH', KEYS[2], unpack(items))
end
return items
"""

_local = threading.local()
_state = {"redis_down_until": 0.0, "direct": 0, "lost": 0}


def queue_key() -> str:
    return f"{settings.STATS_QUEUE_KEY}:events"


def _in_flight_key() -> str:
    return f"{settings.STATS_QUEUE_KEY}:in-flight"


def client() -> redis.Redis:
    url = settings.STATS_REDIS_URL
    cached = getattr(_local, "client", None)
    if cached is None or getattr(_local, "url", None) != url:
        timeout = settings.STATS_REDIS_TIMEOUT_SECONDS
        cached = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        _local.client, _local.url = cached, url
    return cached


def enqueue(payload: dict) -> str:
    """Queue one event; returns "queued", "direct" (Redis down: written at once) or "lost" (both down)."""
    data = json.dumps(payload, separators=(",", ":"))
    if time.monotonic() >= _state["redis_down_until"]:
        try:
            client().rpush(queue_key(), data)
            return "queued"
        except redis.RedisError as exc:
            _state["redis_down_until"] = time.monotonic() + settings.STATS_REDIS_RETRY_SECONDS
            logger.warning("stats queue unreachable (%s): writing events directly for a while", exc)
    try:
        write_events([payload])
        _state["direct"] += 1
        return "direct"
    except DatabaseError:
        _state["lost"] += 1
        logger.exception("usage event lost: neither Redis nor the database answered")
        return "lost"


def queue_length() -> int:
    return int(client().llen(queue_key()))


def flush(batch_size: int = 1000, max_batches: int | None = None) -> int:
    """Write queued events in batches until the queue is empty (or max_batches); returns events written."""
    conn = client()
    lock = conn.lock(f"{settings.STATS_QUEUE_KEY}:flush-lock", timeout=600, blocking_timeout=0)
    if not lock.acquire(blocking=False):
        return 0  # another writer is at it
    written = 0
    try:
        leftover = conn.lrange(_in_flight_key(), 0, -1)
        if leftover:
            written += write_events(json.loads(item) for item in leftover)
            conn.delete(_in_flight_key())
        take = conn.register_script(_TAKE)
        batches = 0
        while max_batches is None or batches < max_batches:
            items = take(keys=[queue_key(), _in_flight_key()], args=[batch_size])
            if not items:
                break
            written += write_events(json.loads(item) for item in items)
            conn.delete(_in_flight_key())
            batches += 1
    finally:
        lock.release()
    return written


def write_events(payloads: Iterable[dict]) -> int:
    """Resolve each event's record (one query per kind of reference in the batch) and insert; duplicates ignored."""
    from stats.models import SearchEvent, UsageEvent
    from stats.records import resolve_refs

    usage, searches = [], []
    for payload in payloads:
        (searches if payload.get("type") == "search" else usage).append(payload)
    rows = []
    records = resolve_refs([payload["ref"] for payload in usage])
    for payload in usage:
        found = records.get(_ref_key(payload["ref"]))
        if found is None:  # no such record (a mistyped DOI, a 404): nothing COUNTER could count
            continue
        rows.append(
            UsageEvent(
                id=uuid.UUID(payload["id"]),
                timestamp=datetime.fromisoformat(payload["ts"]),
                kind=payload["kind"],
                activity=payload["activity"],
                access_method=payload["method"],
                record_id=found.record_id,
                doi=found.doi,
                hub=found.hub,
                url=payload["url"],
                status=payload["status"],
                visitor=payload["visitor"],
                session=payload["session"],
                source=payload.get("source", "web"),
            )
        )
    UsageEvent.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    search_rows = [
        SearchEvent(
            id=uuid.UUID(payload["id"]),
            timestamp=datetime.fromisoformat(payload["ts"]),
            query=payload["query"],
            filters=payload["filters"],
            hubs=payload["hubs"],
            result_count=payload["results"],
            access_method=payload["method"],
            session=payload["session"],
            status=payload["status"],
        )
        for payload in searches
    ]
    SearchEvent.objects.bulk_create(search_rows, ignore_conflicts=True, batch_size=1000)
    return len(rows) + len(search_rows)


def _ref_key(ref: dict) -> tuple[str, str]:
    (name, value), *_ = ref.items()
    return name, str(value)
