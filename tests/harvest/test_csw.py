"""CSW harvests against a real pycsw server, with faults injected in front of it. Each test states exactly which
records exist afterwards. Every test runs once per protocol version (pycsw 2.6.2 speaks 2.0.2 and 3.0.0): the paging
loop and its distrust rules are the same for both."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from catalogue.records.models import Record
from harvesters.job_queue import create_job
from harvesters.jobs import run_job
from harvesters.models import HarvestJob
from tests.harvest.conftest import ids, live_identifiers, make_source, tombstoned_identifiers
from tests.peers.pycsw_peer import HTML_ERROR_PAGE, Fault, delete_records, upsert_records
from tests.peers.records import iso_record

pytestmark = pytest.mark.django_db
ALL = ids(35)


@pytest.fixture(params=["2.0.2", "3.0.0"])
def csw_version(request) -> str:
    return request.param


@pytest.fixture
def csw_source(csw_peer, csw_version):
    return make_source("peer-csw", csw_peer.url, version=csw_version)


def harvest(source, *, full=False, allow_mass_delete=False) -> HarvestJob:
    job = create_job(source, full=full, allow_mass_delete=allow_mass_delete)
    return run_job(job.pk)


def at_start(start: int):
    return lambda request: request.start_position == start


def test_a_full_harvest_pages_through_everything_and_keeps_the_original_xml(csw_peer, csw_source):
    job = harvest(csw_source)
    assert job.status == "success", job.log
    assert (job.mode, job.seen, job.created, job.failed, job.total_expected) == ("full", 35, 35, 0, 35)
    assert live_identifiers(csw_source) == ALL
    assert csw_peer.faults.get_records_starts() == [1, 11, 21, 31]
    record = Record.objects.get(identifier="rec-007")
    assert record.title == "Sea surface temperature dataset rec-007"
    assert record.source_slugs == ["peer-csw"] and record.pole_codes == ["ODATIS"]
    provenance = record.provenance.get()
    assert bytes(provenance.original_xml).startswith(b"<gmd:MD_Metadata")
    assert provenance.format == "iso19139"
    csw_source.refresh_from_db()
    assert csw_source.last_success_at == job.started_at and csw_source.last_attempt_at


def test_a_second_harvest_rewrites_nothing_unchanged(csw_source):
    harvest(csw_source)
    before = dict(Record.objects.values_list("identifier", "updated_at"))
    job = harvest(csw_source, full=True)
    assert (job.status, job.unchanged, job.created, job.updated, job.deleted) == ("success", 35, 0, 0, 0)
    assert dict(Record.objects.values_list("identifier", "updated_at")) == before


def test_http_500_on_page_3_skips_that_page_and_ends_partial_without_losing_records(csw_peer, csw_source):
    harvest(csw_source)  # everything is here already
    csw_peer.faults.requests.clear()
    csw_peer.faults.add(Fault(at_start(21), status=500, body=b"Internal Server Error"))
    job = harvest(csw_source, full=True)
    assert job.status == "partial"
    assert "page(s) could not be read" in job.error_summary
    error = job.errors.get()
    assert error.identifier == "page startPosition=21" and "HTTP 500" in error.message
    # The failed page's records are neither re-read nor deleted: a full run that did not see everything deletes nothing.
    assert live_identifiers(csw_source) == ALL and tombstoned_identifiers(csw_source) == []
    assert csw_peer.faults.get_records_starts().count(21) == 3  # 1 try + HARVEST_MAX_RETRIES
    assert csw_peer.faults.get_records_starts()[-1] == 31  # and the run went on after it


def test_http_500_on_page_3_on_a_first_harvest_leaves_exactly_that_page_missing(csw_peer, csw_source):
    csw_peer.faults.add(Fault(at_start(21), status=500))
    job = harvest(csw_source)
    assert job.status == "partial" and job.created == 25
    assert live_identifiers(csw_source) == ALL[:20] + ALL[30:]


def test_a_transient_500_is_retried_and_the_run_succeeds(csw_peer, csw_source):
    csw_peer.faults.add(Fault(at_start(21), status=503, times=1))
    job = harvest(csw_source)
    assert job.status == "success" and live_identifiers(csw_source) == ALL
    assert csw_peer.faults.get_records_starts() == [1, 11, 21, 21, 31]


def test_a_peer_that_times_out_on_a_page_costs_that_page_only(csw_peer, csw_source, settings):
    # A margin on both sides: the other pages must answer within the timeout even on a loaded machine.
    settings.HARVEST_HTTP_TIMEOUT = 3.0
    settings.HARVEST_MAX_RETRIES = 1
    csw_peer.faults.add(Fault(at_start(11), delay=8.0))
    job = harvest(csw_source)
    assert job.status == "partial"
    assert "timed out" in job.errors.get().message
    assert live_identifiers(csw_source) == ALL[:10] + ALL[20:]


def test_an_html_error_page_is_fetched_again_then_the_run_succeeds(csw_peer, csw_source):
    csw_peer.faults.add(Fault(at_start(11), status=200, body=HTML_ERROR_PAGE, times=1))
    job = harvest(csw_source)
    assert job.status == "success" and live_identifiers(csw_source) == ALL
    assert "HTML page instead of XML" in job.log


def test_an_html_page_every_time_is_recorded_with_its_excerpt_and_the_run_ends_partial(csw_peer, csw_source):
    csw_peer.faults.add(Fault(at_start(11), status=200, body=HTML_ERROR_PAGE))
    job = harvest(csw_source)
    assert job.status == "partial"
    error = job.errors.get()
    assert "HTML page" in error.message and "Proxy Error" in error.excerpt
    assert live_identifiers(csw_source) == ALL[:10] + ALL[20:]


def test_a_truncated_body_is_fetched_again(csw_peer, csw_source):
    csw_peer.faults.add(Fault(at_start(21), truncate=True, times=1))
    job = harvest(csw_source)
    assert job.status == "success" and live_identifiers(csw_source) == ALL
    assert csw_peer.faults.get_records_starts().count(21) == 2


def test_a_server_that_repeats_the_previous_page_is_stopped(csw_peer, csw_source):
    harvest(csw_source)
    csw_peer.faults.requests.clear()
    # From startPosition 21 on, the server ignores startPosition and serves page 2 again (GeoNetwork #1355-like).
    csw_peer.faults.add(
        Fault(at_start(21), rewrite_request=lambda body: body.replace(b'startPosition="21"', b'startPosition="11"'))
    )
    job = harvest(csw_source, full=True)
    assert job.status == "partial" and "repeated the previous page" in job.log
    assert csw_peer.faults.get_records_starts() == [1, 11, 21]  # stopped, did not loop
    assert live_identifiers(csw_source) == ALL and tombstoned_identifiers(csw_source) == []  # nothing deleted


def test_a_looping_next_record_is_stopped(csw_peer, csw_source):
    csw_peer.faults.add(
        Fault(at_start(11), rewrite_response=lambda body: re.sub(rb'nextRecord="\d+"', b'nextRecord="1"', body))
    )
    job = harvest(csw_source)
    assert job.status == "partial" and "nextRecord=1 goes backwards" in job.log
    assert csw_peer.faults.get_records_starts() == [1, 11]
    assert live_identifiers(csw_source) == ALL[:20]


def test_an_empty_page_before_the_announced_total_stops_without_deleting(csw_peer, csw_source):
    harvest(csw_source)

    def empty(body: bytes) -> bytes:
        return re.sub(rb"(<csw(?:30)?:SearchResults[^>]*>).*(</csw(?:30)?:SearchResults>)", rb"\1\2", body, flags=re.S)

    csw_peer.faults.add(Fault(at_start(11), rewrite_response=empty))
    job = harvest(csw_source, full=True)
    assert job.status == "partial" and "empty page" in job.log
    assert live_identifiers(csw_source) == ALL and tombstoned_identifiers(csw_source) == []


def test_an_empty_catalogue_never_wipes_the_local_copy(csw_peer, csw_source):
    harvest(csw_source)
    delete_records(csw_peer.db_path, ALL)  # the server now says: 0 records
    job = harvest(csw_source, full=True)
    assert job.status == "partial" and "refused to delete 35 of 35" in job.error_summary
    assert live_identifiers(csw_source) == ALL


def test_a_bad_record_is_recorded_and_the_rest_of_its_page_is_ingested(csw_peer, csw_source):
    def drop_identifier(body: bytes) -> bytes:  # rec-013 loses its fileIdentifier: the crosswalk must refuse it
        return body.replace(
            b"<gmd:fileIdentifier><gco:CharacterString>rec-013</gco:CharacterString></gmd:fileIdentifier>", b""
        )

    csw_peer.faults.add(Fault(at_start(11), rewrite_response=drop_identifier))
    job = harvest(csw_source)
    assert job.status == "partial" and (job.created, job.failed) == (34, 1)
    error = job.errors.get()
    assert "identifier" in error.message
    assert "rec-013" in error.excerpt and error.excerpt.startswith("<gmd:MD_Metadata")
    assert live_identifiers(csw_source) == [i for i in ALL if i != "rec-013"]


def test_a_record_without_title_is_kept_untitled_and_flagged(csw_peer, csw_source):
    def drop_title(body: bytes) -> bytes:  # rec-013 loses its title: kept, flagged (issue 16)
        return re.sub(
            rb"(<gco:CharacterString>rec-013</gco:CharacterString>.*?)<gmd:title>.*?</gmd:title>",
            rb"\1",
            body,
            flags=re.S,
        )

    csw_peer.faults.add(Fault(at_start(11), rewrite_response=drop_title))
    job = harvest(csw_source)
    assert job.status == "success" and (job.created, job.failed) == (35, 0)
    record = Record.objects.get(identifier="rec-013")
    assert record.title == "" and record.label == "rec-013" and "missing_title" in record.issues
    assert live_identifiers(csw_source) == ALL


def test_a_full_harvest_tombstones_records_the_source_removed(csw_peer, csw_source):
    harvest(csw_source)
    delete_records(csw_peer.db_path, ["rec-002", "rec-030"])
    job = harvest(csw_source, full=True)
    assert job.status == "success" and job.deleted == 2
    assert tombstoned_identifiers(csw_source) == ["rec-002", "rec-030"]
    assert live_identifiers(csw_source) == [i for i in ALL if i not in ("rec-002", "rec-030")]
    gone = Record.objects.get(identifier="rec-002")
    assert gone.deleted and "no longer listed by peer-csw" in gone.deleted_reason  # a tombstone, not a row deletion


def test_mass_deletion_is_refused_without_the_flag_and_done_with_it(csw_peer, csw_source):
    harvest(csw_source)
    removed = ALL[:10]  # 10 of 35 = 29%, over the 20% guard
    delete_records(csw_peer.db_path, removed)
    refused = harvest(csw_source, full=True)
    assert refused.status == "partial" and refused.deleted == 0
    assert "refused to delete 10 of 35 records (29%" in refused.error_summary
    assert live_identifiers(csw_source) == ALL
    allowed = harvest(csw_source, full=True, allow_mass_delete=True)
    assert allowed.status == "success" and allowed.deleted == 10
    assert live_identifiers(csw_source) == ALL[10:] and tombstoned_identifiers(csw_source) == removed


def test_an_incremental_harvest_asks_only_for_records_modified_since_the_last_success(
    csw_peer, csw_source, csw_version
):
    harvest(csw_source)
    now = datetime.now(UTC).replace(microsecond=0)
    upsert_records(
        csw_peer.db_path,
        [
            iso_record("rec-004", title="Revised title", modified=now),
            iso_record("rec-100", modified=now),
        ],
    )
    delete_records(csw_peer.db_path, ["rec-005"])  # an incremental run cannot see deletions: nothing is tombstoned
    csw_peer.faults.clear()
    job = harvest(csw_source)
    assert job.mode == "incremental" and job.status == "success"
    assert (job.seen, job.created, job.updated, job.deleted) == (2, 1, 1, 0)
    body = csw_peer.faults.requests[-1].body
    # An OGC filter (FES 2.0 in CSW 3.0) on the queryable the capabilities list, from the last success on.
    date_filter = {
        "2.0.2": b"<ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>apiso:Modified</ogc:PropertyName>",
        "3.0.0": b"<fes:PropertyIsGreaterThanOrEqualTo><fes:ValueReference>apiso:Modified</fes:ValueReference>",
    }[csw_version]
    assert date_filter in body and f'version="{csw_version}"'.encode() in body
    assert Record.objects.get(identifier="rec-004").title == "Revised title"
    assert live_identifiers(csw_source) == sorted([*ALL, "rec-100"])


def test_a_server_without_iso_output_falls_back_to_dublin_core(csw_peer, csw_version):
    source = make_source("peer-dc", csw_peer.url, output_schema="http://www.isotc211.org/2005/gmi", version=csw_version)
    job = harvest(source)
    assert "falling back to csw:Record" in job.log
    dublin_core = {"2.0.2": "http://www.opengis.net/cat/csw/2.0.2", "3.0.0": "http://www.opengis.net/cat/csw/3.0"}
    assert f'outputSchema="{dublin_core[csw_version]}"'.encode() in csw_peer.faults.requests[-1].body
    assert job.status == "success", job.errors.values_list("message", flat=True)[:3]
    assert live_identifiers(source) == ALL
    assert Record.objects.get(identifier="rec-001").metadata_standard == "dublincore"


def test_an_unreachable_endpoint_fails_clearly_and_changes_nothing(csw_source, settings):
    harvest(csw_source)
    settings.HARVEST_HTTP_TIMEOUT = 1.0
    csw_source.url = "http://127.0.0.1:9/csw"  # discard port: connection refused
    csw_source.save()
    job = harvest(csw_source, full=True)
    assert job.status == "failed"
    assert job.error_summary.startswith("cannot harvest http://127.0.0.1:9/csw: GetCapabilities failed: connection")
    assert live_identifiers(csw_source) == ALL


def test_not_a_csw_server(csw_peer):
    source = make_source("not-csw", csw_peer.url + "?mode=oaipmh")
    job = harvest(source)
    assert job.status == "failed" and "not a CSW endpoint" in job.error_summary
    assert live_identifiers(source) == []
