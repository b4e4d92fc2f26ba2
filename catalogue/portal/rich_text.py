"""Abstracts and lineage as published: plain text, HTML fragments, or broken HTML. Rendered safely.

HTML goes through nh3 (the Rust ammonia sanitiser): a short allow-list of tags, balanced output, no scripts, no
styles, no event handlers, links only to http(s)/mailto and marked nofollow. Plain text is escaped, its URLs
linked and its line breaks kept.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "em", "strong", "b", "i", "u", "sub", "sup", "code", "pre", "blockquote", "a",
    "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Something that looks like a tag: "<p>", "</div", "<br/>"; a bare "a < b" stays plain text.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|</[a-zA-Z]")
# Elements whose content is never text for a reader (nh3 would otherwise keep e.g. a script's source as text).
_DROP_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


def render_rich_text(text: str) -> SafeString:
    """Safe HTML for a free-text field: sanitised when it carries markup, escaped and paragraphed otherwise."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    if looks_like_html(text):
        cleaned = nh3.clean(
            text,
            tags=ALLOWED_TAGS,
            clean_content_tags=_DROP_CONTENT,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
        )
        return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
    return mark_safe(linebreaks(urlize(text, nofollow=True, autoescape=True)))  # noqa: S308 - escaped by urlize
