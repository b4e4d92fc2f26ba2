"""The search service: one entry point for the portal, the API and anything else. The backend is chosen by
settings.SEARCH_BACKEND: "postgres" by default, "opensearch" or "elasticsearch" for deployments that outgrow one
machine. A backend that fails on a valid query (database error, engine down, busy or too slow) becomes a
SearchUnavailableError with a request id (the faces answer 503); when the failing backend is an engine and
SEARCH_FALLBACK is "postgres", PostgreSQL (the system of record) answers instead and the result says so
(`served_by_fallback`). A query the engine refuses as too large stays a SearchRejectedError (400)."""

from __future__ import annotations

import dataclasses
import logging
import time
import uuid
from functools import cache

from django.conf import settings
from django.db import DatabaseError, transaction

from catalogue.search.backends.base import SearchBackend
from catalogue.search.errors import SearchUnavailableError
from catalogue.search.expansion import variants
from catalogue.search.query import SearchQuery
from catalogue.search.results import SearchResult, Suggestion
from catalogue.search.spelling import sensible_suggestion
from common.metrics import SEARCH_ERRORS, SEARCH_LATENCY

__all__ = ["SearchUnavailableError", "get_backend", "search", "suggest"]


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


logger = logging.getLogger("catalogue.search")


def _run(chosen: SearchBackend, operation: str, params, call):
    unavailable: tuple[type[Exception], ...] = (DatabaseError, SearchUnavailableError, *chosen.unavailable_errors)
    try:
        # A savepoint: a failed statement leaves the request's connection usable (for the error page, the
        # middleware) instead of an aborted transaction.
        with transaction.atomic():
            return call(chosen)
    except unavailable as error:
        raise _unavailable(operation, params, error, chosen.name) from error


def _with_fallback(backend: str | None, operation: str, params, call):
    """(answer, served_by_fallback)."""
    chosen = get_backend(backend)
    try:
        return _run(chosen, operation, params, call), False
    except SearchUnavailableError:
        if chosen.name == "postgres" or settings.SEARCH_FALLBACK != "postgres":
            raise
        logger.warning("%s: engine %s unavailable, PostgreSQL answers instead", operation, chosen.name)
        return _run(get_backend("postgres"), operation, params, call), True


def search(
    query: SearchQuery,
    language: str = "en",
    backend: str | None = None,
    facets: bool = True,
    cross_language: bool = False,
) -> SearchResult:
    """cross_language: also find records written in the other language (catalogue.search.expansion). Off by
    default so API clients get the literal query they sent; the portal turns it on (settings.SEARCH_CROSS_LANGUAGE)."""
    name = backend or settings.SEARCH_BACKEND
    started = time.perf_counter()
    alternatives = variants(query.q) if query.q and cross_language else []

    def run(chosen: SearchBackend) -> SearchResult:
        sent = query.replace(q=chosen.any_of(alternatives)) if len(alternatives) > 1 else query
        return chosen.search(sent, language, facets=facets)

    try:
        result, fallback = _with_fallback(backend, "search", query.to_params(), run)
    except Exception:
        SEARCH_ERRORS.labels(name).inc()
        raise
    finally:
        SEARCH_LATENCY.labels(name, "search").observe(time.perf_counter() - started)
    result = dataclasses.replace(result, query=query, served_by_fallback=fallback)  # the reader's words
    if result.did_you_mean:
        # One rule for every backend: no mangled SQL, no "level" for "sealevel".
        result = dataclasses.replace(result, did_you_mean=sensible_suggestion(query.q, result.did_you_mean))
    return result


def suggest(prefix: str, limit: int = 10, backend: str | None = None) -> list[Suggestion]:
    name = backend or settings.SEARCH_BACKEND
    started = time.perf_counter()
    try:
        return _with_fallback(backend, "suggest", [("prefix", prefix)], lambda b: b.suggest(prefix, limit))[0]
    except Exception:
        SEARCH_ERRORS.labels(name).inc()
        raise
    finally:
        SEARCH_LATENCY.labels(name, "suggest").observe(time.perf_counter() - started)


def _unavailable(operation: str, params, error: Exception, backend: str) -> SearchUnavailableError:
    request_id = current_request_id()
    logger.error(
        "%s failed (request %s, %s backend): %s: %s; parameters %s",
        operation,
        request_id,
        backend,
        type(error).__name__,
        error,
        params,
        exc_info=error,
        extra={"request_id": request_id},
    )
    cause = getattr(error, "cause", "") or f"{type(error).__name__}: {error}"
    message = getattr(error, "message", None)
    return SearchUnavailableError(message, cause=cause, request_id=request_id)


def current_request_id() -> str:
    """The id of the request being served when something set one, else a new one (so a 503 and its log line
    still share an id)."""
    try:
        from common.logs import request_id  # set by the ops request-id middleware when it is installed
    except ImportError:
        return uuid.uuid4().hex
    current = request_id.get()
    return current if current and current != "-" else uuid.uuid4().hex
