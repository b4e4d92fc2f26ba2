"""Fuzzed search parameters against a catalogue of real-world and generated geometries: never a 500 (issue 18).

The catalogue: every record of the shared corpus (settings.SHARED_CORPUS_DIR, through the crosswalks and ingest)
plus 400 records of `generate_records` (seed 3: regions, sub-boxes, point stations, second areas, boxes across
the antimeridian). Hypothesis draws any mix of the search contract's parameters, valid or not, for /api/records/
and /search/: the answer is a result or a 400 (a page with the reasons on the portal), never a 5xx. Bbox searches
alone are also compared with the plain-Python reference on the stored published boxes.
"""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from catalogue.records.models import Record
from catalogue.synthetic.generator import generate
from tests.corpus_catalogue import load_corpus
from tests.geometry_reference import as_list, matching, query_boxes
from tests.test_geometry_search import PROPERTY

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(settings, corpus_dir):
    settings.SEARCH_CACHE_SECONDS = 0
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    written = load_corpus(corpus_dir=corpus_dir)
    generate(400, seed=3)
    located = Record.objects.public().exclude(bboxes=[])
    assert written > 100 and located.count() > 300
    assert located.filter(geometry__isnull=True).count() == 0
    return {str(pk): boxes for pk, boxes in located.values_list("id", "bboxes")}


def _box_text(box) -> str:
    return ",".join(repr(v) for v in as_list(box))


WORDS = ["temperature", '"sea surface"', "-ocean", "OR", "'", "\\", "10.5281/zenodo.1", "température", "a:b", "%"]
BOX_TEXT = st.one_of(
    query_boxes().map(_box_text),
    st.sampled_from(["-5,40,10,52", "170,-30,-170,0", "1,2,3", "nan,0,1,1", "1e309,0,0,0", "-181,0,0,0", "0,10,1,5"]),
    st.text(max_size=30),
)
PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "q": st.one_of(st.sampled_from(WORDS), st.text(max_size=40)),
        "pole": st.lists(st.sampled_from(["ODATIS", "aeris", "THEIA", "FORMATER", "XX", ""]), max_size=3),
        "keyword": st.lists(st.text(max_size=20), max_size=2),
        "type": st.sampled_from(["dataset", "series", "service", "nonGeographicDataset", "x"]),
        "has_doi": st.sampled_from(["true", "false", "yes", "maybe", ""]),
        "year_from": st.one_of(st.integers(900, 3100).map(str), st.text(max_size=6)),
        "year_to": st.one_of(st.integers(900, 3100).map(str), st.text(max_size=6)),
        "bbox": BOX_TEXT,
        "bbox_relation": st.sampled_from(["intersects", "within", "WITHIN", "contains", ""]),
        "start": st.one_of(st.dates().map(str), st.sampled_from(["2020", "2020-13", "2020-02-30", "x"])),
        "end": st.one_of(st.dates().map(str), st.sampled_from(["1999", "2020-01", "9999-12-31", ""])),
        "sort": st.sampled_from(["relevance", "newest", "oldest", "title", "random"]),
        "page": st.one_of(st.integers(-1, 600).map(str), st.just("x")),
        "page_size": st.one_of(st.integers(-1, 150).map(str), st.just("")),
        "format": st.lists(st.sampled_from(["json", "geojson", "NetCDF", "GeoTIFF"]), max_size=2),
        "facets": st.sampled_from(["true", "false"]),
        "lang": st.sampled_from(["en", "fr", "de"]),
    },
)


@PROPERTY
@given(params=PARAMS)
def test_the_api_answers_every_parameter_mix_with_a_result_or_a_400(catalogue, params):
    response = Client().get("/api/records/", params)
    assert response.status_code in (200, 400), (params, response.status_code, response.content[:300])
    if response.status_code == 400:
        assert response.json()["errors"]


@PROPERTY
@given(params=PARAMS)
def test_the_portal_answers_every_parameter_mix_with_a_page(catalogue, params):
    params.pop("format", None)  # the portal has no output formats
    response = Client().get("/search/", params)
    assert response.status_code in (200, 302), (params, response.status_code)


@PROPERTY
@given(query=query_boxes(), relation=st.sampled_from(["intersects", "within"]))
def test_bbox_searches_over_real_and_generated_records_match_the_reference(catalogue, query, relation):
    response = Client().get("/api/records/", {"bbox": _box_text(query), "bbox_relation": relation, "facets": "false"})
    assert response.status_code == 200
    expected = matching(catalogue, as_list(query), relation)
    assert response.json()["count"] == len(expected), (relation, as_list(query))
    if len(expected) <= 100:
        page = Client().get(
            "/api/records/", {"bbox": _box_text(query), "bbox_relation": relation, "page_size": 100, "facets": "false"}
        )
        assert {hit["id"] for hit in page.json()["results"]} == expected
