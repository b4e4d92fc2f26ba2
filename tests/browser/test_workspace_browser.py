"""A hub admin's day in headless Chromium, against a real pycsw server and a real Celery worker: log in, add a CSW
source, test the connection, harvest now, watch it finish, open a failed record's XML; another hub's admin cannot
reach any of it; the same without JavaScript. Screenshots in test-artifacts/browser/; the time from "harvest now"
to the page showing the finished job is printed and written to test-artifacts/workspace-timings.txt."""

from __future__ import annotations

import re
import time
import uuid

import pytest
from django.contrib.auth import get_user_model

from poles.models import HubMembership, Pole
from tests.browser.conftest import ARTIFACTS
from tests.harvest.test_worker import Worker, wait_for
from tests.hub_workspace.conftest import in_get_records, unreadable_record
from tests.peers.pycsw_peer import Fault, PycswPeer, build_repository
from tests.peers.records import iso_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long browser passphrase 9"
TIMINGS = ARTIFACTS.parent / "workspace-timings.txt"


@pytest.fixture
def peer(tmp_path):
    db = tmp_path / "peer.db"
    build_repository(db, (iso_record(f"rec-{i:03d}", title=f"Sea level record {i}") for i in range(1, 41)))
    with PycswPeer(db) as server:
        server.faults.add(Fault(in_get_records, rewrite_response=unreadable_record("rec-007")))
        yield server


@pytest.fixture
def worker(settings, tmp_path, portal):
    settings.HARVEST_QUEUE = f"browser-{uuid.uuid4().hex[:8]}"
    process = Worker(settings.HARVEST_QUEUE, tmp_path / "worker.log")
    wait_for(lambda: " ready." in process.log_text(), 60, "the worker to start")
    yield process
    process.kill()
    from datatera.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_delete(settings.HARVEST_QUEUE)


@pytest.fixture
def admins(portal, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    for username, code in (("odatis-admin", "ODATIS"), ("aeris-admin", "AERIS")):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
        HubMembership.objects.create(user=user, pole=Pole.objects.get(code=code), role="admin")


def log_in(page, base: str, username: str) -> None:
    page.goto(base + "/manage/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/manage/$"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(re.compile(r"/manage/$"))


def record_timing(label: str, seconds: float) -> None:
    line = f"{label}: harvest now -> finished job shown in {seconds:.2f} s"
    print(line)
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    with TIMINGS.open("a") as handle:
        handle.write(f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {line}\n")


def harvest_now_and_wait(page, mode: str = "full") -> float:
    page.check(f"input[name=mode][value={mode}]")
    started = time.monotonic()
    page.click("#harvest-now")
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    page.wait_for_selector("#job-progress[data-finished='1']", timeout=120_000)
    return time.monotonic() - started


def test_an_odatis_admin_adds_a_csw_source_harvests_it_and_reads_a_failed_records_xml(
    page, portal, admins, peer, worker, screenshot, browser
):
    base = portal.url
    log_in(page, base, "odatis-admin")
    assert page.locator("h2", has_text="ODATIS").count() == 1 and page.locator("h2", has_text="AERIS").count() == 0
    screenshot(page, "01-workspace")

    page.click("text=Add a source")
    page.fill("#id_name", "Sea level peer")
    page.fill("#id_slug", "sea-level-peer")
    page.select_option("#id_protocol", "csw")
    assert page.locator("fieldset[data-protocol=oaipmh]").is_hidden()  # only CSW settings, with JavaScript
    page.fill("#id_url", peer.url)
    page.fill("#id_csw_page_size", "10")
    page.select_option("#id_schedule", "manual")
    page.click("#test-connection")
    page.wait_for_selector("#connection-report")
    assert "Connection works" in page.locator("#connection-report .headline").inner_text()
    assert page.locator(".sample-record h3").inner_text().startswith("Sea level record")
    screenshot(page, "02-connection-test")
    page.click("#save-source")
    page.wait_for_url(re.compile(r"/manage/sources/sea-level-peer/$"))
    screenshot(page, "03-source")

    seconds = harvest_now_and_wait(page)
    record_timing("pycsw peer, 40 ISO records, pages of 10", seconds)
    assert page.locator("#job-status").get_attribute("data-status") == "partial"
    assert page.locator("[data-count=created]").inner_text() == "39"
    assert page.locator("[data-count=failed]").inner_text() == "1"
    screenshot(page, "04-job-finished")
    error = page.locator(".harvest-error", has_text="rec-007")
    assert "unknown metadata format" in error.inner_text()
    assert error.locator("pre.xml").is_hidden()
    error.locator("summary").click()
    xml = error.locator("pre.xml").inner_text()
    assert xml.startswith("<gmd:MD_Unreadable") and "rec-007" in xml
    assert "GetRecordById" in error.locator("a").get_attribute("href")
    screenshot(page, "05-failed-record-xml")
    source_url = base + "/manage/sources/sea-level-peer/"
    job_url = page.url

    page.click(".logout button")
    other = browser.new_context(locale="en-GB")
    try:
        aeris = other.new_page()
        log_in(aeris, base, "aeris-admin")
        assert "sea-level-peer" not in aeris.content()
        screenshot(aeris, "06-aeris-workspace")
        for url in (source_url, job_url, job_url + "progress.json", source_url + "edit/", source_url + "delete/"):
            response = aeris.goto(url)
            assert response.status == 404, url
            assert "Sea level peer" not in aeris.content()
        screenshot(aeris, "07-aeris-gets-404")
    finally:
        other.close()


def test_harvest_now_on_the_demo_sources_with_and_without_javascript(page_factory, portal, admins, worker, screenshot):
    base = portal.url
    page = page_factory()
    log_in(page, base, "odatis-admin")
    page.goto(base + "/manage/sources/demo-odatis/")
    seconds = harvest_now_and_wait(page)
    record_timing("demo-odatis (local folder, 30 records), JavaScript on", seconds)
    assert page.locator("#job-status").get_attribute("data-status") == "success"
    screenshot(page, "01-demo-harvested")

    plain = page_factory(java_script_enabled=False)
    log_in(plain, base, "aeris-admin")
    plain.goto(base + "/manage/sources/demo-aeris/")
    seconds = harvest_now_and_wait(plain)  # the job page refreshes itself (<noscript> meta refresh)
    record_timing("demo-aeris (local folder), JavaScript off", seconds)
    assert plain.locator("#job-status").get_attribute("data-status") == "success"
    screenshot(plain, "02-demo-harvested-without-javascript")
    plain.goto(base + "/manage/")
    assert "demo-aeris" in plain.content() and "demo-odatis" not in plain.content()
    screenshot(plain, "03-workspace-without-javascript")
    assert TIMINGS.exists()
