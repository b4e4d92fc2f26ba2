"""ISO 19115-3 (mdb:MD_Metadata and profiles such as geocat.ch's che:CHE_MD_Metadata).

Where each concept sits in a 19115-3 document; the walking is shared with ISO 19139 in ``_iso``.
19115-3 namespaces carry a version (mdb/1.0 and mdb/2.0, cit/1.0 and cit/2.0, srv/2.0 and srv/2.1 are all in use),
so the XPath table is compiled once per namespace set met (a handful in practice) and cached, not per document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from catalogue.records.unified import Party, UnifiedRecord
from harvesters.crosswalks import Crosswalk, register
from harvesters.crosswalks._common import xpath
from harvesters.crosswalks._iso import IsoPaths, compile_paths, convert_iso
from harvesters.crosswalks._iso_text import GCO3, GCX3, LAN3, code_value, free_text, prop_href, prop_text

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
    "formats": f"{_DISTRIBUTION}/mrd:distributionFormat/{_FORMAT_TITLE}"
    f" | {_DISTRIBUTION}/mrd:distributor/mrd:MD_Distributor/mrd:distributorFormat/{_FORMAT_TITLE}",
    "online": "mdb:distributionInfo//cit:CI_OnlineResource",
    "lineage": "mdb:resourceLineage/mrl:LI_Lineage/mrl:statement",
    "platforms": f"{_ACQUISITION}/mac:platform/mac:MI_Platform",
    "instruments": f"{_ACQUISITION}//mac:MI_Instrument",
}


class _PartyReader:
    """CI_Responsibility -> Parties: one per individual of an organisation, or the organisation alone.

    A party's name, email, URL and individuals come from one XPath union (results in document order, told apart
    by tag) rather than four expressions: each compiled XPath call costs ~0.7 us before it reads anything.
    """

    def __init__(self, ns: dict[str, str]):
        cit = f"{{{ns['cit']}}}"
        self.role = xpath("cit:role/cit:CI_RoleCode", ns)
        self.parties = xpath("cit:party/*", ns)
        self.details = xpath(
            "cit:name"
            " | cit:contactInfo/cit:CI_Contact/cit:address/cit:CI_Address/cit:electronicMailAddress"
            " | cit:contactInfo/cit:CI_Contact/cit:onlineResource/cit:CI_OnlineResource/cit:linkage"
            " | cit:individual/cit:CI_Individual",
            ns,
        )
        self.name_tag, self.email_tag = f"{cit}name", f"{cit}electronicMailAddress"
        self.url_tag, self.individual_tag = f"{cit}linkage", f"{cit}CI_Individual"
        self.ids = xpath(f"cit:partyIdentifier/{_CODE}", ns)

    def _details(self, element: etree._Element):
        """(name props, first email prop, first URL prop, individuals) of a party, in document order."""
        names, email, url, individuals = [], None, None, []
        for found in self.details(element):
            tag = found.tag
            if tag == self.name_tag:
                names.append(found)
            elif tag == self.email_tag:
                email = found if email is None else email
            elif tag == self.url_tag:
                url = found if url is None else url
            elif tag == self.individual_tag:
                individuals.append(found)
        return names, email, url, individuals

    def _orcid(self, element: etree._Element, names: list[etree._Element]) -> str:
        for prop in [*self.ids(element), *names]:
            for value in (prop_text(prop), prop_href(prop)):
                if "orcid.org/" in value:
                    return value.rstrip("/").rsplit("/", 1)[-1]
        return ""

    def __call__(self, element: etree._Element, locales: dict[str, str], language: str) -> list[Party]:
        roles = self.role(element)
        role = code_value(roles[0]) if roles else ""
        out = []
        for party in self.parties(element):
            names, email_prop, url_prop, individuals = self._details(party)
            name = _first_text(names, locales, language)
            email = free_text(email_prop, locales, language)[0]
            url = free_text(url_prop, locales, language)[0]
            if party.tag.endswith("}CI_Individual"):
                out.append(
                    Party(name=name, role=role, email=email, url=url, orcid=self._orcid(party, names), kind="person")
                )
                continue
            people = []
            for person in individuals:
                person_names, person_email, _, _ = self._details(person)
                person_name = _first_text(person_names, locales, language)
                if not person_name:
                    continue
                people.append(
                    Party(
                        name=person_name,
                        organisation=name,
                        role=role,
                        email=free_text(person_email, locales, language)[0] or email,
                        url=url,
                        orcid=self._orcid(person, person_names),
                        kind="person",
                    )
                )
            out.extend(people or [Party(organisation=name, role=role, email=email, url=url, kind="organisation")])
        return out


def _first_text(props: list[etree._Element], locales: dict[str, str], language: str) -> str:
    return free_text(props[0], locales, language)[0] if props else ""


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
