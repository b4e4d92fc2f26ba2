"""Values shared by every export format, derived once from the Record so all formats agree."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3

from catalogue.records.links import doi_url, page_url
from catalogue.records.models import Record

# Organisation roles that make a party a creator when the record lists no creators (ISO 19139 -> DataCite, as
# GeoNetwork's iso19139 DataCite conversion does: originator / author / principalInvestigator).
_CREATOR_ROLES = ("author", "originator", "principalInvestigator")

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


@dataclass(frozen=True, slots=True)
class Creator:
    name: str  # "Family, Given" for a person whose parts are known, else the name as published
    given: str = ""
    family: str = ""
    orcid: str = ""  # bare 0000-0000-0000-0000
    organisation: bool = False
    affiliation: str = ""

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""


def _creator(party: dict) -> Creator | None:
    given, family = (party.get("given_name") or "").strip(), (party.get("family_name") or "").strip()
    name = (party.get("name") or "").strip()
    kind = party.get("kind") or ""
    organisation = kind == "organisation" or (not name and not family and bool(party.get("organisation")))
    if organisation:
        name = name or (party.get("organisation") or "").strip()
        return Creator(name=name, organisation=True, orcid=party.get("orcid") or "") if name else None
    if not family and "," in name:  # "Dupont, Marie": the DataCite and ISO convention for person names
        family, given = (part.strip() for part in name.split(",", 1))
    if family:
        name = f"{family}, {given}" if given else family
    if not name:
        return None
    return Creator(
        name=name,
        given=given,
        family=family,
        orcid=party.get("orcid") or "",
        affiliation=party.get("affiliation") or party.get("organisation") or "",
    )


def creators(record: Record) -> list[Creator]:
    parties = record.creators or [p for p in record.organisations if p.get("role") in _CREATOR_ROLES]
    return [c for c in (_creator(p) for p in parties) if c is not None]


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
    return list(dict.fromkeys(k["value"].strip() for k in record.keywords if (k.get("value") or "").strip()))


def identifier_url(record: Record) -> str:
    """The record's persistent identifier as a URL: the DOI link, else its page in this portal."""
    return doi_url(record.doi) if record.doi else page_url(record)


def download_resources(record: Record) -> list[dict]:
    """Online resources that deliver the data itself (ISO function "download" or a download protocol)."""
    return [r for r in record.online_resources if is_download(r)]


def is_download(resource: dict) -> bool:
    function = (resource.get("function") or "").lower()
    protocol = (resource.get("protocol") or "").lower()
    return function == "download" or "download" in protocol or protocol in {"ftp", "www:ftp"}


def version_relations(record: Record) -> list[dict]:
    return [r for r in record.related_identifiers if "version" in (r.get("relation_type") or "").lower()]
