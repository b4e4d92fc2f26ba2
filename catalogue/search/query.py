"""The search query: what the user asked, cleaned, as one immutable value (shared by the portal, the API, the
backends). Parameter names are a fixed contract (see the search issue); `to_params` turns a query back into them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from catalogue.records.unified import BBox

POLE_CODES = ("AERIS", "FORMATER", "ODATIS", "THEIA")
SORTS = ("relevance", "newest", "oldest", "title")
BBOX_RELATIONS = ("intersects", "within")
# Facet parameters: repeatable, values OR-ed within a facet, facets AND-ed together.
FACET_PARAMS = ("pole", "keyword", "topic", "type", "organisation", "format", "license")
# Every facet shown with counts (year is a facet of the year_from/year_to range filter).
FACET_NAMES = (*FACET_PARAMS, "year")
REPEATABLE_PARAMS = (*FACET_PARAMS, "source")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    pole: list[str] = field(default_factory=list)
    keyword: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    organisation: list[str] = field(default_factory=list)
    format: list[str] = field(default_factory=list)
    license: list[str] = field(default_factory=list)
    has_doi: bool | None = None
    year_from: int | None = None
    year_to: int | None = None
    bbox: BBox | None = None
    bbox_relation: str = "intersects"
    start: date | None = None
    end: date | None = None
    source: list[str] = field(default_factory=list)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def replace(self, **changes) -> SearchQuery:
        return dataclasses.replace(self, **changes)

    def toggled(self, name: str, value: str) -> SearchQuery:
        """The same query with a facet value added, or removed when already selected; back to page 1."""
        if name not in REPEATABLE_PARAMS:
            raise ValueError(f"not a repeatable parameter: {name}")
        values = list(getattr(self, name))
        values = [v for v in values if v != value] if value in values else [*values, value]
        return self.replace(**{name: values, "page": 1})

    def to_params(self) -> list[tuple[str, str]]:
        """Non-default values as (name, value) pairs, in a stable order, for URLs and cache keys."""
        default = _DEFAULT
        params: list[tuple[str, str]] = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name):
                continue
            if isinstance(value, list):
                params.extend((f.name, v) for v in value)
            elif isinstance(value, bool):
                params.append((f.name, "true" if value else "false"))
            elif isinstance(value, BBox):
                corners = (value.west, value.south, value.east, value.north)
                params.append((f.name, ",".join(_number(v) for v in corners)))
            elif isinstance(value, date):
                params.append((f.name, value.isoformat()))
            else:
                params.append((f.name, str(value)))
        return params

    @property
    def effective_sort(self) -> str:
        """Relevance needs words to rank by; without them the newest come first."""
        return "newest" if self.sort == "relevance" and not self.q.strip() else self.sort

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def selected(self, facet: str) -> list[str]:
        """The selected values of a facet (year: the years of the range when it is a single year)."""
        if facet == "year":
            if self.year_from is not None and self.year_from == self.year_to:
                return [str(self.year_from)]
            return []
        return list(getattr(self, facet))


def _number(value: float) -> str:
    return f"{value:g}"


_DEFAULT = SearchQuery()
