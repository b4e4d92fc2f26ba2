"""Reading ISO 19115 properties (shared by ISO 19139 and ISO 19115-3): text, Anchors, PT_FreeText, codelists.

Properties are read from their child elements directly (CharacterString, Anchor, PT_FreeText), which is cheaper
than an XPath call per field.

Loops over an element's children write ``element[:]`` (a list of the same children, comments included, in the
same order) rather than ``element``: lxml's child iterator costs ~150 ns to create, the slice ~50 ns, and the ISO
readers walk the children of some seventy small elements a record.
"""

from __future__ import annotations

from lxml import etree

from catalogue.records.identifiers import find_doi
from harvesters.crosswalks._common import LOCAL_NAMES, XLINK_HREF, clean, clean_block, normalise_language

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
# Placeholders writers put where an identifier or constraint is missing.
NOT_AN_IDENTIFIER = frozenset({"not applicable", "n/a", "na", "none", "unknown", "missing", "inapplicable"})


def prop_text(prop: etree._Element | None, tidy=clean) -> str:
    """Text of an ISO property: its CharacterString or Anchor child (the PT_FreeText is read separately)."""
    if prop is None:
        return ""
    for child in prop[:]:
        if child.tag in _TEXT_TAGS:
            text = child.text
            if text and not text.isspace():
                return tidy(text)
    return ""


def prop_block(prop: etree._Element | None) -> str:
    """Like prop_text but keeps line breaks (abstracts, lineage)."""
    return prop_text(prop, clean_block)


def prop_href(prop: etree._Element | None) -> str:
    """The xlink:href of an Anchor child, or of the property itself."""
    if prop is None:
        return ""
    for child in prop[:]:
        if child.tag in _TEXT_TAGS:
            href = child.get(XLINK_HREF)
            if href:
                return href.strip()
    return (prop.get(XLINK_HREF) or "").strip()


def child_text(prop: etree._Element) -> str:
    """Text of a property's value element (gco:Decimal, gco:Date, gmd:URL...), read without XPath."""
    for child in prop[:]:
        text = child.text
        if text and not text.isspace():
            return text.strip()
    return ""


# Children that are not elements. Testing the proxy's type is cheaper than `isinstance(child.tag, str)`: the first
# read of .tag builds the "{namespace}name" string (~0.1 us), which first_element and child_code never need.
NOT_ELEMENTS = (etree._Comment, etree._ProcessingInstruction, etree._Entity)


def child_code(prop: etree._Element) -> str:
    """The codelist value inside a property (<gmd:role><gmd:CI_RoleCode .../></gmd:role>)."""
    for child in prop[:]:
        if not isinstance(child, NOT_ELEMENTS):
            return code_value(child)
    return ""


def citation_title(prop: etree._Element) -> str:
    """Title of the CI_Citation inside a property (a thesaurus name, a licence reference)."""
    for citation in prop[:]:
        for child in citation[:]:
            if LOCAL_NAMES[child.tag] == "title":
                return prop_text(child)
    return ""


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
    for child in prop[:]:
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
    for child in prop[:]:  # one pass: CharacterString/Anchor and PT_FreeText are siblings
        tag = child.tag
        if tag in _TEXT_TAGS:
            if not main:
                text = child.text
                if text:
                    main = tidy(text)
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


def first_language(elements: list[etree._Element]) -> str:
    for element in elements:
        value = normalise_language(element.get("codeListValue") or element.text)
        if value:
            return value
    return ""


def first_element(element: etree._Element | None) -> etree._Element | None:
    """The object inside an ISO property (<gmd:pointOfContact><gmd:CI_ResponsibleParty>...)."""
    if element is None:
        return None
    for child in element[:]:
        if not isinstance(child, NOT_ELEMENTS):
            return child
    return None


def doi_in(*values: str) -> str:
    """find_doi over the values that can hold one: every DOI contains "10.", a cheap test before the regex."""
    for value in values:
        if value and "10." in value:
            doi = find_doi(value)
            if doi:
                return doi
    return ""


def identifier_type(value: str) -> str:
    if value.startswith(("http://", "https://")):
        return "URL"
    return ""
