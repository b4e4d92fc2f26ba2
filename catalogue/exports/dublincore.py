"""Simple Dublin Core (oai_dc) from a unified Record, for OAI-PMH."""

from __future__ import annotations

from lxml import etree

from catalogue.exports.xmlchars import xml_text
from catalogue.records import reading
from catalogue.records.links import absolute, record_path
from catalogue.records.models import Record

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def dublin_core_values(record: Record) -> list[tuple[str, str]]:
    """(element, value) pairs in DC order; empty values left out."""
    values: list[tuple[str, str]] = [("title", record.title)]  # none when the source gave none (Record.label)
    unified = reading.read(record)
    values += [("creator", c.name) for c in reading.creators(record)]  # the landing page's and the citations'
    keywords = [k.value for k in unified.keywords]
    values += [("subject", k) for k in keywords + list(record.topic_categories or [])]
    values.append(("description", record.abstract))
    values.append(("publisher", record.publisher))
    values += [("contributor", name) for name in record.organisation_names or []]
    published = record.date_published or record.date_created or record.date_revised
    values.append(("date", published.isoformat() if published else str(record.publication_year or "")))
    values += [("type", kind) for kind in (record.source_types or [record.resource_type or "Dataset"])]
    values += [("format", f) for f in record.formats or []]
    values.append(("identifier", record.identifier))
    if record.doi:
        values.append(("identifier", f"https://doi.org/{record.doi}"))
    values.append(("identifier", absolute(record_path(record.pk))))
    values += [("language", lang) for lang in (record.languages or [record.language])]
    if record.parent_identifier:
        values.append(("relation", record.parent_identifier))
    values += [("relation", r.identifier) for r in unified.related_identifiers]
    values += [("coverage", " ".join(str(v) for v in box)) for box in record.bboxes or []]
    if record.temporal_start or record.temporal_end:
        start = record.temporal_start.isoformat() if record.temporal_start else ".."
        end = record.temporal_end.isoformat() if record.temporal_end else ".."
        values.append(("coverage", f"{start}/{end}"))
    values += [("rights", value) for value in (record.license, record.license_url, *(record.constraints or []))]
    return [(name, str(value).strip()) for name, value in values if value and str(value).strip()]


def build_oai_dc(record: Record) -> etree._Element:
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    for name, value in dublin_core_values(record):
        etree.SubElement(root, f"{{{DC}}}{name}").text = xml_text(value)
    return root
