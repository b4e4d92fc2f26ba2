"""Prometheus metrics observed by several layers (search, harvest), exposed by ops at /metrics.

Defined here, at the bottom layer, so the search service can time itself without importing the ops face. Under
gunicorn the metrics of all workers are merged through PROMETHEUS_MULTIPROC_DIR (scripts/serve.sh sets it).
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

# Seconds; buckets from a fast cached facet count to a slow cold query.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUEST_LATENCY = Histogram(
    "datatera_http_request_duration_seconds",
    "Time to answer an HTTP request, by Django view and method.",
    ["view", "method"],
    buckets=LATENCY_BUCKETS,
)
RESPONSES = Counter(
    "datatera_http_responses_total", "HTTP responses, by Django view and status class.", ["view", "status"]
)
SEARCH_LATENCY = Histogram(
    "datatera_search_duration_seconds",
    "Time the search backend takes for one search or suggestion, by backend and operation.",
    ["backend", "operation"],
    buckets=LATENCY_BUCKETS,
)
SEARCH_ERRORS = Counter("datatera_search_errors_total", "Searches that raised, by backend.", ["backend"])
CSP_VIOLATIONS = Counter("datatera_csp_violations_total", "Content-Security-Policy violations browsers reported.")
CACHE_ERRORS = Counter("datatera_cache_errors_total", "Cache calls that failed because Redis did not answer.")
