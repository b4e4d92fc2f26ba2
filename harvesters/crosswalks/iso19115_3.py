"""ISO 19115-3 (mdb:MD_Metadata and profiles such as geocat.ch's che:CHE_MD_Metadata).

Where each concept sits in a 19115-3 document; the walking is shared with ISO 19139 in ``_iso``.
19115-3 namespaces carry a version (mdb/1.0 and mdb/2.0, cit/1.0 and cit/2.0, srv/2.0 and srv/2.1 are all in use),
so the XPath table is compiled once per namespace set met (a handful in practice) and cached, not per document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from catalogue.unified import Party, UnifiedRecord
from harvesters.crosswalks import Crosswalk, register
from harvesters.crosswalks._common import xpath
from harvesters.crosswalks._iso import (
    GCO3,
    GCX3,
    LAN3,
    IsoPaths,
    code_value,
    compile_paths,
    convert_iso,
    free_text,
    prop_href,
    prop_text,
)

_BASE = "http://standards.iso.org/iso/19115/-3/"
_VERSIONED = re.compile(r"^http://standards\.iso\.org/iso/19115/-3/(\w+)/(\d+\.\d+)$")
# The most common versions (GeoNetwork 4 output); a document's own declarations override them.
_DEFAULTS = {
    "mdb": f"{_BASE}mdb/2.0",
    "cit": f"{_BASE}cit/2.0",
    "mri": f"{_BASE}mri/1.0",
    "mrd": f"{_BASE}mrd/1.0",
    "mrl": f"{_BASE}mrl/2.0",
    "mco": f"{_BASE}mco/1.0",
    "mcc": f"{_BASE}mcc/1.0",
    "gex": f"{_BASE}gex/1.0",
    "mac": f"{_BASE}mac/2.0",
    "srv": f"{_BASE}srv/2.1",
    "lan": LAN3,
    "gco": GCO3,
    "gcx": GCX3,
    "xlink": "http://www.w3.org/1999/xlink",
}
_EXTENTS = ("mri:extent/gex:EX_Extent", "srv:extent/gex:EX_Extent")  # a union: 3x faster than a self:: predicate
_CONSTRAINT = "mri:resourceConstraints/*"
_ACQUISITION = "mdb:acquisitionInformation/mac:MI_AcquisitionInformation"
_DISTRIBUTION = "mdb:distributionInfo/mrd:MD_Distribution"
_FORMAT_TITLE = "mrd:MD_Format/mrd:formatSpecificationCitation/cit:CI_Citation/cit:title"
_CODE = "mcc:MD_Identifier/mcc:code"

EXPRESSIONS = {
    "identifier": f"mdb:metadataIdentifier/{_CODE}",
    "language": "mdb:defaultLocale/lan:PT_Locale/lan:language",
    "locales": "mdb:defaultLocale/lan:PT_Locale | mdb:otherLocale/lan:PT_Locale",
    "locale_language": "lan:language/lan:LanguageCode",
    "parent": f"mdb:parentMetadata/@uuidref | mdb:parentMetadata/cit:CI_Citation/cit:identifier/{_CODE}/*/text()",
    "scope": "mdb:metadataScope/mdb:MD_MetadataScope/mdb:resourceScope/mcc:MD_ScopeCode",
    "contacts": "mdb:contact/cit:CI_Responsibility",
    "datestamps": "mdb:dateInfo/cit:CI_Date/cit:date/*/text()",
    "identification": "mdb:identificationInfo/*",
    "citation": "mri:citation/cit:CI_Citation",
    "title": "cit:title",
    "dates": "cit:date/cit:CI_Date",
    "edition": "cit:edition",
    "resource_ids": "cit:identifier/mcc:MD_Identifier",
    "cited_parties": "cit:citedResponsibleParty/cit:CI_Responsibility",
    "citation_texts": "cit:otherCitationDetails",
    "citation_urls": "mri:citation/cit:CI_Citation/cit:onlineResource/cit:CI_OnlineResource/cit:linkage/*/text()",
    "abstract": "mri:abstract",
    "points_of_contact": "mri:pointOfContact/cit:CI_Responsibility",
    "keyword_groups": "mri:descriptiveKeywords/mri:MD_Keywords",
    "topics": "mri:topicCategory/mri:MD_TopicCategoryCode",
    "resource_languages": "mri:defaultLocale/lan:PT_Locale/lan:language | mri:otherLocale/lan:PT_Locale/lan:language",
    "constraint_texts": f"{_CONSTRAINT}/mco:useLimitation | {_CONSTRAINT}/mco:otherConstraints"
    f" | {_CONSTRAINT}/mco:reference/cit:CI_Citation/cit:title",
    "constraint_codes": f"{_CONSTRAINT}/mco:accessConstraints/mco:MD_RestrictionCode"
    f" | {_CONSTRAINT}/mco:useConstraints/mco:MD_RestrictionCode",
    # A licence is often cited as a reference with its URL (GeoNetwork writes Etalab / CC licences this way).
    "constraint_urls": f"{_CONSTRAINT}/mco:reference/cit:CI_Citation/cit:onlineResource/cit:CI_OnlineResource"
    "/cit:linkage/*/text()",
    "bboxes": " | ".join(f"{e}/gex:geographicElement/gex:EX_GeographicBoundingBox" for e in _EXTENTS),
    "temporal": " | ".join(f"{e}/gex:temporalElement/*/gex:extent/*" for e in _EXTENTS),
    "related": "mri:associatedResource/mri:MD_AssociatedResource",
    "related_code": f"mri:name/cit:CI_Citation/cit:identifier/{_CODE}"
    f" | mri:metadataReference/cit:CI_Citation/cit:identifier/{_CODE}",
    "related_type": "mri:associationType/mri:DS_AssociationTypeCode",
    "operates_on": "srv:operatesOn/@uuidref | srv:operatesOn/@xlink:href",
    "formats": f"{_DISTRIBUTION}/mrd:distributionFormat/{_FORMAT_TITLE}"
    f" | {_DISTRIBUTION}/mrd:distributor/mrd:MD_Distributor/mrd:distributorFormat/{_FORMAT_TITLE}",
    "online": "mdb:distributionInfo//cit:CI_OnlineResource",
    "lineage": "mdb:resourceLineage/mrl:LI_Lineage/mrl:statement",
    "platforms": f"{_ACQUISITION}/mac:platform/mac:MI_Platform",
    "instruments": f"{_ACQUISITION}//mac:MI_Instrument",
}


class _PartyReader:
    """CI_Responsibility -> Parties: one per individual of an organisation, or the organisation alone."""

    def __init__(self, ns: dict[str, str]):
        self.role = xpath("cit:role/cit:CI_RoleCode", ns)
        self.parties = xpath("cit:party/*", ns)
        self.name = xpath("cit:name", ns)
        self.individuals = xpath("cit:individual/cit:CI_Individual", ns)
        self.email = xpath("cit:contactInfo/cit:CI_Contact/cit:address/cit:CI_Address/cit:electronicMailAddress", ns)
        self.url = xpath("cit:contactInfo/cit:CI_Contact/cit:onlineResource/cit:CI_OnlineResource/cit:linkage", ns)
        self.ids = xpath(f"cit:partyIdentifier/{_CODE}", ns)

    def _text(self, path: etree.XPath, element: etree._Element, locales: dict[str, str], language: str) -> str:
        props = path(element)
        return free_text(props[0], locales, language)[0] if props else ""

    def _orcid(self, element: etree._Element) -> str:
        for prop in [*self.ids(element), *self.name(element)]:
            for value in (prop_text(prop), prop_href(prop)):
                if "orcid.org/" in value:
                    return value.rstrip("/").rsplit("/", 1)[-1]
        return ""

    def __call__(self, element: etree._Element, locales: dict[str, str], language: str) -> list[Party]:
        roles = self.role(element)
        role = code_value(roles[0]) if roles else ""
        out = []
        for party in self.parties(element):
            name = self._text(self.name, party, locales, language)
            email = self._text(self.email, party, locales, language)
            url = self._text(self.url, party, locales, language)
            if party.tag.endswith("}CI_Individual"):
                out.append(Party(name=name, role=role, email=email, url=url, orcid=self._orcid(party), kind="person"))
                continue
            people = [
                Party(
                    name=person_name,
                    organisation=name,
                    role=role,
                    email=self._text(self.email, person, locales, language) or email,
                    url=url,
                    orcid=self._orcid(person),
                    kind="person",
                )
                for person in self.individuals(party)
                if (person_name := self._text(self.name, person, locales, language))
            ]
            out.extend(people or [Party(organisation=name, role=role, email=email, url=url, kind="organisation")])
        return out


@lru_cache(maxsize=32)
def _compiled(namespaces: tuple[tuple[str, str], ...]) -> tuple[IsoPaths, _PartyReader]:
    ns = dict(namespaces)
    return compile_paths(EXPRESSIONS, ns), _PartyReader(ns)


def _namespaces(root: etree._Element) -> tuple[tuple[str, str], ...]:
    ns = dict(_DEFAULTS)
    for uri in root.nsmap.values():
        match = _VERSIONED.match(uri or "")
        if match and match[1] in ns:
            ns[match[1]] = uri
    return tuple(sorted(ns.items()))


def matches(root: etree._Element) -> bool:
    if root.tag.startswith(f"{{{_BASE}mdb/"):
        return True
    # Profiles (geocat.ch CHE_MD_Metadata) keep the mdb children under their own root element.
    first = next((child for child in root if isinstance(child.tag, str)), None)
    return first is not None and first.tag.startswith(f"{{{_BASE}mdb/")


def convert(root: etree._Element) -> UnifiedRecord:
    paths, read_parties = _compiled(_namespaces(root))
    return convert_iso(root, paths, "iso19115-3", read_parties)


CROSSWALK = register(Crosswalk("iso19115-3", matches, convert))
