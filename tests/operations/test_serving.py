"""Security headers, request ids, JSON logs and /metrics, through Django's test client and a real gunicorn."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

from common.logs import JsonFormatter, RequestIdFilter
from common.weburl import web_url
from tests.harvest.test_worker import database_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search/?q=sea",
        "/api/records/?format=json",
        "/csw?service=CSW&request=GetCapabilities",
        "/oaipmh?verb=Identify",
        "/no-such-page",
        "/static/css/portal.css",
    ],
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert re.fullmatch(r"'self' 'nonce-[\w-]{22}'", directives["script-src"])
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "geolocation=()" in response["Permissions-Policy"] and "camera=()" in response["Permissions-Policy"]
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_each_request_gets_a_fresh_nonce_and_the_inline_blocks_carry_it(client):
    first, second = client.get("/"), client.get("/")
    nonce = lambda r: re.search(r"'nonce-([\w-]+)'", r["Content-Security-Policy"]).group(1)  # noqa: E731
    assert nonce(first) != nonce(second)
    docs = client.get("/api/docs/")
    assert f'<style nonce="{nonce(docs)}">' in docs.content.decode()
    assert b"<script>" not in docs.content  # the Swagger set-up is a script file (?script), not inline


@pytest.mark.django_db
def test_a_proxy_s_request_id_is_kept_and_a_forged_one_replaced(client):
    assert client.get("/", HTTP_X_REQUEST_ID="edge-4f2a9c1e-77").headers["X-Request-ID"] == "edge-4f2a9c1e-77"
    forged = client.get("/", HTTP_X_REQUEST_ID="x\n2026 ERROR fake line").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)


@pytest.mark.django_db
def test_log_lines_written_during_a_request_carry_its_id(client, caplog):
    from django.urls import path  # noqa: F401 - the request below logs through Django's request logger

    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/records/00000000-0000-0000-0000-000000000000/", HTTP_X_REQUEST_ID="trace-0123456789")
    assert response.status_code == 404
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.request_id == "trace-0123456789"
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "trace-0123456789" and line["level"] == "WARNING"
    assert line["logger"] == "django.request" and "Not Found" in line["message"]


def test_json_log_lines_hold_extra_fields_and_exceptions():
    logger = logging.getLogger("test.json")
    record = logger.makeRecord("test.json", logging.ERROR, __file__, 1, "harvest %s failed", ("peer",), None)
    record.job_id = 42
    try:
        raise ValueError("bad page")
    except ValueError:
        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "harvest peer failed" and line["job_id"] == 42 and line["request_id"] == "-"
    assert "ValueError: bad page" in line["exception"]


def test_log_format_json_is_what_the_settings_configure():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); import logging; logging.getLogger('x').warning('hello')",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "datatera.settings", "LOG_FORMAT": "json"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello" and line["level"] == "WARNING" and line["request_id"] == "-"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://doi.org/10.1/x", "https://doi.org/10.1/x"),
        (" http://example.org/a ", "http://example.org/a"),
        ("ftp://ftp.ifremer.fr/data", "ftp://ftp.ifremer.fr/data"),
        ("javascript:alert(1)", ""),
        (" JaVaScRiPt:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("vbscript:msgbox", ""),
        ("//evil.example/x", ""),
        ("http:///nohost", ""),
        (None, ""),
    ],
)
def test_only_web_urls_become_links(url, shown):
    assert web_url(url) == shown


@pytest.mark.django_db
def test_metrics_count_requests_by_view_and_harvests_by_outcome(client):
    from harvesters.models import HarvestJob
    from poles.models import HarvestSource

    source = HarvestSource.objects.first()
    HarvestJob.objects.create(source=source, status="success", created=7, updated=2, failed=1)
    HarvestJob.objects.create(source=source, status="failed")
    client.get("/search/?q=ocean")
    body = client.get("/metrics").content.decode()
    assert re.search(
        r'datatera_http_request_duration_seconds_count\{method="GET",view="catalogue:search"\} [1-9]', body
    )
    assert re.search(r'datatera_search_duration_seconds_count\{backend="postgres",operation="search"\} [1-9]', body)
    assert 'datatera_harvest_jobs{status="success"} 1.0' in body
    assert 'datatera_harvest_jobs{status="failed"} 1.0' in body
    assert 'datatera_harvest_records_total{outcome="created"} 7.0' in body
    assert 'datatera_harvest_records_total{outcome="failed"} 1.0' in body
    assert f'datatera_task_queue_length{{queue="{settings.CELERY_TASK_DEFAULT_QUEUE}"}}' in body
    assert "datatera_broker_up 1.0" in body


@pytest.mark.django_db
def test_metrics_are_for_loopback_or_the_token_holder(client, settings):
    assert client.get("/metrics").status_code == 200  # the test client is 127.0.0.1
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 403
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="192.0.2.7").status_code == 403  # through a local proxy
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    ok = client.get("/metrics", REMOTE_ADDR="192.0.2.7", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert ok.status_code == 200 and b"datatera_harvest_jobs" in ok.content


@pytest.mark.django_db
def test_csp_reports_are_counted_and_logged(client, caplog):
    report = {"csp-report": {"violated-directive": "script-src", "blocked-uri": "inline", "document-uri": "/x"}}
    with caplog.at_level(logging.WARNING, logger="ops.csp"):
        response = client.post("/csp-report", json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    assert "CSP violation: script-src blocked inline on /x" in caplog.text
    assert client.post("/csp-report", b"not json", content_type="application/csp-report").status_code == 400
    assert re.search(r"datatera_csp_violations_total [1-9]", client.get("/metrics").content.decode())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    """scripts/serve.sh on a free port with 2 workers, on the test database."""
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
        "DATABASE_URL": database_url(),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus"),
    }
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        ["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/static/css/portal.css", timeout=30).status_code == 200:
                break
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.3)
    else:
        os.killpg(process.pid, signal.SIGKILL)  # never leave a server behind
        raise AssertionError((tmp_path / "gunicorn.log").read_text())
    yield url, process, tmp_path / "gunicorn.log"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    log.close()


@pytest.mark.django_db(transaction=True)
def test_make_run_s_server_is_gunicorn_with_static_files_and_merged_metrics(gunicorn):
    url, process, log = gunicorn
    page = requests.get(url + "/", timeout=30)
    assert page.status_code == 200 and page.headers["Server"].startswith("gunicorn")
    assert "Content-Security-Policy" in page.headers
    css = requests.get(url + "/static/css/portal.css", headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert css.status_code == 200 and css.headers["Content-Encoding"] == "gzip"  # WhiteNoise's compressed copy
    assert "max-age=" in css.headers["Cache-Control"]
    for _ in range(20):
        requests.get(url + "/api/records/?q=sea", timeout=30)
    body = requests.get(url + "/metrics", timeout=30).text
    # 20 requests spread over 2 worker processes, counted as one total.
    count = re.search(r'datatera_http_request_duration_seconds_count\{method="GET",view="api:records"\} ([\d.]+)', body)
    assert count and float(count.group(1)) == 20.0
    workers = re.findall(r"Booting worker with pid: (\d+)", log.read_text())
    assert len(workers) == 2
    assert re.search(r'"GET /api/records/\?q=sea HTTP/1.1" 200 \d+ \d+ms id=[0-9a-f]{32}', log.read_text())


@pytest.mark.django_db
def test_a_lost_database_is_a_503_with_retry_after_not_a_500(client, monkeypatch):
    from django.db import OperationalError

    from catalogue.search import service

    def down(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(service, "search", down)  # mock: the outage itself (the fault bench restarts a real server)
    monkeypatch.setattr("catalogue.api.views.search", down)
    response = client.get("/api/records/?q=sea")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "briefly unavailable" in response.content.decode() and "indisponible" in response.content.decode()
