"""OGC API - Records at /ogcapi/, driven by OWSLib's `owslib.ogcapi.records.Records` client: the counts equal
/api/records/'s (one search service), paging by the `next` links reaches every record once, HTML and JSON."""

from __future__ import annotations

import pytest
import requests
from owslib.ogcapi.records import Records

from catalogue.records.models import Record

pytestmark = pytest.mark.django_db(transaction=True)


def _api_count(base: str, **params) -> int:
    response = requests.get(f"{base}/api/records/", params={**params, "facets": "false"}, timeout=30)
    assert response.status_code == 200, response.text[:300]
    return response.json()["count"]


@pytest.fixture
def client(demo_catalogue) -> Records:
    return Records(f"{demo_catalogue}/ogcapi/", timeout=30)


def test_landing_conformance_collections_and_openapi(client, demo_catalogue):
    rels = {link["rel"] for link in client.links}
    assert {"self", "service-desc", "service-doc", "conformance", "data"} <= rels
    conformance = client.conformance()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/record-core" in conformance
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conformance
    assert client.records() == ["records"]
    collection = client.collection("records")
    assert collection["itemType"] == "record" and any(link["rel"] == "items" for link in collection["links"])
    api = client.api()
    assert api["openapi"].startswith("3.0") and "/collections/records/items" in api["paths"]
    names = {p["name"] for p in api["paths"]["/collections/records/items"]["get"]["parameters"]}
    assert {"bbox", "datetime", "q", "limit", "offset"} <= names


@pytest.mark.parametrize(
    ("ogc", "api"),
    [
        ({}, {}),
        ({"q": "argo"}, {"q": "argo"}),
        ({"q": "aerosol"}, {"q": "aerosol"}),
        ({"bbox": [-10, 40, 10, 52]}, {"bbox": "-10,40,10,52"}),
        ({"bbox": [170, -25, -170, -10]}, {"bbox": "170,-25,-170,-10"}),  # across the antimeridian
        ({"datetime": "2010-01-01/2015-12-31"}, {"start": "2010-01-01", "end": "2015-12-31"}),
        ({"datetime": "../2000-01-01"}, {"end": "2000-01-01"}),
        ({"q": "ocean", "bbox": [-70, -60, 30, 60]}, {"q": "ocean", "bbox": "-70,-60,30,60"}),
    ],
)
def test_counts_equal_the_api(client, demo_catalogue, ogc, api):
    items = client.collection_items("records", limit=5, **ogc)
    expected = _api_count(demo_catalogue, **api)
    assert items["numberMatched"] == expected
    assert items["numberReturned"] == len(items["features"]) == min(5, expected)
    for feature in items["features"]:
        assert feature["type"] == "Feature" and feature["properties"]["title"]
        assert "http://www.opengis.net/spec/ogcapi-records-1/1.0/req/record-core" in feature["conformsTo"]


def test_paging_by_next_links_reaches_every_record_once(client, demo_catalogue):
    first = client.collection_items("records", limit=17)
    seen, page = [], first
    while True:
        seen += [feature["id"] for feature in page["features"]]
        following = [link["href"] for link in page["links"] if link["rel"] == "next"]
        if not following:
            break
        page = requests.get(following[0], timeout=30).json()
    assert len(seen) == len(set(seen)) == first["numberMatched"] == Record.objects.public().count()
    # An offset that is not a multiple of the limit gives the same window.
    window = client.collection_items("records", limit=10, offset=13)
    assert [feature["id"] for feature in window["features"]] == seen[13:23]
    assert any(link["rel"] == "prev" for link in window["links"])


def test_one_record_as_geojson_with_time_geometry_and_links(client, demo_catalogue):
    record = Record.objects.public().exclude(doi=None).exclude(bboxes=[]).exclude(temporal_start=None).first()
    feature = client.collection_item("records", str(record.pk))
    assert feature["id"] == str(record.pk) and feature["properties"]["title"] == record.label
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert feature["time"]["interval"][0] == record.temporal_start.isoformat()
    rels = {link["rel"] for link in feature["links"]}
    assert {"self", "alternate", "collection", "cite-as"} <= rels
    assert {"scheme": "https://doi.org", "value": record.doi} in feature["properties"]["externalIds"]
    missing = requests.get(f"{demo_catalogue}/ogcapi/collections/records/items/{'0' * 8}-0000-0000-0000-{'0' * 12}",
                           timeout=30)  # fmt: skip
    assert missing.status_code == 404 and missing.headers["Content-Type"] == "application/problem+json"


def test_html_representations_in_english_and_french(demo_catalogue):
    base = f"{demo_catalogue}/ogcapi"
    record = Record.objects.public().first()
    for path in ("/", "/conformance", "/collections", "/collections/records", "/collections/records/items",
                 f"/collections/records/items/{record.pk}", "/api"):  # fmt: skip
        english = requests.get(f"{base}{path}", params={"f": "html"}, headers={"Accept-Language": "en"}, timeout=30)
        assert english.status_code == 200 and english.headers["Content-Type"].startswith("text/html"), path
        browser = requests.get(f"{base}{path}", headers={"Accept": "text/html,*/*;q=0.8"}, timeout=30)
        assert browser.headers["Content-Type"].startswith("text/html"), path
    items = requests.get(f"{base}/collections/records/items", params={"f": "html", "q": "argo"},
                         headers={"Accept-Language": "fr"}, timeout=30)  # fmt: skip
    assert "<h1>Fiches</h1>" in items.text and "Rechercher" in items.text and "Parcourir" not in items.text
    assert requests.get(f"{base}/collections/records/items", params={"f": "html"},
                        headers={"Accept-Language": "en"}, timeout=30).text.count("Records") >= 1  # fmt: skip


def test_bad_parameters_are_refused_with_a_reason(demo_catalogue):
    url = f"{demo_catalogue}/ogcapi/collections/records/items"
    for params, word in (
        ({"bbox": "1,2"}, "bbox"),
        ({"bbox": "0,50,10,40"}, "bbox"),
        ({"datetime": "yesterday"}, "datetime"),
        ({"datetime": "2020-01-01/2010-01-01"}, "datetime"),
        ({"limit": "0"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"colour": "red"}, "colour"),
        ({"f": "xml"}, "f"),
    ):
        response = requests.get(url, params=params, timeout=30)
        assert response.status_code == 400 and word in response.json()["detail"], params
    big = requests.get(url, params={"limit": "100000"}, timeout=30).json()
    assert big["numberReturned"] == Record.objects.public().count()  # reduced to the maximum, not refused
