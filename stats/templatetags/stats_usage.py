"""{% dataset_usage record %}: the dataset's views, downloads and citations, for record and landing pages."""

from __future__ import annotations

from django import template

from stats.services import dataset_usage as usage_of

register = template.Library()


@register.inclusion_tag("stats/_dataset_usage.html")
def dataset_usage(record) -> dict:
    return {"usage": usage_of(record.pk)}
