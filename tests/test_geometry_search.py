"""Spatial search never raises and finds exactly what the published boxes say (issue 18), property-based.

Random sets of records (each with 0-4 boxes: overlapping, nested, touching, identical, across the antimeridian,
points, lines, zero-area boxes) are written through ingest (the database's CHECK (ST_IsValid) is live), then every
bbox_relation runs through the real search service on PostGIS for random query boxes and is compared with the
plain-Python reference of tests/geometry_reference.py. Each example is rolled back.

Examples are derandomized (the same ones on every run, so CI is reproducible); HYPOTHESIS_EXPLORE=1 draws new
random ones each run (how the builder was searched for bugs, thousands of examples).
"""

from __future__ import annotations

import os

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.records.ingest import IngestItem, ingest_batch
from catalogue.records.models import Record
from catalogue.records.unified import HarvestedDocument
from catalogue.search import SearchQuery, search
from poles.models import HarvestSource
from tests.conftest import make_unified
from tests.geometry_reference import as_list, matching, query_boxes, record_boxes

pytestmark = pytest.mark.django_db

EXPLORE = bool(os.environ.get("HYPOTHESIS_EXPLORE"))
PROPERTY = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    derandomize=not EXPLORE,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def uncached(settings):
    settings.SEARCH_CACHE_SECONDS = 0  # every example is rolled back: a cached count would belong to another one


def store_records(records: dict[str, list]) -> None:
    source = HarvestSource.objects.get(slug="demo-odatis")
    items = []
    for name, boxes in records.items():
        unified = make_unified(name, bboxes=boxes)
        items.append(IngestItem(HarvestedDocument(name, f"<x id='{name}'/>".encode()), unified, "iso19139"))
    ingest_batch(source, items)


def found(query_box, relation: str) -> tuple[int, set[str]]:
    result = search(SearchQuery(bbox=query_box, bbox_relation=relation, page_size=100), facets=True)
    hits = Record.objects.filter(pk__in=[hit.id for hit in result.hits])
    return result.count, set(hits.values_list("identifier", flat=True))


@PROPERTY
@given(
    records=st.lists(record_boxes(), min_size=1, max_size=6),
    queries=st.lists(query_boxes(), min_size=1, max_size=3),
)
def test_every_bbox_relation_matches_the_reference_on_random_boxes(uncached, records, queries):
    named = {f"rec-{i}": boxes for i, boxes in enumerate(records)}
    with transaction.atomic():
        store_records(named)
        stored = {r.identifier: r for r in Record.objects.filter(identifier__in=named)}
        for name, boxes in named.items():
            geometry = stored[name].geometry
            assert (geometry is None) == (not boxes)
            assert geometry is None or geometry.valid, (boxes, geometry.valid_reason)
            assert stored[name].bboxes == [as_list(b) for b in boxes]  # as published
        published = {name: [as_list(b) for b in boxes] for name, boxes in named.items()}
        for query in queries:
            for relation in ("intersects", "within"):
                expected = matching(published, as_list(query), relation)
                count, identifiers = found(query, relation)
                assert identifiers == expected, (relation, as_list(query), published)
                assert count == len(expected)
        transaction.set_rollback(True)


def test_the_cases_of_the_issue_report_answer_within_without_error(uncached):
    """The two real records that made /api/records/?bbox=-5,40,10,52&bbox_relation=within fail, as shapes: a
    DataCite record with two nested geoLocationBoxes over Corsica, an ISO record with two overlapping extents."""
    from catalogue.records.unified import BBox

    store_records(
        {
            "corsica": [BBox(8.53, 41.33, 9.56, 43.03), BBox(8.5, 41.3, 9.6, 43.1)],
            "arava": [BBox(34.9, 29.5, 35.4, 31.0), BBox(35.0, 30.0, 35.6, 30.5)],
            "brittany-station": [BBox(-4.5, 48.4, -4.5, 48.4)],
        }
    )
    assert found(BBox(-5, 40, 10, 52), "within")[1] == {"corsica", "brittany-station"}
    assert found(BBox(34, 29, 36, 32), "within")[1] == {"arava"}
    assert found(BBox(35.5, 30.2, 36, 30.4), "intersects")[1] == {"arava"}
