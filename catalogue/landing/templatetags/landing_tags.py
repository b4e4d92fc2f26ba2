"""Template helpers for pages that link to DOI landing pages: `{% load landing_tags %}` then
`{{ record|landing_url }}` (path, "" without a DOI) or `{% if record|has_landing_page %}`."""

from django import template

from catalogue.records import links

register = template.Library()


@register.filter
def landing_url(record) -> str:
    return links.landing_url(record)


@register.filter
def has_landing_page(record) -> bool:
    return bool(getattr(record, "doi", ""))
