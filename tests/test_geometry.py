"""PostGIS geometry: boxes stored as their exact, valid union split at the antimeridian; bbox queries right across."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.gis.geos import Polygon
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.records.geo import bbox_polygons, bbox_rings, normalise_longitude, search_geometry
from catalogue.records.ingest import IngestItem, ingest_batch
from catalogue.records.models import Record
from catalogue.records.unified import BBox, HarvestedDocument
from poles.models import HarvestSource
from tests.conftest import make_unified

pytestmark = pytest.mark.django_db


def store(source, identifier, boxes):
    record = make_unified(identifier, bboxes=boxes)
    doc = HarvestedDocument(source_identifier=identifier, content=f"<x id='{identifier}'/>".encode())
    ingest_batch(source, [IngestItem(doc, record, "iso19139")])


@pytest.fixture
def source():
    return HarvestSource.objects.get(slug="demo-odatis")


@pytest.fixture
def stored(source):
    store(source, "brittany", [BBox(-5.5, 47.0, -1.0, 49.0)])
    store(source, "fiji", [BBox(176.0, -19.0, -178.0, -15.0)])  # crosses the antimeridian
    store(source, "two-boxes", [BBox(2.0, 42.0, 8.0, 51.0), BBox(-61.9, 15.8, -60.8, 16.5)])  # France + Guadeloupe
    store(source, "global", [BBox(-180.0, -90.0, 180.0, 90.0)])
    store(source, "no-extent", [])


def ids_intersecting(west, south, east, north):
    area = search_geometry([BBox(west, south, east, north)])
    return set(Record.objects.filter(geometry__intersects=area).values_list("identifier", flat=True))


def test_a_box_crossing_the_antimeridian_is_split_in_two():
    parts = bbox_polygons(BBox(176.0, -19.0, -178.0, -15.0))
    assert [p.extent for p in parts] == [(176.0, -19.0, 180.0, -15.0), (-180.0, -19.0, -178.0, -15.0)]


coordinate = st.floats(min_value=-400.0, max_value=400.0, allow_nan=False) | st.sampled_from(
    [-180.0, 180.0, -90.0, 90.0, 0.0, 1e-200, -1e-200]
)


@settings(max_examples=300, deadline=None)
@given(coordinate, coordinate, coordinate, coordinate)
def test_the_plain_rings_are_the_polygons_rings(west, south, east, north):
    """Search documents take rings from bbox_rings (no GEOS objects): the same coordinates as bbox_polygons'."""
    box = BBox(west, south, east, north)
    assert bbox_rings(box) == [list(polygon.coords[0]) for polygon in bbox_polygons(box)]


def test_longitudes_from_0_to_360_are_brought_back():
    assert normalise_longitude(350.0) == -10.0
    assert normalise_longitude(180.0) == 180.0
    assert normalise_longitude(-180.0) == -180.0


def test_bbox_intersects_returns_the_right_records(stored):
    assert ids_intersecting(-4.0, 47.5, -3.0, 48.5) == {"brittany", "global"}
    assert ids_intersecting(-61.5, 16.0, -61.0, 16.3) == {"two-boxes", "global"}  # the second box counts too
    assert ids_intersecting(100.0, -60.0, 120.0, -50.0) == {"global"}


def test_bbox_query_across_the_antimeridian_finds_fiji(stored):
    # A query box itself crossing the antimeridian, on either side of it
    assert ids_intersecting(179.0, -18.0, -179.0, -16.0) == {"fiji", "global"}
    assert ids_intersecting(-179.5, -18.0, -178.5, -16.0) == {"fiji", "global"}
    assert ids_intersecting(177.0, -18.0, 178.0, -16.0) == {"fiji", "global"}
    # ...and it does not leak into the whole longitude range between 176 and -178 the short way round
    assert "fiji" not in ids_intersecting(0.0, -18.0, 10.0, -16.0)


def test_the_stored_geometry_is_a_multipolygon_in_wgs84(stored):
    fiji = Record.objects.get(identifier="fiji")
    assert fiji.geometry.srid == 4326
    assert fiji.geometry.geom_type == "MultiPolygon"
    assert len(fiji.geometry) == 2
    assert fiji.bboxes == [[176.0, -19.0, -178.0, -15.0]]  # as published, for display and JSON-LD
    assert Record.objects.get(identifier="no-extent").geometry is None


def test_within_query_uses_postgis(stored):
    europe = Polygon.from_bbox((-11.0, 35.0, 30.0, 60.0))
    within = set(Record.objects.filter(geometry__within=europe).values_list("identifier", flat=True))
    assert within == {"brittany"}


# -- the search geometry: valid, and exactly the union of the boxes (issue 18) ---------------------------------


def _union_area(boxes) -> float:
    from shapely.geometry import box as shapely_box
    from shapely.ops import unary_union

    parts = []
    for b in boxes:
        spans = [(b.west, 180.0), (-180.0, b.east)] if b.west > b.east else [(b.west, b.east)]
        parts.extend(shapely_box(w, b.south, e, b.north) for w, e in spans)
    return unary_union(parts).area  # shapely is an independent GEOS binding: a second opinion on the area


@pytest.mark.parametrize(
    "boxes",
    [
        [BBox(8.5, 41.3, 9.6, 43.1), BBox(8.3, 41.0, 10.0, 43.2)],  # nested (two boxes over Corsica)
        [BBox(0, 0, 10, 10), BBox(5, 5, 15, 15)],  # overlapping
        [BBox(0, 0, 10, 10), BBox(10, 0, 20, 10)],  # touching along an edge
        [BBox(0, 0, 10, 10), BBox(10, 10, 20, 20)],  # touching at a corner
        [BBox(0, 0, 10, 10), BBox(0, 0, 10, 10)],  # the same box twice
        [BBox(170, -20, -170, -10), BBox(175, -15, -175, -5)],  # overlapping across the antimeridian
        [BBox(-180, -90, 180, 90), BBox(170, -20, -170, -10)],  # the world and a box across the antimeridian
    ],
)
def test_overlapping_nested_and_touching_boxes_give_a_valid_exact_union(boxes):
    geometry = search_geometry(boxes)
    assert geometry.valid, geometry.valid_reason
    assert geometry.geom_type == "MultiPolygon" and geometry.srid == 4326
    assert geometry.area == pytest.approx(_union_area(boxes), rel=1e-12)


def test_boxes_without_area_stay_points_and_lines():
    assert search_geometry([BBox(5.5, 45.2, 5.5, 45.2)]).wkt == "POINT (5.5 45.2)"
    assert search_geometry([BBox(-4.0, 48.0, -4.0, 49.0)]).wkt == "LINESTRING (-4 48, -4 49)"  # no width
    assert search_geometry([BBox(-4.0, 48.0, -3.0, 48.0)]).wkt == "LINESTRING (-4 48, -3 48)"  # no height
    crossing = search_geometry([BBox(179.0, -17.0, -179.0, -17.0)])  # a line across the antimeridian
    assert crossing.geom_type == "MultiLineString" and crossing.valid
    assert sorted(line.extent for line in crossing) == [(-180.0, -17.0, -179.0, -17.0), (179.0, -17.0, 180.0, -17.0)]


def test_points_and_lines_inside_a_box_add_nothing_and_outside_it_are_kept():
    area = BBox(0.0, 40.0, 10.0, 50.0)
    inside = search_geometry([area, BBox(5.0, 45.0, 5.0, 45.0), BBox(2.0, 41.0, 2.0, 49.0)])
    assert inside.geom_type == "MultiPolygon" and inside.area == 100.0
    mixed = search_geometry([area, BBox(20.0, 45.0, 20.0, 45.0), BBox(5.0, 45.0, 15.0, 45.0)])
    assert mixed.geom_type == "GeometryCollection" and mixed.valid
    kinds = sorted((part.geom_type, part.extent) for part in mixed)
    assert kinds == [
        ("LineString", (10.0, 45.0, 15.0, 45.0)),  # the part of the line outside the box, exactly
        ("Point", (20.0, 45.0, 20.0, 45.0)),
        ("Polygon", (0.0, 40.0, 10.0, 50.0)),
    ]


def test_boxes_with_coordinates_that_are_not_numbers_describe_no_place():
    assert search_geometry([BBox(float("nan"), 1.0, 2.0, 3.0)]) is None
    assert search_geometry([BBox(0.0, 1.0, float("inf"), 3.0), BBox(0.0, 1.0, 2.0, 3.0)]).area == 4.0


def test_a_point_record_is_stored_as_a_point_and_found_on_the_edge_of_a_box(source):
    store(source, "station", [BBox(-4.5, 48.0, -4.5, 48.0)])
    station = Record.objects.get(identifier="station")
    assert station.geometry.geom_type == "Point" and station.bboxes == [[-4.5, 48.0, -4.5, 48.0]]
    assert "station" in ids_intersecting(-4.5, 47.0, -4.0, 48.0)  # its corner is the point
    edge = search_geometry([BBox(-4.5, 47.0, -4.0, 48.0)])
    assert Record.objects.filter(identifier="station", geometry__coveredby=edge).exists()
    assert "station" not in ids_intersecting(-4.49, 47.0, -4.0, 48.0)


def test_the_database_refuses_an_invalid_geometry_whatever_writes_it(stored):
    from django.contrib.gis.geos import GEOSGeometry
    from django.db import IntegrityError, connection, transaction
    from psycopg.errors import CheckViolation

    from catalogue.records.bulkcopy import copy_insert

    overlapping = "SRID=4326;MULTIPOLYGON(((0 0,0 2,2 2,2 0,0 0)),((1 1,1 3,3 3,3 1,1 1)))"
    with pytest.raises(IntegrityError, match="record_geometry_valid"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE catalogue_record SET geometry = %s::geometry WHERE identifier = 'brittany'", [overlapping]
            )
    record = Record.objects.get(identifier="brittany")
    record.pk, record.identifier, record.doi = uuid.uuid4(), "copied", None
    record.geometry = GEOSGeometry(overlapping)
    # COPY goes through psycopg's own cursor: its error is psycopg's, not wrapped by Django.
    with pytest.raises(CheckViolation, match="record_geometry_valid"), transaction.atomic():
        copy_insert(Record, [record])


def test_coordinates_too_small_for_geos_are_read_as_zero():
    # GEOS 3.11 (PostGIS here) says a line from -1e-200 to 0 does not meet a line through it; 1e-200 means 0.
    assert search_geometry([BBox(-1e-200, -90.0, 0.0, -90.0)]).wkt == "POINT (0 -90)"
    assert search_geometry([BBox(-1e-50, 0.0, 0.0, 1.0)]).extent == (-1e-50, 0.0, 0.0, 1.0)


def test_a_box_starting_or_ending_on_the_antimeridian_does_not_cross_it():
    assert search_geometry([BBox(180.0, -20.0, -170.0, -10.0)]).extent == (-180.0, -20.0, -170.0, -10.0)
    assert search_geometry([BBox(170.0, -20.0, -180.0, -10.0)]).extent == (170.0, -20.0, 180.0, -10.0)
