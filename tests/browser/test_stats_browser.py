"""/stats/ in headless Chromium: the Chart.js charts (served from our static files) draw from the page's JSON, no
script error, the tables are there without JavaScript; screenshots in test-artifacts/browser/."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from stats.models import DailySearches, DailyUsage, SearchEvent
from tests.browser.conftest import wait_until
from tests.portal.factories import ingest

pytestmark = pytest.mark.browser


@pytest.fixture
def usage_months(portal):
    """A year of daily counts for a few datasets of each hub, and searches."""
    today = datetime.now(UTC).date().replace(day=1)
    records = [
        ingest(slug, f"{code.lower()}-{i}", doi=f"10.12345/{code.lower()}-{i}", title=f"{name} dataset {i}")
        for code, slug, name in (
            ("AERIS", "demo-aeris", "Aerosol"),
            ("ODATIS", "demo-odatis", "Ocean"),
            ("THEIA", "demo-theia", "Land"),
            ("FORMATER", "demo-formater", "Seismic"),
        )
        for i in range(3)
    ]
    rows = []
    for month in range(12):
        day = (today - timedelta(days=30 * month)).replace(day=10)
        for n, record in enumerate(records):
            weight = (n % 3 + 1) * (12 - month)
            hub = record.pole_codes[0]
            rows.append(
                DailyUsage(
                    day=day,
                    record_id=record.pk,
                    doi=record.doi,
                    hub=hub,
                    access_method="regular",
                    total_investigations=3 * weight,
                    unique_investigations=2 * weight,
                    total_requests=weight,
                    unique_requests=weight // 2 + 1,
                )
            )
            rows.append(
                DailyUsage(
                    day=day,
                    record_id=record.pk,
                    doi=record.doi,
                    hub=hub,
                    access_method="machine",
                    total_investigations=weight,
                    unique_investigations=1,
                    total_requests=weight,
                    unique_requests=1,
                )
            )
        for hub in ("AERIS", "ODATIS", "THEIA", "FORMATER", ""):
            DailySearches.objects.create(
                day=day, hub=hub, access_method="regular", searches=20 + 3 * month, zero_result_searches=month % 4
            )
    DailyUsage.objects.bulk_create(rows)
    now = datetime.now(UTC)
    for query, hubs, results in (
        ("aerosol optical depth", ["AERIS"], 40),
        ("lidar", ["AERIS"], 12),
        ("volcanic ash", ["AERIS"], 0),
        ("sargassum", [], 0),
    ):
        SearchEvent.objects.create(
            id=uuid.uuid4(),
            timestamp=now,
            query=query,
            hubs=hubs,
            result_count=results,
            access_method="regular",
            session="s",
        )
    return records


def test_stats_page_draws_its_charts(page, portal, usage_months, screenshot):
    page.goto(f"{portal.url}/stats/")
    wait_until(page, "typeof Chart !== 'undefined'")
    drawn = page.evaluate("() => Array.from(document.querySelectorAll('canvas')).map(c => [c.id, !!Chart.getChart(c)])")
    assert drawn == [["chart-usage", True], ["chart-top", True], ["chart-methods", True], ["chart-searches", True]]
    top = page.evaluate("() => Chart.getChart(document.getElementById('chart-top')).data.datasets[0].data")
    assert top == sorted(top, reverse=True) and top[0] > 0
    assert "volcanic ash" in page.inner_text("#h-hub-searches ~ details")
    screenshot(page, "stats")


def test_stats_page_tables_without_javascript(page_factory, portal, usage_months, screenshot):
    page = page_factory(java_script_enabled=False)
    page.goto(f"{portal.url}/stats/")
    assert page.locator("section[aria-labelledby='h-usage'] tbody tr").count() >= 12
    assert page.locator("a.csv-link").count() == 5 + 4
    screenshot(page, "stats-no-js")
