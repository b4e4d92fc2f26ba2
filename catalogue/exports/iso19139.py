"""ISO 19139 (gmd) from a unified Record, for records that did not come to us as ISO 19139 (DataCite, DC, 19115-3).

Written with lxml element by element; every box, date, identifier, keyword group and online resource is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from lxml import etree

from catalogue.exports.xmlchars import xml_text
from catalogue.records import reading
from catalogue.records.models import Record
from catalogue.records.unified import OnlineResource, Party

NS = {
    "gmd": "http://www.isotc211.org/2005/gmd",
    "gco": "http://www.isotc211.org/2005/gco",
    "gml": "http://www.opengis.net/gml/3.2",
    "gmx": "http://www.isotc211.org/2005/gmx",
    "xlink": "http://www.w3.org/1999/xlink",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
CODELISTS = "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml"
SCHEMA_LOCATION = "http://www.isotc211.org/2005/gmd http://schemas.opengis.net/csw/2.0.2/profiles/apiso/1.0.0/apiso.xsd"

ISO_ROLES = {
    "resourceProvider",
    "custodian",
    "owner",
    "user",
    "distributor",
    "originator",
    "pointOfContact",
    "principalInvestigator",
    "processor",
    "publisher",
    "author",
}
ISO_SCOPES = {"dataset", "series", "service", "collectionSession", "nonGeographicDataset", "software", "model"}
# DataCite resourceTypeGeneral (and DC types) to the closest ISO scope.
SCOPE_ALIASES = {"Dataset": "dataset", "Collection": "series", "Service": "service", "Software": "software"}
KEYWORD_TYPES = {"discipline", "place", "stratum", "temporal", "theme", "platform", "instrument"}
LANGUAGES_639_2 = {"fr": "fre", "en": "eng", "de": "ger", "es": "spa", "it": "ita", "pt": "por", "nl": "dut"}
ONLINE_FUNCTIONS = {"download", "information", "offlineAccess", "order", "search"}


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


def _el(parent: etree._Element, tag: str, **attrib) -> etree._Element:
    return etree.SubElement(parent, _q(tag), {(_q(k) if ":" in k else k): v for k, v in attrib.items()})


def _path(parent: etree._Element, *tags: str) -> etree._Element:
    for tag in tags:
        parent = _el(parent, tag)
    return parent


def _text(parent: etree._Element, tag: str, value: str) -> etree._Element:
    wrapper = _el(parent, tag)
    _el(wrapper, "gco:CharacterString").text = xml_text(value)
    return wrapper


def _code(parent: etree._Element, tag: str, codelist: str, value: str) -> None:
    _el(parent, tag, codeList=f"{CODELISTS}#{codelist}", codeListValue=value).text = value


def _date(parent: etree._Element, value: date, date_type: str) -> None:
    ci_date = _path(parent, "gmd:date", "gmd:CI_Date")
    _el(_el(ci_date, "gmd:date"), "gco:Date").text = value.isoformat()
    _code(_el(ci_date, "gmd:dateType"), "gmd:CI_DateTypeCode", "CI_DateTypeCode", date_type)


def _iso_language(code: str) -> str:
    code = (code or "").lower()
    return LANGUAGES_639_2.get(code[:2], code) if len(code) <= 3 else code


def _party(parent: etree._Element, tag: str, party: Party, default_role: str) -> None:
    rp = _path(parent, tag, "gmd:CI_ResponsibleParty")
    if party.name:
        _text(rp, "gmd:individualName", party.name)
    organisation = party.organisation or party.affiliation
    if organisation:
        _text(rp, "gmd:organisationName", organisation)
    if party.email or party.url or party.orcid:
        contact = _path(rp, "gmd:contactInfo", "gmd:CI_Contact")
        if party.email:
            _text(_path(contact, "gmd:address", "gmd:CI_Address"), "gmd:electronicMailAddress", party.email)
        url = party.url or (f"https://orcid.org/{party.orcid}" if party.orcid else "")
        if url:
            _el(
                _path(contact, "gmd:onlineResource", "gmd:CI_OnlineResource", "gmd:linkage"), "gmd:URL"
            ).text = xml_text(url)
    role = party.role if party.role in ISO_ROLES else default_role
    _code(_el(rp, "gmd:role"), "gmd:CI_RoleCode", "CI_RoleCode", role)


def _keyword_groups(record: Record) -> dict[tuple[str, str], list[str]]:
    groups: dict[tuple[str, str], list[str]] = {}
    for keyword in reading.read(record).keywords:
        groups.setdefault((keyword.thesaurus, keyword.type), []).append(keyword.value)
    for kind, values in (("platform", record.platforms), ("instrument", record.instruments)):
        if values:
            groups.setdefault(("", kind), []).extend(values)
    return groups


def _identification(root: etree._Element, record: Record) -> None:
    ident = _path(root, "gmd:identificationInfo", "gmd:MD_DataIdentification")
    citation = _path(ident, "gmd:citation", "gmd:CI_Citation")
    _text(citation, "gmd:title", record.title)
    for texts in reading.read(record).translations.values():
        if texts.get("title"):
            _text(citation, "gmd:alternateTitle", texts["title"])
    dates = [
        (record.date_created, "creation"),
        (record.date_published, "publication"),
        (record.date_revised, "revision"),
    ]
    if not any(value for value, _ in dates) and record.publication_year:
        dates = [(date(record.publication_year, 1, 1), "publication")]
    written = False
    for value, kind in dates:
        if value:
            _date(citation, value, kind)
            written = True
    if not written:
        _el(citation, "gmd:date", **{"gco:nilReason": "unknown"})
    if record.version:
        _text(citation, "gmd:edition", record.version)
    identifiers = [(f"https://doi.org/{record.doi}", f"doi:{record.doi}")] if record.doi else []
    identifiers.append(("", record.identifier))
    for href, code in identifiers:
        code_el = _path(citation, "gmd:identifier", "gmd:MD_Identifier", "gmd:code")
        if href:
            _el(code_el, "gmx:Anchor", **{"xlink:href": href}).text = xml_text(code)
        else:
            _el(code_el, "gco:CharacterString").text = xml_text(code)
    for creator in reading.read(record).creators:
        _party(citation, "gmd:citedResponsibleParty", creator, "author")
    if record.publisher:
        _party(
            citation, "gmd:citedResponsibleParty", Party(organisation=record.publisher, role="publisher"), "publisher"
        )
    _text(ident, "gmd:abstract", record.abstract or record.title)
    for organisation in reading.read(record).organisations:
        _party(ident, "gmd:pointOfContact", organisation, "pointOfContact")
    for (thesaurus, kind), values in _keyword_groups(record).items():
        keywords = _path(ident, "gmd:descriptiveKeywords", "gmd:MD_Keywords")
        for value in values:
            _text(keywords, "gmd:keyword", value)
        if kind in KEYWORD_TYPES:
            _code(_el(keywords, "gmd:type"), "gmd:MD_KeywordTypeCode", "MD_KeywordTypeCode", kind)
        if thesaurus:
            thesaurus_citation = _path(keywords, "gmd:thesaurusName", "gmd:CI_Citation")
            _text(thesaurus_citation, "gmd:title", thesaurus)
            _el(thesaurus_citation, "gmd:date", **{"gco:nilReason": "unknown"})
    _constraints(ident, record)
    languages = record.languages or ([record.language] if record.language else [])
    for language in languages:
        _text(ident, "gmd:language", _iso_language(language))
    if not languages:  # mandatory in MD_DataIdentification
        _el(ident, "gmd:language", **{"gco:nilReason": "unknown"})
    for category in record.topic_categories or []:
        _el(_el(ident, "gmd:topicCategory"), "gmd:MD_TopicCategoryCode").text = xml_text(category)
    _extents(ident, record)


def _constraints(ident: etree._Element, record: Record) -> None:
    if not (record.license or record.license_url or record.constraints):
        return
    legal = _path(ident, "gmd:resourceConstraints", "gmd:MD_LegalConstraints")
    for text in record.constraints or []:
        _text(legal, "gmd:useLimitation", str(text))
    if record.license or record.license_url:
        _code(_el(legal, "gmd:useConstraints"), "gmd:MD_RestrictionCode", "MD_RestrictionCode", "license")
        other = _el(legal, "gmd:otherConstraints")
        if record.license_url:
            _el(other, "gmx:Anchor", **{"xlink:href": record.license_url}).text = xml_text(
                record.license or record.license_url
            )
        else:
            _el(other, "gco:CharacterString").text = xml_text(record.license)


def add_bounding_box(geographic_element: etree._Element, box) -> None:
    """A published box (west, south, east, north; west > east across the antimeridian) as an
    EX_GeographicBoundingBox inside a gmd:geographicElement."""
    west, south, east, north = box
    bounding = _el(geographic_element, "gmd:EX_GeographicBoundingBox")
    for tag, value in (("westBoundLongitude", west), ("eastBoundLongitude", east)):
        _el(_el(bounding, f"gmd:{tag}"), "gco:Decimal").text = repr(float(value))
    for tag, value in (("southBoundLatitude", south), ("northBoundLatitude", north)):
        _el(_el(bounding, f"gmd:{tag}"), "gco:Decimal").text = repr(float(value))


def _extents(ident: etree._Element, record: Record) -> None:
    if not record.bboxes and not (record.temporal_start or record.temporal_end):
        return
    extent = _path(ident, "gmd:extent", "gmd:EX_Extent")
    for box in record.bboxes or []:
        add_bounding_box(_el(extent, "gmd:geographicElement"), box)
    if record.temporal_start or record.temporal_end:
        period = _path(extent, "gmd:temporalElement", "gmd:EX_TemporalExtent", "gmd:extent")
        period = _el(period, "gml:TimePeriod", **{"gml:id": f"T{record.pk.hex}"})
        begin = _el(period, "gml:beginPosition")
        if record.temporal_start:
            begin.text = record.temporal_start.isoformat()
        else:
            begin.set("indeterminatePosition", "unknown")
        end = _el(period, "gml:endPosition")
        if record.temporal_end:
            end.text = record.temporal_end.isoformat()
        else:
            end.set("indeterminatePosition", "now")


def _distribution(root: etree._Element, record: Record) -> None:
    links = [r for r in reading.read(record).online_resources if r.url]
    if record.doi:
        links.append(
            OnlineResource(
                url=f"https://doi.org/{record.doi}",
                protocol="WWW:LINK-1.0-http--link",
                name="DOI landing page",
                function="information",
            )
        )
    # Every record links to its page on the portal (CSW clients show it as the record's "more information").
    links.append(
        OnlineResource(
            url=f"{settings.SITE_URL}{record.get_absolute_url()}",
            protocol="WWW:LINK-1.0-http--link",
            name="Data Terra catalogue record page",
            function="information",
        )
    )
    if not links and not record.formats:
        return
    distribution = _path(root, "gmd:distributionInfo", "gmd:MD_Distribution")
    for name in record.formats or []:
        fmt = _path(distribution, "gmd:distributionFormat", "gmd:MD_Format")
        _text(fmt, "gmd:name", name)
        _el(fmt, "gmd:version", **{"gco:nilReason": "unknown"})
    if links:
        options = _path(distribution, "gmd:transferOptions", "gmd:MD_DigitalTransferOptions")
        for link in links:
            resource = _path(options, "gmd:onLine", "gmd:CI_OnlineResource")
            _el(_el(resource, "gmd:linkage"), "gmd:URL").text = xml_text(link.url)
            for field, value in (("protocol", link.protocol), ("name", link.name), ("description", link.description)):
                if value:
                    _text(resource, f"gmd:{field}", value)
            if link.function in ONLINE_FUNCTIONS:
                _code(
                    _el(resource, "gmd:function"),
                    "gmd:CI_OnLineFunctionCode",
                    "CI_OnLineFunctionCode",
                    link.function,
                )


def _quality(root: etree._Element, record: Record, scope: str) -> None:
    if not record.lineage:
        return
    quality = _path(root, "gmd:dataQualityInfo", "gmd:DQ_DataQuality")
    _code(_path(quality, "gmd:scope", "gmd:DQ_Scope", "gmd:level"), "gmd:MD_ScopeCode", "MD_ScopeCode", scope)
    _text(_path(quality, "gmd:lineage", "gmd:LI_Lineage"), "gmd:statement", record.lineage)


def build_iso19139(record: Record) -> etree._Element:
    root = etree.Element(_q("gmd:MD_Metadata"), nsmap=NS)
    root.set(_q("xsi:schemaLocation"), SCHEMA_LOCATION)
    _text(root, "gmd:fileIdentifier", record.identifier)
    if record.language:
        _code(_el(root, "gmd:language"), "gmd:LanguageCode", "LanguageCode", _iso_language(record.language))
    _code(_el(root, "gmd:characterSet"), "gmd:MD_CharacterSetCode", "MD_CharacterSetCode", "utf8")
    if record.parent_identifier:
        _text(root, "gmd:parentIdentifier", record.parent_identifier)
    scope = (
        record.resource_type
        if record.resource_type in ISO_SCOPES
        else SCOPE_ALIASES.get(record.resource_type, "dataset")
    )
    _code(_el(root, "gmd:hierarchyLevel"), "gmd:MD_ScopeCode", "MD_ScopeCode", scope)
    organisations = reading.read(record).organisations
    contacts = [o for o in organisations if o.role == "pointOfContact"] or organisations[:1]
    if not contacts:
        contacts = [Party(organisation=record.publisher or "Data Terra", role="pointOfContact")]
    for contact in contacts:
        _party(root, "gmd:contact", contact, "pointOfContact")
    stamp = record.modified or record.updated_at
    if isinstance(stamp, datetime):
        _el(_el(root, "gmd:dateStamp"), "gco:DateTime").text = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        _el(root, "gmd:dateStamp", **{"gco:nilReason": "unknown"})
    _text(root, "gmd:metadataStandardName", "ISO 19115:2003/19139")
    _text(root, "gmd:metadataStandardVersion", "1.0")
    if record.bboxes:
        rs = _path(
            root,
            "gmd:referenceSystemInfo",
            "gmd:MD_ReferenceSystem",
            "gmd:referenceSystemIdentifier",
            "gmd:RS_Identifier",
        )
        _text(rs, "gmd:code", "EPSG:4326")
    _identification(root, record)
    _distribution(root, record)
    _quality(root, record, scope)
    return root


def write_iso19139(record: Record) -> bytes:
    return etree.tostring(build_iso19139(record), xml_declaration=True, encoding="UTF-8")


def write_many(records: Iterable[Record]) -> dict:
    return {record.pk: write_iso19139(record) for record in records}
