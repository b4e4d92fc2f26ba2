"""Facet definitions shared by the backends: which record column feeds each facet, and how raw counts become
FacetValue lists (labels, selected values kept even when they count zero, stable order)."""

from __future__ import annotations

from catalogue.search.labels import facet_label
from catalogue.search.query import FACET_NAMES, SearchQuery
from catalogue.search.results import FacetValue

# facet -> (column, is_array)
FACET_COLUMNS = {
    "pole": ("pole_codes", True),
    "keyword": ("keyword_facet", True),  # normalised at ingest (catalogue.records.facet_values)
    "topic": ("topic_categories", True),
    "type": ("resource_type", False),
    "organisation": ("organisation_facet", True),
    "format": ("formats", True),
    "license": ("license_facet", False),  # SPDX identifiers (catalogue.records.facet_values)
    "year": ("publication_year", False),
}
MAX_FACET_VALUES = 30


def build_facets(
    raw: dict[str, list[tuple[str, int]]], query: SearchQuery, language: str
) -> dict[str, list[FacetValue]]:
    """Raw (value, count) pairs per facet -> FacetValue lists: most frequent first (years newest first), selected
    values always present."""
    facets: dict[str, list[FacetValue]] = {}
    for name in FACET_NAMES:
        selected = query.selected(name)
        counts = {str(value): int(count) for value, count in raw.get(name, []) if value not in (None, "")}
        for value in selected:
            counts.setdefault(value, 0)
        if name == "year":
            ordered = sorted(counts.items(), key=lambda item: -int(item[0]))
        else:
            ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].lower(), item[0]))
        keep = [item for item in ordered[:MAX_FACET_VALUES]]
        keep += [item for item in ordered[MAX_FACET_VALUES:] if item[0] in selected]
        facets[name] = [
            FacetValue(value=value, label=facet_label(name, value, language), count=count, selected=value in selected)
            for value, count in keep
        ]
    return facets
