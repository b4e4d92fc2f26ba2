"""What the record page shows, computed from a Record: links by function, provenance, translated labels.

Templates only lay this out; the rules (which link is a service, which title to show in French...) live here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.portal.labels import resource_type_label, role_label, topic_label
from catalogue.portal.map_services import preview_links
from catalogue.portal.rich_text import render_rich_text
from catalogue.records import display, reading
from catalogue.records import language as record_language
from catalogue.records.links import landing_url
from catalogue.records.models import Record
from catalogue.records.reading import Provenance, link_function
from catalogue.records.unified import Keyword, OnlineResource, Party
from common.weburl import web_url

# Display order of the link groups on the page.
LINK_GROUPS = (
    ("download", _("Download")),
    ("service", _("Web services (WMS, WFS, …)")),
    ("documentation", _("Documentation and information")),
    ("other", _("Other links")),
)


@dataclass(frozen=True)
class Link:
    url: str
    name: str
    description: str
    protocol: str
    kind: str  # "WMS", "WFS"... for services, "" otherwise
    preview_url: str = ""  # the map preview page of a WMS or WMTS link


@dataclass
class LinkGroup:
    key: str
    label: str
    links: list[Link] = field(default_factory=list)


def group_links(online_resources: list[OnlineResource]) -> list[LinkGroup]:
    """Links grouped by what a researcher does with them (`reading.link_function`, the one classification the DOI
    landing page and the exports share), duplicates (same URL) shown once."""
    groups = {key: LinkGroup(key, str(label)) for key, label in LINK_GROUPS}
    seen: set[str] = set()
    for resource in online_resources:
        url = resource.url.strip()
        if not url or url in seen or not url.lower().startswith(("http://", "https://", "ftp://", "sftp://")):
            continue
        seen.add(url)
        groups[link_function(resource)].links.append(
            Link(
                url=url,
                name=resource.name,
                description=resource.description,
                protocol=resource.protocol,
                kind=reading.service_kind(resource),
            )
        )
    return [group for group in groups.values() if group.links]


def provenance(record: Record, language: str) -> list[Provenance]:
    return reading.provenance(record, language)


def localised_text(record: Record, language: str) -> tuple[str, str]:
    """Title and abstract in the reader's language (`records.language`: the rule every page and the API share)."""
    text = record_language.text(record, language)
    return text.title, text.abstract


def other_language_titles(record: Record, shown_title: str) -> list[tuple[str, str]]:
    """Titles the record carries in other languages than the one shown: (language code, title)."""
    titles = [(code, text.get("title", "")) for code, text in sorted(reading.read(record).translations.items())]
    if record.title != shown_title:
        titles.insert(0, (record.language or "", record.title))
    return [(code, title) for code, title in titles if title and title != shown_title]


def parties(entries: list[Party]) -> list[dict]:
    """Parties with their role translated and a display name (person, organisation or both)."""
    return [
        {
            **dataclasses.asdict(party),
            "url": web_url(party.url),
            "display_name": reading.display_name(party),
            "role_label": role_label(party.role),
        }
        for party in entries
        if reading.display_name(party)
    ]


def keyword_groups(keywords: list[Keyword]) -> list[tuple[str, list[str]]]:
    """Keywords grouped by thesaurus ("" = free keywords last), each value once."""
    groups: dict[str, list[str]] = {}
    for keyword in keywords:
        bucket = groups.setdefault(keyword.thesaurus, [])
        if keyword.value and keyword.value not in bucket:
            bucket.append(keyword.value)
    return sorted(((name, values) for name, values in groups.items() if values), key=lambda g: (g[0] == "", g[0]))


def temporal_extent(start: date | None, end: date | None) -> dict | None:
    """None when the record has no temporal extent at all; open ends are said explicitly by the template."""
    if start is None and end is None:
        return None
    return {"start": start, "end": end}


def record_context(record: Record, language: str) -> dict:
    title, abstract = localised_text(record, language)
    unified = reading.read(record)
    return {
        "record": record,
        "title": title,
        "other_titles": other_language_titles(record, title),
        "abstract_html": render_rich_text(abstract),
        "lineage_html": render_rich_text(record.lineage),
        "resource_type_label": resource_type_label(record.resource_type),
        "topics": [(code, topic_label(code)) for code in record.topic_categories],
        "keyword_groups": keyword_groups(unified.keywords),
        "creators": parties(unified.creators),
        "organisations": parties(unified.organisations),
        "link_groups": _with_previews(record, group_links(unified.online_resources)),
        "provenance": provenance(record, language),
        "temporal": temporal_extent(record.temporal_start, record.temporal_end),
        "period_label": display.period_label(record.temporal_start, record.temporal_end),
        "languages_label": display.languages_label(record.languages or [record.language or ""]),
        "standard_label": display.standard_label(record.metadata_standard),
        "related": display.shown_relations(record),
        "related_records": related_records(record, language),
        "extents": [[box.west, box.south, box.east, box.north] for box in unified.bboxes],
        "license_url": web_url(record.license_url),
        "related_identifiers": [
            {
                **dataclasses.asdict(rel),
                "url": web_url(rel.identifier) if rel.identifier_type.lower() == "url" else "",
            }
            for rel in unified.related_identifiers
        ],
        "doi_landing_url": landing_url(record),
    }


def _with_previews(record: Record, groups: list[LinkGroup]) -> list[LinkGroup]:
    """WMS and WMTS links get their "preview on map" page (named by the link's position in the record, never by
    URL)."""
    previews = {
        resource["url"].strip(): reverse("catalogue:record-preview", args=[record.pk, index])
        for index, resource in preview_links(record).items()
    }
    for group in groups:
        group.links = [dataclasses.replace(link, preview_url=previews.get(link.url, "")) for link in group.links]
    return groups


def related_records(record: Record, language: str) -> list[dict]:
    """Records of this catalogue linked to this one: the series it belongs to, the records of its series, and
    other versions (DataCite version relations either way). Same-DOI copies from several hubs are one merged record:
    its provenance lists them."""
    own_doi = (record.doi or "").lower()
    version_dois = {
        rel.identifier.lower()
        for rel in reading.read(record).related_identifiers
        if "version" in rel.relation_type.lower() and rel.identifier_type.upper() == "DOI"
    } - {"", own_doi}
    wanted = Q(parent_identifier=record.identifier) if record.identifier else Q(pk__in=[])
    if record.parent_identifier:
        wanted |= Q(identifier=record.parent_identifier)
    if version_dois:
        wanted |= Q(doi__in=version_dois)
    if own_doi:
        wanted |= Q(related_identifiers__contains=[{"identifier": record.doi, "relation_type": "IsNewVersionOf"}])
        wanted |= Q(related_identifiers__contains=[{"identifier": record.doi, "relation_type": "IsPreviousVersionOf"}])
    found = []
    for other in Record.objects.public().filter(wanted).exclude(pk=record.pk).order_by("title")[:30]:
        if record.parent_identifier and other.identifier == record.parent_identifier:
            kind = _("Series this record belongs to")
        elif other.parent_identifier and other.parent_identifier == record.identifier:
            kind = _("Part of this series")
        else:
            kind = _("Other version")
        found.append({"kind": str(kind), "title": localised_text(other, language)[0], "url": other.get_absolute_url(),
                      "year": other.publication_year, "poles": other.pole_codes})  # fmt: skip
    order = {str(_("Series this record belongs to")): 0, str(_("Other version")): 1, str(_("Part of this series")): 2}
    return sorted(found, key=lambda item: order.get(item["kind"], 3))
