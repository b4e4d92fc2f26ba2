"""/search/ through Django's test client: results, facets, bbox inputs, paging, bad parameters, French."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from django.conf import settings

from catalogue.search.service import get_backend
from tests.portal.factories import aerosol_series, ingest, rich_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    rich_record()  # ODATIS, DOI, two boxes (one across the antimeridian)
    aerosol_series(23, years=3)
    ingest("demo-theia", "snow-1", title="Snow cover of the Alps", abstract="Snow from Sentinel-2", bboxes=[])


def hrefs(html: str, css_class: str) -> list[str]:
    return [unescape(h) for h in re.findall(rf'<a class="{css_class}[^"]*" href="([^"]+)"', html)]


def test_results_list_shows_title_hub_snippet_type_year_and_doi(client, catalogue):
    html = client.get("/search/?q=sst").content.decode()
    assert "1 record" in html
    hit = re.search(r'<li class="hit".*?</li>', html, re.S).group(0)
    assert "Sea surface temperature from drifting buoys" in hit
    assert 'hub-badge hub-odatis">ODATIS<' in hit
    assert "<mark>" in hit  # highlighted snippet
    assert ">Dataset<" in hit  # resource type, labelled
    assert ">2021<" in hit
    assert 'href="https://doi.org/10.12770/abc-123"' in hit


def test_facets_have_counts_and_links_that_toggle_them(client, catalogue):
    html = client.get("/search/?q=aerosol").content.decode()
    assert re.search(r'data-value="AERIS">.*?AERIS \(atmosphere\)</span> <span class="count">23</span>', html, re.S)
    for facet in ("pole", "keyword", "type", "organisation", "year"):
        assert f'data-facet="{facet}"' in html, facet
    pole_link = next(h for h in hrefs(html, "facet-link") if "pole=AERIS" in h)
    assert pole_link == "/search/?q=aerosol&pole=AERIS"
    filtered = client.get(pole_link).content.decode()
    assert '<a class="facet-link selected" href="/search/?q=aerosol"' in filtered  # the same link removes it
    assert 'data-filter="pole"' in filtered  # and it shows as an active filter chip
    year_link = next(h for h in hrefs(html, "facet-link") if "year_from=2001" in h)
    assert year_link == "/search/?q=aerosol&year_from=2001&year_to=2001"
    assert "8 records" in client.get(year_link).content.decode()


def test_the_four_bbox_inputs_become_one_shareable_bbox_parameter(client, catalogue):
    form = {"q": "", "west": "170", "south": "-30", "east": "-160", "north": "20"}
    response = client.get("/search/", {**form, "bbox_relation": "intersects", "sort": "relevance", "year_from": ""})
    assert response.status_code == 302
    assert response["Location"] == "/search/?bbox=170%2C-30%2C-160%2C20"
    html = client.get(response["Location"]).content.decode()
    # Only the record whose box crosses the antimeridian intersects this Pacific box.
    assert "1 record" in html and "Sea surface temperature" in html
    assert 'id="west" name="west" type="number" step="any" min="-180" max="180" value="170"' in html
    assert '<script id="search-bbox" type="application/json">[170.0, -30.0, -160.0, 20.0]</script>' in html
    # Clearing the inputs removes the area.
    cleared = client.get("/search/", {"q": "snow", "west": "", "south": "", "east": "", "north": ""})
    assert cleared["Location"] == "/search/?q=snow"


def test_the_map_receives_each_results_boxes_as_a_list(client, catalogue):
    html = client.get("/search/?q=temperature").content.decode()
    hits = json.loads(re.search(r'<script id="search-hits" type="application/json">(.*?)</script>', html).group(1))
    assert hits[0]["bbox"] == [[170.0, -20.0, -170.0, 10.0], [-10.0, 40.0, 10.0, 52.0]]


def test_pagination_links_keep_the_query(client, catalogue):
    html = client.get("/search/?q=aerosol&page_size=10").content.decode()
    assert "Showing 1–10" in html
    pages = re.search(r'<nav class="pagination".*?</nav>', html, re.S).group(0)
    assert 'href="/search/?q=aerosol&amp;page=2&amp;page_size=10" rel="next"' in pages
    assert 'href="/search/?q=aerosol&amp;page=3&amp;page_size=10"' in pages
    assert 'aria-current="page">1<' in pages
    last = client.get("/search/?q=aerosol&page_size=10&page=3").content.decode()
    assert "Showing 21–23" in last and 'rel="prev"' in last and 'rel="next"' not in last


def test_sort_and_hidden_inputs_carry_the_filters_into_a_new_text_search(client, catalogue):
    html = client.get("/search/?q=aerosol&pole=AERIS&keyword=ocean&sort=title").content.decode()
    assert '<option value="title" selected>' in html
    assert '<input type="hidden" name="pole" value="AERIS">' in html
    assert '<input type="hidden" name="keyword" value="ocean">' in html
    titles = re.findall(r'<h3><a href="/records/[^"]+">([^<]+)</a>', html)
    assert titles == sorted(titles)


def test_bad_parameters_are_explained_and_the_rest_of_the_search_runs(client, catalogue):
    response = client.get("/search/?q=aerosol&pole=NOPE&bbox=1,2&page=99999&year_from=soon")
    assert response.status_code == 200
    html = response.content.decode()
    errors = re.search(r'<div class="notice errors".*?</div>', html, re.S).group(0)
    for param, given in (("bbox", "1,2"), ("page", "99999"), ("pole", "NOPE"), ("year_from", "soon")):
        assert f'data-param="{param}"><code>{param}={given}</code>' in errors, param
    assert "Unknown hub NOPE" in errors
    assert "23 records" in html  # q=aerosol still ran, on page 1


def test_a_page_beyond_the_last_one_says_so_and_links_to_the_last(client, catalogue):
    html = client.get("/search/?q=aerosol&page=40").content.decode()
    assert "There is no page 40: this search has 2 pages." in html
    assert 'href="/search/?q=aerosol&amp;page=2">Go to the last page' in html


def test_an_unknown_facet_value_gives_no_results_with_ways_out(client, catalogue):
    html = client.get("/search/?q=aerosol&keyword=no-such-keyword").content.decode()
    assert "No records match this search" in html
    suggestions = re.search(r'<ul class="suggestions">(.*?)</ul>', html, re.S).group(1)
    assert 'href="/search/?q=aerosol"' in suggestions  # drop the keyword
    assert 'href="/search/?keyword=no-such-keyword"' in suggestions  # drop the text
    # The unknown value is still listed in its facet, selected, so one click removes it.
    assert (
        '<a class="facet-link selected" href="/search/?q=aerosol" rel="nofollow" data-value="no-such-keyword">' in html
    )


def test_a_misspelt_search_offers_did_you_mean(client, catalogue):
    get_backend("postgres").refresh_terms()  # the vocabulary is a materialised view, refreshed after harvests
    html = client.get("/search/?q=aerosool").content.decode()
    assert "No records match this search" in html
    assert re.search(r'Did you mean <a href="/search/\?q=aerosol">aerosol</a>', html)


def test_the_search_page_in_french(client, catalogue):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get("/search/?q=aerosol").content.decode()
    assert "AERIS (atmosphère)" in html  # hub name from the search service, translated
    assert ">Pôle<" in html and ">Mot-clé<" in html and ">Année<" in html
    assert "23 fiches" in html
    assert "Série de données" in html  # resource type label
    assert "Dessiner une zone" in html  # map strings handed to the script
    chips = client.get("/search/?q=aerosol&pole=AERIS&bbox=1,2").content.decode()
    assert "Pôle : AERIS (atmosphère)" in chips  # French typography: a space before the colon
    assert "Une partie de votre recherche n’a pas pu être utilisée" in chips


def test_search_without_any_parameter_lists_everything_newest_first(client, catalogue):
    html = client.get("/search/").content.decode()
    assert "25 records" in html
    assert "active-filters" not in html
