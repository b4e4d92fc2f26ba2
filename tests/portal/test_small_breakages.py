"""The small breakages of issue 15: robots.txt, favicon, 405 instead of a CSRF 403, "did you mean", the header's
links to the machine interfaces, the home page's shared records, the Atom feed of a search."""

from __future__ import annotations

import pytest
from django.test import Client
from lxml import etree
from lxml import html as lxml_html

from catalogue.records.unified import BBox
from catalogue.search.spelling import edit_distance, sensible_suggestion
from tests.portal.factories import ingest

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def test_robots_txt_and_favicon_are_served(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and robots["Content-Type"].startswith("text/plain")
    text = robots.content.decode()
    assert "User-agent: *" in text and "Disallow: /search/" in text and "/sitemap.xml" in text
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/vnd.microsoft.icon"
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_writes_on_read_only_pages_are_405_not_a_csrf_403():
    client = Client(enforce_csrf_checks=True)  # as a browser or a script without a token
    record = ingest("demo-aeris", "ro-1", title="Read only", doi="10.12345/ro-1")
    for method, url in [
        ("post", "/search/"),
        ("post", "/"),
        ("put", f"/records/{record.pk}/"),
        ("put", "/doi/10.12345/ro-1"),
        ("delete", "/doi/10.12345/ro-1"),
        ("post", "/doi/10.12345/ro-1/export/bibtex"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 405, (method, url, response.status_code)
        assert "GET" in response["Allow"]


@pytest.mark.parametrize(
    ("typed", "proposed", "shown"),
    [
        ("'; DROP TABLE catalogue_record; --", "drop table catalogue record", ""),
        ("sealevel", "level", ""),
        ("seismicty", "seismicity", "seismicity"),
        ("aerosl optcal depth", "aerosol optical depth", "aerosol optical depth"),
        ("neige", "neige", ""),
        ("sea surface", "sea", ""),  # a word dropped is not a spelling fix
    ],
)
def test_did_you_mean_keeps_only_spelling_corrections(typed, proposed, shown):
    assert sensible_suggestion(typed, proposed) == shown


def test_edit_distance_counts_a_swap_as_one_typo():
    assert edit_distance("seismicty", "seismicity") == 1
    assert edit_distance("levle", "level") == 1
    assert edit_distance("sealevel", "level") == 3


def test_did_you_mean_on_the_page_never_echoes_sql(client):
    ingest("demo-odatis", "dym-1", title="Sea level from tide gauges", abstract="Tables of sea level.")
    from catalogue.search.tasks import refresh_search_terms

    refresh_search_terms()
    page = client.get("/search/", {"q": "'; DROP TABLE catalogue_record; --"}).content.decode()
    assert "did-you-mean" not in page
    page = client.get("/search/", {"q": "sealevel"}).content.decode()
    assert ">level</a>" not in page
    page = client.get("/search/", {"q": "tidde"}).content.decode()
    assert "did-you-mean" in page and ">tide</a>" in page  # real corrections still shown


def test_header_links_to_the_machine_interfaces(client):
    tree = lxml_html.fromstring(client.get("/").content)
    links = tree.xpath('//details[@class="services-menu"]//a/@href')
    assert "/api/docs/" in links
    assert "/csw?service=CSW&request=GetCapabilities" in links
    assert "/oaipmh?verb=Identify" in links and "/opensearch" in links
    for href in links:
        assert client.get(href).status_code == 200, href


def test_home_page_explains_records_shared_by_hubs(client):
    ingest("demo-aeris", "shared-1", title="Shared")
    ingest("demo-odatis", "shared-1", title="Shared")  # the same identifier from a second hub: one merged record
    ingest("demo-theia", "alone-1", title="Alone")
    tree = lxml_html.fromstring(client.get("/").content)
    counts = [int(n) for n in tree.xpath("//*[@data-pole]//strong/@data-count")]
    total = int(tree.xpath("string(//p[@class='lead'])").split()[0])
    shared = int(tree.xpath("string(//p[contains(@class,'shared-note')]/@data-shared)"))
    assert (sum(counts), total, shared) == (3, 2, 1)


def test_every_search_has_an_atom_feed_linked_from_its_page(client):
    ingest("demo-aeris", "feed-1", title="Ozone lidar 2020", publication_year=2020, bboxes=[BBox(5, 43, 6, 44)])
    ingest("demo-aeris", "feed-2", title="Ozone sondes 2022", publication_year=2022)
    ingest("demo-theia", "feed-3", title="Snow cover", publication_year=2021)
    tree = lxml_html.fromstring(client.get("/search/", {"q": "ozone", "pole": "AERIS"}).content)
    href = tree.xpath('//link[@rel="alternate"][@type="application/atom+xml"]/@href')[0]
    assert tree.xpath('//p[contains(@class,"feed-link")]/a/@href') == [href]
    response = client.get(href)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    titles = feed.xpath("//a:entry/a:title/text()", namespaces=ATOM)
    assert titles == ["Ozone sondes 2022", "Ozone lidar 2020"]  # newest first, only this search's records
    assert all(u.endswith("/") for u in feed.xpath("//a:entry/a:link/@href", namespaces=ATOM))
    assert "ozone" in feed.xpath("string(/a:feed/a:title)", namespaces=ATOM)


def test_the_opensearch_description_templates_fill_as_written(client):
    description = client.get("/opensearch").content
    assert b"%%2B" not in description and b"application/atom%2Bxml" in description
