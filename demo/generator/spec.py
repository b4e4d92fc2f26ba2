"""The shape of one demo dataset, independent of the metadata format it is written in, plus shared vocabularies.

Everything is fixed data: the same specs always give the same bytes (no clock, no randomness).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

DEMO_NAMESPACE = uuid.UUID("3b8f6f0e-0d4c-4f5e-9d38-2d1b8a6c4e21")

# Temporal extent end meaning "ongoing" (gml indeterminatePosition="now" / DataCite open range "2015-01-01/").
NOW = "now"


@dataclass
class Contact:
    role: str  # ISO CI_RoleCode (pointOfContact, originator, author, publisher, principalInvestigator...)
    organisation: str
    person: str = ""  # "Family, Given"
    email: str = ""
    orcid: str = ""


@dataclass
class Link:
    url: str
    protocol: str  # WWW:DOWNLOAD-1.0-http--download, OGC:WMS, OGC:WFS, WWW:LINK-1.0-http--link, DOI...
    name: str = ""
    description: str = ""
    function: str = "download"  # CI_OnLineFunctionCode


@dataclass
class KeywordGroup:
    values: list[str]
    thesaurus: str = ""  # "" = free keywords
    type: str = "theme"  # MD_KeywordTypeCode: theme, place, platform, instrument, project, stratum
    thesaurus_url: str = ""


@dataclass
class Platform:
    identifier: str
    description: str
    instruments: list[tuple[str, str]] = field(default_factory=list)  # (identifier, type)


@dataclass
class Spec:
    slug: str  # file name stem; also seeds the fileIdentifier
    title: str
    abstract: str
    fmt: str = "iso19139"  # iso19139 | gmi | iso19115-3 | datacite
    lang: str = "en"  # language of `title`/`abstract` (and of the metadata)
    title_alt: str = ""  # the same title in the other language (FR<->EN): PT_FreeText / DataCite TranslatedTitle
    abstract_alt: str = ""
    doi: str = ""
    identifier: str = ""  # defaults to a stable UUID derived from the slug
    parent: str = ""  # parentIdentifier (the identifier of a series record)
    level: str = "dataset"  # MD_ScopeCode: dataset, series, service, nonGeographicDataset
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # (west, south, east, north)
    place: str = ""  # geographic description (DataCite geoLocationPlace, ISO place keyword)
    start: str | None = None  # ISO date; None = no temporal extent
    end: str | None = None  # ISO date, NOW (ongoing) or None with start = a time instant
    instant: bool = False  # the temporal extent is one instant (gml:TimeInstant) at `start`
    keywords: list[KeywordGroup] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # MD_TopicCategoryCode
    contacts: list[Contact] = field(default_factory=list)
    license: str = "cc-by"  # key of LICENCES
    links: list[Link] = field(default_factory=list)
    formats: list[tuple[str, str]] = field(default_factory=list)  # (name, version)
    platforms: list[Platform] = field(default_factory=list)
    published: str = "2020-01-01"
    created: str = ""
    revised: str = ""
    datestamp: str = "2025-06-01T09:00:00Z"  # metadata date stamp
    lineage: str = ""
    version: str = ""
    related: list[tuple[str, str, str]] = field(default_factory=list)  # (identifier, type, relation) for DataCite
    funding: list[tuple[str, str]] = field(default_factory=list)  # (funder, award number)
    resource_type: str = "Dataset"  # DataCite resourceTypeGeneral

    def __post_init__(self) -> None:
        if not self.identifier:
            self.identifier = str(uuid.uuid5(DEMO_NAMESPACE, self.slug))


def series_id(slug: str) -> str:
    """The identifier a series spec with this slug will get (for children's parentIdentifier)."""
    return str(uuid.uuid5(DEMO_NAMESPACE, slug))


# Licences: (text, URL, restricted?)
LICENCES = {
    "cc-by": (
        "Creative Commons Attribution 4.0 International (CC-BY-4.0)",
        "https://creativecommons.org/licenses/by/4.0/",
        False,
    ),
    "etalab": (
        "Licence Ouverte / Open Licence version 2.0 (Etalab)",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        False,
    ),
    "cc0": (
        "Creative Commons Zero v1.0 Universal (CC0-1.0)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        False,
    ),
    "odbl": ("Open Database License (ODbL-1.0)", "https://opendatacommons.org/licenses/odbl/1-0/", False),
    "restricted": (
        "Accès restreint aux partenaires du projet ; données disponibles sur demande motivée auprès du "
        "point de contact. / Restricted to project partners; available on reasoned request.",
        "",
        True,
    ),
}
SPDX = {"cc-by": "CC-BY-4.0", "etalab": "etalab-2.0", "cc0": "CC0-1.0", "odbl": "ODbL-1.0"}

GCMD = "GCMD Science Keywords"
GCMD_URL = "https://gcmd.earthdata.nasa.gov/kms/concepts/concept_scheme/sciencekeywords"
GCMD_PLATFORMS = "GCMD Platforms"
GCMD_INSTRUMENTS = "GCMD Instruments"
INSPIRE = "GEMET - INSPIRE themes, version 1.0"
INSPIRE_URL = "http://inspire.ec.europa.eu/theme"
GEMET = "GEMET - Concepts, version 4.2.3"
GEMET_URL = "http://www.eionet.europa.eu/gemet/"
PLACES = "Continents, countries, sea regions of the world"


def gcmd(*values: str) -> KeywordGroup:
    return KeywordGroup(list(values), GCMD, "theme", GCMD_URL)


def inspire(*values: str) -> KeywordGroup:
    return KeywordGroup(list(values), INSPIRE, "theme", INSPIRE_URL)


def gemet(*values: str) -> KeywordGroup:
    return KeywordGroup(list(values), GEMET, "theme", GEMET_URL)


def free(*values: str) -> KeywordGroup:
    return KeywordGroup(list(values))


def places(*values: str) -> KeywordGroup:
    return KeywordGroup(list(values), PLACES, "place")


def platforms_kw(*values: str) -> KeywordGroup:
    return KeywordGroup(list(values), GCMD_PLATFORMS, "platform")


def instruments_kw(*values: str) -> KeywordGroup:
    return KeywordGroup(list(values), GCMD_INSTRUMENTS, "instrument")


def orcid(seed: int) -> str:
    """A syntactically valid ORCID (ISO 7064 MOD 11-2 check digit) in the 0000-0002/0003 range. Not a real person."""
    base = f"0000000{2 + seed % 2}{(seed * 7919 + 3141592) % 10**7:07d}"
    total = 0
    for digit in base:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    digits = base + ("X" if check == 10 else str(check))
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def orcid_is_valid(value: str) -> bool:
    digits = value.replace("-", "")
    if len(digits) != 16 or not digits[:15].isdigit():
        return False
    total = 0
    for digit in digits[:15]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return digits[15] == ("X" if check == 10 else str(check))


# Links used by many records.
def download(url: str, name: str = "Téléchargement / Download") -> Link:
    return Link(url, "WWW:DOWNLOAD-1.0-http--download", name, "", "download")


def wms(url: str, layer: str) -> Link:
    return Link(url, "OGC:WMS", layer, "Visualisation WMS", "information")


def wfs(url: str, layer: str) -> Link:
    return Link(url, "OGC:WFS", layer, "Accès WFS aux entités", "download")


def doc(url: str, name: str = "Documentation") -> Link:
    return Link(url, "WWW:LINK-1.0-http--link", name, "", "information")


NETCDF = ("NetCDF", "4")
NETCDF_CF = ("NetCDF-CF", "1.8")
GEOTIFF = ("GeoTIFF", "1.1")
CSV = ("CSV", "")
MINISEED = ("miniSEED", "2.4")
RINEX = ("RINEX", "3.04")
HDF5 = ("HDF5", "1.10")
SHAPEFILE = ("ESRI Shapefile", "")
ASCII = ("ASCII", "")
