"""The record page, its tombstone, the original XML and the 404 page, through Django's test client."""

from __future__ import annotations

import re
import uuid

import pytest
from django.conf import settings

from catalogue.records.ingest import delete_from_source
from catalogue.records.models import Record
from poles.models import HarvestSource
from tests.portal.factories import HOSTILE_ABSTRACT, ingest, rich_record

pytestmark = pytest.mark.django_db


def test_the_record_page_shows_every_part_of_the_record(client):
    record = rich_record()
    response = client.get(f"/records/{record.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Sea surface temperature from drifting buoys",
        "Marie Curie",
        "https://orcid.org/0000-0002-1825-0097",
        "OCEAN TEMPERATURE",
        "GCMD Science Keywords",
        "Oceans",
        "Climatology, meteorology, atmosphere",
        "Ifremer",
        "Point of contact",
        "mailto:sst@ifremer.fr",
        "SEANOE",
        "CC-BY-4.0",
        "No restriction on public access",
        "NetCDF",
        "SVP drifter",
        "thermistor",
        "2.1",
        "March 4, 2021",
        "Jan. 1, 2015",  # Django's English DATE_FORMAT (AP style)
        "ongoing",
        "Quality-controlled with <b>Coriolis</b> procedures.",
    ):
        assert text in html, text
    # The plain-text abstract is paragraphed and its URL linked.
    assert '<a href="https://example.org/sst" rel="nofollow">https://example.org/sst</a>' in html
    # DOI resolver and the portal's own landing page.
    assert 'href="https://doi.org/10.12770/abc-123"' in html
    assert 'href="/doi/10.12770/abc-123"' in html


def test_links_are_grouped_by_what_they_are_for(client):
    record = rich_record()
    html = client.get(f"/records/{record.pk}/").content.decode()
    groups = dict(re.findall(r'<ul class="links links-(\w+)">(.*?)</ul>', html, re.S))
    assert set(groups) == {"download", "service", "documentation"}
    assert "sst.nc" in groups["download"]
    assert "service=WMS" in groups["service"] and ">WMS<" in groups["service"]
    assert "/wfs" in groups["service"] and ">WFS<" in groups["service"]
    assert "sst-manual.pdf" in groups["documentation"]


def test_the_extent_map_gets_the_boxes_as_published_including_the_antimeridian_one(client):
    record = rich_record()
    response = client.get(f"/records/{record.pk}/")
    html = response.content.decode()
    assert 'id="record-map"' in html and "leaflet/leaflet.js" in html
    assert '<script id="record-extents" type="application/json">[[170.0, -20.0, -170.0, 10.0], [-10.0' in html


def test_provenance_names_hub_source_source_page_and_original_xml(client):
    record = rich_record(
        xml=b"<gmd:MD_Metadata xmlns:gmd='http://www.isotc211.org/2005/gmd'>\xc3\xa9</gmd:MD_Metadata>"
    )
    ingest("demo-aeris", "aeris-sst-7", doi="10.12770/abc-123", title="SST (AERIS copy)")
    html = client.get(f"/records/{record.pk}/").content.decode()
    assert "ODATIS" in html and "AERIS" in html
    assert "Harvested from 2 sources" in html
    assert html.count("fields shown come from this source") == 1  # the most recently changed source: AERIS
    assert re.search(r'data-source="demo-aeris">.*?fields shown come from this source', html, re.S)
    assert f'<link rel="alternate" type="application/json" href="/api/records/{record.pk}/">' in html
    sextant = HarvestSource.objects.get(slug="odatis-sextant-csw")
    assert sextant.record_url("sst-buoys-001") in html
    assert f"/api/records/{record.pk}/sources/odatis-sextant-csw/original.xml" in html
    assert f"/api/records/{record.pk}/sources/demo-aeris/original.xml" in html

    xml = client.get(f"/api/records/{record.pk}/sources/odatis-sextant-csw/original.xml")
    assert xml.status_code == 200
    assert xml["Content-Type"] == "application/xml"
    assert xml.content == b"<gmd:MD_Metadata xmlns:gmd='http://www.isotc211.org/2005/gmd'>\xc3\xa9</gmd:MD_Metadata>"
    assert client.get(f"/api/records/{record.pk}/sources/theia-ozcar-csw/original.xml").status_code == 404


def test_a_hostile_abstract_is_rendered_without_script_handlers_or_broken_layout(client):
    record = ingest("demo-odatis", "hostile-1", abstract=HOSTILE_ABSTRACT)
    html = client.get(f"/records/{record.pk}/").content.decode()
    abstract = re.search(r'<div class="rich-text abstract">(.*?)</div>\s*</section>', html, re.S).group(1)
    assert "<script" not in abstract and "pwned" not in abstract
    assert "onerror" not in abstract and "javascript:" not in abstract and "style=" not in abstract
    assert "<b>temperature" in abstract
    # Every tag opened in the abstract is closed inside it: nothing leaks into the page layout.
    for tag in ("p", "b", "i", "a"):
        assert abstract.count(f"<{tag}") == abstract.count(f"</{tag}>"), tag


def test_an_unknown_record_gives_the_real_404_page_with_a_search_box(client):
    response = client.get(f"/records/{uuid.uuid4()}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert '<form class="search-box" role="search" action="/search/"' in html
    assert client.get("/records/not-a-uuid/").status_code == 404


def test_a_withdrawn_record_is_a_410_tombstone(client):
    record = ingest("demo-theia", "gone-1", title="Soil moisture 2010", doi="10.5072/gone")
    delete_from_source(HarvestSource.objects.get(slug="demo-theia"), ["gone-1"], reason="removed at source")
    record.refresh_from_db()
    assert record.deleted
    response = client.get(f"/records/{record.pk}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "This record was withdrawn" in html and "Soil moisture 2010" in html
    assert 'href="/doi/10.5072/gone"' in html


def test_the_record_page_in_french(client):
    record = rich_record()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(f"/records/{record.pk}/").content.decode()
    assert '<html lang="fr">' in html
    assert "Température de surface de la mer par bouées dérivantes" in html  # the record's own translation
    assert "Aussi intitulée" in html and "Sea surface temperature from drifting buoys" in html  # and the original
    assert "Résumé" in html and "Provenance" in html and "Télécharger" in html
    assert "Océans" in html  # ISO topic category translated
    assert "4 mars 2021" in html and "1 janvier 2015" in html  # dates formatted the French way
    assert "en cours" in html


def test_home_lists_hubs_counts_and_recent_records(client):
    rich_record()
    ingest("demo-aeris", "aerosol-1", title="Aerosol optical depth")
    html = client.get("/").content.decode()
    assert Record.objects.public().count() == 2
    for code in ("AERIS", "FORMATER", "ODATIS", "THEIA"):
        assert f'data-pole="{code}"' in html
    assert re.findall(r'data-pole="(\w+)"', html) == ["AERIS", "FORMATER", "ODATIS", "THEIA"]
    assert re.search(r'data-pole="AERIS".*?data-count="1"', html, re.S)
    assert re.search(r'data-pole="THEIA".*?data-count="0"', html, re.S)
    assert "Aerosol optical depth" in html
    assert 'href="/search/?pole=ODATIS"' in html
    assert '<input id="q" name="q" type="search"' in html


def test_home_in_french_with_the_language_switch_keeping_the_query_string(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/search/?q=ocean&pole=ODATIS"})
    assert response.status_code == 302 and response["Location"] == "/search/?q=ocean&pole=ODATIS"
    html = client.get("/").content.decode()
    assert "Pôles de données" in html and "Rechercher dans le catalogue" in html
    assert 'value="fr" lang="fr"\n          aria-pressed="true"' in html
