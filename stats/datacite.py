"""The monthly usage report for DataCite: the SUSHI "dsr" body, in parts of at most 50,000 datasets; a part too
large to send plainly is gzipped and says so with exception 69, as DataCite's usage-report API asks."""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass

import requests
from django.conf import settings

from stats import sushi

logger = logging.getLogger(__name__)

COMPRESSED_EXCEPTION = {
    "code": 69,
    "severity": "warning",
    "message": "Report is compressed using gzip",
    "help-url": "https://github.com/datacite/sashimi",
    "data": "usage data needs to be uncompressed",
}


@dataclass(frozen=True)
class ReportPart:
    number: int
    datasets: int
    body: bytes
    headers: dict[str, str]
    compressed: bool


def build_parts(month: str, part_size: int = sushi.MAX_DATASETS_PER_PART) -> list[ReportPart]:
    """The report of one month (YYYY-MM); one part even when there is no usage (DataCite expects a report)."""
    period = sushi.parse_period(month, month)
    filters = [
        {"name": "begin-date", "value": period.begin.isoformat()},
        {"name": "end-date", "value": period.end.isoformat()},
    ]
    parts = list(sushi.dataset_parts(period, part_size)) or [[]]
    built = []
    for number, datasets in enumerate(parts, start=1):
        exceptions = (
            []
            if datasets
            else [sushi.SushiError(3030, "No Usage Available for Requested Dates", severity="Warning").as_json()]
        )
        body = {"report-header": sushi.report_header(period, filters, exceptions), "report-datasets": datasets}
        plain = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        if len(plain) > settings.STATS_DATACITE_GZIP_BYTES:
            body["report-header"]["exceptions"].append(COMPRESSED_EXCEPTION)
            data = gzip.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
            headers = {"Content-Type": "application/gzip", "Content-Encoding": "gzip"}
            built.append(ReportPart(number, len(datasets), data, headers, True))
        else:
            built.append(ReportPart(number, len(datasets), plain, {"Content-Type": "application/json"}, False))
    return built


@dataclass(frozen=True)
class Sent:
    number: int
    status: int
    report_id: str


class ReportRejectedError(Exception):
    pass


def send(parts: list[ReportPart]) -> list[Sent]:
    """POST each part to DATACITE_USAGE_URL with the repository's token; a refused part stops the run loudly."""
    if not settings.DATACITE_USAGE_TOKEN:
        raise ReportRejectedError("DATACITE_USAGE_TOKEN is not set: DataCite accepts reports with the repository's JWT")
    sent = []
    for part in parts:
        headers = {
            **part.headers,
            "Authorization": f"Bearer {settings.DATACITE_USAGE_TOKEN}",
            "Accept": "application/json",
        }
        response = requests.post(
            settings.DATACITE_USAGE_URL, data=part.body, headers=headers, timeout=settings.DATACITE_TIMEOUT_SECONDS
        )
        if response.status_code not in (200, 201):
            answer = f"{response.status_code}: {response.text[:500]}"
            raise ReportRejectedError(f"part {part.number}: DataCite answered {answer}")
        try:
            report_id = str(response.json().get("report", {}).get("id", ""))
        except ValueError:
            report_id = ""
        sent.append(Sent(part.number, response.status_code, report_id))
    return sent
