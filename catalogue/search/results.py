"""What a search returns (the contract shared with the portal and the API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from catalogue.search.query import SearchQuery


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    doi: str | None
    poles: list[str]
    snippet: str  # safe HTML: highlights in <mark>, everything else escaped
    bbox: list[list[float]]
    url: str
    resource_type: str = ""
    publication_year: int | None = None
    temporal_start: date | None = None
    temporal_end: date | None = None
    keywords: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchResult:
    count: int
    count_is_estimate: bool
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    page: int
    page_size: int
    pages: int
    did_you_mean: str
    query: SearchQuery
    # Facet counts scaled from a sample (large result sets); shown as approximate, like an estimated count.
    facets_are_estimates: bool = False
    # The configured engine could not answer: PostgreSQL did (SEARCH_FALLBACK=postgres). Same records, same rules.
    served_by_fallback: bool = False


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "title" | "keyword"


def page_count(count: int, page_size: int) -> int:
    return (count + page_size - 1) // page_size if count else 0


def empty_result(query: SearchQuery) -> SearchResult:
    """What a page shows when the search could not run (with an explanation next to it)."""
    return SearchResult(
        count=0,
        count_is_estimate=False,
        hits=[],
        facets={},
        page=query.page,
        page_size=query.page_size,
        pages=0,
        did_you_mean="",
        query=query,
    )
