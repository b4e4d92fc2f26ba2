"""{% dataset_usage record %}: the dataset's views, downloads and citations, for record and landing pages."""

from __future__ import annotations

from django import template

from stats.services import dataset_usage as usage_of

register = template.Library()


@register.inclusion_tag("stats/_dataset_usage.html")
def dataset_usage(record) -> dict:
    return {"usage": usage_of(record.pk)}


@register.inclusion_tag("stats/_hub_searches.html")
def hub_searches(pole, days: int = 30) -> dict:
    """The hub's top and zero-result searches of the last `days` days (for the hub workspace)."""
    from stats.services import hub_search_report

    return {"pole": pole, "report": hub_search_report(pole, days=days)}
