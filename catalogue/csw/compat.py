"""What real clients send that pycsw 2.6.2 refuses, rewritten into what it reads (requests) and what it advertises
wrongly, corrected (responses). One place, so a pycsw upgrade can drop each rule that it no longer needs."""

from __future__ import annotations

import re

from django.conf import settings
from django.templatetags.static import static
from lxml import etree

from catalogue.csw.config import DEFAULT_MAX_RECORDS

GML311 = "http://www.opengis.net/gml"
GML32 = ("http://www.opengis.net/gml/3.2", "http://www.opengis.net/gml/3.2.1")
FES20 = "http://www.opengis.net/fes/2.0"
OS = "http://a9.com/-/spec/opensearch/1.1/"

# CQL property names clients write without a prefix (`AnyText like '%argo%'`) and pycsw knows only prefixed.
_CQL_NAMES = {
    name.lower(): prefixed
    for prefixed in (
        "csw:AnyText dc:title dct:abstract dc:subject dc:type dc:identifier dc:relation dc:date dct:modified "
        "dc:format dc:creator dc:publisher dc:contributor dc:language dc:source dc:rights dct:spatial"
    ).split()
    for name in (prefixed.split(":")[1],)
}
_CQL_QUOTED = re.compile(r"('(?:[^']|'')*')")
_CQL_BARE_NAME = re.compile(
    r"(?<![\w:])(" + "|".join(_CQL_NAMES) + r")(?=\s*(?:=|<>|<|>|\b(?:i?like|not|between|is|in)\b))",
    re.IGNORECASE,
)


# pycsw's CQL reader knows its operators in lower case only ("like", "!="): `LIKE` was "Invalid Filter syntax".
_CQL_OPERATORS = re.compile(r"(?<![\w:])(like|between)(?![\w:])", re.IGNORECASE)


def prefix_cql_names(cql: str) -> str:
    """`AnyText LIKE '%argo%'` -> `csw:AnyText like '%argo%'`, `<>` -> `!=`; literals are left alone."""
    parts = _CQL_QUOTED.split(cql)
    for index in range(0, len(parts), 2):  # even parts are outside quotes
        part = _CQL_BARE_NAME.sub(lambda m: _CQL_NAMES[m[1].lower()], parts[index])
        parts[index] = _CQL_OPERATORS.sub(lambda m: m[1].lower(), part).replace("<>", "!=")
    return "".join(parts)


def gml32_to_gml311(root: etree._Element) -> None:
    """GML 3.2 geometries inside FES 2.0 filters in GML 3.1.1, the only GML pycsw's filter parser reads (the same
    element names for Envelope, Point, LineString, Polygon and their children)."""
    for element in root.iter(f"{{{FES20}}}Filter"):
        for node in element.iter():
            if isinstance(node.tag, str) and etree.QName(node).namespace in GML32:
                node.tag = f"{{{GML311}}}{etree.QName(node).localname}"
            for name in list(node.attrib):
                if etree.QName(name).namespace in GML32:
                    node.attrib[f"{{{GML311}}}{etree.QName(name).localname}"] = node.attrib.pop(name)
    # No namespace clean-up: declarations used only inside attribute values (typeNames="gmd:MD_Metadata") look
    # unused to lxml, and removing them made pycsw refuse the request.


def correct_capabilities(content: bytes) -> bytes:
    """GetCapabilities advertises MaxRecordDefault = what a GetRecords without maxRecords gets (pycsw writes its
    cap, 1000, while the view gives such requests DEFAULT_MAX_RECORDS)."""
    if b"MaxRecordDefault" not in content:
        return content
    root = etree.fromstring(content)
    for constraint in root.xpath("//*[local-name()='Constraint'][@name='MaxRecordDefault']"):
        for value in constraint.xpath(".//*[local-name()='Value' or local-name()='DefaultValue']"):
            value.text = str(DEFAULT_MAX_RECORDS)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# OpenSearch 1.1: ShortName at most 16 characters, LongName at most 48.
OPENSEARCH_SHORT_NAME = "Data Terra"
OPENSEARCH_EXAMPLE = "ocean temperature"


def correct_opensearch_description(content: bytes) -> bytes:
    """pycsw cuts the catalogue's title to 16 characters for ShortName ("Data Terra feder"), shows pycsw's favicon,
    gives "cat" as the example query and doubles the % of the Atom template's outputformat."""
    root = etree.fromstring(content)
    if etree.QName(root).localname != "OpenSearchDescription":
        return content
    short, long_ = root.find(f"{{{OS}}}ShortName"), root.find(f"{{{OS}}}LongName")
    if short is not None:
        short.text = OPENSEARCH_SHORT_NAME
    if long_ is not None:
        long_.text = settings.CATALOGUE_TITLE[:48]
    for image in root.findall(f"{{{OS}}}Image"):
        root.remove(image)
    position = len(root)
    for query in root.findall(f"{{{OS}}}Query"):
        position = min(position, root.index(query))
        root.remove(query)
    for size, name in ((16, "datatera-16.png"), (64, "datatera-64.png")):
        image = etree.Element(f"{{{OS}}}Image", type="image/png", width=str(size), height=str(size))
        image.text = settings.SITE_URL + static(f"img/{name}")
        root.insert(position, image)
        position += 1
    root.insert(position, etree.Element(f"{{{OS}}}Query", role="example", searchTerms=OPENSEARCH_EXAMPLE))
    for url in root.findall(f"{{{OS}}}Url"):
        url.set("template", url.get("template", "").replace("%%2B", "%2B"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
