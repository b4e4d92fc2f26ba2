"""Tombstones (LP-23, LP-24), unknown and malformed DOIs, the sitemap (LP-18) and the record-page helpers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from lxml import etree
from lxml import html as lxml_html

from catalogue.landing import sitemaps
from catalogue.records.ingest import delete_from_source
from catalogue.records.models import Record
from poles.models import HarvestSource

from .conftest import RICH_DOI

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def withdraw(record: Record, reason: str = "Superseded by version 3") -> Record:
    delete_from_source(HarvestSource.objects.get(slug="demo-odatis"), ["sextant-0001"], reason)
    record.refresh_from_db()
    assert record.deleted
    return record


def test_lp23_lp24_tombstone_is_410_with_citation_and_no_downloads(client, rich_record):
    record = withdraw(rich_record)
    for accept in ("text/html", "application/x-bibtex", "application/vnd.datacite.datacite+json"):
        response = client.get(f"/doi/{RICH_DOI}", HTTP_ACCEPT=accept)
        assert response.status_code == 410, accept  # a 404 is not a tombstone
    tree = lxml_html.fromstring(response.content)
    text = tree.text_content()
    assert tree.xpath("//h1")[0].text_content() == record.title
    assert "Martin, Léa" in text and "Ifremer" in text
    assert tree.xpath('//a[@class="doi"]/@href') == ["https://doi.org/10.17882/12345"]
    assert tree.xpath('string(//span[@class="reason"])') == "Superseded by version 3"
    assert record.deleted_at.date().isoformat() in text
    assert "Martin, L., & Ifremer. (2022)." in tree.xpath('string(//blockquote[@id="citation-text"])')
    assert b"data.example.org" not in response.content  # no download (or any online resource) link
    assert b"/export/" not in response.content
    assert client.get(f"/doi/{RICH_DOI}/export/bibtex").status_code == 410
    assert client.get(f"/doi/{RICH_DOI}/linkset").status_code == 410


def test_unknown_doi_is_404_offering_search(client):
    response = client.get("/doi/10.99999/not-here")
    assert response.status_code == 404
    tree = lxml_html.fromstring(response.content)
    assert tree.xpath('//a[@class="search-link"]/@href') == ["/search/?q=10.99999%2Fnot-here"]
    assert tree.xpath('//form[@action="/search/"]/input[@name="q"]/@value') == ["10.99999/not-here"]


@pytest.mark.parametrize(
    "path",
    [
        "/doi/not-a-doi",
        "/doi/10.x/y",
        "/doi/%00%ff",
        "/doi/" + "9" * 3000,
        "/doi/10.1234/<script>",
        "/doi/10.1234/a/export/bibtex",
    ],
)
def test_malformed_or_unknown_doi_never_500(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert b"<script>" not in response.content


def _sitemap_urls(client, url: str) -> dict[str, str]:
    root = etree.fromstring(client.get(url).content)
    return {u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS) for u in root}


def test_lp18_sitemap_lists_live_pages_with_lastmod(client, rich_record, vector_record, landing_store, monkeypatch):
    from .conftest import rich_unified

    no_doi = landing_store(rich_unified(identifier="no-doi", doi=""))
    gone = landing_store(rich_unified(identifier="gone-1", doi="10.17882/55555"), source_slug="demo-theia")
    delete_from_source(HarvestSource.objects.get(slug="demo-theia"), ["gone-1"], "withdrawn")
    stamp = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
    Record.objects.filter(pk=vector_record.pk).update(updated_at=stamp)

    index = etree.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iterfind("s:sitemap/s:loc", SITEMAP_NS)]
    assert "http://127.0.0.1:8000/sitemap-records.xml" in sections
    assert "http://127.0.0.1:8000/sitemap-landing.xml" in sections

    records = _sitemap_urls(client, "/sitemap-records.xml")
    landing = _sitemap_urls(client, "/sitemap-landing.xml")
    assert set(records) == {f"http://127.0.0.1:8000/records/{r.pk}/" for r in (rich_record, vector_record, no_doi)}
    assert set(landing) == {
        "http://127.0.0.1:8000/doi/10.17882/12345",
        "http://127.0.0.1:8000/doi/10.12345/dt-test-0001",
    }
    assert landing["http://127.0.0.1:8000/doi/10.12345/dt-test-0001"] == "2025-03-04T05:06:07+00:00"
    assert str(gone.pk) not in "".join(records)

    # Paged: with one URL per page, page 2 exists and the index lists every page.
    monkeypatch.setattr(sitemaps.RecordPageSitemap, "limit", 1)
    index = etree.fromstring(client.get("/sitemap.xml").content)
    record_pages = [loc.text for loc in index.iterfind("s:sitemap/s:loc", SITEMAP_NS) if "records" in loc.text]
    assert len(record_pages) == 3
    assert len(_sitemap_urls(client, "/sitemap-records.xml?p=2")) == 1
    assert client.get("/sitemap-records.xml?p=9").status_code == 404


def test_lp18_sitemap_locations_match_reverse_for_odd_dois(client, landing_store):
    from catalogue.records.links import landing_url

    from .conftest import rich_unified

    record = landing_store(rich_unified(identifier="odd", doi="10.1000/ab(2);x:y?z=1&w#"))
    landing = _sitemap_urls(client, "/sitemap-landing.xml")
    assert list(landing) == [f"http://127.0.0.1:8000{landing_url(record)}"]
    assert client.get(landing_url(record)).status_code == 200


def test_record_page_helpers(rich_record, landing_store):
    from .conftest import rich_unified

    no_doi = landing_store(rich_unified(identifier="plain", doi=""))
    template = Template(
        "{% load landing_tags %}{{ record|landing_url }}|{% if record|has_landing_page %}yes{% endif %}"
    )
    assert template.render(Context({"record": rich_record})) == "/doi/10.17882/12345|yes"
    assert template.render(Context({"record": no_doi})) == "|"
