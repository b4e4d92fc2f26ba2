"""ISO 19139 (gmd:MD_Metadata) and ISO 19115-2 (gmi:MI_Metadata) writer, element order as in the XSDs."""

from __future__ import annotations

from lxml import etree

from .spec import LICENCES, NOW, Contact, KeywordGroup, Link, Spec
from .xmlbuild import Builder, serialise, write_extent

GMD = "http://www.isotc211.org/2005/gmd"
GMI = "http://www.isotc211.org/2005/gmi"
CODELISTS = "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml"
LANG3 = {"fr": "fre", "en": "eng"}


def _builder(spec: Spec) -> Builder:
    nsmap = {
        "gmd": GMD,
        "gco": "http://www.isotc211.org/2005/gco",
        "gmx": "http://www.isotc211.org/2005/gmx",
        # ISO 19115-2 records in the wild often still use GML 3.1; ours do too, the others use GML 3.2.
        "gml": "http://www.opengis.net/gml" if spec.fmt == "gmi" else "http://www.opengis.net/gml/3.2",
    }
    if spec.fmt == "gmi":
        nsmap["gmi"] = GMI
    return Builder(nsmap)


def write(spec: Spec) -> bytes:
    b = _builder(spec)
    multilingual = bool(spec.title_alt)
    if spec.fmt == "gmi":
        root = b.root("gmi:MI_Metadata", f"{GMI} http://standards.iso.org/iso/19115/-2/gmi/1.0/gmi.xsd")
    else:
        root = b.root("gmd:MD_Metadata", f"{GMD} http://schemas.opengis.net/csw/2.0.2/profiles/apiso/1.0.0/apiso.xsd")
    b.path(root, "gmd:fileIdentifier", "gco:CharacterString", text=spec.identifier)
    _code(b, b.el(root, "gmd:language"), "LanguageCode", LANG3[spec.lang], "http://www.loc.gov/standards/iso639-2/")
    _code(b, b.el(root, "gmd:characterSet"), "MD_CharacterSetCode", "utf8")
    if spec.parent:
        b.path(root, "gmd:parentIdentifier", "gco:CharacterString", text=spec.parent)
    _code(b, b.el(root, "gmd:hierarchyLevel"), "MD_ScopeCode", spec.level)
    for contact in spec.contacts[:1]:
        _party(b, b.el(root, "gmd:contact"), Contact("pointOfContact", contact.organisation, "", contact.email))
    b.path(root, "gmd:dateStamp", "gco:DateTime", text=spec.datestamp.rstrip("Z"))
    b.path(
        root,
        "gmd:metadataStandardName",
        "gco:CharacterString",
        text="ISO 19115-2:2009" if spec.fmt == "gmi" else "ISO 19115:2003/19139",
    )
    b.path(root, "gmd:metadataStandardVersion", "gco:CharacterString", text="1.0")
    if multilingual:
        other = "en" if spec.lang == "fr" else "fr"
        locale = b.el(b.el(root, "gmd:locale"), "gmd:PT_Locale", id=other.upper())
        _code(
            b, b.el(locale, "gmd:languageCode"), "LanguageCode", LANG3[other], "http://www.loc.gov/standards/iso639-2/"
        )
        _code(b, b.el(locale, "gmd:characterEncoding"), "MD_CharacterSetCode", "utf8")
    rs = b.path(
        root, "gmd:referenceSystemInfo", "gmd:MD_ReferenceSystem", "gmd:referenceSystemIdentifier", "gmd:RS_Identifier"
    )
    b.path(rs, "gmd:code", "gmx:Anchor", text="EPSG:4326", xlink__href="http://www.opengis.net/def/crs/EPSG/0/4326")

    ident = b.path(root, "gmd:identificationInfo", "gmd:MD_DataIdentification")
    citation = b.path(ident, "gmd:citation", "gmd:CI_Citation")
    _text(b, citation, "gmd:title", spec.title, spec.title_alt, spec.lang)
    for kind, value in (("creation", spec.created), ("publication", spec.published), ("revision", spec.revised)):
        if value:
            date = b.path(citation, "gmd:date", "gmd:CI_Date")
            b.path(date, "gmd:date", "gco:Date", text=value)
            _code(b, b.el(date, "gmd:dateType"), "CI_DateTypeCode", kind)
    if spec.version:
        b.path(citation, "gmd:edition", "gco:CharacterString", text=spec.version)
    if spec.doi:
        code = b.path(citation, "gmd:identifier", "gmd:MD_Identifier", "gmd:code")
        b.el(code, "gmx:Anchor", spec.doi, xlink__href=f"https://doi.org/{spec.doi}")
    for contact in spec.contacts:
        if contact.role in {"author", "originator", "principalInvestigator"}:
            _party(b, b.el(citation, "gmd:citedResponsibleParty"), contact)
    _text(b, ident, "gmd:abstract", spec.abstract, spec.abstract_alt, spec.lang)
    _code(b, b.el(ident, "gmd:status"), "MD_ProgressCode", "onGoing" if spec.end == NOW else "completed")
    for contact in spec.contacts:
        if contact.role not in {"author", "originator", "principalInvestigator"}:
            _party(b, b.el(ident, "gmd:pointOfContact"), contact)
    for group in spec.keywords:
        _keywords(b, ident, group)
    _constraints(b, ident, spec.license)
    b.path(ident, "gmd:language", "gco:CharacterString", text=LANG3[spec.lang])
    for topic in spec.topics:
        b.path(ident, "gmd:topicCategory", "gmd:MD_TopicCategoryCode", text=topic)
    write_extent(b, ident, spec, "gmd:extent", "gmd")

    if spec.formats or spec.links:
        dist = b.path(root, "gmd:distributionInfo", "gmd:MD_Distribution")
        for name, version in spec.formats:
            fmt = b.path(dist, "gmd:distributionFormat", "gmd:MD_Format")
            b.path(fmt, "gmd:name", "gco:CharacterString", text=name)
            version_el = b.el(fmt, "gmd:version")
            if version:
                b.el(version_el, "gco:CharacterString", version)
            else:
                version_el.set(b.qname("gco:nilReason"), "unknown")
        links = list(spec.links)
        if spec.doi:
            links.insert(0, Link(f"https://doi.org/{spec.doi}", "WWW:LINK-1.0-http--link", "DOI", "", "information"))
        if links:
            options = b.path(dist, "gmd:transferOptions", "gmd:MD_DigitalTransferOptions")
            for link in links:
                _online(b, b.el(options, "gmd:onLine"), link)
    if spec.lineage or spec.level:
        quality = b.path(root, "gmd:dataQualityInfo", "gmd:DQ_DataQuality")
        _code(b, b.path(quality, "gmd:scope", "gmd:DQ_Scope", "gmd:level"), "MD_ScopeCode", spec.level)
        if spec.lineage:
            b.path(quality, "gmd:lineage", "gmd:LI_Lineage", "gmd:statement", "gco:CharacterString", text=spec.lineage)
    if spec.fmt == "gmi" and spec.platforms:
        acquisition = b.path(root, "gmi:acquisitionInformation", "gmi:MI_AcquisitionInformation")
        for platform in spec.platforms:
            node = b.path(acquisition, "gmi:platform", "gmi:MI_Platform")
            b.path(
                node, "gmi:identifier", "gmd:MD_Identifier", "gmd:code", "gco:CharacterString", text=platform.identifier
            )
            b.path(node, "gmi:description", "gco:CharacterString", text=platform.description)
            for identifier, kind in platform.instruments:
                instrument = b.path(node, "gmi:instrument", "gmi:MI_Instrument")
                b.path(
                    instrument,
                    "gmi:identifier",
                    "gmd:MD_Identifier",
                    "gmd:code",
                    "gco:CharacterString",
                    text=identifier,
                )
                b.path(instrument, "gmi:type", "gco:CharacterString", text=kind)
    return serialise(root)


def _code(b: Builder, parent: etree._Element, code: str, value: str, codelist: str = "") -> None:
    b.el(parent, f"gmd:{code}", value, codeList=codelist or f"{CODELISTS}#{code}", codeListValue=value)


def _text(b: Builder, parent: etree._Element, name: str, main: str, alternate: str, lang: str) -> None:
    """A CharacterString, or a PT_FreeText with the other language when there is one."""
    element = b.el(parent, name)
    b.el(element, "gco:CharacterString", main)
    if alternate:
        element.set(b.qname("xsi:type"), "gmd:PT_FreeText_PropertyType")
        free_text = b.el(element, "gmd:PT_FreeText")
        other = "EN" if lang == "fr" else "FR"
        b.path(free_text, "gmd:textGroup", "gmd:LocalisedCharacterString", text=alternate, locale=f"#{other}")


def _party(b: Builder, parent: etree._Element, contact: Contact) -> None:
    party = b.el(parent, "gmd:CI_ResponsibleParty")
    if contact.person:
        name = b.el(party, "gmd:individualName")
        if contact.orcid:
            b.el(name, "gmx:Anchor", contact.person, xlink__href=f"https://orcid.org/{contact.orcid}")
        else:
            b.el(name, "gco:CharacterString", contact.person)
    b.path(party, "gmd:organisationName", "gco:CharacterString", text=contact.organisation)
    if contact.email:
        info = b.path(party, "gmd:contactInfo", "gmd:CI_Contact")
        b.path(
            info,
            "gmd:address",
            "gmd:CI_Address",
            "gmd:electronicMailAddress",
            "gco:CharacterString",
            text=contact.email,
        )
    _code(b, b.el(party, "gmd:role"), "CI_RoleCode", contact.role)


def _keywords(b: Builder, ident: etree._Element, group: KeywordGroup) -> None:
    keywords = b.path(ident, "gmd:descriptiveKeywords", "gmd:MD_Keywords")
    for value in group.values:
        b.path(keywords, "gmd:keyword", "gco:CharacterString", text=value)
    _code(b, b.el(keywords, "gmd:type"), "MD_KeywordTypeCode", group.type)
    if group.thesaurus:
        citation = b.path(keywords, "gmd:thesaurusName", "gmd:CI_Citation")
        title = b.el(citation, "gmd:title")
        if group.thesaurus_url:
            b.el(title, "gmx:Anchor", group.thesaurus, xlink__href=group.thesaurus_url)
        else:
            b.el(title, "gco:CharacterString", group.thesaurus)
        date = b.path(citation, "gmd:date", "gmd:CI_Date")
        b.path(date, "gmd:date", "gco:Date", text="2019-01-01")
        _code(b, b.el(date, "gmd:dateType"), "CI_DateTypeCode", "publication")


def _constraints(b: Builder, ident: etree._Element, licence_key: str) -> None:
    text, url, restricted = LICENCES[licence_key]
    legal = b.path(ident, "gmd:resourceConstraints", "gmd:MD_LegalConstraints")
    b.path(
        legal,
        "gmd:useLimitation",
        "gco:CharacterString",
        text="Citer le jeu de données et ses producteurs. / Cite the dataset and its producers.",
    )
    _code(
        b,
        b.el(legal, "gmd:accessConstraints"),
        "MD_RestrictionCode",
        "restricted" if restricted else "otherRestrictions",
    )
    _code(
        b, b.el(legal, "gmd:useConstraints"), "MD_RestrictionCode", "license" if not restricted else "otherRestrictions"
    )
    other = b.el(legal, "gmd:otherConstraints")
    if url:
        b.el(other, "gmx:Anchor", text, xlink__href=url)
    else:
        b.el(other, "gco:CharacterString", text)


def _online(b: Builder, parent: etree._Element, link: Link) -> None:
    resource = b.el(parent, "gmd:CI_OnlineResource")
    b.path(resource, "gmd:linkage", "gmd:URL", text=link.url)
    b.path(resource, "gmd:protocol", "gco:CharacterString", text=link.protocol)
    if link.name:
        b.path(resource, "gmd:name", "gco:CharacterString", text=link.name)
    if link.description:
        b.path(resource, "gmd:description", "gco:CharacterString", text=link.description)
    _code(b, b.el(resource, "gmd:function"), "CI_OnLineFunctionCode", link.function)
