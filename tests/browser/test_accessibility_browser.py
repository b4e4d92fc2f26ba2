"""axe-core (inside headless Chromium) on the pages people land on when something is wrong, and on the statistics
and the hub workspace: 404 (portal and DOI), 410 (withdrawn record, its landing page), 400 (a bad parameter),
503 (search unavailable: the search engine really down), /stats/ and /manage/ logged in. Desktop and 390 px,
English and French; no serious or critical violation. Screenshots in test-artifacts/browser/<test>/.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.contrib.auth import get_user_model

from catalogue.records.ingest import delete_from_source
from poles.models import HarvestSource, HubMembership, Pole
from tests.browser.conftest import DESKTOP, axe_violations
from tests.portal.factories import ingest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "390": PHONE_390}
PASSWORD = "a long accessibility passphrase 7"


@pytest.fixture
def records(portal):
    kept = ingest("demo-odatis", "kept-1", title="Sea level at Brest", doi="10.12770/kept-1")
    gone = ingest("demo-odatis", "gone-1", title="Withdrawn sea level series", doi="10.12770/gone-1")
    delete_from_source(HarvestSource.objects.get(slug="demo-odatis"), ["gone-1"], "Replaced by version 2")
    return {"kept": kept, "gone": gone}


def error_pages(records) -> dict[str, tuple[str, int]]:
    return {
        "not-found": (f"/records/{uuid.uuid4()}/", 404),
        "doi-not-found": ("/doi/10.12770/never-existed", 404),
        "gone": (f"/records/{records['gone'].pk}/", 410),
        "doi-gone": ("/doi/10.12770/gone-1", 410),
        "bad-parameter": ("/doi/10.12770/kept-1?style=no-such-style", 400),
        "search-bad-parameters": ("/search/?page=first&bbox=1,2&sort=sideways", 200),
    }


def check_pages(language_page, portal, screenshot, language, pages) -> dict:
    """Each page at both widths: the expected status, one language, no horizontal scroll, axe-core's verdict."""
    problems = {}
    for width, viewport in WIDTHS.items():
        page = language_page(language, viewport)
        for name, (path, status) in pages.items():
            response = page.goto(portal.url + path)
            assert response.status == status, (name, response.status)
            assert page.locator("html").get_attribute("lang") == language
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1, (name, width)
            screenshot(page, f"{name}-{width}-{language}")
            violations = axe_violations(page)
            if violations:
                problems[f"{name}@{width}"] = violations
        assert page.js_errors == [], page.js_errors
    return problems


@pytest.mark.parametrize("language", ["en", "fr"])
def test_error_pages_pass_axe(language_page, portal, records, screenshot, language):
    assert check_pages(language_page, portal, screenshot, language, error_pages(records)) == {}


@pytest.fixture
def search_engine_down(settings):
    """The portal's search on OpenSearch at an address where nothing listens, with no PostgreSQL fallback: a real
    connection failure, the 503 page people see when the engine is down."""
    from catalogue.search.service import get_backend

    settings.SEARCH_BACKEND = "opensearch"
    settings.OPENSEARCH_URLS = ["http://127.0.0.1:9"]
    settings.SEARCH_FALLBACK = "none"
    settings.SEARCH_ENGINE_TIMEOUT = 2.0
    settings.SEARCH_CACHE_SECONDS = 0
    get_backend.cache_clear()
    yield
    get_backend.cache_clear()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_search_unavailable_page_passes_axe(language_page, portal, search_engine_down, screenshot, language):
    pages = {"search-unavailable": ("/search/?q=ocean", 503)}
    assert check_pages(language_page, portal, screenshot, language, pages) == {}


@pytest.fixture
def hub_admin(portal, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    user = get_user_model().objects.create_user("odatis-admin", "odatis-admin@example.org", PASSWORD)
    HubMembership.objects.create(user=user, pole=Pole.objects.get(code="ODATIS"), role="admin")
    ingest("demo-odatis", "usage-1", title="Sea level at Brest", doi="10.12770/usage-1")
    return user


def log_in(page, base: str) -> None:
    page.goto(base + "/manage/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", "odatis-admin")
    page.fill("#id_password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(re.compile(r"/manage/$"))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_statistics_and_workspace_pages_pass_axe(language_page, portal, hub_admin, screenshot, language):
    source = HarvestSource.objects.filter(pole__code="ODATIS").order_by("slug").first()
    pages = {
        "login": ("/accounts/login/", 200),
        "stats": ("/stats/", 200),
        "manage": ("/manage/", 200),
        "manage-source": (f"/manage/sources/{source.slug}/", 200),
        "manage-people": ("/manage/hubs/ODATIS/people/", 200),
        "manage-audit": ("/manage/audit/", 200),
    }
    problems = {}
    for width, viewport in WIDTHS.items():
        page = language_page(language, viewport)
        for name in ("login", "stats"):  # before logging in: what everybody sees
            path, status = pages[name]
            assert page.goto(portal.url + path).status == status
            screenshot(page, f"{name}-{width}-{language}")
            problems.update({f"{name}@{width}": v for v in [axe_violations(page)] if v})
        log_in(page, portal.url)
        for name, (path, status) in pages.items():
            if name == "login":
                continue
            response = page.goto(portal.url + path)
            assert response.status == status, (name, response.status)
            assert page.locator("html").get_attribute("lang") == language
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1, (name, width)
            screenshot(page, f"{name}-logged-in-{width}-{language}")
            problems.update({f"{name}@{width}": v for v in [axe_violations(page)] if v})
        assert page.js_errors == [], page.js_errors
    assert problems == {}
