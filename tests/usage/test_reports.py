"""SUSHI API (status, reports, DSR in JSON and TSV, exceptions), the DataCite usage report sent to a stand-in
server, and web-server log import through the same rules."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from stats.models import DailyUsage, UsageEvent
from tests.portal.factories import ingest
from tests.usage.standin import StandIn

pytestmark = pytest.mark.django_db

METRIC_TYPES = {
    "total-dataset-investigations",
    "unique-dataset-investigations",
    "total-dataset-requests",
    "unique-dataset-requests",
}


@pytest.fixture
def standin():
    server = StandIn()
    yield server
    server.close()


@pytest.fixture
def usage():
    """Two datasets with counts in November 2026, one without a DOI, and a December row outside the period."""
    a = ingest("demo-aeris", "a-001", doi="10.12345/a-001", title="Dataset A", publication_year=2020, version="2")
    b = ingest("demo-odatis", "b-001", title="Dataset B")
    rows = [
        (a, date(2026, 11, 3), "regular", (5, 3, 2, 1)),
        (a, date(2026, 11, 20), "regular", (2, 1, 0, 0)),
        (a, date(2026, 11, 20), "machine", (4, 1, 4, 1)),
        (b, date(2026, 11, 5), "regular", (1, 1, 0, 0)),
        (a, date(2026, 12, 1), "regular", (9, 9, 9, 9)),
    ]
    for record, day, method, (ti, ui, tr, ur) in rows:
        DailyUsage.objects.create(
            day=day,
            record_id=record.pk,
            doi=record.doi or "",
            hub=record.pole_codes[0],
            access_method=method,
            total_investigations=ti,
            unique_investigations=ui,
            total_requests=tr,
            unique_requests=ur,
        )
    return a, b


def check_dsr(body: dict) -> None:
    """Field by field against the RD1 SUSHI report (no machine-readable RD1 schema is published on PyPI or npm)."""
    header = body["report-header"]
    assert header["report-id"] == "DSR" and header["release"] == "rd1" and header["report-name"] == "dataset report"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", header["created"])
    assert set(header["reporting-period"]) == {"begin-date", "end-date"}
    for key in ("report-filters", "report-attributes", "exceptions"):
        assert isinstance(header[key], list)
    for item in body["report-datasets"]:
        ids = item["dataset-id"]
        assert ids and all(i["type"] in ("doi", "proprietary") and i["value"] for i in ids)
        assert item["data-type"] == "dataset" and item["platform"] and item["publisher"] and item["uri"]
        assert item["publisher-id"][0]["type"] and item["publisher-id"][0]["value"]
        for perf in item["performance"]:
            begin, end = perf["period"]["begin-date"], perf["period"]["end-date"]
            assert begin <= end and begin.endswith("-01")
            for instance in perf["instance"]:
                assert instance["metric-type"] in METRIC_TYPES
                assert instance["access-method"] in ("regular", "machine")
                assert isinstance(instance["count"], int) and instance["count"] > 0


def test_sushi_status_and_reports(client):
    status = client.get("/api/sushi/status").json()
    assert status[0]["service-active"] is True
    reports = client.get("/api/sushi/reports").json()
    assert [r["report-id"] for r in reports] == ["DSR"] and reports[0]["path"] == "/api/sushi/reports/dsr"


def test_dsr_json_sums_the_month_per_metric_and_method(client, usage):
    a, b = usage
    body = client.get("/api/sushi/reports/dsr?begin_date=2026-11&end_date=2026-11").json()
    check_dsr(body)
    assert body["report-header"]["reporting-period"] == {"begin-date": "2026-11-01", "end-date": "2026-11-30"}
    items = {item["dataset-id"][0]["value"]: item for item in body["report-datasets"]}
    assert set(items) == {"10.12345/a-001", f"datatera:{b.pk}"}
    a_item = items["10.12345/a-001"]
    assert a_item["yop"] == "2020" and a_item["dataset-version"] == "2"
    assert a_item["publisher-id"][0]["value"] == "AERIS"
    (perf,) = a_item["performance"]
    counts = {(i["access-method"], i["metric-type"]): i["count"] for i in perf["instance"]}
    assert counts == {
        ("regular", "total-dataset-investigations"): 7,
        ("regular", "unique-dataset-investigations"): 4,
        ("regular", "total-dataset-requests"): 2,
        ("regular", "unique-dataset-requests"): 1,
        ("machine", "total-dataset-investigations"): 4,
        ("machine", "unique-dataset-investigations"): 1,
        ("machine", "total-dataset-requests"): 4,
        ("machine", "unique-dataset-requests"): 1,
    }


def test_dsr_filters_by_dataset_and_platform(client, usage):
    a, b = usage
    by_doi = client.get("/api/sushi/reports/dsr?begin_date=2026-11&end_date=2026-12&dataset_id=10.12345/A-001").json()
    assert [i["dataset-id"][0]["value"] for i in by_doi["report-datasets"]] == ["10.12345/a-001"]
    assert len(by_doi["report-datasets"][0]["performance"]) == 2  # November and December
    by_hub = client.get("/api/sushi/reports/dsr?begin_date=2026-11&end_date=2026-11&platform=ODATIS").json()
    assert [i["dataset-title"] for i in by_hub["report-datasets"]] == ["Dataset B"]


def test_dsr_tsv(client, usage):
    response = client.get("/api/sushi/reports/dsr?begin_date=2026-11&end_date=2026-12&format=tsv")
    assert response["Content-Type"].startswith("text/tab-separated-values")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Report_Name\tDataset Master Report" and lines[1] == "Report_ID\tDSR"
    assert lines[12] == ""
    columns = lines[13].split("\t")
    assert columns[:3] == ["Dataset_Title", "Publisher", "Publisher_ID"] and columns[-2:] == ["Nov-2026", "Dec-2026"]
    rows = [dict(zip(columns, line.split("\t"), strict=True)) for line in lines[14:]]
    row = next(
        r
        for r in rows
        if r["DOI"] == "10.12345/a-001"
        and r["Access_Method"] == "Regular"
        and r["Metric_Type"] == "Total_Dataset_Investigations"
    )
    assert (row["Nov-2026"], row["Dec-2026"], row["Reporting_Period_Total"]) == ("7", "9", "16")


@pytest.mark.parametrize(
    "query,code",
    [
        ("begin_date=2026-11", 1030),
        ("begin_date=2026-13&end_date=2026-12", 3020),
        ("begin_date=2026-12&end_date=2026-11", 3020),
        ("begin_date=nov&end_date=2026-11", 3020),
        ("begin_date=2026-11&end_date=2026-11&dataset_id=nonsense", 3060),
        ("begin_date=2026-11&end_date=2026-11&colour=blue", 3050),
        ("begin_date=2026-11&end_date=2026-11&format=xml", 3060),
        ("begin_date=2999-01&end_date=2999-02", 3020),
    ],
)
def test_dsr_bad_parameters_answer_a_sushi_exception(client, query, code):
    response = client.get(f"/api/sushi/reports/dsr?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code and body["severity"] == "Error" and body["message"] and body["help-url"]


def test_dsr_without_usage_says_so(client, db):
    body = client.get("/api/sushi/reports/dsr?begin_date=2020-01&end_date=2020-01").json()
    assert body["report-datasets"] == [] and body["report-header"]["exceptions"][0]["code"] == 3030


def test_datacite_report_sent_to_the_stand_in(usage, standin, settings, capsys):
    settings.DATACITE_USAGE_URL = f"{standin.url}/reports"
    settings.DATACITE_USAGE_TOKEN = "test-jwt"
    call_command("stats", "datacite-report", "--month", "2026-11", "--send")
    (received,) = standin.received
    assert received["headers"]["Authorization"] == "Bearer test-jwt"
    assert received["headers"]["Content-Type"] == "application/json"
    body = json.loads(received["body"])
    check_dsr(body)
    assert len(body["report-datasets"]) == 2
    assert "accepted (HTTP 201) report id report-1" in capsys.readouterr().out


def test_datacite_report_large_is_gzipped_with_exception_69_and_split_in_parts(usage, standin, settings):
    from stats import sushi

    settings.DATACITE_USAGE_URL = f"{standin.url}/reports"
    settings.DATACITE_USAGE_TOKEN = "test-jwt"
    settings.STATS_DATACITE_GZIP_BYTES = 100  # our two datasets are "large" here
    assert sushi.MAX_DATASETS_PER_PART == 50_000
    from stats import datacite

    parts = datacite.build_parts("2026-11", part_size=1)  # two datasets -> two parts (50,000 a part in production)
    assert [p.datasets for p in parts] == [1, 1]
    datacite.send(parts)
    assert len(standin.received) == 2
    for received in standin.received:
        assert received["headers"]["Content-Encoding"] == "gzip"
        body = json.loads(gzip.decompress(received["body"]))
        assert {"code": 69, "severity": "warning"}.items() <= body["report-header"]["exceptions"][0].items()
        check_dsr(body)


def test_datacite_refusal_fails_the_command(usage, standin, settings):
    settings.DATACITE_USAGE_URL = f"{standin.url}/reports"
    settings.DATACITE_USAGE_TOKEN = "test-jwt"
    standin.post_status = 422
    with pytest.raises(CommandError, match="DataCite answered 422"):
        call_command("stats", "datacite-report", "--month", "2026-11", "--send")


def test_datacite_report_bad_month(db):
    with pytest.raises(CommandError, match="Invalid Date Arguments"):
        call_command("stats", "datacite-report", "--month", "2026-13")


FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
LOG = "\n".join(
    [
        f'192.0.2.10 - - [30/Nov/2026:10:01:00 +0000] "GET /doi/10.12345/a-001 HTTP/1.1" 200 5120 "-" "{FIREFOX}"',
        f'192.0.2.10 - - [30/Nov/2026:11:01:29 +0100] "GET /doi/10.12345/a-001 HTTP/1.1" 200 5120 "-" "{FIREFOX}"',
        f'66.249.66.1 - - [30/Nov/2026:10:05:00 +0000] "GET /doi/10.12345/a-001 HTTP/1.1" 200 5120 "-" "{GOOGLEBOT}"',
        '198.51.100.7 - - [30/Nov/2026:10:10:00 +0000] "GET /files/aeris/a-001/f1.nc HTTP/1.1" 200 9 "-" "curl/8.5.0"',
        f'192.0.2.10 - - [30/Nov/2026:10:30:00 +0000] "GET /files/aeris/a-001/f3.nc HTTP/1.1" 404 0 "-" "{FIREFOX}"',
        '192.0.2.10 - - [30/Nov/2026:10:31:00 +0000] "GET /static/css/portal.css HTTP/1.1" 200 100 "-" "Mozilla/5.0"',
        "this is not a log line",
    ]
)


def test_import_log_rejects_a_pattern_without_a_dataset_group(usage, tmp_path):
    log = tmp_path / "access.log"
    log.write_text(LOG)
    with pytest.raises(CommandError, match="named group"):
        call_command("stats", "import-log", str(log), "--format", "combined", "--request-pattern", r"^/files/")
    with pytest.raises(CommandError, match="no such file"):
        call_command("stats", "import-log", str(tmp_path / "missing.log"))


def test_import_log_counts_like_live_recording_and_is_idempotent(usage, tmp_path, capsys):
    a, _ = usage
    DailyUsage.objects.all().delete()
    log = tmp_path / "access.log"
    log.write_text(LOG.replace("/files/aeris/a-001/", "/files/aeris/10.12345/a-001/"))
    pattern = r"^/files/\w+/(?P<doi>10\.\d+/[^/]+)/"
    for _ in range(2):  # the second import writes nothing twice
        call_command("stats", "import-log", str(log), "--format", "combined", "--request-pattern", pattern)
    assert UsageEvent.objects.filter(source="log").count() == 5  # 2 landing, 1 robot, 2 file lines
    assert "7 lines: 5 events, 1 other URLs, 1 malformed" in capsys.readouterr().out
    rows = {r.access_method: r for r in DailyUsage.objects.filter(record_id=a.pk, day=date(2026, 11, 30))}
    # 11:01:29 +0100 is 10:01:29 UTC: a double click with 10:01:00 (ST-06); the robot is out; the 404 is out.
    assert (rows["regular"].total_investigations, rows["regular"].unique_investigations) == (1, 1)
    assert (rows["machine"].total_requests, rows["machine"].unique_requests) == (1, 1)
    assert set(rows) == {"regular", "machine"}


def test_aggregate_command_shows_progress(usage, tmp_path, capsys, monkeypatch):
    from stats import aggregation

    log = tmp_path / "access.log"
    log.write_text(LOG)
    call_command("stats", "import-log", str(log), "--no-aggregate")
    monkeypatch.setattr(aggregation, "PROGRESS_EVERY", 1)
    call_command("stats", "aggregate", "--date", "2026-11-30")
    out = capsys.readouterr().out
    assert "2026-11-30: 1 events read" in out and "2026-11-30: 3 events read" in out
    assert "2026-11-30: 3 events -> " in out
