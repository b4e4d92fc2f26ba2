"""What a researcher does, in headless Chromium: search, facet, draw or type an area, open a record, switch
language, without JavaScript, on a phone, with the keyboard only. Screenshots of every page in test-artifacts/."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from catalogue.records.unified import BBox
from tests.portal.factories import HOSTILE_ABSTRACT, aerosol_series, ingest, rich_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def records(portal):
    """A small catalogue: one rich ODATIS record (antimeridian box), AERIS series over Europe, a THEIA record."""
    rich = rich_record()
    aerosol_series(12, years=4)
    ingest("demo-theia", "snow-1", title="Aerosol deposits on Alpine snow", bboxes=[BBox(5.5, 44.0, 8.0, 46.5)])
    return {"rich": rich}


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_search_facet_and_open_a_record(page, portal, records, screenshot):
    page.goto(portal.url + "/")
    assert page.locator("[data-pole=AERIS] [data-count]").inner_text() == "12"
    screenshot(page, "01-home")
    page.get_by_label("Search the catalogue").fill("aerosol")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?q=aerosol$"))
    assert page.locator("#results-title").inner_text().strip() == "13 records"
    assert page.locator(".hit mark").first.inner_text().lower() == "aerosol"
    page.wait_for_selector("#search-map.map-ready .leaflet-overlay-pane path.extent")
    screenshot(page, "02-results")

    page.locator("[data-facet=pole] a[data-value=THEIA]").click()
    page.wait_for_url(re.compile(r"pole=THEIA"))
    assert query_of(page.url) == {"q": ["aerosol"], "pole": ["THEIA"]}
    assert page.locator("#results-title").inner_text().strip() == "1 record"
    assert page.locator("[data-facet=pole] a[data-value=THEIA]").get_attribute("class") == "facet-link selected"
    screenshot(page, "03-facet")

    page.locator(".hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/records/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == "Aerosol deposits on Alpine snow"
    page.wait_for_selector("#record-map.map-ready .leaflet-overlay-pane path.extent")
    screenshot(page, "04-record")


def test_the_record_page_draws_an_antimeridian_box_in_one_piece_and_runs_no_abstract_script(
    page, portal, records, screenshot
):
    pacific = ingest(
        "demo-odatis",
        "pacific-1",
        title="Fiji sea level",
        abstract=HOSTILE_ABSTRACT,
        bboxes=[BBox(170, -25, -170, -10)],
    )
    page.goto(f"{portal.url}/records/{pacific.pk}/")
    page.wait_for_selector("#record-map.map-ready .leaflet-overlay-pane path.extent")
    spans = page.evaluate(
        """() => {
        const map = DataTerraMaps.maps[0], spans = [];
        map.eachLayer(l => {
            if (l instanceof L.Rectangle) { const b = l.getBounds(); spans.push([b.getWest(), b.getEast()]); }
        });
        return spans;
    }"""
    )
    assert spans == [[170, 190]]  # 20 degrees across the antimeridian, not 340 degrees the other way round
    assert page.evaluate("window.pwned") is None and page.title() != "pwned"
    assert page.locator(".abstract b").first.inner_text().startswith("temperature")
    screenshot(page, "record-antimeridian")


def test_draw_an_area_on_the_map(page, portal, records, screenshot):
    page.goto(portal.url + "/search/?q=aerosol")
    page.wait_for_selector("#search-map.map-ready")
    page.get_by_role("button", name="Draw an area").click()
    draw = page.locator("#search-map .draw-button")
    assert draw.get_attribute("aria-pressed") == "true" and draw.inner_text() == "Cancel drawing"
    box = page.locator("#search-map").bounding_box()
    x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 40, steps=5)
    screenshot(page, "drawing")
    page.mouse.move(x + 120, y + 80, steps=5)
    with page.expect_navigation():
        page.mouse.up()
    params = query_of(page.url)
    assert params["q"] == ["aerosol"]
    west, south, east, north = (float(v) for v in params["bbox"][0].split(","))
    assert west < east and south < north
    assert float(page.locator("#west").input_value()) == west
    assert page.locator("[data-filter=bbox]").count() == 1
    page.wait_for_selector("#search-map.map-ready")
    screenshot(page, "drawn-area")


def test_set_an_area_with_the_plain_inputs(page, portal, records, screenshot):
    page.goto(portal.url + "/search/?q=aerosol")
    page.get_by_text("Area, years, dates and DOI").click()
    page.get_by_label("West").fill("5")
    page.get_by_label("South").fill("43.5")
    page.get_by_label("East").fill("8.5")
    page.get_by_label("North").fill("47")
    page.get_by_label("Records whose extent").select_option("within")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"bbox="))
    assert query_of(page.url) == {"q": ["aerosol"], "bbox": ["5,43.5,8.5,47"], "bbox_relation": ["within"]}
    # Only the Alpine snow record lies within the Alps; the Europe-wide AERIS boxes only intersect them.
    assert page.locator("#results-title").inner_text().strip() == "1 record"
    screenshot(page, "bbox-inputs")


def test_switch_language_keeps_the_search(page, portal, records, screenshot):
    page.goto(portal.url + "/search/?q=aerosol&pole=AERIS")
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.url.endswith("/search/?q=aerosol&pole=AERIS")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("#results-title").inner_text().strip() == "12 fiches"
    assert page.get_by_role("button", name="Dessiner une zone").is_visible()
    assert page.locator("#facet-pole").inner_text().upper() == "PÔLE"
    screenshot(page, "french-search")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("#results-title").inner_text().strip() == "12 records"


def test_search_facets_and_paging_work_without_javascript(page_factory, portal, records, screenshot):
    page = page_factory(java_script_enabled=False)
    page.goto(portal.url + "/")
    page.get_by_label("Search the catalogue").fill("aerosol")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"q=aerosol"))
    assert page.locator("#search-map").is_hidden()  # no map without JavaScript, the inputs remain
    page.locator("[data-facet=pole] a[data-value=AERIS]").click()
    page.wait_for_url(re.compile(r"pole=AERIS"))
    page.get_by_label("Sort by").select_option("title")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"sort=title"))
    assert query_of(page.url) == {"q": ["aerosol"], "pole": ["AERIS"], "sort": ["title"]}
    page.goto(page.url + "&page_size=5")
    page.get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))
    titles = page.locator(".hit h3 a").all_inner_texts()
    assert len(titles) == 5 and titles == sorted(titles)
    screenshot(page, "no-js-page-2")


def test_phone_width_has_no_horizontal_scroll(page_factory, portal, records, screenshot):
    page = page_factory(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    for name, path in (
        ("phone-home", "/"),
        ("phone-search", "/search/?q=aerosol&bbox=170,-30,-160,20&pole=NOPE"),
        ("phone-record", f"/records/{records['rich'].pk}/"),
    ):
        page.goto(portal.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        screenshot(page, name)


def test_keyboard_reaches_the_search_box_and_a_facet(page, portal, records, screenshot):
    page.goto(portal.url + "/search/?q=aerosol")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
        if reached[-1].startswith("facet-link"):
            break
    assert reached[0] == "skip-link"
    assert "q" in reached
    assert reached[-1].startswith("facet-link"), reached
    screenshot(page, "keyboard-facet-focus")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"pole="))


def test_unknown_record_and_bad_parameters_pages(page, portal, records, screenshot):
    response = page.goto(portal.url + "/records/00000000-0000-0000-0000-000000000000/")
    assert response.status == 404
    assert page.get_by_role("search").get_by_label("Search the catalogue").is_visible()
    screenshot(page, "404")
    response = page.goto(portal.url + "/search/?q=aerosol&bbox=1,2&page=99999")
    assert response.status == 200
    assert page.get_by_role("alert").inner_text().count("—") == 2
    assert page.locator("#results-title").inner_text().strip() == "13 records"
    screenshot(page, "bad-parameters")


UNLABELLED_CONTROLS = """() => Array.from(document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button, a[href]'
)).filter(el => {
    const named = (el.labels && el.labels.length)
        || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    const text = (el.textContent || el.value || '').trim();
    return !(named || (el.matches('button, a') && text));
}).map(el => el.outerHTML.slice(0, 120))"""


def test_every_control_has_a_label_or_a_text(page, portal, records, screenshot):
    for path in ("/", "/search/?q=aerosol&pole=AERIS", f"/records/{records['rich'].pk}/"):
        page.goto(portal.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate(UNLABELLED_CONTROLS) == [], path


def test_the_search_box_suggests_titles_as_you_type(page, portal, records, screenshot):
    page.goto(portal.url + "/")
    page.get_by_label("Search the catalogue").press_sequentially("aerosol dep", delay=30)
    # wait_for_selector, not wait_for_function: that one evaluates a string, which the CSP (no unsafe-eval) refuses.
    page.wait_for_selector("#q-suggestions option", state="attached")
    options = page.eval_on_selector_all("#q-suggestions option", "els => els.map(e => e.value)")
    assert options[0] == "Aerosol deposits on Alpine snow"
