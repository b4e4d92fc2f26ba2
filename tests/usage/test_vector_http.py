"""§2.4 test vector, replayed through the real HTTP pages of a live server (real PostGIS and Redis): the landing
page, /go/ clicks to files the portal serves, a robot, curl and a 404; then the batch writer and the daily
aggregation. The expected table of §2.4 must come out exactly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests

from catalogue.records.unified import OnlineResource
from stats import aggregation, intake
from stats.models import DailyUsage
from tests.portal.factories import ingest

pytestmark = pytest.mark.django_db(transaction=True)

DOI = "10.12345/dt-test-0001"
FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
CURL = "curl/8.5.0"
U1 = ("192.0.2.10", FIREFOX)
FILES = "https://files.data-terra.example/aeris/dt-test-0001/"


def at(hms: str) -> datetime:
    return datetime.fromisoformat(f"2026-11-30T{hms}+00:00").astimezone(UTC)


@pytest.fixture
def dataset_d(settings):
    settings.STATS_TRUSTED_PROXIES = 1  # the tests speak as the reverse proxy: X-Forwarded-For carries the client
    settings.STATS_SERVED_URL_PREFIXES = [FILES]  # F1, F2, F3 are files the portal serves (Requests, ST-11)
    return ingest(
        "demo-aeris",
        "dt-test-0001",
        doi=DOI,
        title="Test dataset D",
        online_resources=[
            OnlineResource(f"{FILES}f1.nc", "WWW:DOWNLOAD-1.0-http--download", "F1"),
            OnlineResource(f"{FILES}f2.nc", "WWW:DOWNLOAD-1.0-http--download", "F2"),
        ],
    )


def test_vector_2_4_through_the_pages(live_server, dataset_d, clock):
    landing = f"/doi/{DOI}"
    f1, f2, f3 = (f"/go/{dataset_d.pk}?url={FILES}f{n}.nc" for n in (1, 2, 3))
    googlebot = ("66.249.66.1", GOOGLEBOT)
    machine = ("198.51.100.7", CURL)
    steps = [
        ("10:01:00", U1, landing, 200),
        ("10:01:29", U1, landing, 200),
        ("10:02:10", U1, f1, 302),
        ("10:02:20", U1, f1, 302),
        ("10:02:25", U1, f2, 302),
        ("10:05:00", googlebot, landing, 200),
        ("10:10:00", machine, f1, 302),
        ("10:30:00", U1, f3, 404),  # F3 is not a file of D: not found, recorded and excluded (ST-05)
        ("10:59:50", U1, landing, 200),
        ("11:00:05", U1, landing, 200),
        ("12:00:00", U1, landing, 200),
        ("12:00:20", U1, landing, 200),
        ("12:00:40", U1, landing, 200),
    ]
    for hms, (ip, agent), path, expected_status in steps:
        clock.now = at(hms)
        response = requests.get(
            live_server.url + path,
            headers={"User-Agent": agent, "X-Forwarded-For": ip},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == expected_status, (hms, path, response.text[:200])

    assert intake.queue_length() == len(steps)  # every access queued, none written by the page itself
    assert intake.flush() == len(steps)
    aggregation.aggregate_day(at("00:00:00").date())

    rows = {row.access_method: row for row in DailyUsage.objects.filter(doi=DOI)}
    assert set(rows) == {"regular", "machine"}  # the robot has no row at all
    assert all(row.hub == "AERIS" for row in rows.values())
    table = {
        method: (r.total_investigations, r.total_requests, r.unique_investigations, r.unique_requests)
        for method, r in rows.items()
    }
    # Total_Dataset_Investigations, Total_Dataset_Requests, Unique_Dataset_Investigations, Unique_Dataset_Requests
    assert table == {"regular": (6, 2, 3, 1), "machine": (1, 1, 1, 1)}

    # Recomputing the day is idempotent.
    aggregation.aggregate_day(at("00:00:00").date())
    assert DailyUsage.objects.filter(doi=DOI).count() == 2
    assert {r.access_method: r.total_investigations for r in DailyUsage.objects.filter(doi=DOI)} == {
        "regular": 6,
        "machine": 1,
    }
