"""The conversion ISO 19139 and ISO 19115-3 share; each format module only says where things are.

Both standards describe the same model (ISO 19115) with different element names, so one walker reads both: a
format module compiles a table of XPath expressions (``IsoPaths``) and a party reader, and ``convert_iso`` maps
what they find to a UnifiedRecord. Text properties are read directly from child elements (CharacterString, Anchor,
PT_FreeText) because that is cheaper than an XPath call per field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from catalogue.identifiers import find_doi
from catalogue.unified import Keyword, OnlineResource, Party, RelatedIdentifier, UnifiedRecord
from harvesters.crosswalks._common import (
    XLINK_HREF,
    add_box,
    clean,
    clean_block,
    local_name,
    looks_like_licence,
    make_bbox,
    normalise_language,
    note_issue,
    parse_date,
    parse_datetime,
    to_float,
    unique,
    xpath,
    year_of,
)

GMD = "http://www.isotc211.org/2005/gmd"
GCO = "http://www.isotc211.org/2005/gco"
GMX = "http://www.isotc211.org/2005/gmx"
GCO3 = "http://standards.iso.org/iso/19115/-3/gco/1.0"
GCX3 = "http://standards.iso.org/iso/19115/-3/gcx/1.0"
LAN3 = "http://standards.iso.org/iso/19115/-3/lan/1.0"

_TEXT_TAGS = frozenset(
    f"{{{ns}}}{name}"
    for ns, name in (
        (GCO, "CharacterString"),
        (GMX, "Anchor"),
        (GMX, "FileName"),
        (GMX, "MimeFileType"),
        (GCO3, "CharacterString"),
        (GCX3, "Anchor"),
        (GCX3, "FileName"),
        (GCX3, "MimeFileType"),
    )
)
_FREE_TEXT_TAGS = frozenset({f"{{{GMD}}}PT_FreeText", f"{{{LAN3}}}PT_FreeText"})
# CI_RoleCode values of the people and organisations a citation credits as authors (DataCite "creators").
CREATOR_ROLES = frozenset({"originator", "author", "principalInvestigator", "coAuthor", "creator"})
_NOT_AN_IDENTIFIER = frozenset({"not applicable", "n/a", "na", "none", "unknown", "missing", "inapplicable"})
# Keyword sets bigger than this are cut (one real record carried 34,866 keywords and crashed CKAN's harvester).
MAX_KEYWORDS = 1000
_DATE_FIELDS = {"creation": "date_created", "publication": "date_published", "revision": "date_revised"}
SAME_RESOURCE = "IsIdenticalTo"  # DataCite relation for another identifier of the same resource
_URL_RE = re.compile(r"https?://[^\s<>\"')]+", re.IGNORECASE)


def prop_text(prop: etree._Element | None) -> str:
    """Text of an ISO property: its CharacterString or Anchor child (the PT_FreeText is read separately)."""
    if prop is None:
        return ""
    for child in prop:
        if child.tag in _TEXT_TAGS:
            text = child.text
            if text and not text.isspace():
                return clean(text)
    return ""


def prop_block(prop: etree._Element | None) -> str:
    """Like prop_text but keeps line breaks (abstracts, lineage)."""
    if prop is None:
        return ""
    for child in prop:
        if child.tag in _TEXT_TAGS:
            text = child.text
            if text and not text.isspace():
                return clean_block(text)
    return ""


def prop_href(prop: etree._Element | None) -> str:
    """The xlink:href of an Anchor child, or of the property itself."""
    if prop is None:
        return ""
    for child in prop:
        if child.tag in _TEXT_TAGS and child.get(XLINK_HREF):
            return child.get(XLINK_HREF).strip()
    return (prop.get(XLINK_HREF) or "").strip()


def child_text(prop: etree._Element) -> str:
    """Text of a property's value element (gco:Decimal, gco:Date, gmd:URL...), read without XPath."""
    for child in prop:
        text = child.text
        if text and not text.isspace():
            return text.strip()
    return ""


def child_code(prop: etree._Element) -> str:
    """The codelist value inside a property (<gmd:role><gmd:CI_RoleCode .../></gmd:role>)."""
    for child in prop:
        if isinstance(child.tag, str):
            return code_value(child)
    return ""


def citation_title(prop: etree._Element) -> str:
    """Title of the CI_Citation inside a property (a thesaurus name, a licence reference)."""
    for citation in prop:
        for child in citation:
            if local_name(child) == "title":
                return prop_text(child)
    return ""


# Field readers below dispatch on the children's local names: element names are the same in 19139 and
# 19115-3 at these places, and one pass over a few children is 3-5x cheaper than one XPath call per field.
_SIDES = {"westBoundLongitude": 0, "southBoundLatitude": 1, "eastBoundLongitude": 2, "northBoundLatitude": 3}


def first_text(prop_path: etree.XPath, context: etree._Element | None) -> str:
    if context is None:
        return ""
    for prop in prop_path(context):
        text = prop_text(prop)
        if text:
            return text
    return ""


def code_value(element: etree._Element | None) -> str:
    """A codelist value: @codeListValue, else the element text ("dataset; jeuDonnées" -> "dataset").

    Canada's HNAP writes register ids (RI_622) as codeListValue and the code in the text, so those fall back too.
    """
    if element is None:
        return ""
    value = (element.get("codeListValue") or "").strip()
    if value and not value.startswith("RI_"):
        return value
    text = clean(element.text)
    return clean(text.split(";", 1)[0]) if text else value


def first_code(path: etree.XPath, context: etree._Element | None) -> str:
    if context is None:
        return ""
    for element in path(context):
        value = code_value(element)
        if value:
            return value
    return ""


def language_of(prop: etree._Element) -> str:
    """A language property holds either a LanguageCode element or a CharacterString ("fre", "eng; CAN")."""
    for child in prop:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _TEXT_TAGS:
            return normalise_language(child.text)
        return normalise_language(child.get("codeListValue") or child.text)
    return normalise_language(prop.text)


def free_text(
    prop: etree._Element | None, locales: dict[str, str], primary: str, block: bool = False
) -> tuple[str, dict[str, str]]:
    """(text in the primary language, {other language: text}) from a possibly multilingual property."""
    if prop is None:
        return "", {}
    tidy = clean_block if block else clean
    main = ""
    others: dict[str, str] = {}
    for child in prop:  # one pass: CharacterString/Anchor and PT_FreeText are siblings
        tag = child.tag
        if tag in _TEXT_TAGS:
            if not main:
                main = tidy(child.text)
        elif tag in _FREE_TEXT_TAGS:
            for localised in child.iter("{*}LocalisedCharacterString"):
                text = tidy(localised.text)
                if not text:
                    continue
                lang = locale_language(localised.get("locale"), locales)
                if not lang or lang == primary:
                    main = main or text
                else:
                    others.setdefault(lang, text)
    if not main and others:
        # No text in the primary language: promote the first translation rather than lose the title.
        first_lang = next(iter(others))
        main = others.pop(first_lang)
    return main, others


def locale_language(reference: str | None, locales: dict[str, str]) -> str:
    key = (reference or "").strip().lstrip("#")
    if not key:
        return ""
    if key in locales:
        return locales[key]
    lowered = key.lower()
    for prefix in ("locale-", "locale_", "loc-", "lang-"):
        if lowered.startswith(prefix):
            lowered = lowered[len(prefix) :]
    return normalise_language(lowered)


@dataclass(frozen=True, slots=True)
class IsoPaths:
    """Compiled XPath per concept. Each module fills it with its own element names."""

    identifier: etree.XPath  # root -> identifier properties
    language: etree.XPath  # root -> metadata language properties
    locales: etree.XPath  # root -> PT_Locale elements
    locale_language: etree.XPath  # PT_Locale -> LanguageCode elements
    parent: etree.XPath  # root -> parent identifier strings
    scope: etree.XPath  # root -> scope code elements
    contacts: etree.XPath  # root -> responsible-party elements
    datestamps: etree.XPath  # root -> metadata date strings
    identification: etree.XPath  # root -> identification elements
    citation: etree.XPath  # identification -> CI_Citation
    title: etree.XPath  # citation -> title property
    dates: etree.XPath  # citation -> CI_Date
    edition: etree.XPath  # citation -> edition property
    resource_ids: etree.XPath  # citation -> MD_Identifier/RS_Identifier
    cited_parties: etree.XPath  # citation -> responsible-party elements
    citation_texts: etree.XPath  # citation -> other citation detail properties
    citation_urls: etree.XPath  # identification -> URL strings in the citation (dataSetURI, onlineResource)
    abstract: etree.XPath  # identification -> abstract property
    points_of_contact: etree.XPath  # identification -> responsible-party elements
    keyword_groups: etree.XPath  # identification -> MD_Keywords
    topics: etree.XPath  # identification -> topic category elements
    resource_languages: etree.XPath  # identification -> language properties
    constraint_texts: etree.XPath  # identification -> useLimitation / otherConstraints / reference title properties
    constraint_codes: etree.XPath  # identification -> MD_RestrictionCode elements
    constraint_urls: etree.XPath  # identification -> URL strings of constraint references
    bboxes: etree.XPath  # identification -> EX_GeographicBoundingBox
    temporal: etree.XPath  # identification -> gml TimePeriod / TimeInstant
    related: etree.XPath  # identification -> aggregate / associated resource elements
    related_code: etree.XPath  # related -> code property
    related_type: etree.XPath  # related -> association type code element
    operates_on: etree.XPath  # identification -> operated dataset references (strings)
    formats: etree.XPath  # root -> format name properties
    online: etree.XPath  # root -> CI_OnlineResource of the distribution
    lineage: etree.XPath  # root -> lineage statement properties
    platforms: etree.XPath  # root -> MI_Platform elements
    instruments: etree.XPath  # root -> MI_Instrument elements


def compile_paths(expressions: dict[str, str], namespaces: dict[str, str]) -> IsoPaths:
    return IsoPaths(**{name: xpath(expression, namespaces) for name, expression in expressions.items()})


PartyReader = Callable[[etree._Element, dict[str, str], str], list[Party]]


def convert_iso(root: etree._Element, paths: IsoPaths, standard: str, read_parties: PartyReader) -> UnifiedRecord:
    issues: dict[str, str] = {}
    locales = {
        locale.get("id", "").strip(): language
        for locale in paths.locales(root)
        if (language := first_language(paths.locale_language(locale)))
    }
    language = next((lang for prop in paths.language(root) if (lang := language_of(prop))), "")
    identifications = paths.identification(root)
    ident = identifications[0] if identifications else None
    citations = paths.citation(ident) if ident is not None else []
    citation = citations[0] if citations else None

    title_props = paths.title(citation) if citation is not None else []
    title, title_translations = free_text(title_props[0] if title_props else None, locales, language)
    abstract_props = paths.abstract(ident) if ident is not None else []
    abstract, abstract_translations = free_text(abstract_props[0] if abstract_props else None, locales, language, True)
    translations: dict[str, dict[str, str]] = {}
    for lang, text in title_translations.items():
        translations.setdefault(lang, {})["title"] = text
    for lang, text in abstract_translations.items():
        translations.setdefault(lang, {})["abstract"] = text

    record = UnifiedRecord(
        identifier=first_text(paths.identifier, root),
        title=title,
        abstract=abstract,
        translations=translations,
        metadata_standard=standard,
        language=language,
        issues=issues,
    )
    _read_citation(record, paths, citation, locales, read_parties)
    for identification in identifications:
        _read_identification(record, paths, identification, locales, read_parties)
    _read_metadata_level(record, paths, root, ident, locales, read_parties)
    record.publication_year = year_of(record.date_published, record.date_created, record.date_revised)
    if not record.identifier:
        # No metadata identifier: the resource identifier is the next most stable id.
        record.identifier = next(
            (r.identifier for r in record.related_identifiers if r.relation_type == SAME_RESOURCE), record.doi
        )
    return record


def first_language(elements: list[etree._Element]) -> str:
    for element in elements:
        value = normalise_language(element.get("codeListValue") or element.text)
        if value:
            return value
    return ""


def _read_citation(record, paths, citation, locales, read_parties) -> None:
    if citation is None:
        return
    for ci_date in paths.dates(citation):
        raw = kind = ""
        for child in ci_date:
            name = local_name(child)
            if name == "date":
                raw = child_text(child)
            elif name == "dateType":
                kind = child_code(child)
        value, bad = parse_date(raw)
        if bad:
            note_issue(record.issues, _DATE_FIELDS.get(kind, f"date_{kind or 'unknown'}"), bad)
        if value is None:
            continue
        if kind == "creation" and (record.date_created is None or value < record.date_created):
            record.date_created = value
        elif kind == "publication" and (record.date_published is None or value < record.date_published):
            record.date_published = value
        elif kind == "revision" and (record.date_revised is None or value > record.date_revised):
            record.date_revised = value
    record.version = first_text(paths.edition, citation)
    doi_candidates = []
    for identifier in paths.resource_ids(citation):
        code = href = space = ""
        for child in identifier:
            name = local_name(child)
            if name == "code":
                code, href = prop_text(child), prop_href(child)
            elif name == "codeSpace":
                space = prop_text(child)
        doi_candidates += [code, href, space]
        if code and code.lower() not in _NOT_AN_IDENTIFIER:
            # The resource's own identifiers (INSPIRE unique resource identifier, DOI): alternate ids of the same
            # resource, which services' operatesOn and other catalogues refer to.
            record.related_identifiers.append(
                RelatedIdentifier(code, "DOI" if doi_in(code) else _identifier_type(code), SAME_RESOURCE)
            )
    record.doi = doi_in(*doi_candidates)
    for prop in paths.citation_texts(citation):
        record.doi = record.doi or doi_in(prop_text(prop), prop_href(prop))
    _add_parties(record, [p for e in paths.cited_parties(citation) for p in read_parties(e, locales, record.language)])


def doi_in(*values: str) -> str:
    """find_doi over the values that can hold one: every DOI contains "10.", a cheap test before the regex."""
    return find_doi(*(value for value in values if value and "10." in value))


def _identifier_type(value: str) -> str:
    if value.startswith(("http://", "https://")):
        return "URL"
    return ""


def _add_parties(record: UnifiedRecord, parties: list[Party]) -> None:
    known = {(p.name, p.organisation, p.role) for p in record.organisations}
    for party in parties:
        key = (party.name, party.organisation, party.role)
        if key in known or not (party.name or party.organisation):
            continue
        known.add(key)
        record.organisations.append(party)
        if party.role in CREATOR_ROLES:
            record.creators.append(party)
        elif party.role == "publisher" and not record.publisher:
            record.publisher = party.organisation or party.name
        elif party.role == "funder":
            funder = {"funder": party.organisation or party.name}
            if funder not in record.funding:
                record.funding.append(funder)


def _read_identification(record, paths, ident, locales, read_parties) -> None:
    language = record.language
    if not record.doi:
        record.doi = doi_in(*paths.citation_urls(ident))
    _add_parties(record, [p for e in paths.points_of_contact(ident) for p in read_parties(e, locales, language)])
    _read_keywords(record, paths, ident)
    record.topic_categories = unique([*record.topic_categories, *(clean(e.text) for e in paths.topics(ident))])
    record.languages = unique([*record.languages, *(language_of(p) for p in paths.resource_languages(ident))])
    _read_constraints(record, paths, ident)
    for box in paths.bboxes(ident):
        raw = ["", "", "", ""]  # west, south, east, north
        for child in box:
            side = _SIDES.get(local_name(child))
            if side is not None:
                raw[side] = child_text(child)
        bbox = make_bbox(*(to_float(value) for value in raw))
        if bbox is None and any(raw):
            note_issue(record.issues, "bbox", " ".join(raw))
        add_box(record.bboxes, bbox)
    _read_temporal(record, paths.temporal(ident))
    for related in paths.related(ident):
        code_props = paths.related_code(related)
        code = prop_text(code_props[0]) if code_props else ""
        code = code or (prop_href(code_props[0]) if code_props else "")
        if code:
            kind = "DOI" if doi_in(code) else _identifier_type(code)
            record.related_identifiers.append(RelatedIdentifier(code, kind, first_code(paths.related_type, related)))
    for reference in unique(value.strip() for value in paths.operates_on(ident)):
        record.related_identifiers.append(RelatedIdentifier(reference, _identifier_type(reference), "operatesOn"))


def _read_keywords(record, paths, ident) -> None:
    seen = {(k.value, k.thesaurus, k.type) for k in record.keywords}
    for group in paths.keyword_groups(ident):
        kind = thesaurus = ""
        props = []
        for child in group:
            name = local_name(child)
            if name == "keyword":
                props.append(child)
            elif name == "type":
                kind = child_code(child)
            elif name == "thesaurusName":
                thesaurus = citation_title(child)
        for prop in props:
            value = prop_text(prop)
            if not value or (value, thesaurus, kind) in seen:
                continue
            if len(record.keywords) >= MAX_KEYWORDS:
                note_issue(record.issues, "keywords", f"more than {MAX_KEYWORDS} keywords, the rest dropped")
                return
            seen.add((value, thesaurus, kind))
            record.keywords.append(Keyword(value, thesaurus, kind))
            if kind == "platform":
                record.platforms = unique([*record.platforms, value])
            elif kind == "instrument":
                record.instruments = unique([*record.instruments, value])


def _read_constraints(record, paths, ident) -> None:
    texts, urls = [], []
    for prop in paths.constraint_texts(ident):
        text = prop_block(prop)
        href = prop_href(prop)
        if text.lower() in _NOT_AN_IDENTIFIER:  # "None", "N/A": placeholders, not constraints
            text = ""
        if text:
            texts.append(text)
        if href and (looks_like_licence(href) or looks_like_licence(text)):
            urls.append(href)
        if not record.license and looks_like_licence(text):
            record.license = text
    codes = [code_value(e) for e in paths.constraint_codes(ident)]
    record.constraints = unique([*record.constraints, *texts, *(c for c in codes if c != "otherRestrictions")])
    urls += [url.strip() for url in paths.constraint_urls(ident)]
    if record.license:
        urls += [u for u in _URL_RE.findall(record.license) if looks_like_licence(u) or u == record.license]
    if not record.license_url:
        record.license_url = next((url for url in urls if url), "")
    if not record.license and record.license_url:
        record.license = record.license_url


def _read_temporal(record: UnifiedRecord, periods: list[etree._Element]) -> None:
    starts, ends, open_end = [], [], False
    for period in periods:
        begin, end = _time_positions(period)
        for side, (raw, indeterminate), bucket in (("temporal_start", begin, starts), ("temporal_end", end, ends)):
            value, bad = parse_date(raw)
            if bad:
                note_issue(record.issues, side, bad)
            if value is not None:
                bucket.append(value)
            elif side == "temporal_end" and not bad and (indeterminate in ("now", "unknown") or not raw.strip()):
                open_end = True
    if starts:
        record.temporal_start = min(starts)
    if ends and not open_end:
        record.temporal_end = max(ends)


def _time_positions(period: etree._Element) -> tuple[tuple[str, str], tuple[str, str]]:
    """((begin text, indeterminatePosition), (end text, ...)) of a gml TimePeriod or TimeInstant (GML 3.1 or 3.2).

    A period writes beginPosition/endPosition, or begin/end holding a TimeInstant with a timePosition.
    """
    if local_name(period) == "TimeInstant":
        position = _instant_position(period)
        return position, position
    begin = end = ("", "")
    for child in period:
        name = local_name(child)
        if name == "beginPosition":
            begin = _position(child)
        elif name == "endPosition":
            end = _position(child)
        elif name in ("begin", "end"):
            position = next((_instant_position(instant) for instant in child if isinstance(instant.tag, str)), ("", ""))
            begin, end = (position, end) if name == "begin" else (begin, position)
    return begin, end


def _position(element: etree._Element) -> tuple[str, str]:
    return (element.text or "").strip(), (element.get("indeterminatePosition") or "").strip()


def _instant_position(instant: etree._Element) -> tuple[str, str]:
    for child in instant:
        if local_name(child) == "timePosition":
            return _position(child)
    return "", ""


def _read_metadata_level(record, paths, root, ident, locales, read_parties) -> None:
    stamps = [stamp for raw in paths.datestamps(root) if raw.strip() for stamp in [parse_datetime(raw)]]
    for value, bad in stamps:
        note_issue(record.issues, "modified", bad)
        if value is not None and (record.modified is None or value > record.modified):
            record.modified = value
    scope = first_code(paths.scope, root)
    if not scope and ident is not None:
        scope = "service" if "Service" in local_name(ident) else "dataset"
    record.resource_type = scope
    record.parent_identifier = next(
        (clean(v) for v in paths.parent(root) if clean(v) and clean(v).lower() not in _NOT_AN_IDENTIFIER), ""
    )
    _add_parties(record, [p for e in paths.contacts(root) for p in read_parties(e, locales, record.language)])
    record.formats = unique(prop_text(prop) for prop in paths.formats(root))
    seen = set()
    for resource in paths.online(root):
        url = protocol = name = description = function = ""
        for child in resource:
            tag = local_name(child)
            if tag == "linkage":
                url = child_text(child)
            elif tag == "protocol":
                protocol = prop_text(child)
            elif tag == "name":
                name = prop_text(child)
            elif tag == "description":
                description = prop_text(child)
            elif tag == "function":
                function = child_code(child)
        online = OnlineResource(url, protocol, name, description, function)
        if not online.url:
            continue
        key = (online.url, online.protocol, online.name)
        if key not in seen:
            seen.add(key)
            record.online_resources.append(online)
    if not record.doi:
        record.doi = doi_in(record.identifier, *(r.url for r in record.online_resources))
    lineage = paths.lineage(root)
    record.lineage = next((text for prop in lineage if (text := prop_block(prop))), "")
    record.platforms = unique([*record.platforms, *(acquisition_name(p) for p in paths.platforms(root))])
    record.instruments = unique([*record.instruments, *(acquisition_name(i) for i in paths.instruments(root))])


def acquisition_name(element: etree._Element) -> str:
    """A platform's or instrument's name: its identifier code, else its description/type.

    Read by local name because writers differ: MD_Identifier/code as the schema says, or the bare text inside
    <identifier> (ESA's Sentinel-2 records).
    """
    fallback = ""
    for child in element:
        name = local_name(child)
        if name == "identifier":
            code = next((c for c in child.iter() if local_name(c) == "code"), None)
            text = prop_text(code) if code is not None else clean(child.text)
            if text:
                return text
        elif name in ("description", "type") and not fallback:
            fallback = prop_text(child) or clean(child.text)
    return fallback
