"""ISO 19139 (gmd:MD_Metadata, ISO 19115-2 gmi:MI_Metadata, national profiles such as che:CHE_MD_Metadata).

Where each concept sits in a 19139 document; the walking itself is shared with ISO 19115-3 in ``_iso``.
Direct lxml with compiled XPath, not OWSLib's MD_Metadata: OWSLib reads only the first extent and is an order of
magnitude slower (see bench/bench_crosswalk.py for the measurement).
"""

from __future__ import annotations

from lxml import etree

from catalogue.records.unified import Party, UnifiedRecord
from harvesters.crosswalks import Crosswalk, register
from harvesters.crosswalks._common import LOCAL_NAMES, xpath
from harvesters.crosswalks._iso import compile_paths, convert_iso
from harvesters.crosswalks._iso_text import GCO, GMD, GMX, child_code, free_text, prop_href

NAMESPACES = {
    "gmd": GMD,
    "gco": GCO,
    "gmx": GMX,
    "gmi": "http://www.isotc211.org/2005/gmi",
    "srv": "http://www.isotc211.org/2005/srv",
    "xlink": "http://www.w3.org/1999/xlink",
}
_ACQUISITION = "gmi:acquisitionInformation/gmi:MI_AcquisitionInformation"
_DISTRIBUTION = "gmd:distributionInfo/gmd:MD_Distribution"

PATHS = compile_paths(
    {
        "identifier": "gmd:fileIdentifier",
        "language": "gmd:language",
        "locales": "gmd:locale/gmd:PT_Locale",
        "locale_language": "gmd:languageCode/gmd:LanguageCode",
        "parent": "gmd:parentIdentifier/*/text()",
        "scope": "gmd:hierarchyLevel/gmd:MD_ScopeCode",
        "contacts": "gmd:contact/*",
        "datestamps": "gmd:dateStamp/*/text()",
        "identification": "gmd:identificationInfo/*",
        "citation": "gmd:citation/*",
        "title": "gmd:title",
        "dates": "gmd:date/gmd:CI_Date",
        "edition": "gmd:edition",
        "resource_ids": "gmd:identifier/*",
        "cited_parties": "gmd:citedResponsibleParty/*",
        "citation_texts": "gmd:otherCitationDetails",
        "citation_urls": "../../gmd:dataSetURI/*/text()",
        "abstract": "gmd:abstract",
        "formats": f"{_DISTRIBUTION}/gmd:distributionFormat/gmd:MD_Format/gmd:name"
        f" | {_DISTRIBUTION}/gmd:distributor/gmd:MD_Distributor/gmd:distributorFormat/gmd:MD_Format/gmd:name",
        "online": "gmd:distributionInfo//gmd:CI_OnlineResource",
        "lineage": "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:lineage/gmd:LI_Lineage/gmd:statement",
        "platforms": f"{_ACQUISITION}/gmi:platform/gmi:MI_Platform",
        "instruments": f"{_ACQUISITION}//gmi:MI_Instrument",
    },
    NAMESPACES,
)

# Email property elements and URL strings of a contactInfo, in one call (address comes before onlineResource).
_CONTACT_DETAILS = xpath(
    "gmd:CI_Contact/gmd:address/gmd:CI_Address/gmd:electronicMailAddress"
    " | gmd:CI_Contact/gmd:onlineResource/gmd:CI_OnlineResource/gmd:linkage/gmd:URL/text()",
    NAMESPACES,
)
_ROOTS = frozenset({f"{{{GMD}}}MD_Metadata", f"{{{NAMESPACES['gmi']}}}MI_Metadata"})


def read_party(element: etree._Element, locales: dict[str, str], language: str) -> list[Party]:
    """One CI_ResponsibleParty (or a profile's subclass of it) -> one Party. One pass over its children."""
    name = organisation = position = role = email = url = href = ""
    for child in element[:]:
        tag = LOCAL_NAMES[child.tag]
        if tag == "individualName":
            name, href = free_text(child, locales, language)[0], prop_href(child)
        elif tag == "organisationName":
            organisation = free_text(child, locales, language)[0]
        elif tag == "positionName":
            position = free_text(child, locales, language)[0]
        elif tag == "role":
            role = child_code(child)
        elif tag == "contactInfo":
            for detail in _CONTACT_DETAILS(child):
                if isinstance(detail, str):
                    url = url or detail.strip()
                else:
                    email = email or free_text(detail, locales, language)[0]
    name = name or ("" if organisation else position)
    orcid = ""
    if "orcid.org/" in href:
        orcid = href.rstrip("/").rsplit("/", 1)[-1]
    elif "orcid.org/" in url:
        orcid = url.rstrip("/").rsplit("/", 1)[-1]
    kind = "person" if name else "organisation"
    return [Party(name=name, organisation=organisation, role=role, email=email, url=url, orcid=orcid, kind=kind)]


def matches(root: etree._Element) -> bool:
    if root.tag in _ROOTS:
        return True
    # National profiles (geocat.ch CHE_MD_Metadata...) subclass MD_Metadata and keep gmd children.
    return LOCAL_NAMES[root.tag].endswith("MD_Metadata") and root.find(f"{{{GMD}}}identificationInfo") is not None


def convert(root: etree._Element) -> UnifiedRecord:
    return convert_iso(root, PATHS, "iso19139", read_party)


CROSSWALK = register(Crosswalk("iso19139", matches, convert))
