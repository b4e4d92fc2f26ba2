"""COUNTER RD1 Dataset Master Report (DSR) in the SUSHI JSON form DataCite accepts, and its tabular (TSV) form.

Keys and values follow the Make Data Count / DataCite usage-report format (lower-case, hyphenated: "report-header",
"report-datasets", "performance", "instance" with "metric-type" and "access-method"). Bad parameters answer a SUSHI
exception with its COUNTER code instead of a report.
"""

from __future__ import annotations

import calendar
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.conf import settings
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse

from catalogue.records import links
from catalogue.records.models import Record
from stats.counter import AccessMethod
from stats.models import DailyUsage
from stats.services import METRICS

RELEASE = "rd1"
REPORT_ID = "DSR"
HELP_URL = "https://www.projectcounter.org/code-of-practice-rd-sections/sushi/"
METRIC_TYPES = {
    "total_investigations": "total-dataset-investigations",
    "unique_investigations": "unique-dataset-investigations",
    "total_requests": "total-dataset-requests",
    "unique_requests": "unique-dataset-requests",
}
MAX_DATASETS_PER_PART = 50_000
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass
class SushiError(Exception):
    """A COUNTER SUSHI exception (code, message, data) and the HTTP status it is answered with."""

    code: int
    message: str
    data: str = ""
    http_status: int = 400
    severity: str = "Error"

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "help-url": HELP_URL,
            "data": self.data,
        }


@dataclass(frozen=True)
class Period:
    begin: date  # first day of the begin month
    end: date  # last day of the end month

    def months(self) -> list[date]:
        months, current = [], self.begin
        while current <= self.end:
            months.append(current)
            current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
        return months


def _parse_month(value: str, name: str, *, end: bool) -> date:
    match = _MONTH.match(value or "")
    if not match:
        raise SushiError(3020, "Invalid Date Arguments", f"{name}={value!r}: expected YYYY-MM (or YYYY-MM-DD)")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1990:
        raise SushiError(3020, "Invalid Date Arguments", f"{name}={value!r}: no such month")
    if end:
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, 1)


def parse_period(begin_date: str, end_date: str, today: date | None = None) -> Period:
    if not begin_date or not end_date:
        missing = " and ".join(name for name, v in (("begin_date", begin_date), ("end_date", end_date)) if not v)
        raise SushiError(1030, "Insufficient Information to Process Request", f"missing {missing}")
    period = Period(_parse_month(begin_date, "begin_date", end=False), _parse_month(end_date, "end_date", end=True))
    if period.begin > period.end:
        raise SushiError(3020, "Invalid Date Arguments", "begin_date is after end_date")
    today = today or datetime.now(UTC).date()
    if period.begin > today:
        raise SushiError(3020, "Invalid Date Arguments", "the period starts in the future")
    return period


def _dataset_ids(record: dict) -> list[dict]:
    if record["doi"]:
        return [{"type": "doi", "value": record["doi"]}]
    return [{"type": "proprietary", "value": f"datatera:{record['id']}"}]


def _uri(record: dict) -> str:
    """The dataset's public page: its DOI landing page, else its record page (absolute)."""
    if record["doi"]:
        return links.absolute(reverse("landing:page", args=[record["doi"]]))
    return links.absolute(links.record_path(record["id"]))


def _usage_query(period: Period, dataset_id: str = "", platform: str = ""):
    rows = DailyUsage.objects.filter(day__gte=period.begin, day__lte=period.end)
    if dataset_id:
        value = dataset_id.strip().lower().removeprefix("https://doi.org/").removeprefix("doi:")
        rows = rows.filter(doi=value) if value.startswith("10.") else rows.filter(record_id=_uuid_or_error(value))
    if platform and platform.lower() != settings.STATS_PLATFORM.lower():
        rows = rows.filter(hub__iexact=platform)  # a hub as a platform of its own
    return rows


def _uuid_or_error(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value.removeprefix("datatera:"))
    except ValueError:
        raise SushiError(3060, "Invalid ReportFilter Value", f"dataset_id={value!r}: not a DOI or record id") from None


def _datasets(period: Period, dataset_id: str, platform: str) -> Iterator[dict]:
    """One report-datasets item per dataset with usage in the period (robots never have rows)."""
    rows = (
        _usage_query(period, dataset_id, platform)
        .annotate(month=TruncMonth("day"))
        .values("record_id", "hub", "month", "access_method")
        .annotate(**{metric: Sum(metric) for metric in METRICS})
        .order_by("record_id", "month", "access_method")
    )
    by_record: dict = {}
    for row in rows:
        by_record.setdefault(row["record_id"], []).append(row)
    ids = list(by_record)
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        records = {
            r["id"]: r
            for r in Record.objects.filter(pk__in=chunk).values(
                "id", "doi", "title", "publisher", "publication_year", "version"
            )
        }
        for record_id in chunk:
            record = records.get(record_id) or {
                "id": record_id,
                "doi": "",
                "title": "",
                "publisher": "",
                "publication_year": None,
                "version": "",
            }
            yield _dataset_item(record, by_record[record_id], period)


def _dataset_item(record: dict, rows: list[dict], period: Period) -> dict:
    hub = rows[0]["hub"]
    performance = []
    for month in period.months():
        instances = []
        for row in (r for r in rows if r["month"] == month):
            for metric, metric_type in METRIC_TYPES.items():
                if row[metric]:
                    instances.append(
                        {"metric-type": metric_type, "access-method": row["access_method"], "count": row[metric]}
                    )
        if instances:
            last = date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
            performance.append(
                {"period": {"begin-date": month.isoformat(), "end-date": last.isoformat()}, "instance": instances}
            )
    item = {
        "dataset-id": _dataset_ids(record),
        "dataset-title": record["title"],
        "platform": settings.STATS_PLATFORM,
        "publisher": record["publisher"] or hub,
        "publisher-id": [{"type": "proprietary", "value": hub or settings.STATS_PLATFORM}],
        "data-type": "dataset",
        "uri": _uri(record),
        "performance": performance,
    }
    if record["publication_year"]:
        item["yop"] = str(record["publication_year"])
    if record["version"]:
        item["dataset-version"] = record["version"]
    return item


def report_header(period: Period, filters: list[dict], exceptions: list[dict], created: datetime | None = None) -> dict:
    return {
        "report-name": "dataset report",
        "report-id": REPORT_ID,
        "release": RELEASE,
        "created": (created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "created-by": settings.STATS_PLATFORM,
        "reporting-period": {"begin-date": period.begin.isoformat(), "end-date": period.end.isoformat()},
        "report-filters": filters,
        "report-attributes": [],
        "exceptions": exceptions,
    }


def dsr(begin_date: str, end_date: str, dataset_id: str = "", platform: str = "") -> dict:
    """The Dataset Master Report for whole months; raises SushiError on bad parameters."""
    period = parse_period(begin_date, end_date)
    filters = [
        {"name": "begin-date", "value": period.begin.isoformat()},
        {"name": "end-date", "value": period.end.isoformat()},
    ]
    if dataset_id:
        filters.append({"name": "dataset-id", "value": dataset_id})
    if platform:
        filters.append({"name": "platform", "value": platform})
    datasets = list(_datasets(period, dataset_id, platform))
    exceptions = []
    if not datasets:
        exceptions.append(SushiError(3030, "No Usage Available for Requested Dates", severity="Warning").as_json())
    return {"report-header": report_header(period, filters, exceptions), "report-datasets": datasets}


def dataset_parts(period: Period, size: int = MAX_DATASETS_PER_PART) -> Iterator[list[dict]]:
    """The month's datasets in parts of at most `size` (DataCite's limit per report is 50,000)."""
    part: list[dict] = []
    for item in _datasets(period, "", ""):
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


# ---- tabular form (COUNTER tabular reports: 12 header rows, then one row per dataset, method and metric) ----


def _month_label(month: date) -> str:
    return f"{calendar.month_abbr[month.month]}-{month.year}"


def tsv_lines(report: dict) -> Iterable[str]:
    header = report["report-header"]
    period = header["reporting-period"]
    months = Period(date.fromisoformat(period["begin-date"]), date.fromisoformat(period["end-date"])).months()
    filters = "; ".join(f"{f['name']}={f['value']}" for f in header["report-filters"])
    exceptions = "; ".join(f"{e['code']}: {e['message']}" for e in header["exceptions"])
    rows = [
        ("Report_Name", "Dataset Master Report"),
        ("Report_ID", REPORT_ID),
        ("Release", "RD1"),
        ("Institution_Name", ""),
        ("Institution_ID", ""),
        ("Metric_Types", "; ".join(t.replace("-", "_").title() for t in METRIC_TYPES.values())),
        ("Report_Filters", filters),
        ("Report_Attributes", ""),
        ("Exceptions", exceptions),
        ("Reporting_Period", f"Begin_Date={period['begin-date']}; End_Date={period['end-date']}"),
        ("Created", header["created"]),
        ("Created_By", header["created-by"]),
    ]
    for name, value in rows:
        yield f"{name}\t{_clean(value)}"
    yield ""
    columns = [
        "Dataset_Title",
        "Publisher",
        "Publisher_ID",
        "Platform",
        "DOI",
        "Proprietary_ID",
        "URI",
        "YOP",
        "Access_Method",
        "Metric_Type",
        "Reporting_Period_Total",
        *(_month_label(m) for m in months),
    ]
    yield "\t".join(columns)
    for item in report["report-datasets"]:
        ids = {i["type"]: i["value"] for i in item["dataset-id"]}
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for perf in item["performance"]:
            month = perf["period"]["begin-date"]
            for instance in perf["instance"]:
                key = (instance["access-method"], instance["metric-type"])
                counts.setdefault(key, {})[month] = instance["count"]
        for method in (AccessMethod.REGULAR.value, AccessMethod.MACHINE.value):
            for metric_type in METRIC_TYPES.values():
                per_month = counts.get((method, metric_type))
                if not per_month:
                    continue
                cells = [
                    item["dataset-title"],
                    item["publisher"],
                    item["publisher-id"][0]["value"],
                    item["platform"],
                    ids.get("doi", ""),
                    ids.get("proprietary", ""),
                    item["uri"],
                    item.get("yop", ""),
                    method.title(),
                    metric_type.replace("-", "_").title(),
                    str(sum(per_month.values())),
                    *(str(per_month.get(m.isoformat(), 0)) for m in months),
                ]
                yield "\t".join(_clean(cell) for cell in cells)


def _clean(value: str) -> str:
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")
