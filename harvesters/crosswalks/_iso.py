"""The conversion ISO 19139 and ISO 19115-3 share; each format module only says where things are.

Both standards describe the same model (ISO 19115) with different element names, so one walker reads both: a
format module compiles a table of XPath expressions (``IsoPaths``) and a party reader, and ``convert_iso`` maps
what they find to a UnifiedRecord. Text properties are read directly from child elements (CharacterString, Anchor,
PT_FreeText) because that is cheaper than an XPath call per field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from catalogue.records.unified import OnlineResource, Party, RelatedIdentifier, UnifiedRecord
from harvesters.crosswalks._common import (
    LOCAL_NAMES,
    clean,
    note_issue,
    parse_date,
    parse_datetime,
    unique,
    xpath,
    year_of,
)
from harvesters.crosswalks._iso_identification import add_parties, add_polygon_boxes, read_identification
from harvesters.crosswalks._iso_text import (
    NOT_AN_IDENTIFIER,
    child_code,
    child_text,
    doi_in,
    first_code,
    first_language,
    first_text,
    free_text,
    identifier_type,
    language_of,
    prop_block,
    prop_href,
    prop_text,
)

_DATE_FIELDS = {"creation": "date_created", "publication": "date_published", "revision": "date_revised"}
SAME_RESOURCE = "IsIdenticalTo"  # DataCite relation for another identifier of the same resource


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
    locales = {}
    for locale in paths.locales(root):
        if language := first_language(paths.locale_language(locale)):
            locales[locale.get("id", "").strip()] = language
    language = ""
    for prop in paths.language(root):
        if language := language_of(prop):
            break
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
    polygons = []
    for identification in identifications:
        polygons += read_identification(record, paths, identification, locales, read_parties)
    add_polygon_boxes(record, polygons)
    _read_metadata_level(record, paths, root, ident, locales, read_parties)
    record.publication_year = year_of(record.date_published, record.date_created, record.date_revised)
    if not record.identifier:
        # No metadata identifier: the resource identifier is the next most stable id.
        record.identifier = next(
            (r.identifier for r in record.related_identifiers if r.relation_type == SAME_RESOURCE), record.doi
        )
    return record


def _read_citation(record, paths, citation, locales, read_parties) -> None:
    if citation is None:
        return
    for ci_date in paths.dates(citation):
        raw = kind = ""
        for child in ci_date[:]:
            name = LOCAL_NAMES[child.tag]
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
        for child in identifier[:]:
            name = LOCAL_NAMES[child.tag]
            if name == "code":
                code, href = prop_text(child), prop_href(child)
            elif name == "codeSpace":
                space = prop_text(child)
        doi_candidates += [code, href, space]
        if code and code.lower() not in NOT_AN_IDENTIFIER:
            # The resource's own identifiers (INSPIRE unique resource identifier, DOI): alternate ids of the same
            # resource, which services' operatesOn and other catalogues refer to.
            record.related_identifiers.append(
                RelatedIdentifier(code, "DOI" if doi_in(code) else identifier_type(code), SAME_RESOURCE)
            )
    record.doi = doi_in(*doi_candidates)
    for prop in paths.citation_texts(citation):
        record.doi = record.doi or doi_in(prop_text(prop), prop_href(prop))
    add_parties(record, [p for e in paths.cited_parties(citation) for p in read_parties(e, locales, record.language)])


def _read_metadata_level(record, paths, root, ident, locales, read_parties) -> None:
    for raw in paths.datestamps(root):
        if not raw.strip():
            continue
        value, bad = parse_datetime(raw)
        note_issue(record.issues, "modified", bad)
        if value is not None and (record.modified is None or value > record.modified):
            record.modified = value
    scope = first_code(paths.scope, root)
    if not scope and ident is not None:
        scope = "service" if "Service" in LOCAL_NAMES[ident.tag] else "dataset"
    record.resource_type = scope
    for raw in paths.parent(root):
        parent = clean(raw)
        if parent and parent.lower() not in NOT_AN_IDENTIFIER:
            record.parent_identifier = parent
            break
    add_parties(record, [p for e in paths.contacts(root) for p in read_parties(e, locales, record.language)])
    record.formats = unique(prop_text(prop) for prop in paths.formats(root))
    seen = set()
    for resource in paths.online(root):
        url = protocol = name = description = function = ""
        for child in resource[:]:
            tag = LOCAL_NAMES[child.tag]
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
    for prop in paths.lineage(root):
        if text := prop_block(prop):
            record.lineage = text
            break
    platforms, instruments = paths.platforms(root), paths.instruments(root)
    if platforms:  # rare outside ISO 19115-2 records: skip the list building
        record.platforms = unique([*record.platforms, *(acquisition_name(p) for p in platforms)])
    if instruments:
        record.instruments = unique([*record.instruments, *(acquisition_name(i) for i in instruments)])


def acquisition_name(element: etree._Element) -> str:
    """A platform's or instrument's name: its identifier code, else its description/type.

    Read by local name because writers differ: MD_Identifier/code as the schema says, or the bare text inside
    <identifier> (ESA's Sentinel-2 records).
    """
    fallback = ""
    for child in element[:]:
        name = LOCAL_NAMES[child.tag]
        if name == "identifier":
            code = next((c for c in child.iter() if LOCAL_NAMES[c.tag] == "code"), None)
            text = prop_text(code) if code is not None else clean(child.text)
            if text:
                return text
        elif name in ("description", "type") and not fallback:
            fallback = prop_text(child) or clean(child.text)
    return fallback
