"""OAI-PMH harvests: pycsw in OAI-PMH mode (ISO 19139), and a server replaying real captured DataCite records and
error responses. Each test states exactly which records exist afterwards."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from catalogue.records.models import Record, RecordSource
from harvesters.job_queue import create_job
from harvesters.jobs import run_job
from tests.harvest.conftest import ids, live_identifiers, make_source, tombstoned_identifiers
from tests.peers.pycsw_peer import Fault, PycswPeer, build_repository
from tests.peers.records import iso_record
from tests.peers.replay import OAIReplay, deleted_version, record_element, record_identifier

pytestmark = pytest.mark.django_db

# The eight real DataCite records of the corpus harvested as OAI <record>s (b2find test data), in a fixed order.
DATACITE_RECORDS = [
    "b2find__pangaea__e4723633-ab46-5316-875f-fcd788dc0931.xml",
    "b2find__envidat-datacite__bbox_80e203d7-7c64-5c00-8d1f-a91d49b0fa16.xml",
    "b2find__uhh__5f7ce430-d4ae-562f-bfb5-505c18721104.xml",
    "b2find__tudatalib__218bf893-c8cf-5a8c-aad1-09a351e37da8.xml",
    "b2find__danseasy__8139b942-59b8-54f2-aa8f-4a07435f7509.xml",
    "b2find__fidgeo__90029ec9-dd10-5e6a-b067-7583054a77e6.xml",
    "b2find__geofon__56347bce-8b50-51e9-9564-f99269b46c48.xml",
]
# A real DataCite record with no identifier element at all (RADAR): it takes its OAI header identifier.
RADAR = "b2find__radar__d812138e-2e73-5dd3-8258-fc783f47db39.xml"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "crosswalks"


def harvest(source, **kwargs):
    return run_job(create_job(source, **kwargs).pk)


@pytest.fixture
def records(corpus_dir):
    return [record_element(corpus_dir / "datacite" / name) for name in DATACITE_RECORDS]


@pytest.fixture
def oai_ids(records):
    return [record_identifier(r) for r in records]


@pytest.fixture
def replay(corpus_dir, records):
    from lxml import etree

    with OAIReplay(corpus_dir) as server:
        raw = [etree.tostring(r) for r in records]
        server.serve_pages([raw[0:3], raw[3:6], raw[6:7]])
        yield server


@pytest.fixture
def datacite_source(replay):
    return make_source(
        "replay-datacite", replay.url, protocol="oaipmh", pole="AERIS", metadata_prefix="datacite", set="EUVI.SEANOE"
    )


def list_requests(server):
    return [(r.resumption_token, r.query.get("from", "")) for r in server.faults.requests if r.verb == "ListRecords"]


def test_pycsw_in_oai_pmh_mode_is_harvested_page_by_page(tmp_path):
    db = tmp_path / "oai.db"
    build_repository(db, (iso_record(i) for i in ids(25)))
    with PycswPeer(db, maxrecords=10) as peer:
        source = make_source("pycsw-oai", peer.oai_url, protocol="oaipmh", metadata_prefix="iso19139")
        job = harvest(source)
        tokens = [r.resumption_token for r in peer.faults.requests if r.verb == "ListRecords"]
    assert job.status == "success", job.log
    assert (job.seen, job.created, job.total_expected) == (25, 25, 25)
    # pycsw answers a bare resumptionToken with badArgument: the client sends metadataPrefix along, once, then keeps
    # doing so; and it does not follow pycsw's trailing token "0", which would start the list over.
    assert tokens == ["", "11", "11", "21"]
    assert "sending metadataPrefix with the resumptionToken" in job.log
    assert live_identifiers(source) == ids(25)
    assert RecordSource.objects.filter(source=source, source_identifier="rec-001").exists()


def test_datacite_records_are_harvested_through_resumption_tokens(replay, datacite_source, oai_ids):
    job = harvest(datacite_source)
    assert job.status == "success", list(job.errors.values_list("identifier", "message"))
    assert (job.seen, job.created, job.total_expected) == (7, 7, 7)
    assert list_requests(replay) == [("", ""), ("p2", ""), ("p3", "")]
    first, *following = [r.query for r in replay.faults.requests if r.verb == "ListRecords"]
    assert (first["metadataprefix"], first["set"]) == ("datacite", "EUVI.SEANOE")
    assert all(set(q) == {"verb", "resumptiontoken"} for q in following)  # a token travels alone (OAI-PMH 2.0)
    assert sorted(RecordSource.objects.filter(source=datacite_source).values_list("source_identifier", flat=True)) == (
        sorted(oai_ids)
    )
    pangaea = RecordSource.objects.get(source_identifier="oai:pangaea.de:doi:10.1594/PANGAEA.145167").record
    assert pangaea.doi == "10.1594/pangaea.145167" and pangaea.metadata_standard == "datacite"


def test_deleted_headers_become_tombstones(replay, datacite_source, records, oai_ids):
    from lxml import etree

    harvest(datacite_source)
    # The repository now reports the second record as deleted (its header only, status="deleted").
    raw = [etree.tostring(r) for r in records]
    replay.serve_pages([raw[0:1] + [deleted_version(records[1])] + raw[2:3], raw[3:6], raw[6:7]])
    job = harvest(datacite_source, full=True)
    assert job.status == "success" and job.deleted == 1
    assert tombstoned_identifiers(datacite_source) == [oai_ids[1]]
    tombstone = RecordSource.objects.get(source_identifier=oai_ids[1]).record
    assert tombstone.deleted and tombstone.deleted_reason == "deleted at source replay-datacite"
    assert Record.objects.public().count() == 6


def expire_token(replay, token: str, times: int | None) -> None:
    """The repository answers this token with its captured badResumptionToken error (tokens expire, sickle#19)."""
    replay.faults.add(
        Fault(
            lambda r: r.resumption_token == token,
            status=200,
            body=replay.captured("sickle__badResumptionToken.xml"),
            headers=[("Content-Type", "text/xml")],
            times=times,
        )
    )


def test_an_expired_resumption_token_restarts_the_listing_once(replay, datacite_source, oai_ids):
    expire_token(replay, "p3", times=1)
    job = harvest(datacite_source)
    assert job.status == "success"
    assert "restarting the listing" in job.log
    assert list_requests(replay) == [("", ""), ("p2", ""), ("p3", ""), ("", ""), ("p2", ""), ("p3", "")]
    assert (job.created, job.unchanged) == (7, 6)  # the restart re-read 6 records; nothing was rewritten


def test_a_token_that_keeps_expiring_fails_the_page_clearly_and_keeps_what_was_read(replay, datacite_source, oai_ids):
    expire_token(replay, "p3", times=None)
    job = harvest(datacite_source)
    assert job.status == "partial"
    error = job.errors.get()
    assert error.identifier == "page resumptionToken=p3" and "badResumptionToken" in error.message
    assert sorted(RecordSource.objects.values_list("source_identifier", flat=True)) == sorted(oai_ids[:6])


def test_no_records_match_is_a_normal_empty_incremental_run(replay, datacite_source):
    harvest(datacite_source)
    replay.no_records_match_from = "2000-01-01"
    job = harvest(datacite_source)
    assert (job.mode, job.status, job.seen, job.deleted) == ("incremental", "success", 0, 0)
    # `from` in the repository's granularity (Identify says YYYY-MM-DD), from the start of the last success.
    datacite_source.refresh_from_db()
    assert list_requests(replay)[-1] == ("", f"{datacite_source.last_success_at:%Y-%m-%d}")
    assert Record.objects.public().count() == 7


def test_http_503_with_retry_after_is_honoured(replay, datacite_source, monkeypatch):
    waits = []
    monkeypatch.setattr("harvesters.http._sleep", waits.append)
    replay.faults.add(
        Fault(lambda r: r.resumption_token == "p2", status=503, headers=[("Retry-After", "120")], times=1)
    )
    job = harvest(datacite_source)
    assert job.status == "success" and job.created == 7
    assert waits == [django_settings.HARVEST_RETRY_AFTER_CAP_SECONDS]  # 120 s asked, capped by the setting
    assert "HTTP 503" in job.log


def test_a_real_record_without_identifier_takes_its_oai_header_identifier(corpus_dir, records, oai_ids):
    from lxml import etree

    with OAIReplay(corpus_dir) as server:
        radar = record_element(corpus_dir / "datacite" / RADAR)
        server.serve_pages([[etree.tostring(records[0]), etree.tostring(radar), etree.tostring(records[1])]])
        source = make_source("replay-radar", server.url, protocol="oaipmh", metadata_prefix="datacite")
        job = harvest(source)
    assert (job.status, job.created, job.failed) == ("success", 3, 0)
    assert sorted(RecordSource.objects.values_list("source_identifier", flat=True)) == sorted(
        [*oai_ids[:2], "RADAR/323"]
    )
    record = Record.objects.get(provenance__source_identifier="RADAR/323")
    assert record.identifier == "RADAR/323" and record.doi is None
    assert record.title.startswith("Thermal origin of light emission in non-resonant and resonant tunnel junctions")


def test_a_record_whose_metadata_has_no_identifier_is_stored_under_the_oai_identifier(corpus_dir, records, oai_ids):
    """Our own fixture: the OAI-PMH client hands the payload alone to the crosswalk, with the header identifier
    beside it; the record is kept under that identifier (it used to be refused: "record has no identifier")."""
    from lxml import etree

    fixture = FIXTURES / "oai_record_datacite_no_identifier.xml"
    ours = etree.tostring(record_element(fixture))
    with OAIReplay(corpus_dir) as server:
        server.serve_pages([[etree.tostring(records[0]), ours], [etree.tostring(records[1])]])
        source = make_source("replay-noid", server.url, protocol="oaipmh", metadata_prefix="datacite")
        job = harvest(source)
    assert (job.status, job.created, job.failed) == ("success", 3, 0)
    live = live_identifiers(source)
    assert len(live) == 3 and "oai:odatis.example:DT/0042" in live
    record = Record.objects.get(identifier="oai:odatis.example:DT/0042")
    assert record.title == "Salinité de surface, golfe de Gascogne, 2019-2021"
    assert record.bboxes == [[-6.0, 43.3, -1.0, 48.0]] and record.publication_year == 2022
    provenance = record.provenance.get()
    assert (
        provenance.source_identifier == "oai:odatis.example:DT/0042" and b"<identifier>" not in provenance.original_xml
    )


def test_a_format_the_repository_does_not_offer_is_refused_before_harvesting(replay):
    source = make_source("replay-mods", replay.url, protocol="oaipmh", metadata_prefix="mods")
    job = harvest(source)
    assert job.status == "failed" and "does not offer metadataPrefix 'mods'" in job.error_summary
    assert list_requests(replay) == []


def test_captured_oai_dc_pages_with_a_deleted_record_and_a_broken_header(corpus_dir):
    """sickle's captured ListRecords page (a deleted record, token ListRecords2.xml) then its last page (a deleted
    header without identifier), served verbatim."""
    with OAIReplay(corpus_dir, formats="sickle__ListMetadataFormats.xml") as server:
        server.pages = {
            "": server.captured("sickle__ListRecords.xml"),
            "ListRecords2.xml": server.captured("sickle__ListRecords4.xml"),
        }
        source = make_source("replay-dc", server.url, protocol="oaipmh", metadata_prefix="oai_dc")
        job = harvest(source)
    assert job.status == "partial"  # the header without identifier is an error on the job
    assert "record header without an identifier" in job.errors.get().message
    assert live_identifiers(source) == ["http://test.example.com/publication/1585322"]
    assert RecordSource.objects.filter(source=source).count() == 1  # the deleted one was never here: nothing to mark


def test_from_is_sent_with_seconds_when_the_repository_has_that_granularity(corpus_dir):
    with OAIReplay(corpus_dir, identify="pycsw__oaipmh__get_Identify.xml") as server:
        server.serve_pages([[]])
        source = make_source("replay-secs", server.url, protocol="oaipmh", metadata_prefix="datacite")
        source.last_success_at = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
        source.save()
        job = harvest(source)
    assert job.status == "success"
    assert list_requests(server) == [("", "2025-03-04T05:06:07Z")]
