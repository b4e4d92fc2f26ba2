"""CSW conformance gaps of issue 16, each through a real client (OWSLib, QGIS MetaSearch's) or the raw protocol,
and the same records checked through /api/records/ so that every face agrees.

Two catalogues: records harvested over CSW from a real pycsw peer holding the Dublin Core records of dc_records.py
(`harvested_dc`), and the local demo sources harvested (`demo_catalogue`)."""

from __future__ import annotations

import pytest
import requests
from lxml import etree
from owslib import fes2
from owslib.catalogue.csw3 import CatalogueServiceWeb as Csw3
from owslib.csw import CatalogueServiceWeb
from owslib.fes import BBox, Not, PropertyIsEqualTo, PropertyIsLike

from catalogue.csw.config import DEFAULT_MAX_RECORDS
from catalogue.records.models import Record, RecordSource
from tests.standards.dc_records import DCMI, RECORDS

pytestmark = pytest.mark.django_db(transaction=True)

NS = {
    "csw": "http://www.opengis.net/cat/csw/2.0.2",
    "csw30": "http://www.opengis.net/cat/csw/3.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dct": "http://purl.org/dc/terms/",
    "ows": "http://www.opengis.net/ows",
    "ows20": "http://www.opengis.net/ows/2.0",
    "gmd": "http://www.isotc211.org/2005/gmd",
    "gmi": "http://www.isotc211.org/2005/gmi",
    "os": "http://a9.com/-/spec/opensearch/1.1/",
}
BY_ID = {record.identifier: record for record in RECORDS}


def _get(url: str, **params) -> etree._Element:
    response = requests.get(url, params=params, timeout=30)
    assert response.status_code == 200, response.text[:500]
    root = etree.fromstring(response.content)
    assert etree.QName(root).localname != "ExceptionReport", response.text[:800]
    return root


def _get_records(csw_url: str, **params) -> etree._Element:
    base = {"service": "CSW", "version": "2.0.2", "request": "GetRecords", "typenames": "csw:Record",
            "resulttype": "results", "elementsetname": "full"}  # fmt: skip
    return _get(csw_url, **{**base, **params})


def _api_record(base_url: str, identifier: str) -> dict:
    record = Record.objects.get(identifier=identifier)
    response = requests.get(f"{base_url}/api/records/{record.pk}/", timeout=30)
    assert response.status_code == 200
    return response.json()


def _api_count(base_url: str, **params) -> int:
    response = requests.get(f"{base_url}/api/records/", params={**params, "facets": "false"}, timeout=30)
    assert response.status_code == 200, response.text[:300]
    return response.json()["count"]


def test_a_record_without_title_is_harvested_kept_flagged_and_findable(harvested_dc):
    job, csw_url, base_url = harvested_dc
    assert job.status == "success", job.log
    assert (job.seen, job.created, job.failed) == (len(RECORDS), len(RECORDS), 0)
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    csw.getrecords2(maxrecords=50, esn="full")
    assert csw.results["matches"] == len(RECORDS) == _api_count(base_url)
    assert set(csw.records) == set(BY_ID)

    api = _api_record(base_url, "urn:std:untitled-2")
    assert api["title"] == "" and api["label"] == "urn:std:untitled-2"
    assert api["quality_issues"] == ["missing_title"] and "missing_title" in api["issues"]
    # Findable by identifier and by its other fields, through CSW and the API.
    csw.getrecords2(constraints=[PropertyIsEqualTo("dc:identifier", "urn:std:untitled-2")], esn="full")
    assert list(csw.records) == ["urn:std:untitled-2"] and csw.records["urn:std:untitled-2"].title is None
    csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%deployments%")], esn="brief")
    assert list(csw.records) == ["urn:std:untitled-2"] and _api_count(base_url, q="deployments") == 1
    # The portal's record page shows its identifier as its name.
    page = requests.get(
        f"{base_url}{Record.objects.get(identifier='urn:std:untitled-2').get_absolute_url()}", timeout=30
    )
    assert page.status_code == 200 and "urn:std:untitled-2" in page.text


def test_dc_type_is_served_and_filtered_as_the_source_gave_it(harvested_dc):
    _job, csw_url, base_url = harvested_dc
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    csw.getrecords2(maxrecords=50, esn="full")
    assert {identifier: r.type for identifier, r in csw.records.items()} == {r.identifier: r.type for r in RECORDS}
    images = {r.identifier for r in RECORDS if r.type == DCMI + "Image"}
    csw.getrecords2(constraints=[PropertyIsEqualTo("dc:type", DCMI + "Image")], esn="brief")
    assert set(csw.records) == images and len(images) == 2
    csw.getrecords2(constraints=[PropertyIsEqualTo("dc:type", (DCMI + "Image").upper(), matchcase=False)], esn="brief")
    assert set(csw.records) == images
    csw.getrecords2(constraints=[PropertyIsEqualTo("dc:type", (DCMI + "Image").upper())], esn="brief")
    assert csw.results["matches"] == 0  # case-sensitive by default, as FES says
    assert _api_record(base_url, "urn:std:image-1")["source_types"] == [DCMI + "Image"]
    assert _api_record(base_url, "urn:std:image-1")["resource_type"] == "image"  # the portal's facet value


def test_dc_relation_is_served_and_queryable(harvested_dc):
    _job, csw_url, base_url = harvested_dc
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    csw.getrecordbyid(["urn:std:service-3"], esn="full")
    assert csw.records["urn:std:service-3"].relation == "urn:std:image-1"
    csw.getrecords2(constraints=[PropertyIsEqualTo("dc:relation", "urn:std:untitled-2")], esn="brief")
    assert list(csw.records) == ["urn:std:dataset-4"]
    api = _api_record(base_url, "urn:std:dataset-4")
    assert [r["identifier"] for r in api["related_identifiers"]] == ["urn:std:untitled-2"]


def test_not_bbox_includes_records_without_geometry(harvested_dc):
    _job, csw_url, base_url = harvested_dc
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    europe = [40.0, -12.0, 55.0, 8.0]  # lat/lon, as CSW 2.0.2's EPSG:4326
    csw.getrecords2(constraints=[BBox(europe)], esn="brief", maxrecords=50)
    inside = set(csw.records)
    assert inside == {"urn:std:image-1", "urn:std:service-3"}
    assert _api_count(base_url, bbox="-12,40,8,55") == len(inside)
    csw.getrecords2(constraints=[Not([BBox(europe)])], esn="brief", maxrecords=50)
    assert set(csw.records) == set(BY_ID) - inside  # the two records without a box included
    assert {"urn:std:untitled-2", "urn:std:dataset-4"} <= set(csw.records)


def test_property_is_like_on_dc_date(harvested_dc):
    _job, csw_url, _base_url = harvested_dc
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    csw.getrecords2(
        constraints=[PropertyIsLike("dc:date", "200?-10-*", wildCard="*", singleChar="?", escapeChar="\\")],
        esn="brief",
        maxrecords=50,
    )
    expected = {r.identifier for r in RECORDS if r.date[:3] == "200" and r.date[5:7] == "10"}
    assert set(csw.records) == expected and len(expected) == 3


def test_max_record_default_is_what_a_request_without_max_records_gets(demo_catalogue):
    csw_url = f"{demo_catalogue}/csw"
    for version, ns in (("2.0.2", "ows"), ("3.0.0", "ows20")):
        caps = _get(csw_url, service="CSW", version=version, request="GetCapabilities")
        values = caps.xpath(f"//{ns}:Constraint[@name='MaxRecordDefault']//{ns}:Value/text()", namespaces=NS)
        assert values and set(values) == {str(DEFAULT_MAX_RECORDS)}
        typenames = "csw:Record" if version == "2.0.2" else "csw30:Record"
        root = _get_records(csw_url, version=version, typenames=typenames, elementsetname="brief")
        results = root.find(f".//{{{NS['csw' if version == '2.0.2' else 'csw30']}}}SearchResults")
        assert (
            int(results.get("numberOfRecordsReturned")) == int(values[0]) < int(results.get("numberOfRecordsMatched"))
        )


def test_qgis_metasearch_reads_every_iso_hit_and_the_gmi_original_stays_reachable(demo_catalogue):
    csw = CatalogueServiceWeb(f"{demo_catalogue}/csw", timeout=30)
    csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%argo%")], esn="full", maxrecords=50)
    argo = set(csw.records)
    assert len(argo) == csw.results["matches"] == _api_count(demo_catalogue, q="argo") >= 3
    csw.getrecords2(
        constraints=[PropertyIsLike("csw:AnyText", "%argo%")],
        outputschema=NS["gmd"],
        esn="full",
        maxrecords=50,
    )
    assert set(csw.records) == argo and all(record.identification for record in csw.records.values())
    sources = RecordSource.objects.filter(record__identifier__in=argo).select_related("record")
    gmi_ids = {rs.record.identifier for rs in sources if b"gmi:MI_Metadata" in bytes(rs.original_xml)}
    assert gmi_ids, "the demo's Argo records include gmi:MI_Metadata originals"
    identifier = sorted(gmi_ids)[0]
    original = _get(f"{demo_catalogue}/csw", service="CSW", version="2.0.2", request="GetRecordById",
                    id=identifier, outputschema=NS["gmi"], elementsetname="full")  # fmt: skip
    assert original.find("gmi:MI_Metadata", NS) is not None
    served = _get(f"{demo_catalogue}/csw", service="CSW", version="2.0.2", request="GetRecordById",
                  id=identifier, outputschema=NS["gmd"], elementsetname="full")  # fmt: skip
    assert served.find("gmd:MD_Metadata", NS) is not None and served.find("gmi:MI_Metadata", NS) is None
    api = _api_record(demo_catalogue, identifier)
    xml = requests.get(f"{demo_catalogue}{api['provenance'][0]['original_xml_url']}", timeout=30).content
    assert etree.QName(etree.fromstring(xml)).localname == "MI_Metadata"


def test_dublin_core_records_link_to_doi_and_portal_page(demo_catalogue):
    csw = CatalogueServiceWeb(f"{demo_catalogue}/csw", timeout=30)
    datacite = set(
        Record.objects.public()
        .filter(metadata_standard="datacite")
        .exclude(doi=None)
        .values_list("identifier", flat=True)[:5]
    )
    assert datacite
    csw.getrecordbyid(sorted(datacite), esn="full")
    assert set(csw.records) == datacite
    for identifier, record in csw.records.items():
        stored = Record.objects.get(identifier=identifier)
        urls = {reference["url"] for reference in record.references}
        assert f"https://doi.org/{stored.doi}" in urls
        assert f"{demo_catalogue}/records/{stored.pk}/" in urls
        assert requests.get(f"{demo_catalogue}/records/{stored.pk}/", timeout=30).status_code == 200
    csw.getrecords2(maxrecords=200, esn="full")
    assert all(
        any(ref["url"].startswith(f"{demo_catalogue}/records/") for ref in record.references)
        for record in csw.records.values()
    )


def test_csw30_bbox_from_owslib_fes2_and_unprefixed_cql(demo_catalogue):
    csw_url = f"{demo_catalogue}/csw"
    csw2 = CatalogueServiceWeb(csw_url, timeout=30)
    box = [40.0, -10.0, 52.0, 10.0]  # lat/lon
    csw2.getrecords2(constraints=[BBox(box)], esn="brief", maxrecords=1)
    expected = csw2.results["matches"]
    assert expected == _api_count(demo_catalogue, bbox="-10,40,10,52") > 0
    csw3 = Csw3(csw_url, timeout=30)
    csw3.getrecords(constraints=[fes2.BBox(box)], esn="brief", maxrecords=1)
    assert csw3.results["matches"] == expected
    # A GML 3.2 envelope (what FES 2.0 clients other than OWSLib write) gives the same hits.
    envelope = (
        etree.tostring(fes2.BBox(box).toXML())
        .decode()
        .replace('xmlns:gml311="http://www.opengis.net/gml"', 'xmlns:gml311="http://www.opengis.net/gml/3.2"')
    )
    body = (
        '<csw30:GetRecords xmlns:csw30="http://www.opengis.net/cat/csw/3.0" xmlns:fes="http://www.opengis.net/fes/2.0"'
        ' service="CSW" version="3.0.0" maxRecords="1"><csw30:Query typeNames="csw30:Record">'
        '<csw30:ElementSetName>brief</csw30:ElementSetName><csw30:Constraint version="2.0.0"><fes:Filter>'
        f"{envelope}</fes:Filter></csw30:Constraint></csw30:Query></csw30:GetRecords>"
    )
    response = requests.post(csw_url, data=body.encode(), headers={"Content-Type": "application/xml"}, timeout=30)
    results = etree.fromstring(response.content).find(".//csw30:SearchResults", NS)
    assert results is not None, response.text[:500]
    assert int(results.get("numberOfRecordsMatched")) == expected

    csw2.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%argo%")], esn="brief", maxrecords=1)
    prefixed = csw2.results["matches"]
    csw2.getrecords2(cql="AnyText like '%argo%'", esn="brief", maxrecords=1)
    assert csw2.results["matches"] == prefixed > 0
    root = _get_records(csw_url, constraintlanguage="CQL_TEXT", constraint_language_version="1.1.0",
                        constraint="anytext LIKE '%argo%'", resulttype="hits", elementsetname="brief")  # fmt: skip
    assert int(root.find(".//csw:SearchResults", NS).get("numberOfRecordsMatched")) == prefixed


def test_every_advertised_output_schema_works(demo_catalogue):
    csw_url = f"{demo_catalogue}/csw"
    some_doi_record = Record.objects.public().exclude(doi=None).values_list("identifier", flat=True)[0]
    for version, ns, typenames in (("2.0.2", "ows", "csw:Record"), ("3.0.0", "ows20", "csw30:Record")):
        caps = _get(csw_url, service="CSW", version=version, request="GetCapabilities")
        for operation in ("GetRecords", "GetRecordById"):
            schemas = caps.xpath(
                f"//{ns}:Operation[@name='{operation}']/{ns}:Parameter[@name='outputSchema']//{ns}:Value/text()",
                namespaces=NS,
            )
            assert "http://gcmd.gsfc.nasa.gov/Aboutus/xml/dif/" in schemas and len(schemas) >= 8
            for schema in schemas:
                for esn in ("brief", "summary", "full"):
                    if operation == "GetRecords":
                        root = _get_records(csw_url, version=version, typenames=typenames, outputschema=schema,
                                            elementsetname=esn, maxrecords="3")  # fmt: skip
                        results = root.xpath("//*[local-name()='SearchResults']")[0]
                        assert int(results.get("numberOfRecordsReturned")) == len(results) == 3, (schema, esn)
                    else:
                        root = _get(csw_url, service="CSW", version=version, request="GetRecordById",
                                    id=some_doi_record, outputschema=schema, elementsetname=esn)  # fmt: skip
                        # CSW 2.0.2 wraps the record in GetRecordByIdResponse, CSW 3.0 answers the record itself.
                        if etree.QName(root).localname == "GetRecordByIdResponse":
                            assert len(root) == 1, (schema, esn, etree.tostring(root)[:300])
                        else:
                            assert version == "3.0.0" and etree.QName(root).localname != "ExceptionReport", schema


def test_provenance_first_seen_is_never_after_last_seen(demo_catalogue):
    rows = list(RecordSource.objects.values_list("first_seen", "last_seen"))
    assert len(rows) >= 120 and all(first <= last for first, last in rows)
    # Through the API too, after a second harvest has moved last_seen.
    from harvesters.job_queue import create_job
    from harvesters.jobs import run_job
    from poles.models import HarvestSource

    run_job(create_job(HarvestSource.objects.get(slug="demo-odatis")).pk)
    record = Record.objects.filter(source_slugs__contains=["demo-odatis"]).first()
    provenance = _api_record(demo_catalogue, record.identifier)["provenance"]
    assert provenance and all(p["first_seen"] <= p["last_seen"] for p in provenance)


def test_opensearch_description_names_us_and_its_example_finds_records(demo_catalogue):
    root = _get(f"{demo_catalogue}/opensearch")
    short, long_ = root.findtext("os:ShortName", namespaces=NS), root.findtext("os:LongName", namespaces=NS)
    assert short == "Data Terra" and len(short) <= 16 and long_ and len(long_) <= 48
    images = root.findall("os:Image", NS)
    assert images and all(image.text.startswith(demo_catalogue) for image in images)
    for image in images:
        response = requests.get(image.text, timeout=30)
        assert response.status_code == 200 and response.content[:8] == b"\x89PNG\r\n\x1a\n"
    example = root.find("os:Query[@role='example']", NS).get("searchTerms")
    assert example != "cat"
    template = root.find("os:Url[@type='application/atom+xml']", NS).get("template")
    assert "%%" not in template
    url = template.replace("{searchTerms?}", requests.utils.quote(example))
    for name in ("geo:uid", "geo:box", "time:start", "time:end", "startIndex", "count", "eo:cloudCover",
                 "eo:instrument", "eo:orbitDirection", "eo:orbitNumber", "eo:platform", "eo:processingLevel",
                 "eo:productType", "eo:sensorType", "eo:snowCover", "eo:spectralRange"):  # fmt: skip
        url = url.replace("{" + name + "?}", "")
    feed = etree.fromstring(requests.get(url, timeout=30).content)
    total = feed.findtext("os:totalResults", namespaces=NS)
    assert total is not None and int(total) == _api_count(demo_catalogue, q=example) > 0
