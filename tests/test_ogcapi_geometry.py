"""OGC API – Records `bbox` over random boxes (issue 18): the same records and plain-Python reference as the CSW
and OpenSearch check in tests/test_csw_geometry.py; `bbox` means "intersects" in OGC API – Records Part 1."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.geometry_reference import as_list, matching, query_boxes, record_boxes
from tests.test_geometry_search import PROPERTY, store_records

pytestmark = pytest.mark.django_db


def ogcapi_matches(box: list[float]) -> int:
    response = Client().get(
        "/ogcapi/collections/records/items",
        {"bbox": ",".join(repr(v) for v in box), "limit": "1", "f": "json"},
    )
    assert response.status_code == 200, response.content[:500]
    return int(response.json()["numberMatched"])


@PROPERTY
@given(
    records=st.lists(record_boxes(), min_size=1, max_size=6),
    queries=st.lists(query_boxes(shapes=("box",)), min_size=1, max_size=2),
)
def test_ogcapi_bbox_matches_the_reference(settings, records, queries):
    settings.SEARCH_CACHE_SECONDS = 0
    for query in queries:
        assume(query.west != query.east and query.south < query.north)
    named = {f"rec-{i}": boxes for i, boxes in enumerate(records)}
    published = {name: [as_list(b) for b in boxes] for name, boxes in named.items()}
    with transaction.atomic():
        store_records(named)
        for query in queries:
            box = as_list(query)
            assert ogcapi_matches(box) == len(matching(published, box, "intersects")), (box, published)
        transaction.set_rollback(True)
