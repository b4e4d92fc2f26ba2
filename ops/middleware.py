"""Request ids and request metrics, for every response."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from common.logs import request_id
from common.metrics import REQUEST_LATENCY, RESPONSES

logger = logging.getLogger(__name__)

# A proxy's id is kept when it looks like one (letters, digits, -_.:), so a log line can be followed through the
# proxy; anything else (too long, spaces, control characters) is replaced, so logs cannot be forged through it.
_GOOD_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


class RequestIdMiddleware:
    """X-Request-ID on the request (request.id), in every log line written while it runs, and on the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _GOOD_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response.headers["X-Request-ID"] = request.id
        return response


def view_label(request: HttpRequest) -> str:
    """The matched view's name (bounded label set: never the raw path), or "unmatched" for 404s before routing."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "static" if request.path.startswith(settings.STATIC_URL) else "unmatched"
    return match.view_name or match._func_path


class MetricsMiddleware:
    """Request latency and responses by view, for /metrics."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_label(request)
        REQUEST_LATENCY.labels(view, request.method if request.method in _METHODS else "other").observe(
            time.perf_counter() - started
        )
        RESPONSES.labels(view, f"{response.status_code // 100}xx").inc()
        return response


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class DatabaseUnavailableMiddleware:
    """While PostgreSQL is unreachable (a restart, a failover), answer 503 with Retry-After instead of a 500: a
    client or a harvester knows to come back, and the monitoring sees an outage rather than a bug."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.db import InterfaceError, OperationalError, close_old_connections

        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable: %s", str(exception).splitlines()[0] if str(exception) else exception)
        close_old_connections()  # do not hand the broken connection to the next request
        response = HttpResponse(
            "The catalogue's database is briefly unavailable; please retry in a few seconds.\n"
            "La base de données du catalogue est momentanément indisponible ; réessayez dans quelques secondes.\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "5"
        return response
