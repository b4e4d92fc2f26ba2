"""The search service: one entry point for the portal, the API and anything else. The backend is chosen by
settings.SEARCH_BACKEND ("postgres" by default, "elasticsearch" for deployments that outgrow one machine)."""

from __future__ import annotations

import dataclasses
import logging
import time
import uuid
from functools import cache

from django.conf import settings
from django.db import DatabaseError, transaction

from catalogue.search import expansion
from catalogue.search.backends.base import SearchBackend
from catalogue.search.query import SearchQuery
from catalogue.search.results import SearchResult, Suggestion
from catalogue.search.spelling import sensible_suggestion
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


logger = logging.getLogger("catalogue.search")


class SearchUnavailableError(Exception):
    """The backend failed on a valid query (database error, search cluster down or refusing): the faces answer
    503 with `request_id`, which is also in the log line that holds the cause."""

    def __init__(self, request_id: str):
        super().__init__(f"search unavailable (request {request_id})")
        self.request_id = request_id


def search(
    query: SearchQuery,
    language: str = "en",
    backend: str | None = None,
    facets: bool = True,
    cross_language: bool = False,
) -> SearchResult:
    """cross_language: also find records written in the other language (catalogue.search.expansion). Off by
    default so API clients get the literal query they sent; the portal turns it on (settings.SEARCH_CROSS_LANGUAGE)."""
    chosen = get_backend(backend)
    name = backend or settings.SEARCH_BACKEND
    started = time.perf_counter()
    sent = query
    if query.q and cross_language:
        alternatives = expansion.variants(query.q)
        if len(alternatives) > 1:
            sent = query.replace(q=chosen.any_of(alternatives))
    try:
        # A savepoint: a failed statement leaves the request's connection usable (for the error page, the
        # middleware) instead of an aborted transaction.
        with transaction.atomic():
            result = chosen.search(sent, language, facets=facets)
    except (DatabaseError, *chosen.unavailable_errors) as error:
        SEARCH_ERRORS.labels(name).inc()
        raise _unavailable("search", query.to_params(), error) from error
    finally:
        SEARCH_LATENCY.labels(name, "search").observe(time.perf_counter() - started)
    if sent is not query:
        result = dataclasses.replace(result, query=query)  # the reader's words, not the expanded query
    if result.did_you_mean:
        # One rule for every backend: no mangled SQL, no "level" for "sealevel".
        result = dataclasses.replace(result, did_you_mean=sensible_suggestion(query.q, result.did_you_mean))
    return result


def suggest(prefix: str, limit: int = 10, backend: str | None = None) -> list[Suggestion]:
    chosen = get_backend(backend)
    name = backend or settings.SEARCH_BACKEND
    started = time.perf_counter()
    try:
        with transaction.atomic():
            return chosen.suggest(prefix, limit)
    except (DatabaseError, *chosen.unavailable_errors) as error:
        SEARCH_ERRORS.labels(name).inc()
        raise _unavailable("suggest", [("prefix", prefix)], error) from error
    finally:
        SEARCH_LATENCY.labels(name, "suggest").observe(time.perf_counter() - started)


def _unavailable(operation: str, params, error: Exception) -> SearchUnavailableError:
    request_id = current_request_id()
    logger.error(
        "%s failed (request %s, %s backend): %s: %s; parameters %s",
        operation,
        request_id,
        settings.SEARCH_BACKEND,
        type(error).__name__,
        error,
        params,
        exc_info=error,
        extra={"request_id": request_id},
    )
    return SearchUnavailableError(request_id)


def current_request_id() -> str:
    """The id of the request being served when something set one, else a new one (so a 503 and its log line
    still share an id)."""
    try:
        from common.logs import request_id  # set by the ops request-id middleware when it is installed
    except ImportError:
        return uuid.uuid4().hex
    current = request_id.get()
    return current if current and current != "-" else uuid.uuid4().hex
