"""The ISO 19139 document of each record: the stored original when the record came as ISO 19139, else generated."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import deepcopy

from django.db.models import F
from lxml import etree

from catalogue.exports.iso19139 import build_iso19139, write_iso19139
from catalogue.records.models import Record, RecordSource
from common.xmlsafe import UnsafeXMLError, parse_xml

ISO19139_FORMAT = "iso19139"
GMD = "http://www.isotc211.org/2005/gmd"
GMI = "http://www.isotc211.org/2005/gmi"
ISO_ROOTS = {f"{{{GMD}}}MD_Metadata", f"{{{GMI}}}MI_Metadata"}


def _readable_originals(ids: list) -> dict:
    """{record id: (bytes, root element)} of the stored ISO 19139 originals of the records' primary sources that
    are well-formed, safe and an ISO 19139 root (not an envelope a source wrapped them in). One query. An
    unreadable original must not fail a whole page: that record is served in our own ISO 19139 instead."""
    readable = {}
    for record_id, xml in RecordSource.objects.filter(
        record_id__in=ids, format=ISO19139_FORMAT, source_id=F("record__primary_source_id")
    ).values_list("record_id", "original_xml"):
        xml = bytes(xml)
        try:
            root = parse_xml(xml)
        except UnsafeXMLError:
            continue
        if root.tag in ISO_ROOTS:
            readable[record_id] = (xml, root)
    return readable


def as_gmd(xml: bytes, root: etree._Element) -> bytes:
    """The document as a gmd:MD_Metadata: an ISO 19115-2 gmi:MI_Metadata is an MD_Metadata with acquisition
    information, and clients of the gmd output schema (OWSLib, QGIS MetaSearch) read only gmd:MD_Metadata roots.
    Renamed, without gmi:acquisitionInformation (not part of MD_Metadata); gmi elements deeper down (MI_Band...)
    substitute for their gmd types and stay. Other documents are returned as they are."""
    if root.tag != f"{{{GMI}}}MI_Metadata":
        return xml
    copy = deepcopy(root)
    copy.tag = f"{{{GMD}}}MD_Metadata"
    for element in copy.findall(f"{{{GMI}}}acquisitionInformation"):
        copy.remove(element)
    return etree.tostring(copy, xml_declaration=True, encoding="UTF-8")


def iso19139_documents(record_ids: Iterable, *, original: bool = False) -> dict:
    """{record id: ISO 19139 bytes} in two queries plus one generation per non-ISO record: gmd:MD_Metadata
    documents, or with `original` the stored originals as they came (gmi:MI_Metadata kept)."""
    ids = list(dict.fromkeys(record_ids))
    if not ids:
        return {}
    originals = {
        record_id: xml if original else as_gmd(xml, root) for record_id, (xml, root) in _readable_originals(ids).items()
    }
    missing = [record_id for record_id in ids if record_id not in originals]
    generated = {record.pk: write_iso19139(record) for record in Record.objects.filter(pk__in=missing)}
    return {**originals, **generated}


def iso19139_elements(records: Sequence[Record]) -> dict:
    """{record id: ISO 19139 root element} for records already loaded: one query, each original parsed once."""
    originals = {record_id: root for record_id, (_xml, root) in _readable_originals([r.pk for r in records]).items()}
    return {record.pk: originals[record.pk] if record.pk in originals else build_iso19139(record) for record in records}
