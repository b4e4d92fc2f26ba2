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
        return plain_hash(plain_fields(self))

    def _canonical_json(self) -> str:
        return canonical_json(plain_fields(self))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names, read once per class."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _fields_dict(obj: object) -> dict:
    return {name: getattr(obj, name) for name in _field_names(type(obj))}


# type -> its dataclass field names, or None for a type that is not a dataclass (str, int, date...): to_plain
# runs for every value of every harvested record, and dataclasses.is_dataclass per value was most of its time.
_PLAIN_NAMES: dict[type, tuple[str, ...] | None] = {}


def to_plain(value):
    """Dataclasses (and lists of them) as plain dicts/lists, like dataclasses.asdict but without deep copies."""
    if isinstance(value, list):
        return [item if type(item) is str else to_plain(item) for item in value]
    kind = type(value)
    try:
        names = _PLAIN_NAMES[kind]
    except KeyError:  # (a class given as a value has type `type`, not a dataclass: returned as it is)
        names = _PLAIN_NAMES[kind] = _field_names(kind) if dataclasses.is_dataclass(kind) else None
    if names is None:
        return value
    return {name: to_plain(getattr(value, name)) for name in names}


def plain_fields(record: UnifiedRecord) -> dict:
    """Every field of a unified record, lists of dataclasses as lists of dicts (dicts and scalars as they are)."""
    return {name: to_plain(getattr(record, name)) for name in _field_names(type(record))}


def canonical_json(plain: dict) -> str:
    """The text a record's content hash is taken of: sorted keys, dates in ISO form. `plain` is `plain_fields`'s
    dict, so ingest serialises a record once for its hash and its columns; the text is the one
    json.dumps(dataclasses.asdict(record), sort_keys=True) gave, so stored hashes stay valid."""
    return json.dumps(plain, default=_json_default, sort_keys=True)


def plain_hash(plain: dict) -> str:
    return hashlib.sha256(canonical_json(plain).encode()).hexdigest()


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
