"""/healthz (components and failing sources, strict mode) and the workspace in French."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from poles.models import HarvestSource
from tests.hub_workspace.conftest import finished_job

pytestmark = pytest.mark.django_db
CATALOGUE = Path(settings.BASE_DIR) / "workspace" / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_healthz_reports_each_component_and_the_failing_sources(client, settings):
    settings.HEALTH_FAILING_AFTER = 2
    for slug in ("demo-odatis", "demo-aeris"):
        source = HarvestSource.objects.get(slug=slug)
        finished_job(source, "failed")
        finished_job(source, "failed")
    finished_job(HarvestSource.objects.get(slug="demo-theia"), "success")
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert set(body["components"]) == {"database", "redis", "worker", "search"}
    for name in ("database", "redis", "search"):
        assert body["components"][name]["ok"], body["components"][name]
    assert body["failing_sources"] == 2 and body["sources"]["failing_slugs"] == ["demo-aeris", "demo-odatis"]
    assert body["sources"]["enabled"] == HarvestSource.objects.filter(enabled=True).count()
    assert body["status"] == ("ok" if not body["down"] else "degraded")
    # Failing sources are reported, not a reason for 503: strict mode is about the components.
    strict = client.get("/healthz?strict=1")
    assert strict.status_code == (503 if body["down"] else 200)


def test_healthz_strict_answers_503_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # nothing listens on port 9
    settings.HEALTHZ_WORKER_TIMEOUT = 0.2
    body = client.get("/healthz").json()
    assert body["components"]["redis"]["ok"] is False and "redis" in body["down"]
    assert client.get("/healthz?strict=1").status_code == 503
    assert client.get("/healthz").status_code == 200  # alive all the same


def test_the_api_lists_each_sources_health_from_the_same_rule(client, settings):
    settings.HEALTH_FAILING_AFTER = 1
    finished_job(HarvestSource.objects.get(slug="demo-odatis"), "failed")
    sources = {item["slug"]: item for item in client.get("/api/sources/").json()}
    assert sources["demo-odatis"]["health"] == "failing"
    assert sources["demo-aeris"]["health"] in ("stale", "healthy")


def test_the_workspace_speaks_french(users, hub_objects):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(users["odatis_admin"])
    home = client.get(reverse("workspace:home")).content.decode()
    assert "Espace de travail des pôles" in home and "Dernier succès" in home and "Notices en ligne" in home
    job = hub_objects["ODATIS"]["job"]
    page = client.get(reverse("workspace:job", args=["demo-odatis", job.pk])).content.decode()
    assert "XML en cause" in page and "Filtrer par message" in page and "Relancer la notice en échec" in page
    source = client.get(reverse("workspace:source", args=["demo-odatis"])).content.decode()
    assert "Moissonner maintenant" in source and "Journal d'audit" in source


def test_every_message_of_the_workspace_catalogue_is_translated():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    stats = result.stderr.strip().splitlines()[-1]
    assert stats.endswith("translated messages.") and "untranslated" not in stats and "fuzzy" not in stats, stats
