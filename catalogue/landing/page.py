"""What the landing page shows, computed from the Record (views only choose the template and status)."""

from __future__ import annotations

import dataclasses
import json

import nh3
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from catalogue.exports import common, schemaorg
from catalogue.exports.csl import DEFAULT_LOCALE, DEFAULT_STYLE, STYLES, cached_citation
from catalogue.exports.registry import SOURCE_XML, formats
from catalogue.landing import signposting
from catalogue.records import display, facet_values, reading
from catalogue.records import language as record_language
from catalogue.records.links import absolute, doi_url, export_url, landing_url, record_hubs
from catalogue.records.models import Record
from common.weburl import web_url

# Markup an abstract may keep; everything else (script, style, event handlers, iframes) is removed by nh3.
_DESCRIPTION_TAGS = {"p", "br", "b", "i", "em", "strong", "ul", "ol", "li", "a", "sub", "sup", "code", "pre"}
_CITATION_TAGS = {"i", "b", "span", "sup", "sub"}


def safe_description(text: str) -> SafeString:
    """An abstract rendered safely: HTML abstracts sanitised by nh3, plain text escaped with its line breaks."""
    if "<" in text and ">" in text:
        return mark_safe(nh3.clean(text, tags=_DESCRIPTION_TAGS, link_rel="nofollow noopener noreferrer"))
    return mark_safe(linebreaks(escape(text)))


def safe_citation(record: Record, style: str) -> SafeString:
    """citeproc-py's HTML output, sanitised again: only its inline formatting tags survive."""
    # In the page's language: a French page says "[Jeu de données]", "consulté le", not "[Dataset]", "Retrieved".
    locale = "fr-FR" if (get_language() or "").startswith("fr") else DEFAULT_LOCALE
    citation = cached_citation(record, style, locale, html=True)
    return mark_safe(nh3.clean(citation, tags=_CITATION_TAGS, attributes={}))


def json_ld(record: Record) -> SafeString:
    """The schema.org JSON-LD, safe inside <script>: "<", ">" and "&" escaped as JSON unicode escapes."""
    text = json.dumps(schemaorg.build(record), ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)


def _provenance(record: Record) -> list[dict]:
    """The record's sources (`reading.provenance`, the record page's list), with the DOI page's own XML export."""
    return [
        {
            "hub": entry.row.source.pole,
            "source": entry.row.source,
            "identifier": entry.source_identifier,
            "format": entry.format,
            "url": entry.source_record_url,
            "xml_url": f"{export_url(record, SOURCE_XML)}?source={entry.source_slug}" if record.doi else "",
            "deleted": entry.deleted,
        }
        for entry in reading.provenance(record)
    ]


def online_resources(record: Record) -> list[dict]:
    """The record's links, each classified by `reading.link_function` (the record page groups them the same way)."""
    shown = []
    for resource in reading.read(record).online_resources:
        url = web_url(resource.url)
        if not url:
            continue
        kind = reading.link_function(resource)
        shown.append(
            {
                **dataclasses.asdict(resource),
                "url": url,
                "kind": kind,
                "kind_label": display.link_kind_label(kind),
                "protocol_label": display.protocol_label(resource.protocol),
            }
        )
    return shown


def citation_context(record: Record, style: str) -> dict:
    return {
        "citation_style": style,
        "citation_styles": STYLES,
        "citation_html": safe_citation(record, style),
    }


def page_context(record: Record, style: str = DEFAULT_STYLE) -> dict:
    links = signposting.advertised_links(record)
    text = record_language.text(record, record_language.reader_language())  # the portal's and the API's rule
    context = {
        "record": record,
        "title": text.title,
        "title_language": text.language,
        "doi_url": doi_url(record.doi),
        "canonical_url": absolute(landing_url(record)),
        "creators": reading.creators(record),
        "resource_type_general": common.resource_type_general(record),
        "resource_type_label": display.resource_type_general_label(common.resource_type_general(record)),
        "publication_year": common.publication_year(record),
        "description": safe_description(text.abstract),
        # Meta/og description for people (search engine snippets, link previews): the record's own words only; the
        # JSON-LD description (schemaorg.description) completes short abstracts with English facts for machines.
        "description_text": common.plain_text(text.abstract) or text.title,
        "keywords": common.keywords(record),
        "license_text": facet_values.licence_name(common.license_text(record)),
        "license_url": web_url(common.license_uri(record)),
        "temporal": common.temporal_interval(record),
        "temporal_label": display.period_label(record.temporal_start, record.temporal_end),
        "bboxes": record.bboxes,
        "online_resources": online_resources(record),
        # Version relations get their own list; everything else is "related". References to the record itself
        # (e.g. "IsIdenticalTo" its own DOI) are left out: they tell a reader nothing.
        "related": display.shown_relations(
            record, [r for r in reading.read(record).related_identifiers if r not in common.version_relations(record)]
        ),
        "versions": display.shown_relations(record, common.version_relations(record)),
        "hubs": record_hubs(record),
        "provenance": _provenance(record),
        "exports": [
            {"name": f.name, "label": f.label, "url": export_url(record, f.name), "type": f.media_type}
            for f in formats().values()
        ],
        "citation_url": export_url(record, "citation"),
        "json_ld": json_ld(record),
        "signposting_links": links,
        "link_header": signposting.link_header(links),
    }
    context.update(citation_context(record, style))
    return context


def tombstone_context(record: Record) -> dict:
    """What a withdrawn record keeps (LP-24): title, creators, DOI, citation, reason, date; no download links."""
    return {
        "record": record,
        "doi_url": doi_url(record.doi),
        "creators": reading.creators(record),
        "publication_year": common.publication_year(record),
        **citation_context(record, DEFAULT_STYLE),
    }
