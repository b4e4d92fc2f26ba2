"""Search: one service (postgres full text + PostGIS by default, Elasticsearch for scale) behind one contract."""

from catalogue.search.params import parse_search_params
from catalogue.search.query import SearchQuery
from catalogue.search.results import FacetValue, Hit, SearchResult, Suggestion
from catalogue.search.service import SearchUnavailableError, search, suggest

__all__ = [
    "FacetValue",
    "Hit",
    "SearchQuery",
    "SearchResult",
    "SearchUnavailableError",
    "Suggestion",
    "parse_search_params",
    "search",
    "suggest",
]
