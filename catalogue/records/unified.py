"""The unified record: the one shape every metadata format is turned into.

Plain dataclasses, no Django: crosswalks produce them, ingest stores them, tests build them by hand.
Field names match ``catalogue.records.models.Record`` so ingest can copy them without a mapping table.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(slots=True)
class Keyword:
    value: str
    thesaurus: str = ""  # thesaurus / vocabulary name when known (GCMD, GEMET, INSPIRE themes...)
    type: str = ""  # ISO MD_KeywordTypeCode (theme, place, platform, instrument...) or DataCite subjectScheme


@dataclass(slots=True)
class Party:
    """A person or an organisation with its role (ISO CI_RoleCode or DataCite contributorType)."""

    name: str = ""
    organisation: str = ""
    role: str = ""
    email: str = ""
    url: str = ""
    orcid: str = ""  # bare 0000-0000-0000-0000 form
    given_name: str = ""
    family_name: str = ""
    kind: str = ""  # "person" | "organisation" | "" (unknown)
    affiliation: str = ""


@dataclass(slots=True)
class OnlineResource:
    url: str
    protocol: str = ""  # OGC:WMS, WWW:DOWNLOAD-1.0-http--download, ...
    name: str = ""
    description: str = ""
    function: str = ""  # ISO CI_OnLineFunctionCode: download, information, offlineAccess, order, search


@dataclass(slots=True)
class RelatedIdentifier:
    identifier: str
    identifier_type: str = ""  # DOI, URL, Handle...
    relation_type: str = ""  # IsPartOf, IsVersionOf, Cites...


@dataclass(slots=True)
class BBox:
    """A geographic box in degrees, longitudes in -180..180. west > east means it crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @property
    def crosses_antimeridian(self) -> bool:
        return self.west > self.east


@dataclass(slots=True)
class UnifiedRecord:
    identifier: str  # fileIdentifier / DOI / OAI id: the source's own id for the record
    title: str
    metadata_standard: str  # "iso19139" | "iso19115-3" | "datacite" | "dublincore"
    doi: str = ""  # normalised with catalogue.records.identifiers.normalise_doi, "" when none
    abstract: str = ""
    # Other-language versions of title/abstract: {"fr": {"title": ..., "abstract": ...}, "en": {...}}
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    language: str = ""  # metadata language, ISO 639-1 when known (fr, en)
    languages: list[str] = field(default_factory=list)  # resource languages
    keywords: list[Keyword] = field(default_factory=list)
    topic_categories: list[str] = field(default_factory=list)  # ISO MD_TopicCategoryCode values
    resource_type: str = ""  # dataset, series, service, ... (ISO scope or DataCite resourceTypeGeneral)
    # The resource types exactly as the source wrote them (dc:type: "http://purl.org/dc/dcmitype/Image"): CSW serves
    # and filters on these, the portal's facets on the normalised resource_type.
    source_types: list[str] = field(default_factory=list)
    organisations: list[Party] = field(default_factory=list)  # contacts / points of contact with roles
    creators: list[Party] = field(default_factory=list)
    publisher: str = ""
    publication_year: int | None = None
    date_created: date | None = None
    date_published: date | None = None
    date_revised: date | None = None
    temporal_start: date | None = None  # None = open start
    temporal_end: date | None = None  # None = open end (ongoing)
    bboxes: list[BBox] = field(default_factory=list)
    license: str = ""  # licence text or SPDX id
    license_url: str = ""
    constraints: list[str] = field(default_factory=list)  # access/use constraints as text
    lineage: str = ""
    online_resources: list[OnlineResource] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    parent_identifier: str = ""
    platforms: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    version: str = ""
    related_identifiers: list[RelatedIdentifier] = field(default_factory=list)
    funding: list[dict[str, str]] = field(default_factory=list)  # {"funder": ..., "award": ..., "award_title": ...}
    modified: datetime | None = None  # metadata date stamp
    # Values that could not be parsed, kept raw: {"temporal_start": "2019-13-45", ...}
    issues: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        """A JSON-compatible dict (dates as ISO strings) for hashing, storage and debugging."""
        return json.loads(self._canonical_json())

    def content_hash(self) -> str:
        return hashlib.sha256(self._canonical_json().encode()).hexdigest()

    def _canonical_json(self) -> str:
        # One json.dumps, no dataclasses.asdict deep copy: this runs once per harvested record (hot loop).
        # Same text as dumping asdict(self) with sorted keys, so hashes are stable across the change.
        return json.dumps(_fields_dict(self), default=_json_default, sort_keys=True)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names, read once per class."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _fields_dict(obj: object) -> dict:
    return {name: getattr(obj, name) for name in _field_names(type(obj))}


def to_plain(value):
    """Dataclasses (and lists of them) as plain dicts/lists, like dataclasses.asdict but without deep copies."""
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


def _json_default(value: object) -> str | dict:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields_dict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


@dataclass(slots=True)
class HarvestedDocument:
    """One raw document as a protocol client yields it: what the source said, before any parsing."""

    source_identifier: str  # the source's own id (OAI identifier, CSW fileIdentifier, file name)
    content: bytes = b""  # the original XML, kept verbatim
    datestamp: datetime | None = None
    deleted: bool = False  # the source says it was deleted (OAI status="deleted")
    format_hint: str = ""  # metadataPrefix / outputSchema the document was asked in, if any
    # The id the protocol's envelope gives the record (OAI-PMH header identifier): the record's identifier when its
    # metadata has none (RADAR's DataCite records have no <identifier>). Empty when the protocol gives none.
    envelope_identifier: str = ""
    # The same document as the client already parsed it (an element of the response page), or None. The crosswalk
    # reads it instead of parsing `content` again: a CSW or OAI-PMH page is parsed once, not once more per record.
    element: object = field(default=None, repr=False, compare=False)
