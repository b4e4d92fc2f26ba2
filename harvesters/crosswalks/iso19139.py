"""ISO 19139 (gmd:MD_Metadata, ISO 19115-2 gmi:MI_Metadata, national profiles such as che:CHE_MD_Metadata).

Where each concept sits in a 19139 document; the walking itself is shared with ISO 19115-3 in ``_iso``.
Direct lxml with compiled XPath, not OWSLib's MD_Metadata: OWSLib reads only the first extent and is an order of
magnitude slower (see bench/bench_crosswalk.py for the measurement).
"""

from __future__ import annotations

from lxml import etree

from catalogue.unified import Party, UnifiedRecord
from harvesters.crosswalks import Crosswalk, register
from harvesters.crosswalks._common import local_name, xpath
from harvesters.crosswalks._iso import GCO, GMD, GMX, code_value, compile_paths, convert_iso, free_text, prop_href

NAMESPACES = {
    "gmd": GMD,
    "gco": GCO,
    "gmx": GMX,
    "gmi": "http://www.isotc211.org/2005/gmi",
    "srv": "http://www.isotc211.org/2005/srv",
    "xlink": "http://www.w3.org/1999/xlink",
}
_EXTENT = "*[self::gmd:extent or self::srv:extent]/gmd:EX_Extent"
_CONSTRAINT = "gmd:resourceConstraints/*"
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
        "date_value": "gmd:date/*/text()",
        "date_type": "gmd:dateType/gmd:CI_DateTypeCode",
        "edition": "gmd:edition",
        "resource_ids": "gmd:identifier/*",
        "id_code": "gmd:code",
        "id_codespace": "gmd:codeSpace",
        "cited_parties": "gmd:citedResponsibleParty/*",
        "citation_texts": "gmd:otherCitationDetails",
        "citation_urls": "../../gmd:dataSetURI/*/text()",
        "abstract": "gmd:abstract",
        "points_of_contact": "gmd:pointOfContact/*",
        "keyword_groups": "gmd:descriptiveKeywords/gmd:MD_Keywords",
        "keywords": "gmd:keyword",
        "keyword_type": "gmd:type/gmd:MD_KeywordTypeCode",
        "thesaurus": "gmd:thesaurusName/gmd:CI_Citation/gmd:title",
        "topics": "gmd:topicCategory/gmd:MD_TopicCategoryCode",
        "resource_languages": "gmd:language",
        "constraint_texts": f"{_CONSTRAINT}/gmd:useLimitation | {_CONSTRAINT}/gmd:otherConstraints",
        "constraint_codes": f"{_CONSTRAINT}/gmd:accessConstraints/gmd:MD_RestrictionCode"
        f" | {_CONSTRAINT}/gmd:useConstraints/gmd:MD_RestrictionCode",
        "constraint_urls": "self::*[false()]/text()",  # 19139 has no licence citation: Anchors carry the URLs
        "bboxes": f"{_EXTENT}/gmd:geographicElement/gmd:EX_GeographicBoundingBox",
        "west": "string(gmd:westBoundLongitude/gco:Decimal)",
        "east": "string(gmd:eastBoundLongitude/gco:Decimal)",
        "south": "string(gmd:southBoundLatitude/gco:Decimal)",
        "north": "string(gmd:northBoundLatitude/gco:Decimal)",
        "temporal": f"{_EXTENT}/gmd:temporalElement/*/gmd:extent/*",
        "related": "gmd:aggregationInfo/gmd:MD_AggregateInformation",
        "related_code": "gmd:aggregateDataSetIdentifier/*/gmd:code",
        "related_type": "gmd:associationType/gmd:DS_AssociationTypeCode",
        "operates_on": "srv:operatesOn/@uuidref | srv:operatesOn/@xlink:href",
        "formats": f"{_DISTRIBUTION}/gmd:distributionFormat/gmd:MD_Format/gmd:name"
        f" | {_DISTRIBUTION}/gmd:distributor/gmd:MD_Distributor/gmd:distributorFormat/gmd:MD_Format/gmd:name",
        "online": "gmd:distributionInfo//gmd:CI_OnlineResource",
        "online_url": "gmd:linkage/gmd:URL/text()",
        "online_protocol": "gmd:protocol",
        "online_name": "gmd:name",
        "online_description": "gmd:description",
        "online_function": "gmd:function/gmd:CI_OnLineFunctionCode",
        "lineage": "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:lineage/gmd:LI_Lineage/gmd:statement",
        "platforms": f"{_ACQUISITION}/gmi:platform/gmi:MI_Platform",
        "instruments": f"{_ACQUISITION}//gmi:MI_Instrument",
    },
    NAMESPACES,
)

_INDIVIDUAL = xpath("gmd:individualName", NAMESPACES)
_ORGANISATION = xpath("gmd:organisationName", NAMESPACES)
_POSITION = xpath("gmd:positionName", NAMESPACES)
_ROLE = xpath("gmd:role/gmd:CI_RoleCode", NAMESPACES)
_CONTACT = "gmd:contactInfo/gmd:CI_Contact"
_EMAIL = xpath(f"{_CONTACT}/gmd:address/gmd:CI_Address/gmd:electronicMailAddress", NAMESPACES)
_URL = xpath(f"{_CONTACT}/gmd:onlineResource/gmd:CI_OnlineResource/gmd:linkage/gmd:URL/text()", NAMESPACES)
_ROOTS = frozenset({f"{{{GMD}}}MD_Metadata", f"{{{NAMESPACES['gmi']}}}MI_Metadata"})


def read_party(element: etree._Element, locales: dict[str, str], language: str) -> list[Party]:
    """One CI_ResponsibleParty (or a profile's subclass of it) -> one Party."""
    individual = _INDIVIDUAL(element)
    name = free_text(individual[0], locales, language)[0] if individual else ""
    organisation = _ORGANISATION(element)
    organisation_name = free_text(organisation[0], locales, language)[0] if organisation else ""
    if not name and not organisation_name:
        position = _POSITION(element)
        name = free_text(position[0], locales, language)[0] if position else ""
    email = _EMAIL(element)
    roles = _ROLE(element)
    href = prop_href(individual[0]) if individual else ""
    url = next((u.strip() for u in _URL(element) if u.strip()), "")
    orcid = next((link.rstrip("/").rsplit("/", 1)[-1] for link in (href, url) if "orcid.org/" in link), "")
    return [
        Party(
            name=name,
            organisation=organisation_name,
            role=code_value(roles[0]) if roles else "",
            email=free_text(email[0], locales, language)[0] if email else "",
            url=url,
            orcid=orcid,
            kind="person" if name else "organisation",
        )
    ]


def matches(root: etree._Element) -> bool:
    if root.tag in _ROOTS:
        return True
    # National profiles (geocat.ch CHE_MD_Metadata...) subclass MD_Metadata and keep gmd children.
    return local_name(root).endswith("MD_Metadata") and root.find(f"{{{GMD}}}identificationInfo") is not None


def convert(root: etree._Element) -> UnifiedRecord:
    return convert_iso(root, PATHS, "iso19139", read_party)


CROSSWALK = register(Crosswalk("iso19139", matches, convert))
