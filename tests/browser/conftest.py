"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright for Python, against pytest-django's
live_server. Screenshots go to test-artifacts/ (gitignored): CI keeps them as artefacts.

`playwright install` cannot download browsers here, so the system Chromium is launched by path.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. Module scope, not session: while Playwright's sync API is active its event
    loop is registered on this thread, and Django refuses ORM calls ("cannot call this from an async context")
    although they are plain synchronous calls. So the browser tests allow them, and only while they run; tests in
    other modules never see a running loop or the variable (`manage.py check --deploy` rejects it)."""
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium"
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", autouse=True)
def reseed_after_module(django_db_setup, django_db_blocker):
    """Put the hubs and sources back when this module is done: each transactional test ends with a flush of the
    test database, which also removes what the data migration seeded, and later tests rely on it."""
    yield
    from poles.seed import seed

    with django_db_blocker.unblock():
        seed()


@pytest.fixture
def portal(live_server, transactional_db):
    """The live server with the four hubs and their sources (a transactional test starts from a flushed DB)."""
    from poles.seed import seed

    seed()
    return live_server


def _new_page(browser, live_server_url: str, **context_options):
    context = browser.new_context(**{"locale": "en-GB", "viewport": DESKTOP, **context_options})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    # Only the portal itself: map tiles and anything else outside would hang or leak requests.
    page.route(re.compile(r"^(?!" + re.escape(live_server_url) + r")"), lambda route: route.abort())
    return context, page


@pytest.fixture
def page(browser, portal):
    context, page = _new_page(browser, portal.url)
    yield page
    context.close()
    assert page.js_errors == [], page.js_errors


@pytest.fixture
def page_factory(browser, portal):
    """Pages with other context options (JavaScript off, phone viewport...)."""
    contexts = []

    def make(**options):
        context, page = _new_page(browser, portal.url, **options)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(request):
    """screenshot(page, "name") -> path of a full-page PNG under test-artifacts/browser/<test name>/."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000, f"empty screenshot {path}"
        return path

    return take


@pytest.fixture
def language_page(page_factory, portal):
    """language_page("fr", viewport): a page whose language cookie and browser locale say French (or English)."""
    from django.conf import settings

    def make(language: str, viewport: dict):
        page = page_factory(viewport=viewport, locale="fr-FR" if language == "fr" else "en-GB")
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": portal.url}])
        return page

    return make


AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """axe-core (npm, served from static/vendor) run in the page; serious and critical violations only."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        AXE_TAGS,
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def wait_until(page, expression: str, timeout: float = 30.0) -> None:
    """Wait until a JavaScript expression is true. Playwright's wait_for_function evaluates its string with eval
    inside the page, which our Content-Security-Policy (no 'unsafe-eval') refuses; page.evaluate runs outside it."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
        page.wait_for_timeout(100)
