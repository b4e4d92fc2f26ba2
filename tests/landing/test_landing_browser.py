"""The landing page rendered in headless Chromium (Debian's, via Playwright): map, citation box, copy button,
no-JS style selector. A screenshot goes to test-artifacts/ (gitignored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import RICH_DOI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_landing_page_in_chromium(live_server, rich_record, landing_browser):
    context = landing_browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(f"{live_server.url}/doi/{RICH_DOI}", wait_until="load")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Sea surface temperature <Argo> & salinity, Bay of Biscay"
    # Leaflet (from django-leaflet's static files, no CDN) drew both boxes, the antimeridian one included.
    page.wait_for_selector("#landing-map[data-boxes='2']", timeout=10_000)
    assert page.locator("#landing-map path.leaflet-interactive").count() == 2
    assert page.evaluate("typeof L") == "object"
    # JSON-LD as a browser (and Google) sees it.
    blocks = page.locator('head script[type="application/ld+json"]')
    assert blocks.count() == 1
    assert json.loads(blocks.text_content())["identifier"]["value"] == "doi:10.17882/12345"
    # The copy button appears with JavaScript and copies the citation text.
    button = page.locator("button.copy-citation")
    assert button.is_visible()
    button.click()
    page.wait_for_selector(".copy-status:has-text('Copied')", timeout=5_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Martin, L., & Ifremer. (2022).")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "landing-page.png"), full_page=True)
    assert (ARTIFACTS / "landing-page.png").stat().st_size > 10_000
    # Changing the style re-renders the citation (the form submits itself).
    with page.expect_navigation():
        page.select_option("#cite-style", "ieee")
    assert "style=ieee" in page.url
    assert "L. Martin and Ifremer" in page.locator("#citation-text").inner_text()
    assert errors == []
    context.close()


def test_style_selector_works_without_javascript(live_server, rich_record, landing_browser):
    context = landing_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/doi/{RICH_DOI}")
    assert not page.locator("button.copy-citation").is_visible()  # progressive enhancement: hidden without JS
    page.select_option("#cite-style", "modern-language-association")
    with page.expect_navigation():
        page.click(".cite-form button[type=submit]")
    text = page.locator("#citation-text").inner_text()
    assert text.startswith("Martin, Léa, and Ifremer. “Sea Surface Temperature <Argo> & Salinity")
    context.close()
