"""The search service: one entry point for the portal, the API and anything else. The backend is chosen by
settings.SEARCH_BACKEND ("postgres" by default, "elasticsearch" for deployments that outgrow one machine)."""

from __future__ import annotations

import time
from functools import cache

from django.conf import settings

from catalogue.search.backends.base import SearchBackend
from catalogue.search.query import SearchQuery
from catalogue.search.results import SearchResult, Suggestion
from common.metrics import SEARCH_ERRORS, SEARCH_LATENCY


@cache
def get_backend(name: str | None = None) -> SearchBackend:
    name = name or settings.SEARCH_BACKEND
    if name == "postgres":
        from catalogue.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    if name == "elasticsearch":
        from catalogue.search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    raise ValueError(f"unknown search backend: {name}")


def search(query: SearchQuery, language: str = "en", backend: str | None = None, facets: bool = True) -> SearchResult:
    name = backend or settings.SEARCH_BACKEND
    started = time.perf_counter()
    try:
        return get_backend(backend).search(query, language, facets=facets)
    except Exception:
        SEARCH_ERRORS.labels(name).inc()
        raise
    finally:
        SEARCH_LATENCY.labels(name, "search").observe(time.perf_counter() - started)


def suggest(prefix: str, limit: int = 10, backend: str | None = None) -> list[Suggestion]:
    name = backend or settings.SEARCH_BACKEND
    started = time.perf_counter()
    try:
        return get_backend(backend).suggest(prefix, limit)
    finally:
        SEARCH_LATENCY.labels(name, "suggest").observe(time.perf_counter() - started)
