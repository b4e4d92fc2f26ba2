"""Template filters of the portal: coded values to their translated labels."""

from django import template

from catalogue.portal.labels import resource_type_label, topic_label
from catalogue.records import display
from catalogue.records.facet_values import keyword_values, licence_name
from common.weburl import web_url as _web_url

register = template.Library()


@register.filter
def resource_type(code: str) -> str:
    return resource_type_label(code or "")


@register.filter
def topic(code: str) -> str:
    return topic_label(code or "")


@register.filter
def protocol(code: str) -> str:
    return display.protocol_label(code or "")


@register.filter
def period_years(hit) -> str:
    """A hit's temporal extent in years: "2019", "2015–2019", "since 2015"."""
    return display.period_label(hit.temporal_start, hit.temporal_end, precision="year")


@register.filter
def licence(value: str) -> str:
    """An SPDX identifier as its name ("Creative Commons Attribution 4.0 International (CC-BY-4.0)")."""
    return licence_name(value or "")


@register.filter
def standard(code: str) -> str:
    return display.standard_label(code or "")


@register.filter
def keyword_facet(value: str) -> str:
    """The keyword facet's value for a keyword as published (a thesaurus concept in either language is one value)."""
    found = keyword_values([value or ""])
    return found[-1] if found else value


@register.filter
def web_url(value: str) -> str:
    """A harvested URL when it may become a link (http(s)/(s)ftp with a host), else "": see common/weburl.py."""
    return _web_url(value)
