"""OWS ExceptionReport for what we refuse before pycsw sees it (same shape as pycsw's own reports)."""

from __future__ import annotations

from lxml import etree

OWS = "http://www.opengis.net/ows"


def exception_report(code: str, locator: str, text: str) -> bytes:
    root = etree.Element(f"{{{OWS}}}ExceptionReport", nsmap={"ows": OWS}, version="1.2.0", language="en-US")
    exception = etree.SubElement(root, f"{{{OWS}}}Exception", exceptionCode=code, locator=locator)
    etree.SubElement(exception, f"{{{OWS}}}ExceptionText").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
