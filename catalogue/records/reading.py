"""One typed reading of a stored record: the JSON columns of `Record` become the `unified` dataclasses here, once.

Every face (record page, DOI landing page, exports, API, CSW, OAI-PMH, DCAT, OGC API) reads parties, keywords,
links and relations through `read(record)` instead of re-reading the JSON with `.get("...")`, and asks the
questions several of them share here, so they all get the same answer:

- `link_function`: what a link does (download | service | documentation | other), the one link classification;
- `creators`: who made the dataset, in citation form, the one list of creators;
- `provenance`: where the record comes from (each harvest source's copy), the one provenance.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from catalogue.records.links import original_xml_path
from catalogue.records.models import Record, RecordSource
from catalogue.records.unified import (
    BBox,
    Keyword,
    OnlineResource,
    Party,
    RelatedIdentifier,
    UnifiedRecord,
)

T = TypeVar("T")

# ------------------------------------------------------------------------------------------------ reading the JSON


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value).strip())


def _items(value: object) -> list[dict[str, Any]]:
    """The dicts of a stored JSON list (anything else, e.g. a bare string an old crosswalk stored, is skipped)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _typed(cls: type[T], data: dict[str, Any]) -> T:
    """One stored JSON object as its dataclass: every field as text ("" when missing or null), unknown keys ignored."""
    names: tuple[str, ...] = _field_names(cls)  # type: ignore[arg-type]  # a class is hashable
    return cls(**{name: _text(data.get(name)) for name in names})


def parties(value: object) -> list[Party]:
    return [_typed(Party, item) for item in _items(value)]


def keywords(value: object) -> list[Keyword]:
    """Stored keywords, typed; a bare string (older records) is a free keyword. Empty values are dropped."""
    found = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            keyword = _typed(Keyword, item)
        else:
            keyword = Keyword(_text(item))
        if keyword.value:
            found.append(keyword)
    return found


def online_resources(value: object) -> list[OnlineResource]:
    """Stored links, typed, in their stored order (a link is named by its position: the WMS preview pages)."""
    return [_typed(OnlineResource, item) for item in _items(value)]


def related_identifiers(value: object) -> list[RelatedIdentifier]:
    """Stored relations, typed; those without an identifier are dropped."""
    return [_typed(RelatedIdentifier, item) for item in _items(value) if _text(item.get("identifier"))]


def translations(value: object) -> dict[str, dict[str, str]]:
    """{language: {"title": ..., "abstract": ...}} with language codes in lower case, empty texts dropped."""
    found: dict[str, dict[str, str]] = {}
    for code, texts in value.items() if isinstance(value, dict) else []:
        if not isinstance(texts, dict):
            continue
        kept = {key: _text(text) for key, text in texts.items() if isinstance(key, str) and _text(text)}
        if kept:
            found[str(code).strip().lower()] = kept
    return found


def funding(value: object) -> list[dict[str, str]]:
    """Funding references ({"funder", "award", "award_title", ...}) with a funder, values as text."""
    found = []
    for item in _items(value):
        entry = {str(key): _text(text) for key, text in item.items()}
        if entry.get("funder"):
            found.append(entry)
    return found


def bboxes(value: object) -> list[BBox]:
    found = []
    for box in value if isinstance(value, list) else []:
        if isinstance(box, list | tuple) and len(box) == 4:
            try:
                found.append(BBox(*(float(v) for v in box)))
            except (TypeError, ValueError):
                continue
    return found


# The JSON columns and how each is read; every other field of UnifiedRecord is a column of the same name.
_READERS: dict[str, Callable[[object], object]] = {
    "keywords": keywords,
    "organisations": parties,
    "creators": parties,
    "online_resources": online_resources,
    "related_identifiers": related_identifiers,
    "translations": translations,
    "funding": funding,
    "bboxes": bboxes,
    "constraints": lambda value: [_text(c) for c in value or [] if _text(c)] if isinstance(value, list) else [],
    "issues": lambda value: dict(value) if isinstance(value, dict) else {},
}
_TEXT_FIELDS = frozenset(f.name for f in dataclasses.fields(UnifiedRecord) if f.type == "str")


def read(record: Record) -> UnifiedRecord:
    """The stored record as a `UnifiedRecord`. Read once per record object: the result is kept on it, and read
    again only when one of its JSON columns was given a new value."""
    key = tuple(id(getattr(record, name)) for name in _READERS)
    cached = record.__dict__.get("_reading")
    if cached is not None and cached[0] == key:
        return cached[1]
    values: dict[str, Any] = {}
    for name in _field_names(UnifiedRecord):
        value = getattr(record, name)
        if name in _READERS:
            value = _READERS[name](value)
        elif isinstance(value, list):
            value = list(value)
        elif value is None and name in _TEXT_FIELDS:
            value = ""  # a NULL text column (doi)
        values[name] = value
    unified = UnifiedRecord(**values)
    record.__dict__["_reading"] = (key, unified)
    return unified


# -------------------------------------------------------------------------------------------- the link classification

_SERVICE_PROTOCOL = re.compile(r"OGC:(WMS|WFS|WCS|WMTS|SOS|CSW)|OPENDAP|THREDDS|ERDDAP|ESRI:REST|API", re.IGNORECASE)
_SERVICE_URL = re.compile(r"[?&]service=(wms|wfs|wcs|wmts)|/(wms|wfs|wcs|wmts|opendap|dodsC|erddap)\b", re.I)
_DOWNLOAD_PROTOCOL = re.compile(r"DOWNLOAD|FTP|FILE", re.IGNORECASE)
_DOWNLOAD_URL = re.compile(
    r"^(s?ftp)://|\.(zip|nc|nc4|csv|tar|gz|tgz|bz2|xz|7z|h5|hdf|hdf5|tif|tiff|grib2?|txt|xlsx?)$", re.I
)
_DOCUMENT_URL = re.compile(r"\.(pdf|docx?|odt|html?)$", re.IGNORECASE)
_SERVICE_KIND = re.compile(r"(WMS|WFS|WCS|WMTS|SOS|CSW|OPeNDAP|THREDDS|ERDDAP)", re.IGNORECASE)

DOWNLOAD, SERVICE, DOCUMENTATION, OTHER = "download", "service", "documentation", "other"
LINK_FUNCTIONS = (DOWNLOAD, SERVICE, DOCUMENTATION, OTHER)  # in the order pages show them


def link_function(resource: OnlineResource) -> str:
    """download | service | documentation | other: the service protocol or URL first (an OPeNDAP URL of a .nc file
    is a service), then the ISO function code or a download protocol, then the URL's shape (a direct file link
    such as .nc, .zip or .tar.gz, or an FTP URL, is a download)."""
    url, protocol, function = resource.url.strip(), resource.protocol, resource.function.lower()
    path = url.split("?", 1)[0].rstrip("/")
    if _SERVICE_PROTOCOL.search(protocol) or _SERVICE_URL.search(url):
        return SERVICE
    if function in {"download", "offlineaccess", "order"} or _DOWNLOAD_PROTOCOL.search(protocol):
        return DOWNLOAD
    if _DOWNLOAD_URL.search(path):
        return DOWNLOAD
    if function in {"information", "search", "browsing"} or _DOCUMENT_URL.search(path) or "LINK" in protocol.upper():
        return DOCUMENTATION
    return OTHER


def is_download(resource: OnlineResource) -> bool:
    return link_function(resource) == DOWNLOAD


def service_kind(resource: OnlineResource) -> str:
    """ "WMS", "WFS", "OPENDAP"... for a service link, "" otherwise."""
    if link_function(resource) != SERVICE:
        return ""
    match = _SERVICE_KIND.search(f"{resource.protocol} {resource.url}")
    return match.group(1).upper() if match else ""


def downloads(record: Record) -> list[OnlineResource]:
    """The links that deliver the data itself."""
    return [resource for resource in read(record).online_resources if is_download(resource)]


# ---------------------------------------------------------------------------------------------------- the creators

# Organisation roles that make a party a creator when the record lists no creators (ISO 19139 -> DataCite, as
# GeoNetwork's iso19139 DataCite conversion does: originator / author / principalInvestigator).
CREATOR_ROLES = ("author", "originator", "principalInvestigator")


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


def creator(entry: Party) -> Creator | None:
    """A party in citation form; None when it has no name at all."""
    given, family, name = entry.given_name, entry.family_name, entry.name
    if entry.kind == "organisation" or (not name and not family and bool(entry.organisation)):
        name = name or entry.organisation
        return Creator(name=name, organisation=True, orcid=entry.orcid) if name else None
    if not family and "," in name:  # "Dupont, Marie": the DataCite and ISO convention for person names
        family, given = (part.strip() for part in name.split(",", 1))
    if family:
        name = f"{family}, {given}" if given else family
    if not name:
        return None
    return Creator(
        name=name, given=given, family=family, orcid=entry.orcid, affiliation=entry.affiliation or entry.organisation
    )


def creator_parties(record: Record) -> list[Party]:
    """The parties that made the dataset: its creators, else the organisations in a creator role."""
    unified = read(record)
    return unified.creators or [p for p in unified.organisations if p.role in CREATOR_ROLES]


def creators(record: Record) -> list[Creator]:
    """Who made the dataset, in citation form: what every page, citation and export names as its authors."""
    return [c for c in (creator(p) for p in creator_parties(record)) if c is not None]


def display_name(entry: Party) -> str:
    """What to call a party on a page: its name (or given + family name), else its organisation."""
    return entry.name or " ".join(filter(None, [entry.given_name, entry.family_name])) or entry.organisation


def party_name(entry: Party) -> str:
    """A party's name in machine formats (Dublin Core, DCAT, DataCite contributors): name, else organisation."""
    return entry.name or entry.organisation


# -------------------------------------------------------------------------------------------------- the provenance


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the record comes from: one harvest source's copy of it."""

    pole_code: str
    pole_name: str
    source_name: str
    source_slug: str
    source_identifier: str
    format: str
    datestamp: datetime | None
    last_seen: datetime
    deleted_at_source: datetime | None
    source_record_url: str  # the record's page in the source's own catalogue, "" when unknown
    original_xml_url: str  # the verbatim document, served by the API
    is_primary: bool  # the merged fields shown come from this source's version
    source_url: str  # the source's endpoint
    hub_site_url: str
    row: RecordSource  # the stored row, for callers that need more of it

    @property
    def deleted(self) -> bool:
        return self.deleted_at_source is not None


def _rows(record: Record) -> Iterable[RecordSource]:
    cached = getattr(record, "_prefetched_objects_cache", {}).get("provenance")
    return cached if cached is not None else record.provenance.select_related("source__pole")


def provenance(record: Record, language: str = "en", live_only: bool = False) -> list[Provenance]:
    """The record's copies at its sources, by hub then source; `live_only` leaves out those the source deleted.
    Uses a prefetch of `provenance__source__pole` when there is one."""
    entries = []
    for row in sorted(_rows(record), key=lambda p: (p.source.pole.code, p.source.slug)):
        if live_only and row.deleted_at_source is not None:
            continue
        source = row.source
        entries.append(
            Provenance(
                pole_code=source.pole.code,
                pole_name=source.pole.label(language),
                source_name=source.name,
                source_slug=source.slug,
                source_identifier=row.source_identifier,
                format=row.format,
                datestamp=row.datestamp,
                last_seen=row.last_seen,
                deleted_at_source=row.deleted_at_source,
                source_record_url=source.record_url(row.source_identifier),
                original_xml_url=original_xml_path(record.pk, source.slug),
                is_primary=source.pk == record.primary_source_id,
                source_url=source.url or "",
                hub_site_url=source.pole.site_url or "",
                row=row,
            )
        )
    return entries


def primary_provenance(record: Record) -> Provenance | None:
    """The live copy the record's fields come from (the primary source), else the first live one."""
    live = provenance(record, live_only=True)
    return next((entry for entry in live if entry.is_primary), live[0] if live else None)
