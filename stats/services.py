"""What the statistics pages, the SUSHI API and the hub workspace read: queries over the daily counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import Lower, Trim, TruncMonth

from catalogue.records.models import Record
from stats.counter import AccessMethod
from stats.models import DailySearches, DailyUsage, SearchEvent

METRICS = ("total_investigations", "unique_investigations", "total_requests", "unique_requests")


@dataclass(frozen=True)
class DatasetUsage:
    unique_investigations: int
    unique_requests: int
    citations: int


def dataset_usage(record_id) -> DatasetUsage:
    """What a record or landing page shows: Unique Investigations / Requests (Regular, all days) and citations."""
    from stats.citations import citation_count

    sums = DailyUsage.objects.filter(record_id=record_id, access_method=AccessMethod.REGULAR).aggregate(
        ui=Sum("unique_investigations"), ur=Sum("unique_requests")
    )
    return DatasetUsage(sums["ui"] or 0, sums["ur"] or 0, citation_count(record_id))


def month_start(value: date) -> date:
    return value.replace(day=1)


def months_back(count: int, today: date | None = None) -> date:
    first = month_start(today or datetime.now(UTC).date())
    for _ in range(count - 1):
        first = month_start(first - timedelta(days=1))
    return first


def usage_by_hub_month(since: date) -> list[dict]:
    """[{month, hub, access_method, total_investigations, ...}] from `since` on (robots never have rows)."""
    rows = (
        DailyUsage.objects.filter(day__gte=since)
        .annotate(month=TruncMonth("day"))
        .values("month", "hub", "access_method")
        .annotate(**{metric: Sum(metric) for metric in METRICS})
        .order_by("month", "hub", "access_method")
    )
    return list(rows)


def top_datasets(since: date, limit: int = 20) -> list[dict]:
    """Datasets with the most Unique Investigations (Regular) since a date, with their title and hub."""
    rows = list(
        DailyUsage.objects.filter(day__gte=since, access_method=AccessMethod.REGULAR)
        .values("record_id", "doi", "hub")
        .annotate(unique_investigations=Sum("unique_investigations"), unique_requests=Sum("unique_requests"))
        .order_by("-unique_investigations", "-unique_requests", "doi")[:limit]
    )
    titles = dict(Record.objects.filter(pk__in=[row["record_id"] for row in rows]).values_list("id", "title"))
    for row in rows:
        row["title"] = titles.get(row["record_id"], "")
    return rows


def searches_by_hub_month(since: date) -> list[dict]:
    rows = (
        DailySearches.objects.filter(day__gte=since)
        .annotate(month=TruncMonth("day"))
        .values("month", "hub", "access_method")
        .annotate(searches=Sum("searches"), zero_result_searches=Sum("zero_result_searches"))
        .order_by("month", "hub", "access_method")
    )
    return list(rows)


@dataclass(frozen=True)
class SearchReport:
    """What researchers looked for, from one hub's point of view, over the last `days` days."""

    pole: str
    days: int
    top: list[dict]  # [{"text", "searches", "zero_result"}]
    zero_result: list[dict]  # [{"text", "searches"}]
    searches: int


def hub_search_report(pole, days: int = 30, limit: int = 20, today: datetime | None = None) -> SearchReport:
    """The hub's top searches and zero-result searches (searches filtered to the hub, and searches of the whole
    catalogue that found nothing anywhere, which the hub may be able to fill). Robots left out; text queries only,
    grouped case-insensitively. `pole` is a hub code or a poles.Pole."""
    pole = getattr(pole, "code", pole)
    since = (today or datetime.now(UTC)) - timedelta(days=days)
    events = SearchEvent.objects.filter(timestamp__gte=since, status__in=(200, 304)).exclude(
        access_method=AccessMethod.ROBOT
    )
    mine = events.filter(hubs__contains=[pole]).exclude(query="")
    top = list(
        mine.annotate(text=Lower(Trim("query")))
        .values("text")
        .annotate(searches=Count("id"), zero_result=Count("id", filter=Q(result_count=0)))
        .order_by("-searches", "text")[:limit]
    )
    zero = list(
        events.filter(Q(hubs__contains=[pole]) | Q(hubs=[]), result_count=0)
        .exclude(query="")
        .annotate(text=Lower(Trim("query")))
        .values("text")
        .annotate(searches=Count("id"))
        .order_by("-searches", "text")[:limit]
    )
    return SearchReport(pole, days, top, zero, mine.count())
