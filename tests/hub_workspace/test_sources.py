"""Adding and editing sources through the form (per-protocol fields, the protocols' own spellings, a pasted request
URL), "Test connection" against a real pycsw server (CSW and OAI-PMH), and the audit trail of settings."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from poles.models import HarvestSource, Pole
from tests.peers.pycsw_peer import HTML_ERROR_PAGE, Fault, PycswPeer, build_repository
from tests.peers.records import iso_record
from workspace import connection
from workspace.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def peer(tmp_path):
    db = tmp_path / "peer.db"
    build_repository(db, (iso_record(f"rec-{i:03d}", title=f"Ocean colour dataset {i}") for i in range(1, 6)))
    with PycswPeer(db) as server:
        yield server


@pytest.fixture
def admin_client(users) -> Client:
    client = Client()
    client.force_login(users["odatis_admin"])
    return client


def odatis() -> Pole:
    return Pole.objects.get(code="ODATIS")


def test_connection_to_a_csw_server_shows_a_crosswalked_sample_record(peer):
    report = connection.test_connection(odatis(), "csw", peer.url, {})
    assert report.ok, report.detail
    assert report.sample.title.startswith("Ocean colour dataset") and report.sample_format == "iso19139"
    assert report.sample_identifier.startswith("rec-")
    assert any("speaking CSW" in line for line in report.log)


def test_connection_to_an_oai_pmh_server_with_its_prefix(peer):
    report = connection.test_connection(odatis(), "oaipmh", peer.oai_url, {"metadataPrefix": "iso19139"})
    assert report.ok, report.detail
    assert report.sample.title.startswith("Ocean colour dataset")


def test_connection_says_when_no_format_is_offered_that_we_read(peer):
    report = connection.test_connection(odatis(), "oaipmh", peer.oai_url, {"metadata_prefix": "marc21"})
    assert report.outcome == connection.NO_FORMAT
    assert "marc21" in report.detail and "iso19139" in report.detail  # what it offers, and what we read


def test_connection_says_when_the_address_is_not_a_csw_server(peer):
    assert connection.test_connection(odatis(), "csw", peer.oai_url, {}).outcome == connection.NOT_A_SERVER
    peer.faults.add(Fault(lambda request: True, status=200, body=HTML_ERROR_PAGE))
    report = connection.test_connection(odatis(), "oaipmh", peer.oai_url, {"metadata_prefix": "iso19139"})
    assert report.outcome == connection.NOT_A_SERVER and "HTML" in report.detail


def test_connection_says_quickly_when_the_endpoint_is_unreachable():
    started = time.monotonic()
    report = connection.test_connection(odatis(), "csw", "http://127.0.0.1:9/csw", {})
    assert report.outcome == connection.UNREACHABLE and "connection" in report.detail
    assert time.monotonic() - started < 5  # no retry back-off while a person waits


def test_connection_to_a_local_folder(settings):
    assert connection.test_connection(odatis(), "local", "demo/odatis", {}).ok
    missing = connection.test_connection(odatis(), "local", "demo/nowhere", {})
    assert missing.outcome == connection.UNREACHABLE and "directory not found" in missing.detail


def test_the_form_tests_the_connection_without_saving_and_then_saves(admin_client, peer):
    data = {
        "name": "Peer CSW",
        "slug": "peer-csw",
        "pole": odatis().pk,
        "protocol": "csw",
        "url": peer.url,
        "schedule": "manual",
        "enabled": "on",
        "csw_version": "2.0.2",
        "csw_page_size": "50",
        "action": "test",
    }
    page = admin_client.post(reverse("workspace:source_add"), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Connection works" in html and "Ocean colour dataset" in html
    assert not HarvestSource.objects.filter(slug="peer-csw").exists()
    saved = admin_client.post(reverse("workspace:source_add"), {**data, "action": "save"})
    assert saved.status_code == 302 and saved["Location"] == reverse("workspace:source", args=["peer-csw"])
    source = HarvestSource.objects.get(slug="peer-csw")
    assert source.options["version"] == "2.0.2" and source.options["page_size"] == 50
    assert source.options["output_schema"] == "http://www.isotc211.org/2005/gmd"  # the schema's default
    event = AuditEvent.objects.get(action="source_created")
    assert event.username == "odile" and event.source_slug == "peer-csw"


def test_the_form_accepts_the_protocols_own_spellings_and_a_pasted_request_url(admin_client, peer):
    data = {
        "name": "Peer OAI",
        "slug": "peer-oai",
        "pole": odatis().pk,
        "protocol": "oaipmh",
        "url": f"{peer.oai_url}&verb=ListRecords&metadataPrefix=iso19139&set=ocean",
        "schedule": "daily",
        "action": "save",
    }
    assert admin_client.post(reverse("workspace:source_add"), data).status_code == 302
    source = HarvestSource.objects.get(slug="peer-oai")
    assert source.url == peer.oai_url  # the endpoint alone; mode=oaipmh is the endpoint's own parameter
    assert (source.options["metadata_prefix"], source.options["set"]) == ("iso19139", "ocean")
    data = {**data, "slug": "peer-oai-2", "url": peer.oai_url, "metadataPrefix": "oai_dc"}
    assert admin_client.post(reverse("workspace:source_add"), data).status_code == 302
    assert HarvestSource.objects.get(slug="peer-oai-2").options["metadata_prefix"] == "oai_dc"


def test_the_form_prefills_from_the_protocols_spellings_in_the_address(admin_client):
    page = admin_client.get(reverse("workspace:source_add") + "?protocol=oaipmh&metadataPrefix=oai_dc&set=abc")
    html = page.content.decode()
    assert 'name="oai_metadata_prefix" value="oai_dc"' in html and 'name="oai_set" value="abc"' in html


def test_the_form_refuses_bad_settings_with_a_message_per_field(admin_client):
    data = {
        "name": "Bad",
        "slug": "bad one",
        "pole": odatis().pk,
        "protocol": "csw",
        "url": "https://example.org/csw",
        "schedule": "daily",
        "csw_page_size": "5000",
        "action": "save",
    }
    html = admin_client.post(reverse("workspace:source_add"), data).content.decode()
    assert "Enter a valid “slug”" in html and "less than or equal to 1000" in html
    assert not HarvestSource.objects.filter(name="Bad").exists()
    assert "options" not in html.lower().split("<form")[1].split("</form>")[0].replace("options.", "")  # no JSON box


def test_editing_records_each_changed_setting_with_old_and_new_values(admin_client, users):
    source = HarvestSource.objects.get(slug="odatis-sextant-oaipmh")
    before = dict(source.options)
    page = admin_client.get(reverse("workspace:source_edit", args=[source.slug])).content.decode()
    assert f'value="{before["metadata_prefix"]}"' in page
    data = {
        "name": source.name,
        "protocol": "oaipmh",
        "url": source.url,
        "schedule": "weekly",
        "enabled": "on",
        "oai_metadata_prefix": "iso19115-3.2018",
        "oai_set": before.get("set", ""),
        "action": "save",
    }
    assert admin_client.post(reverse("workspace:source_edit", args=[source.slug]), data).status_code == 302
    source.refresh_from_db()
    assert source.options["metadata_prefix"] == "iso19115-3.2018" and source.schedule == "weekly"
    event = AuditEvent.objects.get(action="source_changed", source=source)
    assert event.changes["options.metadata_prefix"] == [before["metadata_prefix"], "iso19115-3.2018"]
    assert event.changes["schedule"][1] == "weekly" and "name" not in event.changes
    trail = admin_client.get(reverse("workspace:source", args=[source.slug])).content.decode()
    assert "iso19115-3.2018" in trail and "changed settings" in trail


def test_options_accept_the_protocols_own_names_wherever_they_are_written():
    source = HarvestSource.objects.create(
        pole=odatis(),
        slug="spelled-oai",
        name="x",
        protocol="oaipmh",
        url="https://example.org/oai",
        options={"metadataPrefix": "oai_dc"},
    )
    assert source.options["metadata_prefix"] == "oai_dc" and "metadataPrefix" not in source.options
    csw = HarvestSource.objects.create(
        pole=odatis(),
        slug="spelled-csw",
        name="y",
        protocol="csw",
        url="https://example.org/csw",
        options={"outputSchema": "http://www.opengis.net/cat/csw/2.0.2", "typeNames": "csw:Record", "maxRecords": 20},
    )
    assert (csw.options["output_schema"], csw.options["type_names"], csw.options["page_size"]) == (
        "http://www.opengis.net/cat/csw/2.0.2",
        "csw:Record",
        20,
    )
