"""Published bounding boxes in /csw (Dublin Core, CSW 2.0.2 and 3.0; ISO 19139) and /opensearch (Atom).

The sample's Fiji records (…-rec-007) have one box crossing the antimeridian, 175,-20 to -178,-15; the
…-rec-003 records have two boxes (Europe, then South America). Before the fix pycsw wrote the envelope of the
antimeridian-split geometry: -180..180 for Fiji, one box around both for the two-box records.
"""

from __future__ import annotations

import pytest
import requests
from lxml import etree
from owslib.csw import CatalogueServiceWeb
from owslib.fes import PropertyIsLike

from catalogue.records.models import Record
from tests.csw_sample import EUROPE, FIJI

pytestmark = pytest.mark.django_db(transaction=True)

GMD_NS = "http://www.isotc211.org/2005/gmd"
NS = {
    "ows": "http://www.opengis.net/ows",
    "ows20": "http://www.opengis.net/ows/2.0",
    "csw": "http://www.opengis.net/cat/csw/2.0.2",
    "csw30": "http://www.opengis.net/cat/csw/3.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "gmd": GMD_NS,
    "gco": "http://www.isotc211.org/2005/gco",
    "atom": "http://www.w3.org/2005/Atom",
    "georss": "http://www.georss.org/georss",
    "gml": "http://www.opengis.net/gml",
}
FIJI_ID, TWO_BOXES_ID = "odatis-rec-007", "odatis-rec-003"
SOUTH_AMERICA = (-60.0, -10.0, -50.0, 0.0)


def _box(box) -> tuple[float, float, float, float]:
    return (box.west, box.south, box.east, box.north)


def _floats(text: str) -> tuple[float, ...]:
    return tuple(float(v) for v in text.split())


def _ows_boxes(record: etree._Element, prefix: str = "ows") -> list[tuple[float, float, float, float]]:
    """(west, south, east, north) of each ows:BoundingBox; corners are latitude first (EPSG:4326)."""
    boxes = []
    for box in record.findall(f"{prefix}:BoundingBox", NS):
        south, west = _floats(box.findtext(f"{prefix}:LowerCorner", namespaces=NS))
        north, east = _floats(box.findtext(f"{prefix}:UpperCorner", namespaces=NS))
        boxes.append((west, south, east, north))
    return boxes


def _iso_boxes(metadata: etree._Element) -> list[tuple[float, ...]]:
    return [
        tuple(
            float(box.findtext(f"gmd:{side}/gco:Decimal", namespaces=NS))
            for side in ("westBoundLongitude", "southBoundLatitude", "eastBoundLongitude", "northBoundLatitude")
        )
        for box in metadata.iterfind(".//gmd:EX_GeographicBoundingBox", NS)
    ]


@pytest.mark.parametrize("esn", ["brief", "summary", "full"])
def test_dublin_core_csw2_keeps_the_antimeridian_box_and_every_box(csw_url, sample, esn):
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    csw.getrecordbyid(id=[FIJI_ID, TWO_BOXES_ID], esn=esn)
    records = {r.findtext("dc:identifier", namespaces=NS): r for r in csw._exml.iterfind("csw:*", NS)}
    assert _ows_boxes(records[FIJI_ID]) == [_box(FIJI)]
    assert _ows_boxes(records[TWO_BOXES_ID]) == [_box(EUROPE), SOUTH_AMERICA]

    # OWSLib (QGIS MetaSearch's client) reads the corners as written: west 175 > east -178, nothing rejected.
    fiji = csw.records[FIJI_ID].bbox
    assert (float(fiji.minx), float(fiji.miny), float(fiji.maxx), float(fiji.maxy)) == _box(FIJI)
    assert fiji.crs.code == 4326
    two = csw.records[TWO_BOXES_ID].bbox  # OWSLib keeps the first box only
    assert (float(two.minx), float(two.maxx)) == (EUROPE.west, EUROPE.east)


def test_dublin_core_in_get_records_pages(csw_url, sample):
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    csw.getrecords2(constraints=[PropertyIsLike("csw:AnyText", "%vegetation%")], esn="full", maxrecords=100)
    published = dict(Record.objects.filter(identifier__in=list(csw.records)).values_list("identifier", "bboxes"))
    assert len(published) == len(csw.records) > 6
    assert sum(len(boxes) for boxes in published.values()) > len(published)  # some records have several
    assert any(west > east for boxes in published.values() for west, _, east, _ in boxes)
    for record in csw._exml.iterfind(".//csw:Record", NS):
        identifier = record.findtext("dc:identifier", namespaces=NS)
        assert _ows_boxes(record) == [tuple(box) for box in published[identifier]], identifier


def test_dublin_core_csw3(csw_url, sample):
    params = {"service": "CSW", "version": "3.0.0", "request": "GetRecordById", "elementsetname": "full"}
    fiji = etree.fromstring(requests.get(csw_url, params={**params, "id": FIJI_ID}, timeout=30).content)
    assert etree.QName(fiji).localname == "Record"
    assert _ows_boxes(fiji, "ows20") == [_box(FIJI)]
    assert fiji.find("ows20:BoundingBox", NS).get("crs") == "http://www.opengis.net/def/crs/EPSG/0/4326"
    two = etree.fromstring(requests.get(csw_url, params={**params, "id": TWO_BOXES_ID}, timeout=30).content)
    assert _ows_boxes(two, "ows20") == [_box(EUROPE), SOUTH_AMERICA]


@pytest.mark.parametrize("esn", ["brief", "summary", "full"])
def test_iso19139_generated_and_full_keep_the_published_boxes(csw_url, sample, esn):
    # brief and summary are pycsw's generated ISO; full is our ISO 19139 (catalogue/exports/iso19139.py)
    csw = CatalogueServiceWeb(csw_url, timeout=30)
    csw.getrecordbyid(id=[FIJI_ID, TWO_BOXES_ID], outputschema=GMD_NS, esn=esn)
    documents = {
        m.findtext("gmd:fileIdentifier/gco:CharacterString", namespaces=NS): m
        for m in csw._exml.iterfind("gmd:MD_Metadata", NS)
    }
    assert _iso_boxes(documents[FIJI_ID]) == [_box(FIJI)]
    assert _iso_boxes(documents[TWO_BOXES_ID]) == [_box(EUROPE), SOUTH_AMERICA]
    box = csw.records[FIJI_ID].identification.bbox  # OWSLib's ISO reader: first box, as written
    assert (float(box.minx), float(box.miny), float(box.maxx), float(box.maxy)) == _box(FIJI)


def test_opensearch_atom_entries_carry_the_published_boxes(csw_url, sample):
    base = csw_url.replace("/csw", "/opensearch")
    params = {
        "service": "CSW",
        "version": "3.0.0",
        "request": "GetRecords",
        "elementsetname": "full",
        "typenames": "csw:Record",
        "q": "vegetation",
        "maxrecords": "100",
    }
    feed = etree.fromstring(requests.get(base, params=params, timeout=30).content)
    entries = {e.findtext("dc:identifier", namespaces=NS): e for e in feed.iterfind("atom:entry", NS)}
    assert FIJI_ID in entries and TWO_BOXES_ID in entries

    def boxes(entry):
        found = []
        for envelope in entry.iterfind("georss:where/gml:Envelope", NS):
            south, west = _floats(envelope.findtext("gml:lowerCorner", namespaces=NS))
            north, east = _floats(envelope.findtext("gml:upperCorner", namespaces=NS))
            found.append((west, south, east, north))
        return found

    assert boxes(entries[FIJI_ID]) == [_box(FIJI)]
    assert boxes(entries[TWO_BOXES_ID]) == [_box(EUROPE), SOUTH_AMERICA]
