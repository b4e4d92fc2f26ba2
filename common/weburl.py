"""Which harvested URLs a page may turn into links: web and FTP addresses only.

A source can put anything in a URL field; `javascript:`, `data:` or `vbscript:` in an href runs in our origin when
clicked, and HTML escaping does not stop it. So every harvested URL shown as a link goes through web_url().
"""

from __future__ import annotations

from urllib.parse import urlsplit

LINK_SCHEMES = frozenset({"http", "https", "ftp", "sftp"})


def web_url(value: object) -> str:
    """The URL, stripped, when its scheme is http(s) or (s)ftp with a host; "" otherwise."""
    text = str(value or "").strip()
    if any(ord(char) < 32 for char in text):  # browsers drop tabs/newlines inside schemes ("java\tscript:")
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in LINK_SCHEMES and parts.netloc else ""
