"""FAIR Signposting (signposting.org/FAIR) for a landing page: level 1 typed links for the HTTP Link header and
<link> elements, level 2 linkset documents (RFC 9264: application/linkset+json and application/linkset)."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from catalogue.exports import common
from catalogue.exports.registry import SOURCE_XML, formats
from catalogue.records import reading
from catalogue.records.links import absolute, doi_lands_here, doi_url, export_url, linkset_url, page_url
from catalogue.records.models import Record
from common.weburl import web_url

# InvenioRDM's rule (LP-22): past this many links of one kind, the Link header carries only the linkset links.
MAX_LINKS_PER_KIND = 5
_COUNTED_KINDS = ("author", "item", "license")
LINKSET_TYPES = ("application/linkset+json", "application/linkset")


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    rel: str
    type: str = ""

    def header_value(self) -> str:
        value = f'<{self.href}>; rel="{self.rel}"'
        return value + (f'; type="{self.type}"' if self.type else "")


def record_links(record: Record) -> list[Link]:
    """Every level-1 link of the record's landing page, with absolute URLs."""
    links: list[Link] = []
    if record.doi:
        # cite-as only when the DOI resolves to this portal; a hub's DOI is linked as "related" (LP-21).
        links.append(Link(doi_url(record.doi), "cite-as" if doi_lands_here(record) else "related"))
    for export in formats().values():
        links.append(Link(absolute(export_url(record, export.name)), "describedby", export.media_type))
    if record.provenance.all():
        links.append(Link(absolute(export_url(record, SOURCE_XML)), "describedby", "application/xml"))
    links += [Link("https://schema.org/Dataset", "type"), Link("https://schema.org/AboutPage", "type")]
    for resource in common.download_resources(record):
        if not web_url(resource.url):
            continue
        media_type = mimetypes.guess_type(resource.url)[0] or "application/octet-stream"
        links.append(Link(resource.url, "item", media_type))
    links += [Link(c.orcid_url, "author") for c in reading.creators(record) if c.orcid]
    if web_url(common.license_uri(record)):
        links.append(Link(web_url(common.license_uri(record)), "license"))
    return links


def linkset_links(record: Record) -> list[Link]:
    href = absolute(linkset_url(record))
    return [Link(href, "linkset", media_type) for media_type in LINKSET_TYPES]


def advertised_links(record: Record) -> list[Link]:
    """The links for the Link header and <link> elements: all of them plus the linkset, or only the linkset when
    a kind has more than MAX_LINKS_PER_KIND links (a header that long breaks clients and proxies)."""
    links = record_links(record)
    if any(sum(1 for link in links if link.rel == kind) > MAX_LINKS_PER_KIND for kind in _COUNTED_KINDS):
        return linkset_links(record)
    return links + linkset_links(record)


def link_header(links: list[Link]) -> str:
    """One Link header value on one line (no line breaks allowed, LP-19)."""
    return ", ".join(link.header_value() for link in links)


def linkset_json(record: Record) -> dict:
    anchor = page_url(record)
    links = record_links(record)
    context: dict[str, list[dict]] = {}
    for link in links:
        target = {"href": link.href, **({"type": link.type} if link.type else {})}
        context.setdefault(link.rel, []).append(target)
    linkset = [{"anchor": anchor, **context}]
    # Each metadata document says which page it describes, so a client can walk back.
    for link in links:
        if link.rel == "describedby":
            linkset.append({"anchor": link.href, "describes": [{"href": anchor, "type": "text/html"}]})
    return {"linkset": linkset}


def linkset_text(record: Record) -> str:
    """application/linkset: Link-header syntax with explicit anchors, one link per line."""
    anchor = page_url(record)
    links = record_links(record)
    lines = [f'{link.header_value()}; anchor="{anchor}"' for link in links]
    lines += [
        f'<{anchor}>; rel="describes"; type="text/html"; anchor="{link.href}"'
        for link in links
        if link.rel == "describedby"
    ]
    return ",\n".join(lines) + "\n"
