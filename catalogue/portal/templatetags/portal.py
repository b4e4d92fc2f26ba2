"""Template filters of the portal: coded values to their translated labels."""

from django import template

from catalogue.portal.labels import resource_type_label, topic_label

register = template.Library()


@register.filter
def resource_type(code: str) -> str:
    return resource_type_label(code or "")


@register.filter
def topic(code: str) -> str:
    return topic_label(code or "")
