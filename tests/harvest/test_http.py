"""The shared HTTP policy against a real local HTTP server: User-Agent, retries, Retry-After, size limit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from harvesters import http
from tests.peers.pycsw_peer import Fault, ThreadedServer


def hello(environ, start_response):
    body = b"<ok/>" * 1000
    start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", str(len(body)))])
    return [body]


@pytest.fixture
def server():
    with ThreadedServer(hello) as running:
        running.faults.url = running.base_url
        yield running.faults


@pytest.fixture
def user_agents(server):
    seen = []
    app = server.app

    def recording(environ, start_response):
        seen.append(environ.get("HTTP_USER_AGENT"))
        return app(environ, start_response)

    server.app = recording
    return seen


def test_a_clear_user_agent_is_sent(server, user_agents, settings):
    response = http.fetch(http.new_session(), server.url)
    assert response.status == 200 and response.content.startswith(b"<ok/>")
    assert user_agents == [settings.HARVEST_USER_AGENT]


def test_429_and_5xx_are_retried_with_backoff_and_retry_after(server, settings):
    settings.HARVEST_RETRY_BACKOFF_SECONDS = 2.0
    settings.HARVEST_RETRY_AFTER_CAP_SECONDS = 30.0
    server.add(Fault(lambda r: True, status=429, headers=[("Retry-After", "7")], times=1))
    server.add(Fault(lambda r: True, status=502, times=2))
    waits = []
    response = http.fetch(http.new_session(), server.url, max_retries=3, sleep=waits.append)
    assert response.status == 200
    assert waits == [7.0, 4.0, 8.0]  # Retry-After honoured, then exponential backoff (2 * 2**attempt)
    assert len(server.requests) == 4


def test_retry_after_is_capped(server, settings):
    settings.HARVEST_RETRY_AFTER_CAP_SECONDS = 60.0
    server.add(Fault(lambda r: True, status=503, headers=[("Retry-After", "86400")], times=1))
    waits = []
    http.fetch(http.new_session(), server.url, sleep=waits.append)
    assert waits == [60.0]


def test_giving_up_raises_a_transient_error(server):
    server.add(Fault(lambda r: True, status=500))
    with pytest.raises(http.TransientHTTPError, match=r"HTTP 500 .* \(gave up after 3 attempts\)"):
        http.fetch(http.new_session(), server.url, max_retries=2, sleep=lambda s: None)


def test_a_404_is_permanent_and_not_retried(server):
    server.add(Fault(lambda r: True, status=404))
    with pytest.raises(http.PermanentHTTPError, match="HTTP 404"):
        http.fetch(http.new_session(), server.url, max_retries=5, sleep=lambda s: None)
    assert len(server.requests) == 1


def test_a_body_over_the_size_limit_is_refused_while_streaming(server):
    with pytest.raises(http.PermanentHTTPError, match="over the 1,000-byte limit"):
        http.fetch(http.new_session(), server.url, max_bytes=1000)
    assert len(server.requests) == 1


def test_a_truncated_body_is_a_transient_error(server):
    server.add(Fault(lambda r: True, truncate=True))
    with pytest.raises(http.TransientHTTPError, match="connection failed"):
        http.fetch(http.new_session(), server.url, max_retries=1, sleep=lambda s: None)
    assert len(server.requests) == 2


def test_retry_after_accepts_seconds_and_http_dates():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert http.retry_after_seconds("120") == 120.0
    assert http.retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now=now) == 30.0
    assert http.retry_after_seconds("soon") is None and http.retry_after_seconds(None) is None
