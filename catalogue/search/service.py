"""The search service: one entry point for the portal, the API and anything else. The backend is chosen by
settings.SEARCH_BACKEND ("postgres" by default, "elasticsearch" for deployments that outgrow one machine)."""

from __future__ import annotations

import dataclasses
from functools import cache

from django.conf import settings

from catalogue.search import expansion
from catalogue.search.backends.base import SearchBackend
from catalogue.search.query import SearchQuery
from catalogue.search.results import SearchResult, Suggestion
from catalogue.search.spelling import sensible_suggestion


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


def search(
    query: SearchQuery,
    language: str = "en",
    backend: str | None = None,
    facets: bool = True,
    cross_language: bool = False,
) -> SearchResult:
    """cross_language: also find records written in the other language (catalogue.search.expansion). Off by
    default so API clients get the literal query they sent; the portal turns it on (settings.SEARCH_CROSS_LANGUAGE)."""
    engine = get_backend(backend)
    sent = query
    if query.q and cross_language:
        alternatives = expansion.variants(query.q)
        if len(alternatives) > 1:
            sent = query.replace(q=engine.any_of(alternatives))
    result = engine.search(sent, language, facets=facets)
    if sent is not query:
        result = dataclasses.replace(result, query=query)  # the reader's words, not the expanded query
    if result.did_you_mean:
        # One rule for every backend: no mangled SQL, no "level" for "sealevel".
        result = dataclasses.replace(result, did_you_mean=sensible_suggestion(query.q, result.did_you_mean))
    return result


def suggest(prefix: str, limit: int = 10, backend: str | None = None) -> list[Suggestion]:
    return get_backend(backend).suggest(prefix, limit)
