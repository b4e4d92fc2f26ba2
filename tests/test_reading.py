"""One typed reading of a stored record (catalogue.records.reading): the JSON columns read once into the unified
dataclasses, and the answers the faces share -- which link is a download, who the creators are, where the record
comes from -- given the same on the record page, the DOI landing page and the exports."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html
from rdflib import Graph
from rdflib.namespace import DCAT

from catalogue.exports import datacite_json, dcat, dublincore, schemaorg
from catalogue.landing import signposting
from catalogue.ogcapi.services import record_feature
from catalogue.records import reading
from catalogue.records.links import landing_url
from catalogue.records.models import Record
from catalogue.records.unified import Keyword, OnlineResource, Party, RelatedIdentifier
from tests.portal.factories import ingest, rich_record

pytestmark = pytest.mark.django_db

# Each kind of link the two pages used to classify differently, and what it is.
LINKS = [
    (OnlineResource("https://data.example.org/sst_2020.nc", name="Direct NetCDF file"), "download"),
    (OnlineResource("https://data.example.org/archive.tar.gz", name="Archive"), "download"),
    (OnlineResource("https://data.example.org/bundle.zip", name="Zip"), "download"),
    (OnlineResource("ftp://ftp.example.org/pub/sst/", name="FTP folder"), "download"),
    (OnlineResource("https://data.example.org/get", "WWW:DOWNLOAD-1.0-http--download", "By protocol"), "download"),
    (OnlineResource("https://data.example.org/fetch", name="By function", function="download"), "download"),
    (OnlineResource("https://geo.example.org/wms?service=WMS", "OGC:WMS", "Map layer"), "service"),
    (OnlineResource("https://tds.example.org/thredds/dodsC/sst.nc", "OPeNDAP:OPeNDAP", "OPeNDAP"), "service"),
    (OnlineResource("https://example.org/manual.pdf", name="Manual"), "documentation"),
    (OnlineResource("https://example.org/project", name="Project", function="information"), "documentation"),
    (OnlineResource("https://example.org/somewhere", name="Elsewhere"), "other"),
]
DOWNLOAD_URLS = {link.url for link, kind in LINKS if kind == "download"}


@pytest.fixture
def linked_record() -> Record:
    return rich_record(identifier="links-001", doi="10.12770/links-001", online_resources=[r for r, _ in LINKS])


@pytest.mark.parametrize(("resource", "expected"), LINKS, ids=[r.name for r, _ in LINKS])
def test_one_link_classification(resource, expected):
    assert reading.link_function(resource) == expected
    assert reading.is_download(resource) == (expected == "download")


def test_a_stored_record_is_read_into_the_unified_dataclasses(linked_record):
    # JSON as older crosswalks stored it: a bare-string keyword, a party with nulls, a relation without an id.
    Record.objects.filter(pk=linked_record.pk).update(
        keywords=[{"value": " SST ", "thesaurus": "GCMD"}, "buoys", {"value": ""}],
        organisations=[{"organisation": "Ifremer", "role": "pointOfContact", "email": None}, "not a party"],
        related_identifiers=[{"identifier": "10.1/x", "relation_type": "Cites"}, {"relation_type": "Cites"}],
        translations={"FR": {"title": "Titre", "abstract": ""}, "en": "not a dict"},
        funding=[{"funder": "ANR", "award": None}, {"award": "orphan"}],
    )
    record = Record.objects.get(pk=linked_record.pk)
    unified = reading.read(record)
    assert unified.keywords == [Keyword("SST", "GCMD"), Keyword("buoys")]
    assert unified.organisations == [Party(organisation="Ifremer", role="pointOfContact")]
    assert unified.related_identifiers == [RelatedIdentifier("10.1/x", relation_type="Cites")]
    assert unified.translations == {"fr": {"title": "Titre"}}
    assert unified.funding == [{"funder": "ANR", "award": ""}]
    assert [r.url for r in unified.online_resources] == [r.url for r, _ in LINKS]
    assert reading.read(record) is unified  # read once per record object
    record.keywords = [{"value": "new"}]
    assert reading.read(record).keywords == [Keyword("new")]  # ... and again when a column is given a new value


def test_record_page_landing_page_and_exports_agree_on_downloads(client, linked_record):
    record_page = lxml_html.fromstring(client.get(linked_record.get_absolute_url()).content)
    landing_page = lxml_html.fromstring(client.get(landing_url(linked_record)).content)

    on_record_page = set(record_page.xpath('//ul[@class="links links-download"]/li/a[@rel="nofollow noopener"]/@title'))
    on_landing_page = set(landing_page.xpath('//li[@class="resource-download"]/a/@title'))
    assert on_record_page == on_landing_page == DOWNLOAD_URLS
    # The .nc file was "download" on the record page and "information" on the DOI landing page before.
    assert "https://data.example.org/sst_2020.nc" in on_landing_page
    groups = {
        key: set(record_page.xpath(f'//ul[@class="links links-{key}"]/li/a[@rel="nofollow noopener"]/@title'))
        for key in reading.LINK_FUNCTIONS
    }
    for key, urls in groups.items():
        assert urls == {link.url for link, kind in LINKS if kind == key}, key
        assert set(landing_page.xpath(f'//li[@class="resource-{key}"]/a/@title')) == urls, key

    graph = Graph().parse(data=dcat.serialize(dcat.dataset_graph(linked_record), "turtle"), format="turtle")
    assert {str(url) for url in graph.objects(None, DCAT.downloadURL)} == DOWNLOAD_URLS
    assert {d["contentUrl"] for d in schemaorg.build(linked_record)["distribution"]} == DOWNLOAD_URLS
    assert {link.href for link in signposting.record_links(linked_record) if link.rel == "item"} == DOWNLOAD_URLS
    enclosures = {
        link["href"] for link in record_feature(linked_record, "http://x")["links"] if link["rel"] == "enclosure"
    }
    assert enclosures == DOWNLOAD_URLS


def test_one_list_of_creators(client):
    # No explicit creators: the ISO originator is the creator everywhere (the DCAT writer read only `creators`).
    record = rich_record(
        identifier="creators-001",
        doi="10.12770/creators-001",
        creators=[],
        organisations=[
            Party(name="Durand, Paul", organisation="LOPS", role="originator", kind="person"),
            Party(organisation="Ifremer", role="pointOfContact"),
        ],
    )
    names = [c.name for c in reading.creators(record)]
    assert names == ["Durand, Paul"]
    landing_page = lxml_html.fromstring(client.get(landing_url(record)).content)
    assert "Durand, Paul" in landing_page.text_content()
    assert [c["name"] for c in datacite_json.build(record)["creators"]] == names
    assert [c["name"] for c in schemaorg.build(record)["creator"]] == names
    assert [value for element, value in dublincore.dublin_core_values(record) if element == "creator"] == names
    data = json.loads(dcat.serialize(dcat.dataset_graph(record), "jsonld"))
    assert "Durand, Paul" in json.dumps(data)


def test_one_provenance(client, linked_record):
    ingest("demo-odatis", "links-001-copy", doi="10.12770/links-001", title=linked_record.title)
    record = Record.objects.get(pk=linked_record.pk)
    entries = reading.provenance(record)
    assert [e.source_slug for e in entries] == sorted(
        (e.source_slug for e in entries), key=lambda slug: [e.pole_code for e in entries if e.source_slug == slug]
    )
    assert len(entries) == 2 and sum(e.is_primary for e in entries) == 1
    record_page = lxml_html.fromstring(client.get(record.get_absolute_url()).content)
    landing_page = lxml_html.fromstring(client.get(landing_url(record)).content)
    for page in (record_page, landing_page):
        text = page.text_content()
        for entry in entries:
            assert entry.source_identifier in text
    assert reading.primary_provenance(record).is_primary
