"""The published bounding boxes in pycsw's generated records (csw:Record, generated gmd brief/summary, Atom).

pycsw writes one box per record, the envelope of the view's geometry. That geometry is the published boxes split
at the antimeridian (records/geo.py), so a Fiji box 177,-20 to -178,-15 came out as -180..180, and a record with
several boxes as the envelope of all of them. Here each writer's box is replaced by the record's boxes as published
(Record.bboxes, the view's `published_bboxes` column): one box per published box, west > east kept for a box
crossing the antimeridian.

Why west > east rather than two boxes split at 180: OWS Common (06-121r9 §10.2.5, 2.0 the same) lets a
BoundingBox's LowerCorner longitude exceed its UpperCorner's for a box crossing the antimeridian, the geo:box of
OpenSearch Geo does the same, and OWSLib 0.28.1 (QGIS MetaSearch's client) reads the corners as given, without
reordering or rejecting them (owslib.ows.BoundingBox; tests/test_csw_boxes.py reads them back). A split would
turn one published box into two that OWSLib, which keeps only a record's first ows:BoundingBox, reads as half of it.
The stored ISO originals and our generated ISO 19139 (full) already carry the published boxes and are not touched.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from lxml import etree

from catalogue.exports.iso19139 import add_bounding_box
from catalogue.records.links import absolute, record_path

OWS = "http://www.opengis.net/ows"
OWS20 = "http://www.opengis.net/ows/2.0"
GMD = "http://www.isotc211.org/2005/gmd"
GML = "http://www.opengis.net/gml"
GEORSS = "http://www.georss.org/georss"
DCT = "http://purl.org/dc/terms/"

# pycsw's own CRS names (and so latitude-first corners) for CSW 2.0.2 and 3.0 records.
OWS_CRS = {OWS: "urn:x-ogc:def:crs:EPSG:6.11:4326", OWS20: "http://www.opengis.net/def/crs/EPSG/0/4326"}


def _number(value: float) -> str:
    return str(float(value))


def _corners(parent: etree._Element, tags: tuple[str, str], box: Sequence[float]) -> None:
    west, south, east, north = box
    etree.SubElement(parent, tags[0]).text = f"{_number(south)} {_number(west)}"
    etree.SubElement(parent, tags[1]).text = f"{_number(north)} {_number(east)}"


def ows_bounding_box(namespace: str, box: Sequence[float]) -> etree._Element:
    element = etree.Element(f"{{{namespace}}}BoundingBox", crs=OWS_CRS[namespace], dimensions="2")
    _corners(element, (f"{{{namespace}}}LowerCorner", f"{{{namespace}}}UpperCorner"), box)
    return element


def georss_where(box: Sequence[float]) -> etree._Element:
    where = etree.Element(f"{{{GEORSS}}}where")
    envelope = etree.SubElement(where, f"{{{GML}}}Envelope", srsName="http://www.opengis.net/def/crs/EPSG/0/4326")
    _corners(envelope, (f"{{{GML}}}lowerCorner", f"{{{GML}}}upperCorner"), box)
    return where


def gmd_geographic_element(box: Sequence[float]) -> etree._Element:
    element = etree.Element(f"{{{GMD}}}geographicElement")
    add_bounding_box(element, box)  # as our generated ISO 19139 writes it
    return element


def _replace(old: list[etree._Element], new: list[etree._Element]) -> None:
    """Put `new` where the first of `old` was, and drop all of `old`."""
    if not old or not new:
        return
    parent = old[0].getparent()
    position = parent.index(old[0])
    for element in old:
        parent.remove(element)
    for offset, element in enumerate(new):
        parent.insert(position + offset, element)


def _is_ours(row) -> bool:
    """A row of our repository (catalogue/csw/repository.py). The wrappers are on pycsw's classes, so a standalone
    pycsw in the same process (the harvest peer of the tests) goes through them too, with its own rows."""
    return hasattr(row, "published_bboxes")


def published_boxes(row) -> list:
    boxes = row.published_bboxes
    return json.loads(boxes) if isinstance(boxes, str) else boxes or []


def add_record_links(record: etree._Element, row) -> None:
    """A full csw:Record refers to the record's DOI landing page and its portal page (dct:references), as its ISO
    output does: the DataCite-sourced records had no link at all in Dublin Core."""
    if etree.QName(record).localname != "Record" or not _is_ours(row) or not row.record_id:
        return
    present = {element.text for element in record.iterfind(f"{{{DCT}}}references")}
    wanted = [("WWW:LINK-1.0-http--link", absolute(record_path(row.record_id)))]
    if row.doi:
        wanted.insert(0, ("DOI", f"https://doi.org/{row.doi}"))
    boxes = [child for child in record if etree.QName(child).localname in ("BoundingBox", "WGS84BoundingBox")]
    position = record.index(boxes[0]) if boxes else len(record)
    for scheme, url in wanted:
        if url not in present:
            element = etree.Element(f"{{{DCT}}}references", scheme=scheme)
            element.text = url
            record.insert(position, element)
            position += 1


def rewrite_csw_record(record: etree._Element, row) -> etree._Element:
    if not _is_ours(row):
        return record
    for namespace in (OWS, OWS20):
        old = record.findall(f"{{{namespace}}}BoundingBox")
        if old:
            _replace(old, [ows_bounding_box(namespace, box) for box in published_boxes(row)])
    add_record_links(record, row)
    return record


def rewrite_atom_entry(entry: etree._Element, row) -> etree._Element:
    if not _is_ours(row):
        return entry
    _replace(entry.findall(f"{{{GEORSS}}}where"), [georss_where(box) for box in published_boxes(row)])
    return entry


def rewrite_generated_iso(metadata: etree._Element, row) -> etree._Element:
    if not _is_ours(row):
        return metadata
    for extent in metadata.iterfind(f"{{{GMD}}}identificationInfo/*/{{{GMD}}}extent/{{{GMD}}}EX_Extent"):
        old = extent.findall(f"{{{GMD}}}geographicElement")
        _replace(old, [gmd_geographic_element(box) for box in published_boxes(row)])
    return metadata


_patched = False


def patch_pycsw_writers() -> None:
    """Wrap pycsw's csw:Record writers (CSW 2.0.2, 3.0) and its ISO profile's generated records, once."""
    global _patched
    if _patched:
        return
    from pycsw.ogc.csw.csw2 import Csw2
    from pycsw.ogc.csw.csw3 import Csw3
    from pycsw.plugins.profiles.apiso.apiso import APISO

    for cls in (Csw2, Csw3):
        original_record = cls._write_record

        def _write_record(self, recobj, queryables, _original=original_record):
            return rewrite_csw_record(_original(self, recobj, queryables), recobj)

        cls._write_record = _write_record

    original_iso = APISO.write_record

    def write_record(self, result, esn, outputschema, queryables, caps=None):
        node = original_iso(self, result, esn, outputschema, queryables, caps)
        # esn "full" is the ISO document itself (stored original or ours), already with the published boxes;
        # `caps` is the INSPIRE service metadata of GetCapabilities, not a record.
        return node if esn == "full" or caps is not None else rewrite_generated_iso(node, result)

    APISO.write_record = write_record
    _patched = True
