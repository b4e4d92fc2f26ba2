"""The event queue: pages hand events to an in-process pusher thread, which RPUSHes them to a Redis list in
batches; the Celery worker writes them to PostgreSQL in batches. A page never waits for Redis.

If Redis is unreachable pages still answer: the pusher writes the events it could not queue directly, and for
STATS_REDIS_RETRY_SECONDS events are written at once (one INSERT each) without trying Redis.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable
from datetime import datetime

import redis
from django.conf import settings
from django.db import DatabaseError, connections

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
WORKER_TIMEOUT_SECONDS = 30.0  # the batch writer may wait for Redis; only pages must not
_PUSH_BATCH = 500
PUSH_INTERVAL_SECONDS = 0.2  # at most this long between a page and its event reaching Redis

_local = threading.local()
_state = {"redis_down_until": 0.0, "direct": 0, "lost": 0, "pending": 0}
_lock = threading.Lock()
_buffer: deque = deque()  # append/popleft are atomic: a page adds without a lock and without waking a thread
_pusher = {"pid": None, "thread": None}


def queue_key() -> str:
    return f"{settings.STATS_QUEUE_KEY}:events"


def _in_flight_key() -> str:
    return f"{settings.STATS_QUEUE_KEY}:in-flight"


def client(url: str | None = None, timeout: float | None = None) -> redis.Redis:
    """A Redis client per thread, URL and timeout (pages' pusher: STATS_REDIS_TIMEOUT_SECONDS; worker: longer)."""
    url = url or settings.STATS_REDIS_URL
    timeout = timeout or settings.STATS_REDIS_TIMEOUT_SECONDS
    clients = getattr(_local, "clients", None)
    if clients is None:
        clients = _local.clients = {}
    cached = clients.get((url, timeout))
    if cached is None:
        cached = clients[url, timeout] = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
    return cached


def enqueue(payload: dict) -> str:
    """Hand one event over; returns "buffered", "direct" (Redis known down: written at once) or "lost"."""
    if time.monotonic() < _state["redis_down_until"]:
        return _write_direct([payload])
    _ensure_pusher()
    # Serialised here (microseconds) so the pusher holds the interpreter lock only to hand bytes to the socket.
    _buffer.append((settings.STATS_REDIS_URL, queue_key(), json.dumps(payload, separators=(",", ":"))))
    return "buffered"


def _write_direct(payloads: list[dict]) -> str:
    try:
        write_events(payloads)
        _state["direct"] += len(payloads)
        return "direct"
    except DatabaseError:
        _state["lost"] += len(payloads)
        logger.exception("%d usage events lost: neither Redis nor the database answered", len(payloads))
        return "lost"


def _ensure_pusher() -> None:
    # One pusher per process, started lazily (a forked web worker starts its own).
    if _pusher["pid"] == os.getpid() and _pusher["thread"].is_alive():
        return
    with _lock:
        if _pusher["pid"] != os.getpid() or not _pusher["thread"].is_alive():
            thread = threading.Thread(target=_push_forever, name="stats-pusher", daemon=True)
            _pusher.update(pid=os.getpid(), thread=thread)
            thread.start()


def _push_forever() -> None:
    # It wakes on a timer, not per event: a page that hands an event over never gives the interpreter lock away to
    # this thread (which costs a page milliseconds on a busy machine).
    while True:
        time.sleep(PUSH_INTERVAL_SECONDS)
        while _buffer:
            batch = []
            with _lock:
                _state["pending"] += 1  # settle() waits for a batch taken but not yet pushed
            try:
                while _buffer and len(batch) < _PUSH_BATCH:
                    batch.append(_buffer.popleft())
                _push(batch)
            except Exception:  # the pusher must survive anything
                logger.exception("stats pusher: %d events not handled", len(batch))
            finally:
                with _lock:
                    _state["pending"] -= 1


def _push(batch: list[tuple[str, str, str]]) -> None:
    groups: dict[tuple[str, str], list[str]] = {}
    for url, key, data in batch:
        groups.setdefault((url, key), []).append(data)
    for (url, key), items in groups.items():
        try:
            client(url).rpush(key, *items)
        except redis.RedisError as exc:
            _state["redis_down_until"] = time.monotonic() + settings.STATS_REDIS_RETRY_SECONDS
            logger.warning("stats queue unreachable (%s): writing events directly for a while", exc)
            try:
                _write_direct([json.loads(item) for item in items])
            finally:
                connections.close_all()  # this thread's connections only: nothing held between bursts


def settle(timeout: float = 10.0) -> None:
    """Wait until this process has handed every event over (tests, benchmarks, shutdown)."""
    deadline = time.monotonic() + timeout
    while _buffer or _state["pending"] > 0:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(_buffer)} usage events still in the pusher's buffer")
        time.sleep(0.01)


def queue_length() -> int:
    settle()
    return int(client(timeout=WORKER_TIMEOUT_SECONDS).llen(queue_key()))


def flush(batch_size: int = 1000, max_batches: int | None = None) -> int:
    """Write queued events in batches until the queue is empty (or max_batches); returns events written."""
    settle()  # what this process still holds goes first (a worker holds nothing; a test or a command may)
    conn = client(timeout=WORKER_TIMEOUT_SECONDS)
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
