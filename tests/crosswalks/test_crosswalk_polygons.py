"""ISO bounding polygons (EX_BoundingPolygon) become boxes when no EX_GeographicBoundingBox covers them.

Expected values were read from the XML by hand: the corpus file's gml:pos elements, our fixtures' comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.records.unified import BBox
from harvesters.crosswalks import parse_document
from harvesters.crosswalks._gml import GML32, LAT_LON, LON_LAT, axis_order, covers, envelope

FIXTURES = Path(__file__).parent.parent / "fixtures" / "crosswalks"
GML31 = "http://www.opengis.net/gml"
ENVIDAT = "iso19139/b2find__envidat-iso19139__polygon_80cec969-c17d-5023-b99b-a16cdd3ce04d.xml"


def test_envidat_polygon_only_record_gets_the_box_of_its_points(corpus_dir):
    # Lines 156-167: a gml:MultiPoint (GML 3.1, no srsName) with pos "9.868 46.808" and "10.727 46.517" (lon lat,
    # Davos); the record has no EX_GeographicBoundingBox at all.
    name, r = parse_document((corpus_dir / ENVIDAT).read_bytes())
    assert name == "iso19139" and r.identifier == "doi:10.16904/envidat.28"
    assert r.bboxes == [BBox(9.868, 46.517, 10.727, 46.808)]
    assert r.issues == {}


@pytest.mark.parametrize(
    ("name", "box"),
    [
        # Each has an EX_GeographicBoundingBox around its polygon: the box stays the only one.
        ("iso19139/che__amphibians-19139.che.xml", BBox(5.956088, 45.81797, 10.492036, 47.808488)),
        ("iso19139/owslib__iso_che.xml", BBox(8.396, 47.082, 8.701, 47.248)),
        ("iso19115-3/che__VALTRALOC-19115-3.che.xml", BBox(6.742307, 46.438047, 7.380268, 47.006881)),
    ],
)
def test_polygon_covered_by_a_box_adds_nothing(corpus_dir, name, box):
    _, r = parse_document((corpus_dir / name).read_bytes())
    assert r.bboxes == [box]


def test_iso19139_polygons_every_axis_order_and_gml_version():
    _, r = parse_document((FIXTURES / "iso19139_polygons.xml").read_bytes())
    assert r.bboxes == [
        BBox(-5.2, 47.2, -1.0, 48.9),  # the box; the Finistere polygon inside it adds nothing
        BBox(2.0, 43.0, 4.5, 44.5),  # GML 3.2, urn:ogc:def:crs:EPSG::4326, lat/lon
        BBox(5.0, 45.0, 7.0, 46.0),  # GML 3.2, EPSG:4326, lat/lon, srsDimension 3 (heights dropped)
        BBox(55.2, -21.4, 55.8, -20.9),  # GML 3.1 EPSG:4326 lon/lat, GML 2 coordinates
        BBox(177.0, -19.0, -179.0, -16.0),  # CRS84 across the antimeridian
    ]  # the excluded area (extentTypeCode false) and the EPSG:2056 polygon (metres) give no box
    assert r.bboxes[-1].crosses_antimeridian
    assert r.issues == {}


def test_iso19115_3_multisurface_in_default_gml_namespace():
    name, r = parse_document((FIXTURES / "iso19115_3_polygon.xml").read_bytes())
    assert name == "iso19115-3"
    assert r.bboxes == [BBox(6.15, 46.2, 6.9, 46.52)]  # both surfaces' points


def test_unreadable_polygon_coordinates_are_flagged_not_fatal():
    content = (FIXTURES / "iso19115_3_polygon.xml").read_bytes().replace(b"6.5 46.45 6.6", b"6.5 46.45 six")
    _, r = parse_document(content)
    assert r.bboxes == [BBox(6.15, 46.2, 6.9, 46.5)]  # the readable surface (first posList) still counts
    assert r.issues == {"bbox": "polygon"}


@pytest.mark.parametrize(
    ("srs_name", "namespace", "order"),
    [
        ("", GML32, LON_LAT),
        ("EPSG:4326", GML31, LON_LAT),
        ("EPSG:4326", GML32, LAT_LON),
        ("http://www.opengis.net/gml/srs/epsg.xml#4326", GML31, LON_LAT),
        ("urn:ogc:def:crs:EPSG::4326", GML31, LAT_LON),
        ("urn:ogc:def:crs:EPSG:6.6:4258", GML32, LAT_LON),
        ("http://www.opengis.net/def/crs/EPSG/0/4326", GML32, LAT_LON),
        ("urn:ogc:def:crs:OGC:1.3:CRS84", GML32, LON_LAT),
        ("urn:ogc:def:crs:EPSG::3857", GML32, ""),
        ("EPSG:2154", GML31, ""),
    ],
)
def test_axis_order(srs_name, namespace, order):
    assert axis_order(srs_name, namespace) == order


def test_envelope_and_cover():
    assert envelope([170.0, -170.0], [1.0, 2.0]) == BBox(170.0, 1.0, -170.0, 2.0)  # 20 degrees, not 340
    assert envelope([-100.0, 0.0, 100.0], [1.0, 3.0, 2.0]) == BBox(-100.0, 1.0, 100.0, 3.0)  # through Greenwich
    assert envelope([], []) is None
    across = BBox(170.0, -10.0, -170.0, 10.0)
    assert covers(across, BBox(175.0, 0.0, -175.0, 5.0)) and covers(across, BBox(171.0, 0.0, 172.0, 1.0))
    assert not covers(across, BBox(0.0, 0.0, 1.0, 1.0))
    assert covers(BBox(0.0, 0.0, 1.0, 1.0), BBox(0.0, 0.0, 1.0005, 1.0))  # rounding of the published box
