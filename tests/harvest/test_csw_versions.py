"""CSW 2.0.2 and 3.0.0: the version choice from real capabilities, and the same pycsw 2.6.2 peer harvested in each
version (ISO and Dublin Core), with a 3.0-only paging fault. test_csw.py runs every paging fault in both versions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from catalogue.records.models import Record, RecordSource
from harvesters.crosswalks import parse_document
from harvesters.job_queue import create_job
from harvesters.jobs import run_job
from harvesters.models import HarvestJob
from harvesters.protocols.base import record_bytes
from harvesters.protocols.csw import CSWClient
from harvesters.protocols.csw_versions import CSW202, CSW300, choose_version, offered_versions
from tests.harvest.conftest import ids, live_identifiers, make_source
from tests.peers.pycsw_peer import Fault

ALL = ids(35)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "csw"
ONLY_202 = (FIXTURES / "capabilities_2.0.2_only.xml").read_bytes()
VERSION_REFUSED = (FIXTURES / "exception_version_negotiation.xml").read_bytes()
DUBLIN_CORE = {"output_schema": "http://www.opengis.net/cat/csw/2.0.2", "type_names": "csw:Record"}


def harvest(source, *, full=False) -> HarvestJob:
    return run_job(create_job(source, full=full).pk)


def capabilities(accept_versions: str | None = None):
    def match(request) -> bool:
        if request.query.get("request", "").lower() != "getcapabilities":
            return False
        return accept_versions is None or request.query.get("acceptversions") == accept_versions

    return match


def answer(body: bytes, **fault) -> Fault:
    return Fault(body=body, status=200, headers=[("Content-Type", "application/xml")], **fault)


def get_records_bodies(peer) -> list[bytes]:
    """The distinct GetRecords bodies the peer received: a page retried after a timeout (a loaded machine) is the
    same request sent twice, not another page."""
    return list(dict.fromkeys(r.body for r in peer.faults.requests if r.start_position is not None))


def unified_by_identifier(source) -> dict:
    """Each record as the crosswalk reads the bytes this source stored: what the version choice must not change."""
    return {
        p.source_identifier: parse_document(bytes(p.original_xml), p.format)[1]
        for p in RecordSource.objects.filter(source=source)
    }


# --- the choice, from capabilities documents -------------------------------------------------------------------


def read(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


def test_real_pycsw_capabilities_offer_both_versions_in_either_document(corpus_dir):
    csw30 = read(corpus_dir / "csw" / "pycsw__csw30__get_GetCapabilities.xml")
    csw202 = read(corpus_dir / "csw" / "pycsw__apiso-inspire__get_GetCapabilities.xml")
    assert offered_versions(csw30) == {"2.0.2", "3.0.0"}
    assert offered_versions(csw202) == {"2.0.2", "3.0.0"}  # pycsw lists 3.0.0 in its 2.0.2 document too
    assert choose_version("auto", offered_versions(csw202)) is CSW300


def test_capabilities_offering_only_2_0_2_make_auto_speak_2_0_2():
    offered = offered_versions(etree.fromstring(ONLY_202))
    assert offered == {"2.0.2"}
    assert choose_version("auto", offered) is CSW202
    # A forced version is used as asked; whether the server can is settled by its own capabilities (below).
    assert choose_version("3.0.0", offered) is CSW300 and choose_version("2.0.2", {"2.0.2", "3.0.0"}) is CSW202


def test_a_capabilities_document_without_any_version_list_means_2_0_2():
    bare = b'<csw:Capabilities xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"/>'
    assert offered_versions(etree.fromstring(bare)) == {"2.0.2"}
    assert offered_versions(etree.fromstring(b"<Capabilities/>")) == set()
    assert choose_version("auto", set()) is CSW202


# --- the same real peer in each version --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("options", [{}, DUBLIN_CORE], ids=["iso19139", "dublincore"])
def test_the_same_peer_harvested_in_2_0_2_in_3_0_0_and_in_auto_gives_the_same_records(csw_peer, options):
    sources = {
        version: make_source(f"peer-{version}", csw_peer.url, version=version, **options)
        for version in ("2.0.2", "3.0.0", "auto")
    }
    spoken = {"2.0.2": "2.0.2", "3.0.0": "3.0.0", "auto": "3.0.0"}  # pycsw 2.6.2 offers 3.0.0: auto takes it
    for version, source in sources.items():
        csw_peer.faults.requests.clear()
        job = harvest(source)
        assert (job.status, job.seen, job.created + job.unchanged + job.updated) == ("success", 35, 35), job.log
        assert f"speaking CSW {spoken[version]} (source option version={version};" in job.log
        assert job.checkpoint["client"]["version"] == spoken[version]
        namespace = {"2.0.2": CSW202, "3.0.0": CSW300}[spoken[version]].namespace
        bodies = get_records_bodies(csw_peer)
        assert len(bodies) == 4 and all(
            f'xmlns:csw{"30" if spoken[version] == "3.0.0" else ""}="{namespace}"'.encode() in body for body in bodies
        )
        assert live_identifiers(source) == ALL
    assert Record.objects.count() == 35  # one record per identifier, with one provenance per source
    assert all(
        sorted(slugs) == ["peer-2.0.2", "peer-3.0.0", "peer-auto"]
        for slugs in Record.objects.values_list("source_slugs", flat=True)
    )
    in_202, in_300, in_auto = (unified_by_identifier(s) for s in sources.values())
    assert sorted(in_202) == ALL and in_202 == in_300 == in_auto
    if not options:  # the same ISO bytes whatever the envelope: the record as published (Dublin Core's root differs)
        hashes = {
            s: set(RecordSource.objects.filter(source=s).values_list("content_hash", flat=True))
            for s in sources.values()
        }
        assert hashes[sources["2.0.2"]] == hashes[sources["3.0.0"]] == hashes[sources["auto"]]
    expected_format = "dublincore" if options else "iso19139"
    assert set(RecordSource.objects.values_list("format", flat=True)) == {expected_format}
    if options:  # CSW 3.0 Dublin Core arrives as csw30:Record, read by the same crosswalk as 2.0.2's csw:Record
        stored = RecordSource.objects.get(source=sources["3.0.0"], source_identifier="rec-001")
        assert bytes(stored.original_xml).startswith(b"<csw30:Record")


@pytest.mark.django_db
def test_an_incremental_3_0_run_after_a_2_0_2_run_reads_only_the_changes(csw_peer):
    from datetime import UTC, datetime

    from tests.peers.pycsw_peer import upsert_records
    from tests.peers.records import iso_record

    source = make_source("peer-auto", csw_peer.url, version="2.0.2")
    assert harvest(source).created == 35
    source.refresh_from_db()
    source.options = {**source.options, "version": "auto"}
    source.save()
    upsert_records(csw_peer.db_path, [iso_record("rec-200", modified=datetime.now(UTC).replace(microsecond=0))])
    csw_peer.faults.requests.clear()
    job = harvest(source)
    assert (job.mode, job.status, job.seen, job.created) == ("incremental", "success", 1, 1)
    assert "speaking CSW 3.0.0" in job.log
    [body] = get_records_bodies(csw_peer)
    assert b"<csw30:GetRecords" in body and b"<fes:ValueReference>apiso:Modified</fes:ValueReference>" in body
    assert live_identifiers(source) == sorted([*ALL, "rec-200"])


@pytest.mark.django_db
def test_switching_a_source_from_2_0_2_to_3_0_0_rewrites_nothing(csw_peer):
    source = make_source("peer-switch", csw_peer.url, version="2.0.2")
    harvest(source)
    source.refresh_from_db()
    source.options = {**source.options, "version": "3.0.0"}
    source.save()
    job = harvest(source, full=True)
    assert "speaking CSW 3.0.0" in job.log
    assert (job.status, job.unchanged, job.updated, job.created, job.deleted) == ("success", 35, 0, 0, 0)


def test_a_record_keeps_the_envelope_namespaces_it_uses_and_loses_the_others():
    response = (
        b'<csw30:GetRecordsResponse xmlns:csw30="http://www.opengis.net/cat/csw/3.0"'
        b' xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gco="http://www.isotc211.org/2005/gco"'
        b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:gmd="http://www.isotc211.org/2005/gmd">'
        b"<csw30:SearchResults>"
        b'<gmd:MD_Metadata xmlns:gml="http://www.opengis.net/gml"><gmd:date xsi:type="gco:Date_PropertyType"/>'
        b"</gmd:MD_Metadata></csw30:SearchResults></csw30:GetRecordsResponse>"
    )
    record = etree.fromstring(response)[0][0]
    alone = record_bytes(record)
    assert alone.startswith(b"<gmd:MD_Metadata ") and b'xmlns:gmd="http://www.isotc211.org/2005/gmd"' in alone
    # gco is named only inside a value (xsi:type): kept; the record's own gml stays although unused; the protocol's go.
    for kept in (b"xmlns:gco=", b"xmlns:xsi=", b"xmlns:gml="):
        assert kept in alone
    assert b"xmlns:csw30=" not in alone and b"xmlns:fes=" not in alone
    reread = etree.fromstring(alone)
    assert reread[0].get("{http://www.w3.org/2001/XMLSchema-instance}type") == "gco:Date_PropertyType"
    assert reread.nsmap["gco"] == "http://www.isotc211.org/2005/gco"


# --- servers that cannot (or will not) speak 3.0 -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_server_offering_only_2_0_2_is_harvested_in_2_0_2_by_auto(csw_peer):
    csw_peer.faults.add(answer(ONLY_202, match=capabilities()))
    source = make_source("peer-202", csw_peer.url)  # version: auto (the default)
    job = harvest(source)
    assert job.status == "success" and "speaking CSW 2.0.2 (source option version=auto; the server offers 2.0.2)" in (
        job.log
    )
    capabilities_asked = [r.query["acceptversions"] for r in csw_peer.faults.requests if r.start_position is None]
    assert capabilities_asked == ["2.0.2,3.0.0"]  # one request: nothing lists 3.0.0
    assert all(
        b'<csw:GetRecords xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"' in b for b in get_records_bodies(csw_peer)
    )
    assert live_identifiers(source) == ALL


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("refusal", "message"),
    [
        (VERSION_REFUSED, "the server refused CSW 3.0.0: Invalid value in AcceptVersions: 3.0.0"),
        (ONLY_202, "the server does not speak CSW 3.0.0 (it answered <{http://www.opengis.net/cat/csw/2.0.2}Capab"),
    ],
    ids=["exception", "2.0.2-capabilities"],
)
def test_forcing_3_0_0_on_a_2_0_2_only_server_fails_clearly_and_changes_nothing(csw_peer, refusal, message):
    source = make_source("peer-forced", csw_peer.url, version="2.0.2")
    harvest(source)
    source.refresh_from_db()
    source.options = {**source.options, "version": "3.0.0"}
    source.save()
    csw_peer.faults.clear()
    csw_peer.faults.add(answer(refusal, match=capabilities("3.0.0")))
    job = harvest(source, full=True)
    assert job.status == "failed" and message in job.error_summary
    assert get_records_bodies(csw_peer) == [] and live_identifiers(source) == ALL


@pytest.mark.django_db
def test_auto_stays_with_2_0_2_when_the_listed_3_0_capabilities_are_refused(csw_peer):
    csw_peer.faults.add(answer(VERSION_REFUSED, match=capabilities("3.0.0")))
    source = make_source("peer-half", csw_peer.url)
    job = harvest(source)
    assert job.status == "success" and live_identifiers(source) == ALL
    assert "CSW 3.0.0 is listed but its capabilities are unusable" in job.log
    assert "speaking CSW 2.0.2 (source option version=auto" in job.log


# --- CSW 3.0 paging faults ---------------------------------------------------------------------------------------


def at_start(start: int):
    return lambda request: request.start_position == start


@pytest.mark.django_db
def test_a_3_0_status_complete_without_next_record_before_the_total_stops_and_deletes_nothing(csw_peer):
    source = make_source("peer-30", csw_peer.url, version="3.0.0")
    harvest(source)

    def complete_early(body: bytes) -> bytes:  # page 2 says "complete" and drops nextRecord: a lie (35 announced)
        body = re.sub(rb' nextRecord="\d+"', b"", body)
        return re.sub(rb'status="subset"', b'status="complete"', body)

    csw_peer.faults.requests.clear()
    csw_peer.faults.add(Fault(at_start(11), rewrite_response=complete_early))
    job = harvest(source, full=True)
    assert job.status == "partial" and "nextRecord=0 before the 35 announced records" in job.log
    assert csw_peer.faults.get_records_starts() == [1, 11]
    assert live_identifiers(source) == ALL and job.deleted == 0


@pytest.mark.django_db
def test_a_3_0_next_record_that_repeats_is_stopped_with_exactly_the_pages_read(csw_peer):
    source = make_source("peer-30", csw_peer.url, version="3.0.0")
    # Pages 2 and 3 both point to 21 (a server stuck on its cursor): page 3 is read once, then the loop stops.
    csw_peer.faults.add(
        Fault(
            lambda r: r.start_position in (11, 21),
            rewrite_response=lambda body: re.sub(rb'nextRecord="\d+"', b'nextRecord="21"', body),
        )
    )
    job = harvest(source)
    assert job.status == "partial" and "nextRecord=21 goes backwards or repeats" in job.log
    assert csw_peer.faults.get_records_starts() == [1, 11, 21]
    assert live_identifiers(source) == ALL[:30]


@pytest.mark.django_db
def test_a_resumed_job_keeps_the_version_it_started_with(csw_peer):
    source = make_source("peer-resume", csw_peer.url)  # auto would choose 3.0.0 today
    checkpoint = {
        "start_position": 21,
        "matched": 35,
        "version": "2.0.2",
        "output_schema": "http://www.isotc211.org/2005/gmd",
        "type_names": "gmd:MD_Metadata",
    }
    client = CSWClient(source, checkpoint=checkpoint)
    client.check()
    documents = [d.source_identifier for page in client.pages() for d in page.documents]
    assert client.version is CSW202 and documents == ALL[20:]
    assert all(b"<csw:GetRecords" in body for body in get_records_bodies(csw_peer))


@pytest.mark.django_db
def test_a_3_0_record_schema_other_than_asked_is_logged_once_and_the_records_still_read(csw_peer):
    source = make_source("peer-30", csw_peer.url, version="3.0.0")
    csw_peer.faults.add(
        Fault(
            lambda r: r.start_position is not None,
            rewrite_response=lambda body: body.replace(
                b'recordSchema="http://www.isotc211.org/2005/gmd"', b'recordSchema="http://www.isotc211.org/2005/gmi"'
            ),
        )
    )
    job = harvest(source)
    assert job.status == "success" and live_identifiers(source) == ALL
    assert job.log.count("the server says it answered in http://www.isotc211.org/2005/gmi") == 1
