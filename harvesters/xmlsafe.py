"""Parsing untrusted XML safely: one hardened lxml parser for every document we harvest.

No network access, no external entities or DTDs, no entity expansion (billion laughs), a size limit per document.
lxml's `huge_tree` stays off so libxml2's own depth and text-size limits apply too.
"""

from __future__ import annotations

from django.conf import settings
from lxml import etree


class UnsafeXMLError(ValueError):
    """The bytes are not a well-formed, safe XML document. The message says why."""


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,
    )


_PARSER = _new_parser()


def parse_xml(content: bytes, max_bytes: int | None = None) -> etree._Element:
    """Parse ``content`` and return its root element, or raise UnsafeXMLError."""
    limit = max_bytes if max_bytes is not None else settings.HARVEST_MAX_DOCUMENT_BYTES
    if len(content) > limit:
        raise UnsafeXMLError(f"document of {len(content):,} bytes is over the {limit:,}-byte limit")
    if not content.strip():
        raise UnsafeXMLError("empty document")
    # A DOCTYPE with an internal subset is how entity bombs and external entities arrive; metadata never needs one.
    head = content[:4096]
    if b"<!DOCTYPE" in head and b"[" in head.split(b"<!DOCTYPE", 1)[1].split(b">", 1)[0]:
        raise UnsafeXMLError("DOCTYPE with an internal subset (entity declarations) refused")
    if b"<!ENTITY" in content:
        raise UnsafeXMLError("entity declarations refused")
    try:
        root = etree.fromstring(content, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXMLError(f"malformed XML: {exc}") from None
    if root is None:
        raise UnsafeXMLError("no root element")
    return root
