"""Bad settings stop start-up with a clear message naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from datatera import env

ROOT = Path(__file__).resolve().parent.parent


def run_check(**overrides: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "datatera.settings", **overrides}  # not the tests' overrides
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a boolean"),
        ("DATABASE_URL", "mysql://u:p@h/db", "scheme must be postgres://"),
        ("DATABASE_URL", "postgres://u:p@h:notaport/db", "the port is not a number"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL='localhost:6379' must be a URL starting with redis://"),
        ("SEARCH_BACKEND", "solr", "SEARCH_BACKEND='solr' is not one of: postgres, elasticsearch"),
        ("HARVEST_HTTP_TIMEOUT", "soon", "HARVEST_HTTP_TIMEOUT='soon' is not a number"),
    ],
)
def test_it_refuses_to_start_with_a_bad_value(variable, value, message):
    result = run_check(**{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_it_needs_an_elasticsearch_url_for_the_elasticsearch_backend():
    result = run_check(SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL="")
    assert result.returncode != 0
    assert "SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL" in result.stderr


def test_it_starts_with_good_values():
    result = run_check(DEBUG="true", DATABASE_URL="postgis://datatera:datatera@127.0.0.1:5432/datatera")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_passes_with_production_like_env():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "datatera.settings",  # the production settings, not the tests' overrides
            "DEBUG": "false",
            "SECRET_KEY": "x" * 60 + "-production-secret-for-the-test-0123456789",
            "ALLOWED_HOSTS": "catalogue.data-terra.org",
            "SECURE_SSL_REDIRECT": "true",
            "SECURE_HSTS_SECONDS": "31536000",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
            "SECURE_HSTS_PRELOAD": "true",
            "REQUIRE_REAL_SECRET": "true",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_database_url_is_parsed_into_django_settings():
    os.environ["TEST_DB_URL"] = "postgres://alice:s%40cret@db.example.org:6432/catalogue?sslmode=require"
    try:
        parsed = env.env_database_url("TEST_DB_URL", "postgres://x@y/z").as_django()
    finally:
        del os.environ["TEST_DB_URL"]
    assert parsed["ENGINE"] == "django.contrib.gis.db.backends.postgis"
    assert (parsed["NAME"], parsed["USER"], parsed["PASSWORD"]) == ("catalogue", "alice", "s@cret")
    assert (parsed["HOST"], parsed["PORT"], parsed["OPTIONS"]) == ("db.example.org", "6432", {"sslmode": "require"})


def test_secret_can_come_from_a_file(tmp_path, monkeypatch):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-docker-secret\n")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret_file))
    assert env.env_secret("SOME_SECRET") == "from-a-docker-secret"
    monkeypatch.setenv("SOME_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET_FILE=.* cannot be read"):
        env.env_secret("SOME_SECRET")
