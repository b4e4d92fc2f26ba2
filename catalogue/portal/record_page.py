"""What the record page shows, computed from a Record: links by function, provenance, translated labels.

Templates only lay this out; the rules (which link is a service, which title to show in French...) live here.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.portal.labels import resource_type_label, role_label, topic_label
from catalogue.portal.map_services import preview_links
from catalogue.portal.rich_text import render_rich_text
from catalogue.records import display
from catalogue.records.links import landing_url, original_xml_path
from catalogue.records.models import Record, RecordSource
from common.weburl import web_url

_SERVICE_PROTOCOL = re.compile(r"OGC:(WMS|WFS|WCS|WMTS|SOS|CSW)|OPENDAP|THREDDS|ERDDAP|ESRI:REST|API", re.IGNORECASE)
_SERVICE_URL = re.compile(r"[?&]service=(wms|wfs|wcs|wmts)|/(wms|wfs|wcs|wmts|opendap|dodsC|erddap)\b", re.I)
_DOWNLOAD_PROTOCOL = re.compile(r"DOWNLOAD|FTP|FILE", re.IGNORECASE)
_DOWNLOAD_URL = re.compile(r"^(s?ftp)://|\.(zip|nc|nc4|csv|tar|gz|tgz|h5|hdf|hdf5|tif|tiff|grib2?|txt|xlsx?)$", re.I)
_DOCUMENT_URL = re.compile(r"\.(pdf|docx?|odt|html?)$", re.IGNORECASE)
_SERVICE_KIND = re.compile(r"(WMS|WFS|WCS|WMTS|SOS|CSW|OPeNDAP|THREDDS|ERDDAP)", re.IGNORECASE)

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


@dataclass(frozen=True)
class Provenance:
    pole_code: str
    pole_name: str
    source_name: str
    source_slug: str
    source_identifier: str
    format: str
    datestamp: datetime | None
    last_seen: datetime
    deleted_at_source: datetime | None
    source_record_url: str  # the record's page in the source's own catalogue, "" when unknown
    original_xml_url: str
    is_primary: bool  # the merged fields shown come from this source's version


def link_function(resource: dict) -> str:
    """download | service | documentation | other, from the ISO function code, then protocol, then URL shape."""
    url = (resource.get("url") or "").strip()
    protocol = resource.get("protocol") or ""
    function = (resource.get("function") or "").lower()
    path = url.split("?", 1)[0].rstrip("/")
    if _SERVICE_PROTOCOL.search(protocol) or _SERVICE_URL.search(url):
        return "service"
    if function in {"download", "offlineaccess", "order"} or _DOWNLOAD_PROTOCOL.search(protocol):
        return "download"
    if _DOWNLOAD_URL.search(path):
        return "download"
    if function in {"information", "search", "browsing"} or _DOCUMENT_URL.search(path) or "LINK" in protocol.upper():
        return "documentation"
    return "other"


def group_links(online_resources: list[dict]) -> list[LinkGroup]:
    """Links grouped by what a researcher does with them, duplicates (same URL) shown once."""
    groups = {key: LinkGroup(key, str(label)) for key, label in LINK_GROUPS}
    seen: set[str] = set()
    for resource in online_resources or []:
        url = (resource.get("url") or "").strip()
        if not url or url in seen or not url.lower().startswith(("http://", "https://", "ftp://", "sftp://")):
            continue
        seen.add(url)
        key = link_function(resource)
        kind_match = _SERVICE_KIND.search(f"{resource.get('protocol') or ''} {url}") if key == "service" else None
        groups[key].links.append(
            Link(
                url=url,
                name=resource.get("name") or "",
                description=resource.get("description") or "",
                protocol=resource.get("protocol") or "",
                kind=kind_match.group(1).upper() if kind_match else "",
            )
        )
    return [group for group in groups.values() if group.links]


def provenance(record: Record, language: str) -> list[Provenance]:
    entries = []
    sources: list[RecordSource] = sorted(record.provenance.all(), key=lambda p: (p.source.pole.code, p.source.slug))
    for prov in sources:
        source = prov.source
        entries.append(
            Provenance(
                pole_code=source.pole.code,
                pole_name=source.pole.label(language),
                source_name=source.name,
                source_slug=source.slug,
                source_identifier=prov.source_identifier,
                format=prov.format,
                datestamp=prov.datestamp,
                last_seen=prov.last_seen,
                deleted_at_source=prov.deleted_at_source,
                source_record_url=source.record_url(prov.source_identifier),
                original_xml_url=original_xml_path(record.pk, source.slug),
                is_primary=source.pk == record.primary_source_id,
            )
        )
    return entries


def localised_text(record: Record, language: str) -> tuple[str, str]:
    """Title and abstract in the reader's language when the record carries a translation."""
    translation = (record.translations or {}).get(language[:2], {})
    return translation.get("title") or record.label, translation.get("abstract") or record.abstract


def other_language_titles(record: Record, shown_title: str) -> list[tuple[str, str]]:
    """Titles the record carries in other languages than the one shown: (language code, title)."""
    titles = [(code, (text or {}).get("title", "")) for code, text in sorted((record.translations or {}).items())]
    if record.title != shown_title:
        titles.insert(0, (record.language or "", record.title))
    return [(code, title) for code, title in titles if title and title != shown_title]


def parties(entries: list[dict]) -> list[dict]:
    """Parties with their role translated and a display name (person, organisation or both)."""
    shown = []
    for party in entries or []:
        name = party.get("name") or " ".join(filter(None, [party.get("given_name"), party.get("family_name")]))
        organisation = party.get("organisation") or ""
        if not (name or organisation):
            continue
        shown.append(
            {
                **party,
                "url": web_url(party.get("url")),
                "display_name": name or organisation,
                "role_label": role_label(party.get("role", "")),
            }
        )
    return shown


def keyword_groups(keywords: list[dict]) -> list[tuple[str, list[str]]]:
    """Keywords grouped by thesaurus ("" = free keywords last), each value once."""
    groups: dict[str, list[str]] = {}
    for keyword in keywords or []:
        value = (keyword.get("value") or "").strip()
        bucket = groups.setdefault(keyword.get("thesaurus") or "", [])
        if value and value not in bucket:
            bucket.append(value)
    return sorted(((name, values) for name, values in groups.items() if values), key=lambda g: (g[0] == "", g[0]))


def temporal_extent(start: date | None, end: date | None) -> dict | None:
    """None when the record has no temporal extent at all; open ends are said explicitly by the template."""
    if start is None and end is None:
        return None
    return {"start": start, "end": end}


def record_context(record: Record, language: str) -> dict:
    title, abstract = localised_text(record, language)
    return {
        "record": record,
        "title": title,
        "other_titles": other_language_titles(record, title),
        "abstract_html": render_rich_text(abstract),
        "lineage_html": render_rich_text(record.lineage),
        "resource_type_label": resource_type_label(record.resource_type),
        "topics": [(code, topic_label(code)) for code in record.topic_categories],
        "keyword_groups": keyword_groups(record.keywords),
        "creators": parties(record.creators),
        "organisations": parties(record.organisations),
        "link_groups": _with_previews(record, group_links(record.online_resources)),
        "provenance": provenance(record, language),
        "temporal": temporal_extent(record.temporal_start, record.temporal_end),
        "period_label": display.period_label(record.temporal_start, record.temporal_end),
        "languages_label": display.languages_label(record.languages or [record.language or ""]),
        "standard_label": display.standard_label(record.metadata_standard),
        "related": display.shown_relations(record),
        "related_records": related_records(record, language),
        "extents": [list(box) for box in record.bboxes or [] if len(box) == 4],
        "license_url": web_url(record.license_url),
        "related_identifiers": [
            {
                **rel,
                "url": web_url(rel.get("identifier")) if (rel.get("identifier_type") or "").lower() == "url" else "",
            }
            for rel in record.related_identifiers or []
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
        (rel.get("identifier") or "").strip().lower()
        for rel in record.related_identifiers or []
        if "version" in (rel.get("relation_type") or "").lower() and (rel.get("identifier_type") or "").upper() == "DOI"
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
