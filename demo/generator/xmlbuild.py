"""Tiny helpers over lxml for writing namespaced XML (lxml escapes text, so markup in abstracts stays text)."""

from __future__ import annotations

from lxml import etree

from .spec import NOW

XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


class Builder:
    """`b.el(parent, "gmd:title")` with the prefixes given at construction."""

    def __init__(self, nsmap: dict[str, str], default_prefix: str = ""):
        self.nsmap = {**nsmap, "xlink": XLINK, "xsi": XSI}
        # The prefix written as the default namespace (DataCite files use xmlns="...kernel-4").
        self.output_nsmap = {(None if k == default_prefix else k): v for k, v in self.nsmap.items()}

    def qname(self, name: str) -> str:
        prefix, local = name.split(":")
        return f"{{{self.nsmap[prefix]}}}{local}"

    def root(self, name: str, schema_location: str = "") -> etree._Element:
        element = etree.Element(self.qname(name), nsmap=self.output_nsmap)
        if schema_location:
            element.set(f"{{{XSI}}}schemaLocation", schema_location)
        return element

    def el(self, parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
        element = etree.SubElement(parent, self.qname(name))
        for key, value in attrs.items():
            element.set(self.qname(key.replace("__", ":")) if "__" in key else key, value)
        if text is not None:
            element.text = text
        return element

    def path(self, parent: etree._Element, *names: str, text: str | None = None, **attrs: str) -> etree._Element:
        """Nested elements in one call: path(p, "gmd:title", "gco:CharacterString", text="...")."""
        element = parent
        for name in names[:-1]:
            element = self.el(element, name)
        return self.el(element, names[-1], text, **attrs)


def serialise(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    body = etree.tostring(root, xml_declaration=False, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def write_extent(b: Builder, ident: etree._Element, spec, holder: str, ns: str) -> None:
    """The EX_Extent of ISO 19139 (holder "gmd:extent", ns "gmd") and ISO 19115-3 ("mri:extent", "gex"): same
    structure, other namespaces. Boxes as published (west > east across the antimeridian); GML time primitives."""
    if not spec.boxes and spec.start is None:
        return
    extent = b.path(ident, holder, f"{ns}:EX_Extent")
    if spec.place:
        b.path(extent, f"{ns}:description", "gco:CharacterString", text=spec.place)
    for west, south, east, north in spec.boxes:
        box = b.path(extent, f"{ns}:geographicElement", f"{ns}:EX_GeographicBoundingBox")
        for name, value in (
            ("westBoundLongitude", west),
            ("eastBoundLongitude", east),
            ("southBoundLatitude", south),
            ("northBoundLatitude", north),
        ):
            b.path(box, f"{ns}:{name}", "gco:Decimal", text=str(value))
    if spec.start is None:
        return
    container = b.path(extent, f"{ns}:temporalElement", f"{ns}:EX_TemporalExtent", f"{ns}:extent")
    if spec.instant:
        instant = b.el(container, "gml:TimeInstant", gml__id=f"t-{spec.slug}")
        b.el(instant, "gml:timePosition", spec.start)
        return
    period = b.el(container, "gml:TimePeriod", gml__id=f"t-{spec.slug}")
    b.el(period, "gml:beginPosition", spec.start)
    if spec.end == NOW:
        b.el(period, "gml:endPosition", indeterminatePosition="now")
    else:
        b.el(period, "gml:endPosition", spec.end or "")
