"""PostGIS geometry: boxes stored as split multipolygons, bbox queries right across the antimeridian."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import Polygon

from catalogue.records.geo import bbox_polygons, bboxes_to_multipolygon, normalise_longitude
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
    area = bboxes_to_multipolygon([BBox(west, south, east, north)])
    return set(Record.objects.filter(geometry__intersects=area).values_list("identifier", flat=True))


def test_a_box_crossing_the_antimeridian_is_split_in_two():
    parts = bbox_polygons(BBox(176.0, -19.0, -178.0, -15.0))
    assert [p.extent for p in parts] == [(176.0, -19.0, 180.0, -15.0), (-180.0, -19.0, -178.0, -15.0)]


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
