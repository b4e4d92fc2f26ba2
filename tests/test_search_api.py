"""The REST API over the search service: shapes, GeoJSON, record detail with provenance and original XML, bad input
(always a 400 with {"errors": {...}} or an empty result, never a 500), OpenAPI schema and docs."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.search_fixtures import LIVE, load_search_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def ids():
    return load_search_fixture()


@pytest.fixture
def api():
    return Client()


def test_search_response_shape(api, ids):
    response = api.get("/api/records/", {"q": "sea", "page_size": 1, "pole": "ODATIS"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3 and data["count_is_estimate"] is False and data["pages"] == 3
    assert set(data["facets"]) == {"pole", "keyword", "topic", "type", "organisation", "format", "license", "year"}
    assert {"value", "label", "count", "selected"} <= set(data["facets"]["pole"][0])
    hit = data["results"][0]
    assert {"id", "title", "doi", "poles", "snippet", "bbox", "url"} <= set(hit)
    assert data["previous"] is None
    assert "page=2" in data["next"] and "q=sea" in data["next"] and "pole=ODATIS" in data["next"]
    last = api.get(data["next"].replace("page=2", "page=3")).json()
    assert last["next"] is None and "page=2" in last["previous"]


def test_repeatable_parameters_and_french_labels(api, ids):
    data = api.get("/api/records/?pole=AERIS&pole=FORMATER&lang=fr").json()
    assert data["count"] == 3
    labels = {v["value"]: v["label"] for v in data["facets"]["pole"]}
    assert labels["FORMATER"] == "Form@ter (Terre solide)"


def test_geojson_feature_collection(api, ids):
    response = api.get("/api/records/", {"q": "coral", "format": "geojson"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/geo+json")
    data = response.json()
    assert data["type"] == "FeatureCollection" and data["count"] == 1
    feature = data["features"][0]
    # Fiji's box crosses the antimeridian: two polygons, as RFC 7946 asks.
    assert feature["geometry"]["type"] == "MultiPolygon" and len(feature["geometry"]["coordinates"]) == 2
    assert feature["properties"]["title"] == "Coral reef monitoring around Fiji"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "-200,0,10,10"}, "bbox"),
        ({"bbox": "0,80,10,95"}, "bbox"),
        ({"bbox": "0,50,10,40"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "nan,0,1,1"}, "bbox"),
        ({"bbox_relation": "touches"}, "bbox_relation"),
        ({"start": "2020-13-01"}, "start"),
        ({"start": "2020-05-01", "end": "2019-01-01"}, "end"),
        ({"year_from": "2020", "year_to": "2010"}, "year_to"),
        ({"year_from": "twenty"}, "year_from"),
        ({"year_to": "99999"}, "year_to"),
        ({"has_doi": "maybe"}, "has_doi"),
        ({"pole": "NASA"}, "pole"),
        ({"sort": "random"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"q": "sea " * 300}, "q"),
        ({"keyword": [f"k{i}" for i in range(50)]}, "keyword"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(api, ids, params, field):
    response = api.get("/api/records/", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert isinstance(response.json()["errors"][field], str)


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"q": '"unbalanced quote'}, 0),
        ({"q": "((( !!! ::: <-> &&"}, 0),
        ({"q": "sea\x00surface"}, 1),
        ({"q": '"sea surface'}, 1),
        ({"keyword": "no such keyword"}, 0),
        ({"topic": "notATopic"}, 0),
        ({"q": "'); DROP TABLE catalogue_record; --"}, 0),
    ],
)
def test_odd_input_gives_a_result_never_a_500(api, ids, params, count):
    response = api.get("/api/records/", params)
    assert response.status_code == 200
    assert response.json()["count"] == count


def test_page_beyond_the_end(api, ids):
    data = api.get("/api/records/", {"page": 100}).json()
    assert data["results"] == [] and data["count"] == len(LIVE) and data["next"] is None


def test_record_detail_with_provenance_and_original_xml(api, ids):
    response = api.get(f"/api/records/{ids['flux']}/")
    assert response.status_code == 200
    data = response.json()
    assert data["doi"] == "10.1234/flux" and data["pole_codes"] == ["AERIS", "ODATIS"]
    sources = {p["source"]: p for p in data["provenance"]}
    assert set(sources) == {"demo-aeris", "demo-odatis"}
    xml = api.get(sources["demo-aeris"]["original_xml_url"])
    assert xml.status_code == 200 and xml["Content-Type"] == "application/xml"
    assert xml.content == b"<md id='flux-aeris'/>"
    assert api.get(f"/api/records/{ids['flux']}/sources/demo-theia/original.xml").status_code == 404


def test_tombstone_is_reachable_by_id_only(api, ids):
    response = api.get(f"/api/records/{ids['gone']}/")
    assert response.status_code == 410 and response.json()["deleted"] is True
    assert response.json()["deleted_reason"] == "withdrawn by the source"


def test_unknown_record_is_a_404_in_the_error_format(api, ids):
    response = api.get("/api/records/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404 and "detail" in response.json()["errors"]


def test_poles_and_sources_are_read_only(api, ids):
    poles = api.get("/api/poles/").json()
    assert {p["code"]: p["record_count"] for p in poles} == {"AERIS": 2, "FORMATER": 1, "ODATIS": 8, "THEIA": 2}
    sources = api.get("/api/sources/").json()
    assert "demo-odatis" in {s["slug"] for s in sources} and "options" not in sources[0]
    response = api.post("/api/sources/", {"slug": "x"})
    assert response.status_code == 405 and "detail" in response.json()["errors"]


def test_suggest(api, ids):
    from catalogue.search.service import get_backend

    get_backend("postgres").refresh_terms()
    data = api.get("/api/suggest/", {"q": "fish"}).json()
    assert {"text": "FISHERIES", "kind": "keyword"} in data["suggestions"]
    assert api.get("/api/suggest/", {"q": "x" * 200}).status_code == 400
    assert api.get("/api/suggest/", {"q": "sea", "limit": "many"}).status_code == 400


def test_openapi_schema_and_docs(api):
    schema = api.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/records/", "/api/records/{record_id}/", "/api/poles/", "/api/sources/", "/api/suggest/"} <= set(paths)
    names = {p["name"] for p in paths["/api/records/"]["get"]["parameters"]}
    assert {"q", "pole", "bbox", "bbox_relation", "start", "end", "sort", "page", "page_size"} <= names
    docs = api.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content and b"drf_spectacular_sidecar" in docs.content


def test_format_is_both_the_output_and_the_file_format_facet(api, ids):
    data = api.get("/api/records/", {"format": "miniSEED"}).json()
    assert data["count"] == 1 and data["results"][0]["title"].startswith("Seismic")
    geo = api.get("/api/records/?format=geojson&format=NetCDF")
    assert geo["Content-Type"].startswith("application/geo+json") and geo.json()["count"] == 7
