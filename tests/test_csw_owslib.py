"""/csw driven by OWSLib's CatalogueServiceWeb (the client inside QGIS MetaSearch) against the live Django server.

Counts are compared with the ORM through Record.objects.public(), the portal's visibility rule.
"""

from __future__ import annotations

import pytest
import requests
from django.conf import settings
from django.db.models import Q
from lxml import etree
from owslib import fes2
from owslib.csw import CatalogueServiceWeb
from owslib.fes import And, BBox, PropertyIsGreaterThanOrEqualTo, PropertyIsLike, SortBy, SortProperty

from catalogue.records.models import Record
from tests.csw_sample import FIJI, GMD

pytestmark = pytest.mark.django_db(transaction=True)

GMD_NS = "http://www.isotc211.org/2005/gmd"
OWS = {"ows": "http://www.opengis.net/ows", "ows20": "http://www.opengis.net/ows/2.0"}


@pytest.fixture
def csw(csw_url):
    return CatalogueServiceWeb(csw_url, timeout=30)


def _all_pages(csw, page_size, **kwargs):
    """Page like a careful client: follow nextRecord until 0, and check the counters on the way."""
    seen, start, matched = [], 1, None
    while True:
        csw.getrecords2(startposition=start, maxrecords=page_size, esn="brief", **kwargs)
        matched = csw.results["matches"] if matched is None else matched
        assert csw.results["matches"] == matched
        assert csw.results["returned"] == len(csw.records)
        seen.extend(csw.records)
        if csw.results["nextrecord"] == 0:
            return seen, matched
        assert csw.results["nextrecord"] == start + page_size
        start = csw.results["nextrecord"]


def test_capabilities_carry_the_portal_identity_and_are_read_only(csw):
    assert csw.identification.title == settings.CATALOGUE_TITLE
    assert csw.identification.abstract == settings.CATALOGUE_ABSTRACT
    assert csw.provider.name == "Data Terra"
    assert csw.provider.contact.email == settings.CATALOGUE_CONTACT_EMAIL
    operations = {op.name for op in csw.operations}
    assert {"GetCapabilities", "DescribeRecord", "GetDomain", "GetRecords", "GetRecordById"} <= operations
    assert not operations & {"Transaction", "Harvest"}
    get_records = csw.get_operation_by_name("GetRecords")
    assert GMD_NS in get_records.parameters["outputSchema"]["values"]
    assert get_records.methods[0]["url"].startswith(csw.url)


def test_describe_record_and_get_domain(csw, sample):
    csw.describerecord(typename="csw:Record")
    assert b"csw-record" in etree.tostring(csw._exml)
    csw.getdomain("dc:type", dtype="property")
    assert csw.results["type"] == "csw:Record"
    assert any(value.startswith("dataset") for value in csw.results["values"])
    csw.getdomain("GetRecords.resultType")
    assert set(csw.results["values"]) == {"hits", "results", "validate"}


def test_anytext_like_uses_full_text_and_matches_the_orm(csw, sample):
    csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%salinity%")], maxrecords=100, esn="full")
    orm = Record.objects.public().filter(Q(title__icontains="salinity") | Q(abstract__icontains="salinity"))
    assert csw.results["matches"] == orm.count() > 0
    assert set(csw.records) == set(orm.values_list("identifier", flat=True))
    record = next(iter(csw.records.values()))
    assert "salinity" in record.title.lower()
    assert record.bbox is not None


def test_anytext_finds_hub_names_and_doi(csw, sample):
    csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%AERIS%")], maxrecords=100)
    assert csw.results["matches"] == Record.objects.public().for_pole("AERIS").count() > 0
    csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "10.12770/theia-003")], maxrecords=100)
    assert list(csw.records) == ["theia-rec-003"]


def test_anytext_finds_what_the_search_api_finds_in_french_and_english(csw, csw_url, sample):
    """AnyText runs on the portal's search vector and query: French and English stems, accents or not, topic
    categories; the counts equal /api/records/?q= on the same data."""
    from catalogue.records.ingest import IngestItem, ingest_batch
    from catalogue.records.unified import HarvestedDocument
    from poles.models import HarvestSource
    from tests.conftest import make_unified

    french = make_unified(
        "odatis-fr-001",
        title="Température de surface de la mer en Méditerranée",
        abstract="Mesures des pêcheries côtières.",
        language="fr",
    )
    source = HarvestSource.objects.get(slug="demo-odatis")
    ingest_batch(source, [IngestItem(HarvestedDocument(french.identifier, b"<x/>"), french, "dublincore")])
    api = csw_url.replace("/csw", "/api/records/")
    for literal, expected in (
        ("%temperature%", {"odatis-fr-001"}),  # French title without its accents
        ("%Température%", {"odatis-fr-001"}),
        ("%pêche%", {"odatis-fr-001"}),  # French prefix: pêcheries
        ("%oceans%", None),  # topic category of the salinity records
        ("%salinity%", None),
    ):
        csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", literal)], maxrecords=100)
        found = requests.get(api, params={"q": literal.strip("%"), "page_size": 100}, timeout=30).json()
        assert csw.results["matches"] == found["count"] > 0, literal
        api_ids = [item["id"] for item in found["results"]]
        assert set(csw.records) == set(Record.objects.filter(pk__in=api_ids).values_list("identifier", flat=True))
        if expected is not None:
            assert set(csw.records) == expected, literal
    oceans = Record.objects.public().filter(topic_categories__contains=["oceans"]).values_list("identifier", flat=True)
    csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%oceans%")], maxrecords=100)
    assert set(oceans) <= set(csw.records)


def test_bbox_filter_including_across_the_antimeridian(csw, sample):
    # EPSG:4326 without an axis hint is latitude first (OGC), as pycsw and OWSLib agree.
    csw.getrecords2(constraints=[BBox([40, -10, 55, 20])], maxrecords=100)
    europe = Record.objects.public().filter(bboxes__contains=[[-5.0, 41.0, 10.0, 51.0]]).count()
    assert csw.results["matches"] == europe > 0

    # A query box from 170E to 170W (west > east) must find the Fiji records and nothing in Europe.
    csw.getrecords2(constraints=[BBox([-25, 170, -10, -170])], maxrecords=100)
    fiji = Record.objects.public().filter(bboxes__contains=[[FIJI.west, FIJI.south, FIJI.east, FIJI.north]])
    assert csw.results["matches"] == fiji.count() > 0
    assert set(csw.records) == set(fiji.values_list("identifier", flat=True))


def test_date_filter_and_combination(csw, sample):
    since = PropertyIsGreaterThanOrEqualTo("dc:date", "2005-01-01")
    csw.getrecords2(constraints=[since], maxrecords=100)
    dated = Q(date_revised__gte="2005-01-01") | Q(date_revised__isnull=True, date_published__gte="2005-01-01")
    assert csw.results["matches"] == Record.objects.public().filter(dated).count() > 0

    both = And([since, PropertyIsLike("csw:AnyText", "%seismic%")])
    csw.getrecords2(constraints=[both], maxrecords=100)
    assert csw.results["matches"] == Record.objects.public().filter(dated, title__icontains="seismic").count() > 0


def test_sorting_by_title_descending(csw, sample):
    sortby = SortBy([SortProperty("dc:title", "DESC")])
    csw.getrecords2(sortby=sortby, maxrecords=100, esn="brief")
    titles = [r.title for r in csw.records.values()]
    assert titles == sorted(titles, reverse=True)
    assert len(titles) == Record.objects.public().count()


@pytest.mark.parametrize("page_size", [1, 7, 31, 1000])
def test_paging_visits_every_live_record_exactly_once(csw, sample, page_size):
    seen, matched = _all_pages(csw, page_size)
    assert matched == Record.objects.public().count() == len(sample.live_ids)
    assert len(seen) == len(set(seen)) == matched
    assert set(seen) == sample.live_ids


def test_paging_is_stable_under_a_sort_with_ties(csw, sample):
    # Many records share a title word; the repository adds a unique tie-breaker so pages never overlap.
    sortby = SortBy([SortProperty("dc:type", "ASC")])
    seen, matched = _all_pages(csw, 4, sortby=sortby)
    assert len(seen) == len(set(seen)) == matched == len(sample.live_ids)


def test_deleted_records_are_not_served(csw, sample):
    deleted = sorted(sample.deleted_ids)[0]
    csw.getrecordbyid(id=[deleted])
    assert csw.records == {}
    seen, _ = _all_pages(csw, 50)
    assert not sample.deleted_ids & set(seen)


def test_get_record_by_id_in_dublin_core_and_generated_iso(csw, sample):
    identifier = "odatis-rec-003"
    record = Record.objects.get(identifier=identifier)
    csw.getrecordbyid(id=[identifier], esn="full")
    dc = csw.records[identifier]
    assert dc.title == record.title
    assert dc.abstract == record.abstract

    csw.getrecordbyid(id=[identifier], outputschema=GMD_NS, esn="full")
    iso = csw.records[identifier]
    assert iso.identifier == identifier
    assert iso.identification.title == record.title
    # every box is kept (OWSLib reads the first; the XML has both)
    boxes = csw._exml.findall(".//gmd:EX_GeographicBoundingBox", namespaces=GMD)
    assert len(boxes) == len(record.bboxes) == 2
    anchors = csw._exml.xpath(
        ".//gmd:identifier//gmx:Anchor/@xlink:href",
        namespaces={**GMD, "gmx": "http://www.isotc211.org/2005/gmx", "xlink": "http://www.w3.org/1999/xlink"},
    )
    assert anchors == [f"https://doi.org/{record.doi}"]


def test_get_record_by_id_serves_the_stored_iso_original(csw, sample, corpus_dir):
    csw.getrecordbyid(id=[sample.iso_identifier], outputschema=GMD_NS, esn="full")
    iso = csw.records[sample.iso_identifier]
    assert iso.identification.title == sample.iso_title
    served = csw._exml.find("gmd:MD_Metadata", namespaces=GMD)
    original = etree.fromstring((corpus_dir / "iso19139/pycsw__T_ortho_RAS_1998_284404.xml").read_bytes())
    # verbatim: the same elements, attributes and text (namespace declarations move to the response root)
    assert etree.tostring(served, method="c14n", exclusive=True) == etree.tostring(
        original, method="c14n", exclusive=True
    )


def test_csw3_kvp_and_opensearch(csw_url, sample):
    response = requests.get(
        csw_url,
        params={
            "service": "CSW",
            "version": "3.0.0",
            "request": "GetRecords",
            "typenames": "csw:Record",
            "elementsetname": "brief",
            "q": "vegetation",
            "maxrecords": "100",
        },
        timeout=30,
    )
    root = etree.fromstring(response.content)
    matched = root.find("{http://www.opengis.net/cat/csw/3.0}SearchResults").get("numberOfRecordsMatched")
    assert int(matched) == Record.objects.public().filter(title__icontains="vegetation").count() > 0

    base = csw_url.replace("/csw", "/opensearch")
    description = etree.fromstring(requests.get(base, timeout=30).content)
    os_ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    template = description.find("os:Url", namespaces=os_ns).get("template")
    assert template.startswith(base) and "{geo:box?}" in template and "{time:start?}" in template
    feed = etree.fromstring(
        requests.get(
            base,
            params={
                "service": "CSW",
                "version": "3.0.0",
                "request": "GetRecords",
                "elementsetname": "full",
                "typenames": "csw:Record",
                "q": "salinity",
                "bbox": "170,-25,-170,-10",
            },
            timeout=30,
        ).content
    )
    total = int(feed.findtext("os:totalResults", namespaces=os_ns))
    fiji_salinity = Record.objects.public().filter(
        title__icontains="salinity", bboxes__contains=[[175.0, -20.0, -178.0, -15.0]]
    )
    assert total == fiji_salinity.count()


def _exception(response) -> tuple[str, str]:
    assert response.status_code < 500
    root = etree.fromstring(response.content)
    assert etree.QName(root).localname == "ExceptionReport", response.content[:300]
    exception = root.find("ows:Exception", namespaces=OWS)
    if exception is None:
        exception = root.find("ows20:Exception", namespaces=OWS)
    return exception.get("exceptionCode"), exception.get("locator")


def test_bad_requests_answer_an_exception_report(csw_url, sample):
    base = {"service": "CSW", "version": "2.0.2"}
    assert _exception(requests.get(csw_url, params={**base, "request": "Frobnicate"}, timeout=30)) == (
        "InvalidParameterValue",
        "request",
    )
    assert _exception(requests.get(csw_url, params={**base, "request": "Transaction"}, timeout=30))[0] == (
        "OperationNotSupported"
    )
    bad_filter = {
        **base,
        "request": "GetRecords",
        "typenames": "csw:Record",
        "elementsetname": "brief",
        "constraintlanguage": "CQL_TEXT",
        "constraint": "dc:title ~~ 'x",
    }
    assert _exception(requests.get(csw_url, params=bad_filter, timeout=30)) == ("InvalidParameterValue", "constraint")
    bad_schema = {**base, "request": "GetRecordById", "id": "odatis-rec-000", "outputschema": "urn:x-unknown"}
    assert _exception(requests.get(csw_url, params=bad_schema, timeout=30)) == ("InvalidParameterValue", "outputschema")
    malformed = requests.post(
        csw_url,
        data=b"<csw:GetRecords xmlns:csw='x'><unclosed>",
        timeout=30,
        headers={"Content-Type": "application/xml"},
    )
    assert _exception(malformed)[0] == "NoApplicableCode"
    entity_bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    assert _exception(requests.post(csw_url, data=entity_bomb, timeout=30))[0] == "NoApplicableCode"


def test_config_and_response_handler_parameters_are_ignored(csw_url, sample):
    response = requests.get(
        csw_url,
        params={"service": "CSW", "version": "2.0.2", "request": "GetCapabilities", "config": "/etc/passwd"},
        timeout=30,
    )
    assert b"Data Terra" in response.content and b"ExceptionReport" not in response.content


def test_max_records_default_and_cap(csw_url, sample):
    params = {
        "service": "CSW",
        "version": "2.0.2",
        "request": "GetRecords",
        "typenames": "csw:Record",
        "elementsetname": "brief",
        "resulttype": "results",
    }
    ns = {"csw": "http://www.opengis.net/cat/csw/2.0.2"}
    default = etree.fromstring(requests.get(csw_url, params=params, timeout=30).content)
    assert default.find("csw:SearchResults", namespaces=ns).get("numberOfRecordsReturned") == "10"
    big = etree.fromstring(requests.get(csw_url, params={**params, "maxrecords": "5000"}, timeout=30).content)
    results = big.find("csw:SearchResults", namespaces=ns)
    assert results.get("numberOfRecordsReturned") == str(len(sample.live_ids))  # capped at 1000, all 31 fit
    assert results.get("nextRecord") == "0"


def test_csw3_with_owslib(csw_url, sample):
    csw3 = CatalogueServiceWeb(csw_url, version="3.0.0", timeout=30)
    assert csw3.identification.title == settings.CATALOGUE_TITLE
    csw3.getrecords(constraints=[fes2.PropertyIsLike("csw:AnyText", "%aerosol%")], maxrecords=100, esn="full")
    orm = Record.objects.public().filter(title__icontains="aerosol")
    assert csw3.results["matches"] == orm.count() > 0
    assert set(csw3.records) == set(orm.values_list("identifier", flat=True))
    # CSW 3.0 answers GetRecordById with the bare record (OWSLib 0.28 does not map it into .records)
    csw3.getrecordbyid(id=["aeris-rec-001"])
    record = etree.fromstring(csw3.response)
    assert etree.QName(record).localname == "Record"
    dc = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert record.findtext("dc:title", namespaces=dc) == Record.objects.get(identifier="aeris-rec-001").title
