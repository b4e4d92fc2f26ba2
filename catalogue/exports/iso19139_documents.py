"""The ISO 19139 document of each record: the stored original when the record came as ISO 19139, else generated."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import F

from catalogue.exports.iso19139 import build_iso19139, write_iso19139
from catalogue.records.models import Record, RecordSource
from common.xmlsafe import UnsafeXMLError, parse_xml

ISO19139_FORMAT = "iso19139"
ISO_ROOTS = {"{http://www.isotc211.org/2005/gmd}MD_Metadata", "{http://www.isotc211.org/2005/gmi}MI_Metadata"}


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


def iso19139_documents(record_ids: Iterable) -> dict:
    """{record id: ISO 19139 bytes} in two queries plus one generation per non-ISO record."""
    ids = list(dict.fromkeys(record_ids))
    if not ids:
        return {}
    originals = {record_id: xml for record_id, (xml, _root) in _readable_originals(ids).items()}
    missing = [record_id for record_id in ids if record_id not in originals]
    generated = {record.pk: write_iso19139(record) for record in Record.objects.filter(pk__in=missing)}
    return {**originals, **generated}


def iso19139_elements(records: Sequence[Record]) -> dict:
    """{record id: ISO 19139 root element} for records already loaded: one query, each original parsed once."""
    originals = {record_id: root for record_id, (_xml, root) in _readable_originals([r.pk for r in records]).items()}
    return {record.pk: originals[record.pk] if record.pk in originals else build_iso19139(record) for record in records}
