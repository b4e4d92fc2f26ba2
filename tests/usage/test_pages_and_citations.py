"""/stats/ (tables without JavaScript, CSV, FR), usage figures on record and landing pages, the hub search report,
citations from relations and from DataCite event data (stand-in server), pruning and the aggregate command."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from lxml import html

from catalogue.records.unified import RelatedIdentifier
from stats import citations
from stats.aggregation import aggregate_day, prune
from stats.models import DailySalt, DailySearches, DailyUsage, DatasetCitation, SearchEvent, UsageEvent
from stats.services import hub_search_report
from tests.portal.factories import ingest
from tests.usage.standin import StandIn

pytestmark = pytest.mark.django_db
NOW = datetime.now(UTC)


def search(query: str, hubs: list[str], results: int, when: datetime = NOW, method: str = "regular") -> SearchEvent:
    return SearchEvent.objects.create(
        id=uuid.uuid4(), timestamp=when, query=query, hubs=hubs, result_count=results, access_method=method, session="s"
    )


@pytest.fixture
def cited():
    return ingest(
        "demo-aeris",
        "cited-001",
        doi="10.12345/cited-001",
        title="A much cited dataset",
        related_identifiers=[
            RelatedIdentifier("10.1000/paper.1", "DOI", "IsCitedBy"),
            RelatedIdentifier("10.1000/paper.2", "DOI", "IsReferencedBy"),
            RelatedIdentifier("10.1000/parent", "DOI", "IsPartOf"),
        ],
    )


def test_hub_search_report_top_and_zero_result_searches(db):
    for _ in range(3):
        search("Ozone", ["AERIS"], 12)
    search("ozone ", ["AERIS"], 12)
    search("aerosol lidar", ["AERIS"], 0)
    search("unobtainium", [], 0)  # whole catalogue, found nothing anywhere
    search("sea level", ["ODATIS"], 0)  # another hub's
    search("old", ["AERIS"], 0, when=NOW - timedelta(days=40))  # outside 30 days
    search("ozone", ["AERIS"], 0, method="robot")
    report = hub_search_report("AERIS", days=30)
    assert report.top[0] == {"text": "ozone", "searches": 4, "zero_result": 0}
    assert {r["text"]: r["searches"] for r in report.zero_result} == {"aerosol lidar": 1, "unobtainium": 1}
    assert report.searches == 5
    from poles.models import Pole

    assert hub_search_report(Pole.objects.get(code="AERIS")).top == report.top  # the workspace passes a Pole


def test_stats_page_tables_work_without_javascript_and_offer_csv(client, cited):
    DailyUsage.objects.create(
        day=NOW.date(),
        record_id=cited.pk,
        doi=cited.doi,
        hub="AERIS",
        access_method="regular",
        total_investigations=7,
        unique_investigations=5,
        total_requests=3,
        unique_requests=2,
    )
    DailyUsage.objects.create(
        day=NOW.date(),
        record_id=cited.pk,
        doi=cited.doi,
        hub="AERIS",
        access_method="machine",
        total_investigations=11,
        unique_investigations=1,
        total_requests=11,
        unique_requests=1,
    )
    DailySearches.objects.create(
        day=NOW.date(), hub="AERIS", access_method="regular", searches=9, zero_result_searches=2
    )
    search("nothing here", ["AERIS"], 0)
    response = client.get("/stats/")
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    assert "<script>" not in response.content.decode().replace('<script id="stats-chart-data"', "")  # no inline code
    assert tree.xpath('//script[@id="stats-chart-data"]/@type') == ["application/json"]
    scripts = tree.xpath("//script/@src")[-2:]
    assert scripts == ["/static/vendor/chart.js/chart.umd.min.js", "/static/js/stats-charts.js"]
    top = tree.xpath('//section[@aria-labelledby="h-top"]//tbody/tr/td/text()')
    assert top == ["A much cited dataset", "10.12345/cited-001", "AERIS", "5", "2"]
    methods = tree.xpath('//section[@aria-labelledby="h-methods"]//tbody/tr/td/text()')
    assert methods == [NOW.strftime("%Y-%m"), "7", "11"]
    assert "nothing here" in tree.xpath('string(//section[@aria-labelledby="h-hub-searches"])')
    for table in ("usage", "top", "methods", "searches", "citations", "searches-aeris"):
        assert tree.xpath(f'//a[@href="/stats/csv/{table}.csv"]'), table
    rows = list(csv.reader(io.StringIO(client.get("/stats/csv/top.csv").content.decode())))
    assert rows == [
        ["Dataset", "DOI", "Hub", "Unique investigations", "Unique requests"],
        ["A much cited dataset", "10.12345/cited-001", "AERIS", "5", "2"],
    ]
    zero = list(csv.reader(io.StringIO(client.get("/stats/csv/searches-aeris.csv").content.decode())))
    assert zero[1] == ["nothing here", "1", "1"]
    assert client.get("/stats/csv/nope.csv").status_code == 404
    assert client.get("/stats/csv/searches-nohub.csv").status_code == 404


def test_stats_and_privacy_pages_in_french(client, db):
    client.cookies["django_language"] = "fr"
    page = client.get("/stats/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Statistiques d’utilisation" in page or "Statistiques d'utilisation" in page
    privacy = client.get("/stats/privacy/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "90 jours" in privacy


def test_record_and_landing_pages_show_views_downloads_and_citations(client, cited):
    citations.refresh()
    DailyUsage.objects.create(
        day=date(2026, 11, 1),
        record_id=cited.pk,
        doi=cited.doi,
        hub="AERIS",
        access_method="regular",
        total_investigations=9,
        unique_investigations=4,
        total_requests=2,
        unique_requests=2,
    )
    DailyUsage.objects.create(
        day=date(2026, 11, 1),
        record_id=cited.pk,
        doi=cited.doi,
        hub="AERIS",
        access_method="machine",
        total_investigations=50,
        unique_investigations=50,
        total_requests=50,
        unique_requests=50,
    )
    for path in (f"/records/{cited.pk}/", f"/doi/{cited.doi}"):
        tree = html.fromstring(client.get(path).content)
        figures = [" ".join(t.text_content().split()) for t in tree.xpath('//aside[@class="dataset-usage"]/span')]
        assert figures == ["4 views", "2 downloads", "2 citations"], path  # Regular only


def test_citations_from_relations_and_datacite_event_data(cited, settings):
    server = StandIn()
    try:
        settings.DATACITE_EVENTS_URL = f"{server.url}/events"
        doi_url = "https://doi.org/10.12345/cited-001"
        server.events[f"obj-id={doi_url}"] = [
            {
                "id": "e1",
                "attributes": {
                    "subj-id": "https://doi.org/10.1000/PAPER.3",
                    "obj-id": doi_url,
                    "relation-type-id": "references",
                },
            },
            {
                "id": "e2",
                "attributes": {
                    "subj-id": "https://doi.org/10.1000/paper.1",
                    "obj-id": doi_url,
                    "relation-type-id": "cites",
                },
            },
        ]
        server.events[f"subj-id={doi_url}"] = [
            {
                "id": "e3",
                "attributes": {
                    "subj-id": doi_url,
                    "obj-id": "https://doi.org/10.1000/paper.4",
                    "relation-type-id": "is-supplement-to",
                },
            },
            {
                "id": "e4",
                "attributes": {
                    "subj-id": doi_url,
                    "obj-id": "https://doi.org/10.1000/x",
                    "relation-type-id": "is-part-of",
                },
            },
        ]
        counts = citations.refresh(fetch_event_data=True)
    finally:
        server.close()
    assert counts == {"metadata": 2, "event-data": 3, "event-data-failures": 0}
    stored = set(DatasetCitation.objects.values_list("citing_id", "origin"))
    assert stored == {
        ("10.1000/paper.1", "metadata"),
        ("10.1000/paper.2", "metadata"),
        ("10.1000/paper.3", "event-data"),
        ("10.1000/paper.1", "event-data"),
        ("10.1000/paper.4", "event-data"),
    }
    assert citations.citation_count(cited.pk) == 4  # paper.1 is told twice, counted once
    assert citations.citations_per_hub() == {"AERIS": 4}


def test_event_data_unreachable_is_counted_as_a_failure_not_a_crash(cited, settings):
    settings.DATACITE_EVENTS_URL = "http://127.0.0.1:1/events"
    settings.DATACITE_TIMEOUT_SECONDS = 2
    counts = citations.refresh(fetch_event_data=True)
    assert counts["event-data-failures"] == 1 and counts["metadata"] == 2


def test_prune_keeps_recent_events_and_rotates_salts(db):
    today = date(2026, 12, 4)
    old = datetime(2026, 8, 1, tzinfo=UTC)
    recent = datetime(2026, 12, 3, tzinfo=UTC)
    for when in (old, recent):
        UsageEvent.objects.create(
            id=uuid.uuid4(),
            timestamp=when,
            kind="record_page",
            activity="investigation",
            access_method="regular",
            record_id=uuid.uuid4(),
            url="/x",
            status=200,
            visitor="v",
            session="s",
        )
        search("q", [], 1, when=when)
    for day in (date(2026, 12, 1), date(2026, 12, 3), today):
        DailySalt.objects.create(day=day, salt="00" * 32)
    result = prune(today)
    assert (result.usage_events, result.search_events, result.salts) == (1, 1, 1)
    assert list(UsageEvent.objects.values_list("timestamp", flat=True)) == [recent]
    assert set(DailySalt.objects.values_list("day", flat=True)) == {date(2026, 12, 3), today}


def test_aggregate_command_is_idempotent_and_counts_searches(db, capsys):
    day = date(2026, 11, 30)
    when = datetime(2026, 11, 30, 10, tzinfo=UTC)
    search("ozone", ["AERIS"], 3, when=when)
    search("ozone", ["AERIS", "ODATIS"], 0, when=when)
    search("ozone", [], 0, when=when)
    search("ozone", [], 0, when=when, method="robot")
    for _ in range(2):
        call_command("stats", "aggregate", "--date", day.isoformat())
    rows = {(r.hub, r.access_method): (r.searches, r.zero_result_searches) for r in DailySearches.objects.all()}
    assert rows == {("AERIS", "regular"): (2, 1), ("ODATIS", "regular"): (1, 1), ("", "regular"): (1, 1)}
    assert "2026-11-30: 0 events" in capsys.readouterr().out
    assert aggregate_day(day).search_rows == 3


def test_the_hub_workspace_shows_the_hub_s_top_and_zero_result_searches(client):
    from tests.hub_workspace.conftest import make_user

    search("aerosol optical depth", ["AERIS"], 40)
    search("volcanic ash plume", ["AERIS"], 0)
    search("sargasses", ["ODATIS"], 0)  # another hub's: not shown to AERIS
    client.force_login(make_user("aeris-admin", "AERIS", "admin"))
    response = client.get("/manage/")
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    (section,) = tree.xpath('//section[@aria-labelledby="hub-AERIS"]//details[@class="hub-searches"]')
    text = section.text_content()
    assert "aerosol optical depth" in text and "volcanic ash plume" in text and "sargasses" not in text
    assert section.xpath('.//a[@href="/stats/csv/searches-aeris.csv"]')
