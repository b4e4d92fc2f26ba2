"""DIF (outputSchema=http://gcmd.gsfc.nasa.gov/Aboutus/xml/dif/) through pycsw's own DIF writer, made to work.

pycsw 2.6.2's DIF writer reads the links with `util.jsonify_links`, a function that release does not have: every
DIF request failed ("module 'pycsw.core.util' has no attribute 'jsonify_links'") while GetCapabilities advertised
the schema. We call pycsw's writer on a row whose links are hidden, then write the Related_URL elements of the links
ourselves (the same elements pycsw's writer means to write). Nothing in site-packages changes.
"""

from __future__ import annotations

from lxml import etree
from pycsw.plugins.outputschemas import dif as pycsw_dif

NAMESPACE = pycsw_dif.NAMESPACE
NAMESPACES = pycsw_dif.NAMESPACES
XPATH_MAPPINGS = pycsw_dif.XPATH_MAPPINGS

_DIF = f"{{{NAMESPACE}}}"
_GET_SERVICE = {"OGC:WMS": ("GET SERVICE", "GET WEB MAP SERVICE (WMS)")}


class _WithoutLinks:
    """The row as pycsw's writer sees it, without its links."""

    def __init__(self, row):
        self._row = row

    def __getattr__(self, name: str):
        return None if name == "links" else getattr(self._row, name)


def _links(encoded: str | None) -> list[dict]:
    """pycsw's links column (name,description,protocol,url joined by ^) as dicts."""
    links = []
    for link in (encoded or "").split("^"):
        parts = link.split(",")
        if len(parts) >= 4 and parts[-1]:
            links.append({"name": parts[0], "description": parts[1], "protocol": parts[2], "url": parts[-1]})
    return links


def write_record(result, esn, context, url=None) -> etree._Element:
    node = pycsw_dif.write_record(_WithoutLinks(result), esn, context, url)
    summary = node.find(f"{_DIF}Summary")
    position = node.index(summary) + 1 if summary is not None else len(node)
    for link in _links(result.links):
        related = etree.Element(f"{_DIF}Related_URL")
        content_type = etree.SubElement(related, f"{_DIF}URL_Content_Type")
        kind, subtype = _GET_SERVICE.get(link["protocol"], ("GET DATA", ""))
        etree.SubElement(content_type, f"{_DIF}Type").text = kind
        if subtype:
            etree.SubElement(content_type, f"{_DIF}Subtype").text = subtype
        etree.SubElement(related, f"{_DIF}URL").text = link["url"]
        if link["description"]:
            etree.SubElement(related, f"{_DIF}Description").text = link["description"]
        node.insert(position, related)
        position += 1
    return node
