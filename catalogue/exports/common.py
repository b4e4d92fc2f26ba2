"""Values shared by every export format, derived once from the Record so all formats agree."""

from __future__ import annotations

import html
import re

import nh3

from catalogue.records import reading
from catalogue.records.links import doi_url, page_url
from catalogue.records.models import Record
from catalogue.records.unified import OnlineResource, RelatedIdentifier

# Record.resource_type (ISO MD_ScopeCode or DataCite resourceTypeGeneral, any case) -> DataCite resourceTypeGeneral.
_RESOURCE_TYPE_GENERAL = {
    "dataset": "Dataset",
    "series": "Collection",
    "collection": "Collection",
    "nongeographicdataset": "Dataset",
    "service": "Service",
    "software": "Software",
    "model": "Model",
    "image": "Image",
    "text": "Text",
    "document": "Text",
    "physicalobject": "PhysicalObject",
    "sample": "PhysicalObject",
    "instrument": "Instrument",
    "datapaper": "DataPaper",
    "event": "Event",
    "workflow": "Workflow",
    "audiovisual": "Audiovisual",
    "interactiveresource": "InteractiveResource",
    "other": "Other",
}

# DataCite resourceTypeGeneral -> the type of each citation format (bolognese's crosswalk tables).
CSL_TYPES = {
    "Dataset": "dataset",
    "Software": "software",
    "Text": "report",
    "Image": "graphic",
    "Collection": "dataset",
}
RIS_TYPES = {"Dataset": "DATA", "Software": "COMP", "Text": "RPRT", "Image": "FIGURE", "Collection": "DATA"}
SCHEMA_ORG_TYPES = {"Dataset": "Dataset", "Software": "SoftwareSourceCode", "Collection": "Dataset"}


_BLOCK_END = re.compile(r"<(?:br|/p|/li|/div|/h[1-6]|/tr)\b[^>]*>", re.IGNORECASE)


def resource_type_general(record: Record) -> str:
    key = (record.resource_type or "dataset").replace(" ", "").replace("_", "").lower()
    return _RESOURCE_TYPE_GENERAL.get(key, "Dataset" if not record.resource_type else "Other")


def publication_year(record: Record) -> int | None:
    if record.publication_year:
        return record.publication_year
    for value in (record.date_published, record.date_created):
        if value:
            return value.year
    return None


def plain_text(text: str) -> str:
    """Description text without markup (abstracts are sometimes HTML): tags dropped, entities decoded."""
    if "<" not in text and "&" not in text:
        return text.strip()
    # Block ends become line breaks first, so "<p>a</p><p>b</p>" does not turn into "ab".
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(nh3.clean(text, tags=set()))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def temporal_interval(record: Record, open_end: str = "..") -> str:
    """ISO 8601 interval "start/end" with ".." for an open end (schema.org, DataCite Coverage); "" when none."""
    if not record.temporal_start and not record.temporal_end:
        return ""
    start = record.temporal_start.isoformat() if record.temporal_start else open_end
    end = record.temporal_end.isoformat() if record.temporal_end else open_end
    return f"{start}/{end}"


def license_uri(record: Record) -> str:
    if record.license_url:
        return record.license_url
    text = (record.license or "").strip()
    return text if text.startswith(("http://", "https://")) else ""


def license_text(record: Record) -> str:
    return (record.license or "").strip() or license_uri(record)


def keywords(record: Record) -> list[str]:
    return list(dict.fromkeys(k.value for k in reading.read(record).keywords))


def identifier_url(record: Record) -> str:
    """The record's persistent identifier as a URL: the DOI link, else its page in this portal."""
    return doi_url(record.doi) if record.doi else page_url(record)


def download_resources(record: Record) -> list[OnlineResource]:
    """Online resources that deliver the data itself (`reading.link_function`: the record page's "Download" group)."""
    return reading.downloads(record)


def version_relations(record: Record) -> list[RelatedIdentifier]:
    return [r for r in reading.read(record).related_identifiers if "version" in r.relation_type.lower()]
