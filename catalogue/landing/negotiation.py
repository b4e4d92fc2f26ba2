"""Content negotiation on /doi/<doi> (DataCite / crosscite content negotiation media types).

Pure functions over the Accept header: what to answer, never how. An Accept naming none of our types gets the
HTML landing page (the DOI resolver answers 303 to the landing page; this page IS the landing page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalogue.exports.csl import DEFAULT_LOCALE, DEFAULT_STYLE

# Media type -> export format name (catalogue.exports registry); aliases as the DataCite resolver accepts them.
EXPORT_MEDIA_TYPES = {
    "application/vnd.datacite.datacite+xml": "datacite-xml",
    "application/x-datacite+xml": "datacite-xml",
    "application/vnd.datacite.datacite+json": "datacite-json",
    "application/vnd.schemaorg.ld+json": "schemaorg",
    "application/ld+json": "schemaorg",
    "application/vnd.citationstyles.csl+json": "csl-json",
    "application/citeproc+json": "csl-json",
    "application/x-bibtex": "bibtex",
    "application/x-research-info-systems": "ris",
}
CITATION_MEDIA_TYPE = "text/x-bibliography"
HTML_MEDIA_TYPES = {"text/html", "application/xhtml+xml", "text/*", "*/*"}


@dataclass(frozen=True, slots=True)
class MediaRange:
    media_type: str
    quality: float
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Negotiated:
    kind: str  # "html" | "export" | "citation"
    media_type: str = "text/html"
    format_name: str = ""  # for "export"
    style: str = DEFAULT_STYLE  # for "citation"
    locale: str = DEFAULT_LOCALE


def parse_accept(header: str) -> list[MediaRange]:
    """Media ranges by preference: highest q first, then the order given. Malformed parts are skipped."""
    ranges = []
    for part in (header or "").split(","):
        pieces = [p.strip() for p in part.split(";")]
        media_type = pieces[0].lower()
        if "/" not in media_type:
            continue
        params: dict[str, str] = {}
        for piece in pieces[1:]:
            name, _, value = piece.partition("=")
            params[name.strip().lower()] = value.strip().strip('"')
        try:
            quality = float(params.pop("q", "1"))
        except ValueError:
            quality = 0.0
        if quality > 0:
            ranges.append(MediaRange(media_type, quality, params))
    return sorted(ranges, key=lambda r: -r.quality)


def negotiate(header: str) -> Negotiated:
    for media_range in parse_accept(header):
        media_type = media_range.media_type
        if media_type in HTML_MEDIA_TYPES:
            return Negotiated("html")
        if media_type in EXPORT_MEDIA_TYPES:
            return Negotiated("export", media_type, EXPORT_MEDIA_TYPES[media_type])
        if media_type == CITATION_MEDIA_TYPE:
            return Negotiated(
                "citation",
                media_type,
                style=media_range.params.get("style") or DEFAULT_STYLE,
                locale=media_range.params.get("locale") or DEFAULT_LOCALE,
            )
    return Negotiated("html")
