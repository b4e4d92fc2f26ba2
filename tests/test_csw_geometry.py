"""CSW (FES BBOX / Within through pycsw in the /csw view), OpenSearch geo:box and OGC API – Records bbox over random
boxes (issue 18).

Same records as tests/test_geometry_search.py (overlapping, nested, touching boxes, points, lines, the
antimeridian), written through ingest and rolled back per example; each answer is compared with the plain-Python
reference: BBOX is "intersects", FES Within is OGC within (ST_Within: covered, and not only along the query's
edge). Filters are raw FES 1.1 POSTed to the view, in CRS84 (lon/lat) order, as GIS clients send them.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import assume, given
from hypothesis import strategies as st
from lxml import etree

from tests.geometry_reference import as_list, matching, query_boxes, record_boxes
from tests.test_geometry_search import PROPERTY, store_records

pytestmark = pytest.mark.django_db

CSW = "http://www.opengis.net/cat/csw/2.0.2"
DC = "http://purl.org/dc/elements/1.1/"
OS = "http://a9.com/-/spec/opensearch/1.1/"
ATOM = "http://www.w3.org/2005/Atom"

GET_RECORDS = """<?xml version="1.0" encoding="UTF-8"?>
<csw:GetRecords xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:gml="http://www.opengis.net/gml" service="CSW" version="2.0.2" resultType="results" maxRecords="1000">
  <csw:Query typeNames="csw:Record">
    <csw:ElementSetName>brief</csw:ElementSetName>
    <csw:Constraint version="1.1.0">
      <ogc:Filter>
        <ogc:{operator}>
          <ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>
          <gml:Envelope srsName="urn:ogc:def:crs:OGC:1.3:CRS84">
            <gml:lowerCorner>{west!r} {south!r}</gml:lowerCorner>
            <gml:upperCorner>{east!r} {north!r}</gml:upperCorner>
          </gml:Envelope>
        </ogc:{operator}>
      </ogc:Filter>
    </csw:Constraint>
  </csw:Query>
</csw:GetRecords>"""


@pytest.fixture
def uncached(settings):
    settings.SEARCH_CACHE_SECONDS = 0


def csw_matches(operator: str, box: list[float]) -> tuple[int, set[str]]:
    west, south, east, north = box
    body = GET_RECORDS.format(operator=operator, west=west, south=south, east=east, north=north)
    response = Client().post("/csw", body, content_type="application/xml")
    assert response.status_code == 200, response.content[:500]
    root = etree.fromstring(response.content)
    results = root.find(f"{{{CSW}}}SearchResults")
    assert results is not None, response.content[:800]  # an ExceptionReport otherwise
    identifiers = {e.text for e in results.iter(f"{{{DC}}}identifier")}
    return int(results.get("numberOfRecordsMatched")), identifiers


def opensearch_matches(box: list[float]) -> int:
    params = {
        "service": "CSW",
        "version": "3.0.0",
        "request": "GetRecords",
        "typenames": "csw:Record",
        "elementsetname": "brief",
        "bbox": ",".join(repr(v) for v in box),
    }
    response = Client().get("/opensearch", params)
    assert response.status_code == 200, response.content[:500]
    feed = etree.fromstring(response.content)
    total = feed.findtext(f"{{{OS}}}totalResults")
    assert total is not None, response.content[:800]
    return int(total)


def ogcapi_matches(box: list[float]) -> int:
    """numberMatched of OGC API – Records items for a bbox ("intersects" in OGC API – Records Part 1)."""
    response = Client().get(
        "/ogcapi/collections/records/items", {"bbox": ",".join(repr(v) for v in box), "limit": "1", "f": "json"}
    )
    assert response.status_code == 200, response.content[:500]
    return int(response.json()["numberMatched"])


@PROPERTY
@given(
    records=st.lists(record_boxes(), min_size=1, max_size=6),
    queries=st.lists(query_boxes(shapes=("box",)), min_size=1, max_size=2),
)
def test_csw_bbox_and_within_and_opensearch_match_the_reference(uncached, records, queries):
    for query in queries:
        # A query envelope needs an area (pycsw turns it into a polygon).
        assume(query.west != query.east and query.south < query.north)
    named = {f"rec-{i}": boxes for i, boxes in enumerate(records)}
    published = {name: [as_list(b) for b in boxes] for name, boxes in named.items()}
    with transaction.atomic():
        store_records(named)
        for query in queries:
            box = as_list(query)
            intersecting = matching(published, box, "intersects")
            assert csw_matches("BBOX", box) == (len(intersecting), intersecting), (box, published)
            within = matching(published, box, "ogc_within")
            assert csw_matches("Within", box) == (len(within), within), (box, published)
            assert opensearch_matches(box) == len(intersecting), (box, published)
            assert ogcapi_matches(box) == len(intersecting), (box, published)
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("element_set", "schema"),
    [("full", "http://www.opengis.net/cat/csw/2.0.2"), ("full", "http://www.isotc211.org/2005/gmd")],
)
def test_records_stored_as_points_lines_and_collections_are_written_with_their_published_boxes(
    uncached, element_set, schema
):
    from catalogue.records.unified import BBox

    store_records(
        {
            "station": [BBox(-4.5, 48.4, -4.5, 48.4)],
            "transect": [BBox(-5.0, 47.0, -5.0, 48.0)],
            "mixed": [BBox(0.0, 40.0, 10.0, 50.0), BBox(20.0, 45.0, 20.0, 45.0)],
        }
    )
    body = GET_RECORDS.format(operator="BBOX", west=-10.0, south=40.0, east=25.0, north=50.0)
    body = body.replace("<csw:ElementSetName>brief", f"<csw:ElementSetName>{element_set}")
    body = body.replace('resultType="results"', f'resultType="results" outputSchema="{schema}"')
    response = Client().post("/csw", body, content_type="application/xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    results = root.find(f"{{{CSW}}}SearchResults")
    assert results is not None, response.content[:800]
    assert results.get("numberOfRecordsMatched") == "3"
    # Each record's boxes are written as published (the station as a point box), whatever the stored geometry.
    if schema.endswith("gmd"):
        gmd = "{http://www.isotc211.org/2005/gmd}"
        boxes = {}
        for metadata in results.iter(f"{gmd}MD_Metadata"):
            identifier = metadata.findtext(f"{gmd}fileIdentifier/*").strip()
            boxes[identifier] = sorted(
                tuple(float(box.findtext(f"{gmd}{side}/*")) for side in ("westBoundLongitude", "southBoundLatitude"))
                for box in metadata.iter(f"{gmd}EX_GeographicBoundingBox")
            )
        assert boxes == {"station": [(-4.5, 48.4)], "transect": [(-5.0, 47.0)], "mixed": [(0.0, 40.0), (20.0, 45.0)]}
    else:
        ows = "{http://www.opengis.net/ows}"
        corners = {
            record.findtext(f"{{{DC}}}identifier"): sorted(
                b.findtext(f"{ows}LowerCorner") for b in record.iter(f"{ows}BoundingBox")
            )
            for record in results
        }
        assert corners["station"] == ["48.4 -4.5"] and len(corners["mixed"]) == 2  # EPSG:4326, latitude first
