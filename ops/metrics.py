"""/metrics in the Prometheus text format.

Counters of this process (request and search latency) are merged across gunicorn workers through
PROMETHEUS_MULTIPROC_DIR; what the database and Redis know (harvest jobs and records by outcome, queue length) is
read at scrape time, so it is right whichever process did the work (Celery workers included).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os

from django.conf import settings
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from harvesters.models import HarvestJob

logger = logging.getLogger(__name__)
RECORD_OUTCOMES = ("created", "updated", "unchanged", "deleted", "failed")


class CatalogueCollector:
    """Harvest jobs by status and records by outcome (sums over the job rows), and the task queue's length."""

    def collect(self):
        jobs = GaugeMetricFamily("datatera_harvest_jobs", "Harvest jobs by status.", labels=["status"])
        counts = dict(HarvestJob.objects.values_list("status").annotate(n=Count("id")).order_by())
        for status in HarvestJob.Status.values:
            jobs.add_metric([status], counts.get(status, 0))
        yield jobs
        records = CounterMetricFamily(
            "datatera_harvest_records", "Records handled by harvest jobs, by outcome.", labels=["outcome"]
        )
        sums = HarvestJob.objects.aggregate(**{outcome: Sum(outcome) for outcome in RECORD_OUTCOMES})
        for outcome in RECORD_OUTCOMES:
            records.add_metric([outcome], sums[outcome] or 0)
        yield records
        queue = GaugeMetricFamily("datatera_task_queue_length", "Tasks waiting in the Celery queue.", labels=["queue"])
        length = queue_length(settings.CELERY_TASK_DEFAULT_QUEUE)
        if length is not None:
            queue.add_metric([settings.CELERY_TASK_DEFAULT_QUEUE], length)
        yield queue
        up = GaugeMetricFamily("datatera_broker_up", "1 when the Celery broker (Redis) answered this scrape.")
        up.add_metric([], 0 if length is None else 1)
        yield up


def queue_length(name: str) -> int | None:
    """Messages waiting in a Celery queue on the Redis broker; None when Redis does not answer."""
    import redis

    try:
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=1, socket_connect_timeout=1)
        return int(client.llen(name))
    except redis.RedisError as exc:
        logger.warning("metrics: broker unreachable: %s", exc)
        return None


def registries() -> tuple[CollectorRegistry, CollectorRegistry]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        merged = CollectorRegistry()
        multiprocess.MultiProcessCollector(merged)
    else:
        merged = REGISTRY
    scrape = CollectorRegistry()
    scrape.register(CatalogueCollector())
    return merged, scrape


def allowed(request: HttpRequest) -> bool:
    """With METRICS_TOKEN set: only `Authorization: Bearer <token>`. Without: only loopback clients that did not
    come through a proxy (a reverse proxy on the same machine connects from loopback for everyone)."""
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    if any(request.headers.get(name) for name in ("X-Forwarded-For", "X-Real-IP", "Forwarded")):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not allowed(request):
        return HttpResponse("metrics are restricted (METRICS_TOKEN)\n", status=403, content_type="text/plain")
    body = b"".join(generate_latest(part) for part in registries())
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
