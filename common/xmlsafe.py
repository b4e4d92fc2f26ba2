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
# What libxml2 refuses without huge_tree (its XML_MAX_TEXT_LENGTH and default depth limit).
PARSER_LIMITS = "a text node of at most 10,000,000 bytes, elements nested at most 256 deep"
_EXTERNAL_ID = re.compile(rb"\s(SYSTEM|PUBLIC)\s", re.IGNORECASE)
_SPACE = re.compile(rb"[ \t\r\n]*")


def _after_space(content: bytes, position: int) -> int:
    """The position after the XML white space at `position` (the pattern matches everywhere, empty at worst)."""
    match = _SPACE.match(content, position)
    return match.end() if match else position


def _doctype(content: bytes) -> bytes | None:
    """The DOCTYPE declaration (up to its first '>') if the prologue has one, else None.

    Walks only the prologue: XML declaration, processing instructions, comments, whitespace. Anything else there
    (the root element, or a DOCTYPE) ends it. UTF-16 documents are transcoded first so the walk sees ASCII.
    """
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in content[:4]:
        try:
            content = content.decode("utf-16").encode("utf-8")
        except UnicodeError:
            return None  # not UTF-16 after all: the parser reports what it is
    position = 3 if content.startswith(b"\xef\xbb\xbf") else 0
    while True:
        position = _after_space(content, position)
        if content.startswith(b"<?", position):
            end, step = content.find(b"?>", position), 2
        elif content.startswith(b"<!--", position):
            end, step = content.find(b"-->", position), 3
        elif content.startswith(b"<!DOCTYPE", position):
            end = content.find(b">", position)
            return content[position : end if end >= 0 else len(content)]
        else:
            return None
        if end < 0:
            return None  # unterminated prologue: malformed, the parser says so
        position = end + step


def within_size_limit(content: bytes, max_bytes: int | None = None) -> bool:
    return len(content) <= (max_bytes if max_bytes is not None else settings.HARVEST_MAX_DOCUMENT_BYTES)


def parse_xml(content: bytes, max_bytes: int | None = None) -> etree._Element:
    """Parse ``content`` and return its root element, or raise UnsafeXMLError."""
    limit = max_bytes if max_bytes is not None else settings.HARVEST_MAX_DOCUMENT_BYTES
    if not within_size_limit(content, limit):
        raise UnsafeXMLError(f"document of {len(content):,} bytes is over the {limit:,}-byte limit")
    if not content or content.isspace():
        raise UnsafeXMLError("empty document")
    # A DOCTYPE with an internal subset is how entity bombs and external entities arrive; metadata never needs one.
    # One with an external identifier makes libxml2 open that file when it meets an undefined entity, even with
    # load_dtd off (found by tests/crosswalks: SYSTEM "file:///etc/passwd" was read). Both are refused. Entities
    # can only be declared inside a DOCTYPE, so checking the prologue is enough (scanning a whole 40 KB document
    # for "<!ENTITY" cost 50 us, a quarter of the parse itself).
    declaration = _doctype(content)
    if declaration is not None:
        if b"[" in declaration:
            raise UnsafeXMLError("DOCTYPE with an internal subset (entity declarations) refused")
        if _EXTERNAL_ID.search(declaration):
            raise UnsafeXMLError("DOCTYPE with an external DTD (SYSTEM/PUBLIC) refused")
    try:
        root = etree.fromstring(content, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        # libxml2's own limits (kept on: huge_tree off) are not a syntax error: say which limit, not "malformed".
        if "XML_PARSE_HUGE" in str(exc):
            raise UnsafeXMLError(f"XML beyond the parser's limits ({PARSER_LIMITS}): {exc}") from None
        raise UnsafeXMLError(f"malformed XML: {exc}") from None
    if root is None:
        raise UnsafeXMLError("no root element")
    return root
