"""/csw in DataCite 4 (outputSchema http://datacite.org/schema/kernel-4), CSW 2.0.2 and 3.0, read with OWSLib.

Every returned <resource> is validated against DataCite's kernel-4.6 XSD (the one tests/landing uses, from disk) and
matched to the catalogue by DOI and by its alternate (local) identifier. Records without a DOI have no DataCite
metadata, as in our OAI-PMH provider: they are neither matched nor served.
"""

from __future__ import annotations

import pytest
import requests
from lxml import etree
from owslib import fes2
from owslib.csw import CatalogueServiceWeb
from owslib.fes import PropertyIsLike
from owslib.ows import ExceptionReport

from catalogue.csw.datacite import MANDATORY, RECOMMENDED
from catalogue.records.models import Record
from tests.landing.test_datacite_xml import datacite_schema

pytestmark = pytest.mark.django_db(transaction=True)

DATACITE = "http://datacite.org/schema/kernel-4"
D = {"d": DATACITE}
CSW2 = "http://www.opengis.net/cat/csw/2.0.2"
CSW3 = "http://www.opengis.net/cat/csw/3.0"


def _with_doi():
    return Record.objects.public().filter(doi__isnull=False)


def _resources(root: etree._Element, csw_ns: str = CSW2) -> list[etree._Element]:
    results = root.find(f"{{{csw_ns}}}SearchResults")
    assert results is not None, etree.tostring(root)[:500]
    children = list(results)
    assert all(etree.QName(child).namespace == DATACITE for child in children)
    assert all(etree.QName(child).localname == "resource" for child in children)
    return children


def _assert_valid(resource: etree._Element) -> None:
    schema = datacite_schema()
    # validated as a document of its own, as a harvester storing it would
    document = etree.fromstring(etree.tostring(resource))
    assert schema.validate(document), schema.error_log.filter_from_errors()


def _local_identifier(resource: etree._Element) -> str:
    return resource.findtext("d:alternateIdentifiers/d:alternateIdentifier", namespaces=D)


def test_capabilities_offer_datacite_once_in_both_versions(csw_url):
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    for operation in ("GetRecords", "GetRecordById"):
        values = csw.get_operation_by_name(operation).parameters["outputSchema"]["values"]
        assert values.count(DATACITE) == 1
    csw3 = CatalogueServiceWeb(csw_url, version="3.0.0", timeout=30)
    # OWSLib 0.28 reads OWS 2.0 parameters from Parameter/Value, not Parameter/AllowedValues/Value: read the XML.
    for operation in ("GetRecords", "GetRecordById"):
        path = f"//ows20:Operation[@name='{operation}']/ows20:Parameter[@name='outputSchema']//ows20:Value/text()"
        assert csw3._exml.xpath(path, namespaces={"ows20": "http://www.opengis.net/ows/2.0"}).count(DATACITE) == 1


def test_get_records_csw2_full_resources_are_valid_and_are_the_records_with_a_doi(csw_url, sample):
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    csw.getrecords2(outputschema=DATACITE, esn="full", maxrecords=100)
    expected = dict(_with_doi().values_list("doi", "identifier"))
    assert csw.results["matches"] == csw.results["returned"] == len(expected) > 0
    resources = _resources(csw._exml)
    assert len(resources) == len(expected)
    for resource in resources:
        _assert_valid(resource)
        doi = resource.findtext("d:identifier", namespaces=D)
        assert resource.find("d:identifier", D).get("identifierType") == "DOI"
        assert _local_identifier(resource) == expected[doi]
    assert {r.findtext("d:identifier", namespaces=D) for r in resources} == set(expected)
    assert not sample.deleted_ids & {_local_identifier(r) for r in resources}


def test_get_records_with_a_filter_and_paging_count_only_records_with_a_doi(csw_url, sample):
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    word = PropertyIsLike("csw:AnyText", "%observations%")  # in every sample title, with or without a DOI
    csw.getrecords2(constraints=[word], outputschema=DATACITE, maxrecords=100)
    observations = _with_doi().filter(title__icontains="observations")
    assert 0 < csw.results["matches"] == observations.count()
    assert observations.count() < Record.objects.public().filter(title__icontains="observations").count()
    titles = [r.findtext("d:titles/d:title", namespaces=D) for r in _resources(csw._exml)]
    assert sorted(titles) == sorted(observations.values_list("title", flat=True))

    seen, start = [], 1
    while start:
        csw.getrecords2(outputschema=DATACITE, esn="brief", startposition=start, maxrecords=4)
        assert csw.results["matches"] == _with_doi().count()
        seen += [r.findtext("d:identifier", namespaces=D) for r in _resources(csw._exml)]
        start = csw.results["nextrecord"]
    assert sorted(seen) == sorted(_with_doi().values_list("doi", flat=True))


def test_element_sets_follow_datacite_obligations_and_stay_valid(csw_url, sample):
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    identifier = "odatis-rec-003"
    record = Record.objects.get(identifier=identifier)
    names = {}
    for esn in ("brief", "summary", "full"):
        csw.getrecordbyid(id=[identifier], outputschema=DATACITE, esn=esn)
        (resource,) = csw._exml.findall("d:resource", D)
        _assert_valid(resource)
        assert resource.findtext("d:identifier", namespaces=D) == record.doi
        names[esn] = {etree.QName(child).localname for child in resource}
    assert names["brief"] == MANDATORY
    assert MANDATORY < names["summary"] <= MANDATORY | RECOMMENDED
    assert {"subjects", "dates", "descriptions", "geoLocations"} <= names["summary"]
    assert names["summary"] < names["full"]
    assert {"alternateIdentifiers", "rightsList", "language"} <= names["full"]


def test_get_record_by_id_csw2_and_csw3(csw_url, sample):
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    with_doi, without_doi = "aeris-rec-007", "aeris-rec-002"
    csw.getrecordbyid(id=[with_doi, without_doi], outputschema=DATACITE)
    resources = csw._exml.findall("d:resource", D)
    assert [_local_identifier(r) for r in resources] == [with_doi]
    assert resources[0].findtext("d:identifier", namespaces=D) == Record.objects.get(identifier=with_doi).doi
    _assert_valid(resources[0])

    # CSW 3.0 answers GetRecordById with the bare record; OWSLib 0.28's csw3 refuses any root but csw30:* ("not
    # CSW-ish"), for gmd as for DataCite, so this request is sent as plain KVP.
    params = {"service": "CSW", "version": "3.0.0", "request": "GetRecordById", "outputschema": DATACITE}
    params["elementsetname"] = "full"
    resource = etree.fromstring(requests.get(csw_url, params={**params, "id": with_doi}, timeout=30).content)
    assert etree.QName(resource).text == f"{{{DATACITE}}}resource"
    _assert_valid(resource)
    assert _local_identifier(resource) == with_doi

    # no DOI, no DataCite record: CSW 3.0 says NotFound, as for an unknown id
    response = requests.get(csw_url, params={**params, "id": without_doi}, timeout=30)
    assert response.status_code == 404 and b"NotFound" in response.content


def test_get_records_csw3(csw_url, sample):
    csw3 = CatalogueServiceWeb(csw_url, version="3.0.0", timeout=30)
    csw3.getrecords(
        constraints=[fes2.PropertyIsLike("csw:AnyText", "%aerosol%")],
        outputschema=DATACITE,
        esn="full",
        maxrecords=100,
    )
    aerosol = _with_doi().filter(title__icontains="aerosol")
    assert csw3.results["matches"] == aerosol.count() > 0
    resources = _resources(etree.fromstring(csw3.response), CSW3)
    for resource in resources:
        _assert_valid(resource)
    assert {_local_identifier(r) for r in resources} == set(aerosol.values_list("identifier", flat=True))


def test_unknown_output_schema_is_an_invalid_parameter_value(csw_url, sample):
    for version in ("2.0.2", "3.0.0"):
        params = {"service": "CSW", "version": version, "request": "GetRecords", "typenames": "csw:Record"}
        params["elementsetname"] = "brief"
        response = requests.get(
            csw_url, params={**params, "outputschema": "http://datacite.org/schema/kernel-3"}, timeout=30
        )
        assert response.status_code < 500
        root = etree.fromstring(response.content)
        assert etree.QName(root).localname == "ExceptionReport"
        exception = root.find("{*}Exception")
        assert (exception.get("exceptionCode"), exception.get("locator").lower()) == (
            "InvalidParameterValue",
            "outputschema",
        )
    # the same through OWSLib's XML POST
    with pytest.raises(ExceptionReport) as report:
        CatalogueServiceWeb(csw_url, timeout=30).getrecords2(outputschema="http://datacite.org/schema/kernel-3")
    assert report.value.code == "InvalidParameterValue"
