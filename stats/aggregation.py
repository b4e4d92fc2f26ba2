"""Daily aggregation: a day's raw events through the COUNTER rules into DailyUsage/DailySearches, and pruning.

Recomputing a day replaces its rows (idempotent). Events are read in session order from a server-side cursor, so
memory holds one session and the per-dataset counters, whatever the number of events.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction

from stats.counter import AccessMethod, Activity, Hit, aggregate
from stats.models import DailySearches, DailyUsage, EventKind, SearchEvent, UsageEvent
from stats.privacy import forget_salts_before

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DayResult:
    day: date
    events: int
    usage_rows: int
    search_rows: int


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


PROGRESS_EVERY = 100_000


def _hits(day: date, dois: dict[str, str], progress: Callable[[int], None] | None):
    """The day's events as Hits in session order; fills `dois` (record id -> DOI) on the way."""
    start, end = day_bounds(day)
    rows = (
        UsageEvent.objects.filter(timestamp__gte=start, timestamp__lt=end)
        .order_by("session", "timestamp")
        .values_list(
            "timestamp", "session", "url", "record_id", "doi", "hub", "activity", "access_method", "status", "kind"
        )
    )
    activities = {a.value: a for a in Activity}
    methods = {m.value: m for m in AccessMethod}
    read = 0
    for ts, session, url, record_id, doi, hub, activity, method, status, kind in rows.iterator(chunk_size=10000):
        dataset = str(record_id)
        if doi:
            dois[dataset] = doi
        read += 1
        if progress is not None and read % PROGRESS_EVERY == 0:
            progress(read)
        outbound = kind == EventKind.OUTBOUND
        yield Hit(ts, session, url, dataset, hub, activities[activity], methods[method], status, outbound)


def aggregate_day(day: date, progress: Callable[[int], None] | None = None) -> DayResult:
    """COUNTER counts of one UTC day; replaces whatever was computed for that day before. `progress(n)` is called
    every 100,000 events read."""
    events = 0
    dois: dict[str, str] = {}

    def counted():
        nonlocal events
        for hit in _hits(day, dois, progress):
            events += 1
            yield hit

    totals = aggregate(counted())
    rows = [
        DailyUsage(
            day=day,
            record_id=record_id,
            doi=dois.get(record_id, ""),
            hub=hub,
            access_method=method.value,
            total_investigations=c.total_investigations,
            unique_investigations=c.unique_investigations,
            total_requests=c.total_requests,
            unique_requests=c.unique_requests,
        )
        for (record_id, hub, method), c in totals.items()
    ]
    with transaction.atomic():
        DailyUsage.objects.filter(day=day).delete()
        DailyUsage.objects.bulk_create(rows, batch_size=2000)
        search_rows = _aggregate_searches(day)
    return DayResult(day, events, len(rows), search_rows)


def _aggregate_searches(day: date) -> int:
    """ST-10 per hub filter ("" = the whole catalogue); robots and failed searches excluded, zero-result counted."""
    start, end = day_bounds(day)
    table = SearchEvent._meta.db_table
    DailySearches.objects.filter(day=day).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT hub, access_method, count(*), count(*) FILTER (WHERE result_count = 0)
            FROM (SELECT unnest(CASE WHEN cardinality(hubs) = 0 THEN ARRAY['']::varchar[] ELSE hubs END) AS hub,
                         access_method, result_count
                  FROM {table}
                  WHERE timestamp >= %s AND timestamp < %s AND access_method <> %s AND status IN (200, 304)) AS s
            GROUP BY hub, access_method
            """,  # noqa: S608 - table name from the model, values as parameters
            [start, end, AccessMethod.ROBOT.value],
        )
        rows = [
            DailySearches(day=day, hub=hub, access_method=method, searches=n, zero_result_searches=zero)
            for hub, method, n, zero in cursor.fetchall()
        ]
    DailySearches.objects.bulk_create(rows)
    return len(rows)


@dataclass(frozen=True)
class PruneResult:
    usage_events: int
    search_events: int
    salts: int


def prune(today: date | None = None) -> PruneResult:
    """Raw events older than STATS_RAW_RETENTION_DAYS go; salts of days before yesterday go (rotation)."""
    today = today or datetime.now(UTC).date()
    cutoff, _ = day_bounds(today - timedelta(days=settings.STATS_RAW_RETENTION_DAYS))
    usage, _ = UsageEvent.objects.filter(timestamp__lt=cutoff).delete()
    searches, _ = SearchEvent.objects.filter(timestamp__lt=cutoff).delete()
    salts = forget_salts_before(today - timedelta(days=1))
    return PruneResult(usage, searches, salts)


def daily_job(today: date | None = None) -> tuple[DayResult, PruneResult]:
    """What beat runs each night: yesterday's counts (late events of the day included), then pruning."""
    today = today or datetime.now(UTC).date()
    result = aggregate_day(today - timedelta(days=1))
    return result, prune(today)
