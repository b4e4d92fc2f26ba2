"""The ISO 19139 writer: schema-valid documents that keep every box, date, identifier and keyword group."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pycsw
import pytest
from lxml import etree

from catalogue.exports.iso19139 import build_iso19139
from catalogue.records.ingest import record_field_values
from catalogue.records.links import absolute, record_path
from catalogue.records.models import Record
from catalogue.records.unified import BBox, Keyword, OnlineResource, Party
from tests.conftest import make_unified

# The ISO 19139 (2007-04-17) schemas pycsw ships for its apiso profile: validation needs no network.
SCHEMAS = Path(pycsw.__file__).parent / "plugins/profiles/apiso/schemas/ogc/iso/19139/20070417"
NS = {
    "gmd": "http://www.isotc211.org/2005/gmd",
    "gco": "http://www.isotc211.org/2005/gco",
    "gmx": "http://www.isotc211.org/2005/gmx",
    "gml": "http://www.opengis.net/gml/3.2",
    "xlink": "http://www.w3.org/1999/xlink",
}


@pytest.fixture(scope="module")
def iso_schema() -> etree.XMLSchema:
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{NS["gmd"]}" schemaLocation="{(SCHEMAS / "gmd/gmd.xsd").as_uri()}"/>'
        f'<xs:import namespace="{NS["gmx"]}" schemaLocation="{(SCHEMAS / "gmx/gmx.xsd").as_uri()}"/>'
        "</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper))


def _record(**fields) -> Record:
    return Record(**record_field_values(make_unified("iso-1", **fields)))


def _full_record() -> Record:
    return _record(
        doi="10.5072/ABC",
        language="fr",
        languages=["fr", "en"],
        translations={"fr": {"title": "Titre"}},
        keywords=[
            Keyword("ocean", "GCMD", "theme"),
            Keyword("Atlantic", "", "place"),
            Keyword("salinity", "GCMD", "theme"),
        ],
        topic_categories=["oceans", "climatologyMeteorologyAtmosphere"],
        creators=[Party(name="Doe, Jane", orcid="0000-0002-1825-0097", role="author")],
        publisher="SEANOE",
        date_created=date(2020, 1, 1),
        date_revised=date(2021, 6, 1),
        temporal_start=date(2000, 1, 1),
        bboxes=[BBox(170, -10, -170, 10), BBox(0, 0, 1, 1)],
        license="CC-BY-4.0",
        license_url="https://creativecommons.org/licenses/by/4.0/",
        constraints=["No restriction"],
        lineage="Measured by CTD casts.",
        online_resources=[
            OnlineResource("https://x.org/d.nc", "WWW:DOWNLOAD-1.0-http--download", "file", "data", "download")
        ],
        formats=["NetCDF"],
        parent_identifier="parent-1",
        version="2",
        resource_type="series",
        platforms=["Argo float"],
        instruments=["CTD"],
    )


def test_a_full_record_is_schema_valid_and_complete(iso_schema):
    record = _full_record()
    doc = build_iso19139(record)
    assert iso_schema.validate(doc), iso_schema.error_log
    text = lambda path: doc.xpath(path, namespaces=NS)  # noqa: E731
    assert text("gmd:fileIdentifier/gco:CharacterString/text()") == ["iso-1"]
    assert text("gmd:language/gmd:LanguageCode/@codeListValue") == ["fre"]
    assert text("gmd:hierarchyLevel/gmd:MD_ScopeCode/@codeListValue") == ["series"]
    ident = "gmd:identificationInfo/gmd:MD_DataIdentification/"
    assert text(ident + "gmd:citation//gmd:identifier//gmx:Anchor/@xlink:href") == ["https://doi.org/10.5072/abc"]
    assert text(ident + "gmd:citation//gmd:dateType/gmd:CI_DateTypeCode/@codeListValue") == ["creation", "revision"]
    boxes = doc.xpath(ident + "gmd:extent//gmd:EX_GeographicBoundingBox", namespaces=NS)
    assert [b.xpath("gmd:westBoundLongitude/gco:Decimal/text()", namespaces=NS)[0] for b in boxes] == ["170.0", "0.0"]
    assert text(ident + "gmd:extent//gml:beginPosition/text()") == ["2000-01-01"]
    assert text(ident + "gmd:extent//gml:endPosition/@indeterminatePosition") == ["now"]
    groups = doc.xpath(ident + "gmd:descriptiveKeywords/gmd:MD_Keywords", namespaces=NS)
    gcmd = [g for g in groups if g.xpath(".//gmd:thesaurusName//gco:CharacterString/text()", namespaces=NS) == ["GCMD"]]
    assert gcmd[0].xpath("gmd:keyword/gco:CharacterString/text()", namespaces=NS) == ["ocean", "salinity"]
    types = {
        g.xpath("gmd:type/*/@codeListValue", namespaces=NS)[0] for g in groups if g.find("gmd:type", NS) is not None
    }
    assert {"theme", "place", "platform", "instrument"} <= types
    assert text(ident + "gmd:topicCategory/gmd:MD_TopicCategoryCode/text()") == [
        "oceans",
        "climatologyMeteorologyAtmosphere",
    ]
    assert text(ident + "gmd:resourceConstraints//gmd:otherConstraints/gmx:Anchor/@xlink:href") == [
        "https://creativecommons.org/licenses/by/4.0/"
    ]
    links = text("gmd:distributionInfo//gmd:CI_OnlineResource/gmd:linkage/gmd:URL/text()")
    # The data, the DOI landing page, and the record's page in this catalogue (issue 16: every record links to it).
    assert links == ["https://x.org/d.nc", "https://doi.org/10.5072/abc", absolute(record_path(record.pk))]
    assert text("gmd:dataQualityInfo//gmd:lineage//gmd:statement/gco:CharacterString/text()") == [
        "Measured by CTD casts."
    ]


def test_a_minimal_record_is_schema_valid(iso_schema):
    doc = build_iso19139(_record(keywords=[], organisations=[], abstract=""))
    assert iso_schema.validate(doc), iso_schema.error_log


def test_control_characters_from_sources_do_not_break_the_document(iso_schema):
    doc = build_iso19139(_record(title="Bad\x0bchar\x00s"))
    assert iso_schema.validate(doc), iso_schema.error_log
    assert doc.xpath("//gmd:citation//gmd:title/gco:CharacterString/text()", namespaces=NS) == ["Badchars"]


@pytest.mark.django_db
def test_unreadable_or_wrapped_originals_fall_back_to_our_own_iso():
    from catalogue.exports.iso19139_documents import iso19139_documents, iso19139_elements
    from catalogue.records.ingest import IngestItem, ingest_batch
    from catalogue.records.unified import HarvestedDocument
    from poles.models import HarvestSource

    source = HarvestSource.objects.get(slug="demo-odatis")
    good = b'<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd"><gmd:fileIdentifier/></gmd:MD_Metadata>'
    originals = {"good": good, "broken": b"<gmd:MD_Metadata", "wrapped": b"<envelope>" + good + b"</envelope>"}
    ingest_batch(
        source,
        [IngestItem(HarvestedDocument(k, v), make_unified(k), "iso19139") for k, v in originals.items()],
    )
    records = {r.identifier: r.pk for r in Record.objects.all()}
    documents = iso19139_documents(records.values())
    assert documents[records["good"]] == good
    for identifier in ("broken", "wrapped"):
        root = etree.fromstring(documents[records[identifier]])
        assert root.findtext("gmd:fileIdentifier/gco:CharacterString", namespaces=NS) == identifier
    # The same rule for records already loaded (the OAI-PMH provider), as elements.
    elements = iso19139_elements(list(Record.objects.all()))
    assert etree.tostring(elements[records["good"]]) == good
    for identifier in ("broken", "wrapped"):
        root = elements[records[identifier]]
        assert root.findtext("gmd:fileIdentifier/gco:CharacterString", namespaces=NS) == identifier
