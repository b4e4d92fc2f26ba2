"""/healthz: is the service alive, and how are its parts?

Always 200 while this process can answer (a load balancer must not pull a live portal because the worker is
down); the body reports each component (database, Redis, worker heartbeat, search backend) and the number of
failing harvest sources (harvesters.health, the same rule as the workspace). `?strict=1` answers 503 when a
component is down, for monitoring that wants an alarm.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from celery import current_app
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from catalogue.search import suggest
from harvesters.health import FAILING, source_health
from poles.models import HarvestSource


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "answers"


def check_redis() -> str:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return "answers"


def check_worker() -> str:
    replies = current_app.control.ping(timeout=settings.HEALTHZ_WORKER_TIMEOUT)
    if not replies:
        raise RuntimeError(f"no Celery worker answered within {settings.HEALTHZ_WORKER_TIMEOUT:g}s")
    return f"{len(replies)} worker(s) answered: " + ", ".join(sorted(name for reply in replies for name in reply))


def check_search() -> str:
    suggest("a", 1)  # the cheapest request that goes through the configured backend
    return f"{settings.SEARCH_BACKEND} answers"


COMPONENTS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "redis": check_redis,
    "worker": check_worker,
    "search": check_search,
}


def component_report() -> dict[str, dict]:
    report = {}
    for name, check in COMPONENTS.items():
        started = time.monotonic()
        try:
            detail, ok = check(), True
        except Exception as exc:  # a health check reports every failure, whatever its kind
            detail, ok = f"{type(exc).__name__}: {exc}"[:300], False
        report[name] = {"ok": ok, "detail": detail, "ms": round((time.monotonic() - started) * 1000, 1)}
    return report


def source_report() -> dict:
    states: dict[str, int] = {}
    failing = []
    for source in HarvestSource.objects.filter(enabled=True).select_related("pole").order_by("slug"):
        state = source_health(source).state
        states[state] = states.get(state, 0) + 1
        if state == FAILING:
            failing.append(source.slug)
    return {"enabled": sum(states.values()), "failing": len(failing), "failing_slugs": failing, "states": states}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    components = component_report()
    sources: dict = {}
    if components["database"]["ok"]:
        try:
            sources = source_report()
        except Exception as exc:  # noqa: BLE001 - reported, not raised: the rest of the report still helps
            sources = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    down = [name for name, result in components.items() if not result["ok"]]
    body = {
        "status": "ok" if not down else "degraded",
        "down": down,
        "components": components,
        "sources": sources,
        "failing_sources": sources.get("failing"),
    }
    strict = request.GET.get("strict", "") not in ("", "0", "false")
    return JsonResponse(body, status=503 if strict and down else 200)
