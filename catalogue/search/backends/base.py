"""The interface every search backend implements (postgres by default, elasticsearch for scale)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from catalogue.search.query import SearchQuery
from catalogue.search.results import SearchResult, Suggestion


class SearchBackend(ABC):
    name: str = ""
    # Errors of this backend's own client that mean "cannot answer now" (database errors always do); the service
    # turns them into SearchUnavailableError (a 503), never a 500.
    unavailable_errors: tuple[type[Exception], ...] = ()

    @abstractmethod
    def search(self, query: SearchQuery, language: str = "en", facets: bool = True) -> SearchResult:
        """facets=False skips the facet counts (cheaper, for clients that only want hits and a count)."""

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]: ...

    def index_records(self, record_ids: Sequence) -> int:
        """Bring the backend's copy of these records up to date (no-op when the database is the index)."""
        return 0

    def reindex_all(self, progress=None) -> int:
        """Rebuild the whole index; returns the number of live records indexed."""
        return 0

    def refresh_terms(self) -> None:
        """Rebuild the vocabulary used by suggestions and "did you mean" (after harvests)."""
        return None

    def any_of(self, variants: list[str]) -> str:
        """One text query matching any of these queries (cross-language expansion). This default is the syntax of
        PostgreSQL's websearch_to_tsquery: "a b or c d" is (a & b) | (c & d)."""
        return " or ".join(variants)
