"""ISO 19115-3 (mdb:MD_Metadata 2.0) writer, element order as in the XSDs (the shape Sextant and EaSy Data serve)."""

from __future__ import annotations

from lxml import etree

from .spec import LICENCES, NOW, Contact, KeywordGroup, Link, Spec
from .xmlbuild import Builder, serialise, write_extent

ISO = "http://standards.iso.org/iso/19115/-3"
NSMAP = {
    "mdb": f"{ISO}/mdb/2.0",
    "cit": f"{ISO}/cit/2.0",
    "gco": f"{ISO}/gco/1.0",
    "gcx": f"{ISO}/gcx/1.0",
    "gex": f"{ISO}/gex/1.0",
    "lan": f"{ISO}/lan/1.0",
    "mcc": f"{ISO}/mcc/1.0",
    "mco": f"{ISO}/mco/1.0",
    "mri": f"{ISO}/mri/1.0",
    "mrd": f"{ISO}/mrd/1.0",
    "mrl": f"{ISO}/mrl/2.0",
    "gml": "http://www.opengis.net/gml/3.2",
}
CODELISTS = "http://standards.iso.org/iso/19115/resources/Codelists/cat/codelists.xml"
LANG3 = {"fr": "fre", "en": "eng"}


def write(spec: Spec) -> bytes:
    b = Builder(NSMAP)
    root = b.root("mdb:MD_Metadata", f"{NSMAP['mdb']} https://schemas.isotc211.org/19115/-3/mdb/2.0/mdb.xsd")
    ident_code = b.path(root, "mdb:metadataIdentifier", "mcc:MD_Identifier")
    b.path(ident_code, "mcc:code", "gco:CharacterString", text=spec.identifier)
    b.path(ident_code, "mcc:codeSpace", "gco:CharacterString", text="urn:uuid")
    _locale(b, b.el(root, "mdb:defaultLocale"), spec.lang)
    if spec.parent:
        b.el(root, "mdb:parentMetadata", uuidref=spec.parent)
    _code(
        b,
        b.path(root, "mdb:metadataScope", "mdb:MD_MetadataScope", "mdb:resourceScope"),
        "mcc",
        "MD_ScopeCode",
        spec.level,
    )
    for contact in spec.contacts[:1]:
        _party(b, b.el(root, "mdb:contact"), Contact("pointOfContact", contact.organisation, "", contact.email))
    _date(b, b.el(root, "mdb:dateInfo"), spec.datestamp, "revision", datetime=True)
    standard = b.path(root, "mdb:metadataStandard", "cit:CI_Citation")
    b.path(standard, "cit:title", "gco:CharacterString", text="ISO 19115-3")
    b.path(standard, "cit:edition", "gco:CharacterString", text="2018")
    if spec.title_alt:
        _locale(b, b.el(root, "mdb:otherLocale"), "en" if spec.lang == "fr" else "fr")

    ident = b.path(root, "mdb:identificationInfo", "mri:MD_DataIdentification")
    citation = b.path(ident, "mri:citation", "cit:CI_Citation")
    _text(b, citation, "cit:title", spec.title, spec.title_alt, spec.lang)
    for kind, value in (("creation", spec.created), ("publication", spec.published), ("revision", spec.revised)):
        if value:
            _date(b, b.el(citation, "cit:date"), value, kind)
    if spec.version:
        b.path(citation, "cit:edition", "gco:CharacterString", text=spec.version)
    if spec.doi:
        identifier = b.path(citation, "cit:identifier", "mcc:MD_Identifier")
        b.path(identifier, "mcc:code", "gcx:Anchor", text=spec.doi, xlink__href=f"https://doi.org/{spec.doi}")
        b.path(identifier, "mcc:codeSpace", "gco:CharacterString", text="doi.org")
    for contact in spec.contacts:
        if contact.role in {"author", "originator", "principalInvestigator"}:
            _party(b, b.el(citation, "cit:citedResponsibleParty"), contact)
    _text(b, ident, "mri:abstract", spec.abstract, spec.abstract_alt, spec.lang)
    _code(b, b.el(ident, "mri:status"), "mcc", "MD_ProgressCode", "onGoing" if spec.end == NOW else "completed")
    for contact in spec.contacts:
        if contact.role not in {"author", "originator", "principalInvestigator"}:
            _party(b, b.el(ident, "mri:pointOfContact"), contact)
    for topic in spec.topics:
        b.path(ident, "mri:topicCategory", "mri:MD_TopicCategoryCode", text=topic)
    write_extent(b, ident, spec, "mri:extent", "gex")
    for group in spec.keywords:
        _keywords(b, ident, group)
    _constraints(b, ident, spec.license)
    _locale(b, b.el(ident, "mri:defaultLocale"), spec.lang)

    if spec.formats or spec.links or spec.doi:
        dist = b.path(root, "mdb:distributionInfo", "mrd:MD_Distribution")
        for name, version in spec.formats:
            fmt_citation = b.path(
                dist, "mrd:distributionFormat", "mrd:MD_Format", "mrd:formatSpecificationCitation", "cit:CI_Citation"
            )
            b.path(fmt_citation, "cit:title", "gco:CharacterString", text=name)
            if version:
                b.path(fmt_citation, "cit:edition", "gco:CharacterString", text=version)
        links = list(spec.links)
        if spec.doi:
            links.insert(
                0, Link(f"https://doi.org/{spec.doi}", "DOI", "Digital Object Identifier (DOI)", "", "information")
            )
        if links:
            options = b.path(dist, "mrd:transferOptions", "mrd:MD_DigitalTransferOptions")
            for link in links:
                _online(b, b.el(options, "mrd:onLine"), link)
    if spec.lineage:
        lineage = b.path(root, "mdb:resourceLineage", "mrl:LI_Lineage")
        b.path(lineage, "mrl:statement", "gco:CharacterString", text=spec.lineage)
    return serialise(root)


def _code(b: Builder, parent: etree._Element, prefix: str, code: str, value: str) -> None:
    b.el(parent, f"{prefix}:{code}", codeList=f"{CODELISTS}#{code}", codeListValue=value)


def _locale(b: Builder, parent: etree._Element, lang: str) -> None:
    locale = b.el(parent, "lan:PT_Locale", id=lang.upper())
    b.el(
        b.el(locale, "lan:language"),
        "lan:LanguageCode",
        codeList="http://www.loc.gov/standards/iso639-2/",
        codeListValue=LANG3[lang],
    )
    _code(b, b.el(locale, "lan:characterEncoding"), "lan", "MD_CharacterSetCode", "utf8")


def _date(b: Builder, parent: etree._Element, value: str, kind: str, datetime: bool = False) -> None:
    date = b.el(parent, "cit:CI_Date")
    b.path(date, "cit:date", "gco:DateTime" if datetime else "gco:Date", text=value.rstrip("Z") if datetime else value)
    _code(b, b.el(date, "cit:dateType"), "cit", "CI_DateTypeCode", kind)


def _text(b: Builder, parent: etree._Element, name: str, main: str, alternate: str, lang: str) -> None:
    element = b.el(parent, name)
    b.el(element, "gco:CharacterString", main)
    if alternate:
        element.set(b.qname("xsi:type"), "lan:PT_FreeText_PropertyType")
        free_text = b.el(element, "lan:PT_FreeText")
        b.path(free_text, "lan:textGroup", "lan:LocalisedCharacterString", text=main, locale=f"#{lang.upper()}")
        other = "EN" if lang == "fr" else "FR"
        b.path(free_text, "lan:textGroup", "lan:LocalisedCharacterString", text=alternate, locale=f"#{other}")


def _party(b: Builder, parent: etree._Element, contact: Contact) -> None:
    responsibility = b.el(parent, "cit:CI_Responsibility")
    _code(b, b.el(responsibility, "cit:role"), "cit", "CI_RoleCode", contact.role)
    organisation = b.path(responsibility, "cit:party", "cit:CI_Organisation")
    b.path(organisation, "cit:name", "gco:CharacterString", text=contact.organisation)
    if contact.email:
        b.path(
            organisation,
            "cit:contactInfo",
            "cit:CI_Contact",
            "cit:address",
            "cit:CI_Address",
            "cit:electronicMailAddress",
            "gco:CharacterString",
            text=contact.email,
        )
    if contact.person:
        individual = b.path(organisation, "cit:individual", "cit:CI_Individual")
        b.path(individual, "cit:name", "gco:CharacterString", text=contact.person)
        if contact.orcid:
            identifier = b.path(individual, "cit:partyIdentifier", "mcc:MD_Identifier")
            b.path(identifier, "mcc:code", "gco:CharacterString", text=f"https://orcid.org/{contact.orcid}")
            b.path(identifier, "mcc:codeSpace", "gco:CharacterString", text="ORCID")


def _keywords(b: Builder, ident: etree._Element, group: KeywordGroup) -> None:
    keywords = b.path(ident, "mri:descriptiveKeywords", "mri:MD_Keywords")
    for value in group.values:
        b.path(keywords, "mri:keyword", "gco:CharacterString", text=value)
    _code(b, b.el(keywords, "mri:type"), "mri", "MD_KeywordTypeCode", group.type)
    if group.thesaurus:
        citation = b.path(keywords, "mri:thesaurusName", "cit:CI_Citation")
        title = b.el(citation, "cit:title")
        if group.thesaurus_url:
            b.el(title, "gcx:Anchor", group.thesaurus, xlink__href=group.thesaurus_url)
        else:
            b.el(title, "gco:CharacterString", group.thesaurus)
        _date(b, b.el(citation, "cit:date"), "2019-01-01", "publication")


def _constraints(b: Builder, ident: etree._Element, licence_key: str) -> None:
    text, url, restricted = LICENCES[licence_key]
    legal = b.path(ident, "mri:resourceConstraints", "mco:MD_LegalConstraints")
    if url:
        reference = b.path(legal, "mco:reference", "cit:CI_Citation")
        b.path(reference, "cit:title", "gco:CharacterString", text=text)
        _online(b, b.el(reference, "cit:onlineResource"), Link(url, "WWW:LINK", text, "", "information"))
    _code(
        b,
        b.el(legal, "mco:accessConstraints"),
        "mco",
        "MD_RestrictionCode",
        "restricted" if restricted else "otherRestrictions",
    )
    _code(
        b,
        b.el(legal, "mco:useConstraints"),
        "mco",
        "MD_RestrictionCode",
        "otherRestrictions" if restricted else "license",
    )
    b.path(legal, "mco:otherConstraints", "gco:CharacterString", text=text)


def _online(b: Builder, parent: etree._Element, link: Link) -> None:
    resource = b.el(parent, "cit:CI_OnlineResource")
    b.path(resource, "cit:linkage", "gco:CharacterString", text=link.url)
    b.path(resource, "cit:protocol", "gco:CharacterString", text=link.protocol)
    if link.name:
        b.path(resource, "cit:name", "gco:CharacterString", text=link.name)
    if link.description:
        b.path(resource, "cit:description", "gco:CharacterString", text=link.description)
    _code(b, b.el(resource, "cit:function"), "cit", "CI_OnLineFunctionCode", link.function)
