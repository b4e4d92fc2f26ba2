"""Parsing untrusted XML safely: one hardened lxml parser for every document we harvest.

No network access, no external entities or DTDs, no entity expansion (billion laughs), a size limit per document.
lxml's `huge_tree` stays off so libxml2's own depth and text-size limits apply too.
"""

from __future__ import annotations

import re

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
_EXTERNAL_ID = re.compile(rb"\s(SYSTEM|PUBLIC)\s", re.IGNORECASE)


def parse_xml(content: bytes, max_bytes: int | None = None) -> etree._Element:
    """Parse ``content`` and return its root element, or raise UnsafeXMLError."""
    limit = max_bytes if max_bytes is not None else settings.HARVEST_MAX_DOCUMENT_BYTES
    if len(content) > limit:
        raise UnsafeXMLError(f"document of {len(content):,} bytes is over the {limit:,}-byte limit")
    if not content.strip():
        raise UnsafeXMLError("empty document")
    # A DOCTYPE with an internal subset is how entity bombs and external entities arrive; metadata never needs one.
    # One with an external identifier makes libxml2 open that file when it meets an undefined entity, even with
    # load_dtd off (found by tests/crosswalks: SYSTEM "file:///etc/passwd" was read). Both are refused.
    doctype_at = content.find(b"<!DOCTYPE")
    if doctype_at >= 0:
        declaration = content[doctype_at : doctype_at + 4096].split(b">", 1)[0]
        if b"[" in declaration:
            raise UnsafeXMLError("DOCTYPE with an internal subset (entity declarations) refused")
        if _EXTERNAL_ID.search(declaration):
            raise UnsafeXMLError("DOCTYPE with an external DTD (SYSTEM/PUBLIC) refused")
    if b"<!ENTITY" in content:
        raise UnsafeXMLError("entity declarations refused")
    try:
        root = etree.fromstring(content, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXMLError(f"malformed XML: {exc}") from None
    if root is None:
        raise UnsafeXMLError("no root element")
    return root
