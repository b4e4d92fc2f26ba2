"""The search service: one entry point for the portal, the API and anything else. The backend is chosen by
settings.SEARCH_BACKEND: "postgres" by default, "opensearch" or "elasticsearch" for deployments that outgrow one
machine. When the engine cannot answer and SEARCH_FALLBACK is "postgres", PostgreSQL (the system of record)
answers instead and the result says so (`served_by_fallback`), so the portal can tell its users."""

from __future__ import annotations

import dataclasses
import logging
from functools import cache

from django.conf import settings

from catalogue.search.backends.base import SearchBackend
from catalogue.search.errors import SearchUnavailableError
from catalogue.search.query import SearchQuery
from catalogue.search.results import SearchResult, Suggestion

log = logging.getLogger(__name__)


@cache
def get_backend(name: str | None = None) -> SearchBackend:
    name = name or settings.SEARCH_BACKEND
    if name == "postgres":
        from catalogue.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    if name == "elasticsearch":
        from catalogue.search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    if name == "opensearch":
        from catalogue.search.backends.opensearch import OpenSearchBackend

        return OpenSearchBackend.from_settings()
    raise ValueError(f"unknown search backend: {name}")


def _fallback(engine: SearchBackend, error: SearchUnavailableError) -> SearchBackend:
    if engine.name == "postgres" or settings.SEARCH_FALLBACK != "postgres":
        raise error
    log.warning("search engine %s unavailable, PostgreSQL answers instead: %s", engine.name, error.cause)
    return get_backend("postgres")


def search(query: SearchQuery, language: str = "en", backend: str | None = None, facets: bool = True) -> SearchResult:
    engine = get_backend(backend)
    try:
        return engine.search(query, language, facets=facets)
    except SearchUnavailableError as error:
        result = _fallback(engine, error).search(query, language, facets=facets)
        return dataclasses.replace(result, served_by_fallback=True)


def suggest(prefix: str, limit: int = 10, backend: str | None = None) -> list[Suggestion]:
    engine = get_backend(backend)
    try:
        return engine.suggest(prefix, limit)
    except SearchUnavailableError as error:
        return _fallback(engine, error).suggest(prefix, limit)
