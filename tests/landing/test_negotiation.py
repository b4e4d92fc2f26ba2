"""Content negotiation on /doi/<doi> for every media type of the reference table (LP-09, crosscite)."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from catalogue.landing.negotiation import negotiate, parse_accept

pytestmark = pytest.mark.django_db
URL = "/doi/10.12345/dt-test-0001"


def get(client, accept: str, url: str = URL):
    return client.get(url, HTTP_ACCEPT=accept)


@pytest.mark.parametrize("accept", ["application/vnd.datacite.datacite+xml", "application/x-datacite+xml"])
def test_datacite_xml(client, vector_record, accept):
    response = get(client, accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(accept)
    root = etree.fromstring(response.content)
    assert root.tag == "{http://datacite.org/schema/kernel-4}resource"
    assert "Accept" in response["Vary"]


@pytest.mark.parametrize(
    "accept,key,expected",
    [
        ("application/vnd.datacite.datacite+json", "id", "https://doi.org/10.12345/dt-test-0001"),
        ("application/vnd.schemaorg.ld+json", "@type", "Dataset"),
        ("application/ld+json", "@type", "Dataset"),
        ("application/vnd.citationstyles.csl+json", "type", "dataset"),
        ("application/citeproc+json", "type", "dataset"),
    ],
)
def test_json_formats(client, vector_record, accept, key, expected):
    response = get(client, accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(accept)
    assert json.loads(response.content)[key] == expected


def test_bibtex(client, vector_record):
    response = get(client, "application/x-bibtex")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert response.content.decode().startswith("@misc{https://doi.org/10.12345/dt-test-0001")


def test_ris(client, vector_record):
    response = get(client, "application/x-research-info-systems")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert response.content.decode().startswith("TY  - DATA")


def test_bibliography_defaults_to_apa_en_us(client, vector_record):
    response = get(client, "text/x-bibliography")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-bibliography")
    text = response.content.decode().strip()
    assert text.startswith("Dupont, M., & AERIS. (2021). Aerosol optical depth, Lille, 2019-2020 (Version 1.0)")
    assert text.endswith("AERIS. https://doi.org/10.12345/dt-test-0001")


def test_bibliography_style_and_locale(client, vector_record):
    ieee = get(client, "text/x-bibliography; style=ieee; locale=en-GB").content.decode()
    assert "M. Dupont and AERIS" in ieee
    harvard = get(client, 'text/x-bibliography; style="harvard-cite-them-right"').content.decode()
    assert "Dupont, M. and AERIS (2021)" in harvard
    french = get(client, "text/x-bibliography; style=apa; locale=fr-FR").content.decode()
    assert "Dupont, M., & AERIS. (2021)" in french and "Version 1.0" in french


def test_bibliography_unknown_style_is_400(client, vector_record):
    response = get(client, "text/x-bibliography; style=no-such-style")
    assert response.status_code == 400
    assert "no-such-style" in response.content.decode()


@pytest.mark.parametrize("accept", ["application/x-unknown", "image/png", "", "text/html", "*/*", "garbage"])
def test_unknown_or_html_type_gets_the_landing_page(client, vector_record, accept):
    response = get(client, accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]


def test_quality_values_pick_the_preferred_type(client, vector_record):
    response = get(client, "text/html;q=0.5, application/x-bibtex;q=0.9")
    assert response.content.decode().startswith("@misc{")
    assert negotiate("application/x-bibtex;q=0, text/html").kind == "html"
    assert [r.media_type for r in parse_accept("a/b;q=0.1, c/d, e/f;q=0.5")] == ["c/d", "e/f", "a/b"]
    assert negotiate("text/x-bibliography; style=mla; locale=de-DE").style == "mla"


def test_link_header_advertises_every_type(client, vector_record):
    """LP-09: the landing URL advertises the negotiable types in its Link header."""
    header = client.get(URL)["Link"]
    for media_type in (
        "application/vnd.datacite.datacite+xml",
        "application/vnd.datacite.datacite+json",
        "application/ld+json",
        "application/vnd.citationstyles.csl+json",
        "application/x-bibtex",
        "application/x-research-info-systems",
    ):
        assert f'type="{media_type}"' in header
