"""What the landing page shows, computed from the Record (views only choose the template and status)."""

from __future__ import annotations

import json

import nh3
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from catalogue.exports import SOURCE_XML, common, formats, schemaorg
from catalogue.exports.csl import DEFAULT_LOCALE, DEFAULT_STYLE, STYLES, cached_citation
from catalogue.landing import signposting
from catalogue.records import display, facet_values
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


def _link_kind(resource: dict) -> str:
    return "download" if common.is_download(resource) else (resource.get("function") or "information")


def _provenance(record: Record) -> list[dict]:
    rows = []
    for source in sorted(record.provenance.all(), key=lambda rs: rs.pk):
        template = source.source.record_url_template
        rows.append(
            {
                "hub": source.source.pole,
                "source": source.source,
                "identifier": source.source_identifier,
                "format": source.format,
                "url": template.replace("{identifier}", source.source_identifier) if template else "",
                "xml_url": f"{export_url(record, SOURCE_XML)}?source={source.source.slug}" if record.doi else "",
                "deleted": source.deleted_at_source is not None,
            }
        )
    return rows


def citation_context(record: Record, style: str) -> dict:
    return {
        "citation_style": style,
        "citation_styles": STYLES,
        "citation_html": safe_citation(record, style),
    }


def page_context(record: Record, style: str = DEFAULT_STYLE) -> dict:
    links = signposting.advertised_links(record)
    context = {
        "record": record,
        "doi_url": doi_url(record.doi),
        "canonical_url": absolute(landing_url(record)),
        "creators": common.creators(record),
        "resource_type_general": common.resource_type_general(record),
        "resource_type_label": display.resource_type_general_label(common.resource_type_general(record)),
        "publication_year": common.publication_year(record),
        "description": safe_description(record.abstract),
        # Meta/og description for people (search engine snippets, link previews): the record's own words only; the
        # JSON-LD description (schemaorg.description) completes short abstracts with English facts for machines.
        "description_text": common.plain_text(record.abstract) or record.title,
        "keywords": common.keywords(record),
        "license_text": facet_values.licence_name(common.license_text(record)),
        "license_url": web_url(common.license_uri(record)),
        "temporal": common.temporal_interval(record),
        "temporal_label": display.period_label(record.temporal_start, record.temporal_end),
        "bboxes": record.bboxes,
        "online_resources": [
            {
                **r,
                "url": web_url(r.get("url")),
                "kind": _link_kind(r),
                "kind_label": display.link_function_label(_link_kind(r)),
                "protocol_label": display.protocol_label(r.get("protocol") or ""),
            }
            for r in record.online_resources
            if web_url(r.get("url"))
        ],
        # Version relations get their own list; everything else is "related". References to the record itself
        # (e.g. "IsIdenticalTo" its own DOI) are left out: they tell a reader nothing.
        "related": display.shown_relations(
            record, [r for r in record.related_identifiers if r not in common.version_relations(record)]
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
        "creators": common.creators(record),
        "publication_year": common.publication_year(record),
        **citation_context(record, DEFAULT_STYLE),
    }
