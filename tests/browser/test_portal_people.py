"""Issue 15 in headless Chromium: one language per page, offline maps, the phone layout, human labels, the small
breakages, and axe-core on every page type. Desktop, 390 px and 360 px, English and French; screenshots of each in
test-artifacts/browser/<test>/.

Everything outside the live server is blocked (conftest), so the maps here are what an offline visitor sees.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from catalogue.records.unified import BBox, Keyword, OnlineResource, RelatedIdentifier
from tests.browser.conftest import DESKTOP, axe_violations, wait_until
from tests.portal.factories import aerosol_series, ingest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}
PHONE_360 = {"width": 360, "height": 740}
WIDTHS = {"desktop": DESKTOP, "390": PHONE_390, "360": PHONE_360}


@pytest.fixture
def catalogue(portal):
    """Enough records for facets to push results down on a phone, a point record and a French-only one."""
    aerosol_series(12, years=4)
    point = ingest(
        "demo-formater",
        "gnss-point",
        title="GNSS station TLSE position time series",
        doi="10.12345/gnss-tlse",
        abstract="Daily positions of the permanent GNSS station in Toulouse.",
        bboxes=[BBox(1.48, 43.56, 1.48, 43.56)],
        temporal_start=date(2015, 8, 1),
        languages=["eng", "fre"],
        keywords=[Keyword("GNSS", "GEMET"), Keyword("geodesy")],
        online_resources=[
            OnlineResource("https://data.example.org/tlse.zip", "WWW:DOWNLOAD-1.0-http--download", "tlse.zip")
        ],
        related_identifiers=[RelatedIdentifier("10.12345/gnss-tlse", "DOI", "IsIdenticalTo")],
        metadata_standard="datacite",
        publication_year=2019,
    )
    french = ingest(
        "demo-theia",
        "neige-1",
        title="Cumuls de neige dans les Pyrénées",
        abstract="Hauteurs de neige journalières.",
        language="fr",
        bboxes=[BBox(-1.8, 42.5, 3.2, 43.4)],
        temporal_start=date(2019, 1, 1),
        temporal_end=date(2019, 12, 31),
    )
    return {"point": point, "french": french}


def pages_of(catalogue) -> dict[str, str]:
    return {
        "home": "/",
        "search": "/search/?q=aerosol",
        "record": f"/records/{catalogue['point'].pk}/",
        "landing": "/doi/10.12345/gnss-tlse",
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_type_at_three_widths_with_axe(language_page, portal, catalogue, screenshot, language):
    """Each page type at desktop, 390 and 360 px: no horizontal scroll, the page in one language, maps drawn
    offline, and no serious or critical axe-core violation."""
    problems = {}
    for width_name, viewport in WIDTHS.items():
        page = language_page(language, viewport)
        for name, path in pages_of(catalogue).items():
            page.goto(portal.url + path)
            assert page.locator("html").get_attribute("lang") == language
            if name in ("record", "landing", "search"):
                page.wait_for_selector(".map.basemap-ready")
            scroll = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert scroll <= 1, (width_name, name, scroll)
            screenshot(page, f"{name}-{width_name}-{language}")
            if width_name != "360":  # axe at two widths is enough; the 360 px layout is the 390 px one
                violations = axe_violations(page)
                if violations:
                    problems[f"{name}@{width_name}"] = violations
        assert page.js_errors == [], page.js_errors
    assert problems == {}


@pytest.mark.parametrize(("language", "viewport"), [("en", PHONE_390), ("fr", PHONE_360)])
def test_on_a_phone_results_come_first_and_facets_fold(
    language_page, portal, catalogue, screenshot, language, viewport
):
    page = language_page(language, viewport)
    page.goto(portal.url + "/search/?q=aerosol")
    first_hit = page.locator(".hit").first.bounding_box()
    assert first_hit["y"] < viewport["height"] * 0.75, first_hit  # the first result is on the first screen
    panel = page.locator("#facets-panel")
    assert panel.get_attribute("open") is None and not page.locator("[data-facet=pole]").is_visible()
    screenshot(page, f"phone-results-first-{language}-{viewport['width']}")
    page.locator("#facets-panel > summary").click()
    assert page.locator("[data-facet=pole]").is_visible()
    screenshot(page, f"phone-facets-open-{language}-{viewport['width']}")
    page.locator("[data-facet=pole] a[data-value=AERIS]").click()
    page.wait_for_url(re.compile(r"pole=AERIS"))
    summary = page.locator("#facets-panel > summary").inner_text()
    assert ("2 filters" in summary) if language == "en" else ("2 filtres" in summary)  # the text and the hub


def test_the_facet_panel_folds_without_javascript_too(page_factory, portal, catalogue, screenshot):
    page = page_factory(viewport=PHONE_390, java_script_enabled=False)
    page.goto(portal.url + "/search/?q=aerosol")
    assert page.locator(".hit").first.bounding_box()["y"] < PHONE_390["height"]
    page.locator("#facets-panel > summary").click()  # a native <details>: opens without any script
    assert page.locator("[data-facet=pole]").is_visible()
    desktop = page_factory(viewport=DESKTOP, java_script_enabled=False)
    desktop.goto(portal.url + "/search/?q=aerosol")
    assert desktop.locator("[data-facet=pole]").is_visible()  # a side column on wide screens, no click needed
    screenshot(desktop, "desktop-no-js")


def test_a_point_record_map_shows_its_region_on_the_offline_basemap(page, portal, catalogue, screenshot):
    page.goto(f"{portal.url}/records/{catalogue['point'].pk}/")
    page.wait_for_selector("#record-map.basemap-ready")
    state = page.evaluate(
        """() => {
        const map = DataTerraMaps.maps[0];
        let land = 0, points = 0;
        map.eachLayer(l => { if (l.feature || (l.options && l.options.pane === 'basemap' && l.getLayers)) land++;
                             if (l instanceof L.CircleMarker) points++; });
        const b = map.getBounds();
        return {zoom: map.getZoom(), land, points, width: b.getEast() - b.getWest(),
                basemapPaths: document.querySelectorAll('#record-map .leaflet-basemap-pane path').length};
    }"""
    )
    assert state["points"] == 1  # a point is a marker, not an invisible zero-size rectangle
    assert 3 <= state["zoom"] <= 7 and state["width"] >= 10, state  # a region, not a dot on an empty background
    assert state["basemapPaths"] > 0, state  # Natural Earth land drawn from our own static files
    screenshot(page, "record-point-offline")


def test_sort_order_applies_at_once(page, portal, catalogue):
    page.goto(portal.url + "/search/?q=aerosol")
    page.select_option("#sort", "newest")
    page.wait_for_url(re.compile(r"sort=newest"))
    assert page.locator("#sort").input_value() == "newest"


def test_human_labels_and_no_self_reference_in_french(language_page, portal, catalogue, screenshot):
    page = language_page("fr", DESKTOP)
    page.goto(f"{portal.url}/records/{catalogue['point'].pk}/")
    text = page.locator("main").inner_text()
    assert "Téléchargement (web)" in text and "WWW:DOWNLOAD" not in text
    assert "anglais, français" in text.lower() and "DataCite (citation de données de recherche)" in text
    assert "depuis le 1 août 2015" in text and "IsIdenticalTo" not in text and "Identique à" not in text
    screenshot(page, "record-labels-fr")
    page.goto(portal.url + "/search/?q=neige")
    assert "couvre 2019" in page.locator(".hit").first.inner_text()
    page.goto(portal.url + "/doi/10.12345/gnss-tlse")
    landing = page.locator("main").inner_text()
    assert "Citer ce jeu de données" in landing and "Accès et téléchargement" in landing
    assert "Jeu de données" in page.locator(".resource-type").text_content()  # shown in capitals by the CSS
    screenshot(page, "landing-fr")


@pytest.fixture
def wms_server(tmp_path, settings):
    from django.core.cache import cache

    from tests.peers.wms_server import MapServerWms

    settings.WMS_PREVIEW_ALLOW_PRIVATE = True
    cache.clear()
    server = MapServerWms(tmp_path / "wms").start()
    yield server
    server.stop()


def _wms_record(server, source, identifier, title):
    return ingest(
        source,
        identifier,
        title=title,
        bboxes=[BBox(-10, 40, 10, 52)],
        online_resources=[OnlineResource(f"{server.url}?service=WMS&request=GetCapabilities", "OGC:WMS", "WMS")],
    )


def _allow(page, server):
    """The page may load images from the test WMS server (everything else outside the live server stays blocked)."""
    page.route(re.compile("^" + re.escape(server.url.rsplit("/", 1)[0])), lambda route: route.continue_())
    page.set_default_timeout(30_000)  # mapserv runs once per tile: slow on a loaded 2-core machine


@pytest.mark.parametrize("language", ["en", "fr"])
def test_wms_preview_draws_the_layer_with_legend_and_opacity(
    language_page, portal, catalogue, wms_server, screenshot, language
):
    record = _wms_record(wms_server, "demo-odatis", "sst-wms", "Sea surface temperature, Bay of Biscay")
    for width, viewport in (("desktop", DESKTOP), ("390", PHONE_390)):
        page = language_page(language, viewport)
        _allow(page, wms_server)
        page.goto(f"{portal.url}/records/{record.pk}/")
        page.locator("a.preview-link").click()
        page.wait_for_selector("#preview-map.wms-loaded")  # PNG tiles from MapServer drawn over the basemap
        assert page.locator("#wms-legend").evaluate("img => img.complete && img.naturalWidth > 0")
        assert any("REQUEST=GETMAP" in r.upper() for r in wms_server.requests)
        page.locator("#wms-opacity").fill("30")
        assert page.evaluate("document.querySelector('.wms-layer').style.opacity") == "0.3"
        page.select_option("#wms-layer", "sst_mask")
        page.wait_for_selector("#preview-map[data-layer='sst_mask']")
        page.wait_for_selector("#preview-map.wms-loaded")
        wait_until(
            page,
            "(() => { const i = document.getElementById('wms-legend'); "
            "return i.src.includes('sst_mask') && i.complete; })()",
        )
        screenshot(page, f"wms-preview-{width}-{language}")
        assert axe_violations(page) == []


def test_co_visualisation_map_of_two_hubs_toggles_fades_and_keeps_its_address(
    language_page, portal, catalogue, wms_server, screenshot
):
    ocean = _wms_record(wms_server, "demo-odatis", "sst-wms", "Sea surface temperature, Bay of Biscay")
    land = _wms_record(wms_server, "demo-theia", "mask-wms", "Warm water mask")
    page = language_page("en", DESKTOP)
    _allow(page, wms_server)
    for record, layer in ((ocean, "sst"), (land, "sst_mask")):
        page.goto(f"{portal.url}/records/{record.pk}/preview/0/?layer={layer}", wait_until="domcontentloaded")
        page.get_by_role("button", name="Add to map").click()
        page.wait_for_url(re.compile(r"/map/\?l="))
    page.wait_for_selector("#covis-map.wms-loaded")
    assert page.locator("#map-layers li").count() == 2
    assert page.evaluate("document.querySelectorAll('.wms-layer').length") == 2
    page.locator("[data-toggle=layer-0]").uncheck()
    page.locator("[data-opacity=layer-1]").fill("40")
    assert page.evaluate("document.querySelectorAll('.wms-layer').length") == 1
    shared = page.url
    assert "%7C40%7C1" in shared and "%7C0" in shared.split("&")[0]  # faded and hidden, in the address
    screenshot(page, "covis-desktop-en")
    other = language_page("fr", PHONE_390)  # someone else opening the shared address: the same map
    _allow(other, wms_server)
    other.goto(shared, wait_until="domcontentloaded")
    other.wait_for_selector("#covis-map.map-ready")
    assert other.locator("[data-toggle=layer-0]").is_checked() is False
    assert other.locator("[data-opacity=layer-1]").input_value() == "40"
    assert other.evaluate("document.querySelectorAll('.wms-layer').length") == 1
    screenshot(other, "covis-390-fr")
    assert axe_violations(other) == []


@pytest.fixture
def wmts_server(wms_server, tmp_path):
    """MapProxy (PyPI) serving the MapServer WMS as WMTS tiles: a real WMTS server."""
    from tests.peers.wmts_server import MapProxyWmts

    server = MapProxyWmts(tmp_path / "wmts", wms_server.url).start()
    yield server
    server.stop()


def _wmts_record(server, source="demo-odatis", identifier="sst-wmts", title="Sea surface temperature tiles"):
    return ingest(
        source,
        identifier,
        title=title,
        bboxes=[BBox(-10, 40, 10, 52)],
        online_resources=[OnlineResource(server.kvp_url, "OGC:WMTS", "SST tiles")],
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_wmts_preview_draws_tiles_with_legend_and_opacity(
    language_page, portal, catalogue, wms_server, wmts_server, screenshot, language
):
    """A record's WMTS link: web-mercator tiles from MapProxy over the offline basemap, the legend, the opacity;
    the layer whose tiles exist only in EPSG:4326 is drawn on a plate-carrée map. Desktop and 390 px."""
    record = _wmts_record(wmts_server)
    for width, viewport in (("desktop", DESKTOP), ("390", PHONE_390)):
        page = language_page(language, viewport)
        _allow(page, wms_server)  # the legend is the WMS's GetLegendGraphic
        _allow(page, wmts_server)
        page.goto(f"{portal.url}/records/{record.pk}/")
        page.locator("a.preview-link").click()
        page.wait_for_selector("#preview-map.wms-loaded")  # PNG tiles from MapProxy drawn over the basemap
        assert any("REQUEST=GETTILE" in r.upper() and "GLOBAL_WEBMERCATOR" in r for r in wmts_server.requests)
        assert page.evaluate("DataTerraMaps.maps[0].options.crs.code") == "EPSG:3857"
        wait_until(
            page,
            "(() => { const i = document.getElementById('wms-legend'); return i.complete && i.naturalWidth > 0; })()",
        )
        page.locator("#wms-opacity").fill("30")
        assert page.evaluate("document.querySelector('.wms-layer').style.opacity") == "0.3"
        page.wait_for_timeout(400)  # Leaflet fades tiles in
        screenshot(page, f"wmts-preview-{width}-{language}")
        assert axe_violations(page) == []
        page.select_option("#wms-layer", "sst_geo")  # its tiles exist only in EPSG:4326: the page redraws there
        page.wait_for_url(re.compile(r"layer=sst_geo"))
        page.wait_for_selector("#preview-map[data-crs='4326'].wms-loaded")
        assert page.evaluate("DataTerraMaps.maps[0].options.crs.code") == "EPSG:4326"
        assert any("leaflet_geographic" in r for r in wmts_server.requests)
        assert page.locator("#wms-no-legend").is_visible() and not page.locator("#wms-legend").is_visible()
        page.wait_for_timeout(400)
        screenshot(page, f"wmts-preview-geographic-{width}-{language}")
        assert axe_violations(page) == []


def test_co_visualisation_map_mixes_a_wms_and_a_wmts_layer(
    language_page, portal, catalogue, wms_server, wmts_server, screenshot
):
    ocean = _wms_record(wms_server, "demo-odatis", "sst-wms", "Sea surface temperature, Bay of Biscay")
    tiles = _wmts_record(wmts_server, source="demo-theia")
    page = language_page("fr", DESKTOP)
    _allow(page, wms_server)
    _allow(page, wmts_server)
    for record, layer in ((ocean, "sst_mask"), (tiles, "sst")):
        page.goto(f"{portal.url}/records/{record.pk}/preview/0/?layer={layer}", wait_until="domcontentloaded")
        page.get_by_role("button", name="Ajouter à la carte").click()
        page.wait_for_url(re.compile(r"/map/\?l="))
    page.wait_for_selector("#covis-map.wms-loaded")
    assert page.locator("#map-layers li").count() == 2 and page.locator("#map-layers li.layer-error").count() == 0
    assert page.evaluate("document.querySelectorAll('.wms-layer').length") == 2
    assert any("REQUEST=GETTILE" in r.upper() for r in wmts_server.requests)
    page.locator("[data-toggle=layer-0]").uncheck()  # the WMS layer off: the tiles stay
    assert page.evaluate("document.querySelectorAll('.wms-layer').length") == 1
    page.wait_for_timeout(400)
    screenshot(page, "covis-wms-wmts-desktop-fr")
    assert axe_violations(page) == []
    phone = language_page("fr", PHONE_390)
    _allow(phone, wms_server)
    _allow(phone, wmts_server)
    phone.goto(page.url, wait_until="domcontentloaded")
    phone.wait_for_selector("#covis-map.wms-loaded")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    phone.wait_for_timeout(400)
    screenshot(phone, "covis-wms-wmts-390-fr")
    assert axe_violations(phone) == []
