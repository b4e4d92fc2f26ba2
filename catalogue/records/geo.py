"""Bounding boxes to PostGIS geometry, the antimeridian handled once, here.

`search_geometry` is what PostGIS stores and queries: the exact union of a record's boxes, valid by construction
(docs/geometry.md). `bbox_polygons` gives every box an area, for GeoJSON display and Elasticsearch.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon

from catalogue.records.unified import BBox

_EWKB_SRID_FLAG = 0x20000000

# Display and the Elasticsearch geo_shape give a box with no width or height (a point, a line of stations) a tiny
# area; the PostGIS search geometry keeps it exact (search_geometry).
_MIN_EXTENT = 1e-6


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def normalise_longitude(lon: float) -> float:
    """Bring a longitude into -180..180 (0..360 sources are common in ocean data)."""
    if -180.0 <= lon <= 180.0:
        return lon
    wrapped = ((lon + 180.0) % 360.0) - 180.0
    return 180.0 if wrapped == -180.0 and lon > 0 else wrapped


def _box(west: float, south: float, east: float, north: float) -> tuple[float, float, float, float]:
    if east - west < _MIN_EXTENT:
        east = min(180.0, west + _MIN_EXTENT) if west < 180.0 else east
        west = east - _MIN_EXTENT
    if north - south < _MIN_EXTENT:
        north = min(90.0, south + _MIN_EXTENT) if south < 90.0 else north
        south = north - _MIN_EXTENT
    return (west, south, east, north)


def bbox_polygons(box: BBox) -> list[Polygon]:
    """One polygon, or two when the box crosses the antimeridian (west > east)."""
    return [Polygon.from_bbox(extent) for extent in _extents(box)]


def bbox_rings(box: BBox) -> list[list[tuple[float, float]]]:
    """The outer rings of `bbox_polygons(box)`, the same coordinates in the same order, as plain tuples: building
    GEOS polygons only to read their coordinates back was most of the time of a search document (a bulk load
    builds a million)."""
    return [[(w, s), (w, n), (e, n), (e, s), (w, s)] for w, s, e, n in _extents(box)]


def _extents(box: BBox) -> list[tuple[float, float, float, float]]:
    return [_box(*part) for part in box_parts(box)]


def box_parts(box: BBox) -> list[tuple[float, float, float, float]]:
    """The exact (west, south, east, north) parts of a published box: one, or two when it crosses the antimeridian.

    No widening: a part may have no width or no height (a line) or neither (a point). Latitudes are clamped and
    ordered; a box with a coordinate that is not a finite number has no parts (it describes no place)."""
    if not all(math.isfinite(v) for v in (box.west, box.south, box.east, box.north)):
        return []
    south, north = sorted((_clamp(_snap(box.south), -90.0, 90.0), _clamp(_snap(box.north), -90.0, 90.0)))
    west, east = normalise_longitude(_snap(box.west)), normalise_longitude(_snap(box.east))
    if west > east and (west == 180.0 or east == -180.0):
        # A box across the antimeridian that starts or ends on it: 180 and -180 are one meridian, so it does not
        # cross (split, it would be a line on one side and an area on the other: a GeometryCollection query, which
        # PostGIS's cached prepared geometries of GEOS 3.11 get wrong).
        west, east = (-180.0, east) if west == 180.0 else (west, 180.0)
    if west > east:
        return [(west, south, 180.0, north), (-180.0, south, east, north)]
    return [(west, south, east, north)]


# GEOS 3.11's predicates underflow on segments shorter than ~1e-160 (a line from -1e-200 to 0 "does not intersect"
# a line through it: found by tests/test_geometry_search.py). Such coordinates mean 0; nothing real is that small.
_TINY = 1e-100


def _snap(value: float) -> float:
    return 0.0 if -_TINY < value < _TINY else value


def search_geometry(boxes: Iterable[BBox]) -> GEOSGeometry | None:
    """The geometry a record is searched by: exactly the union of its boxes, always valid (docs/geometry.md).

    Boxes with an area give a MultiPolygon (as before for a single box); points and lines stay points and lines;
    a record with both gets a GeometryCollection. Several parts that overlap, nest or touch are merged by a union
    (a MultiPolygon whose parts overlap is invalid and makes ST_CoveredBy/ST_Within raise); parts that are apart
    are written as they are, without a union."""
    parts = [part for box in boxes for part in box_parts(box)]
    if not parts:
        return None
    areas = [p for p in parts if p[0] < p[2] and p[1] < p[3]]
    if len(areas) == len(parts) and (len(parts) == 1 or (len(parts) <= _PAIRWISE_MAX and _apart(parts))):
        return _multipolygon_ewkb(parts)
    if len(parts) == 1:
        return _ewkb(_piece_wkb(parts[0]), 0)
    union = _ewkb(b"".join(_piece_wkb(p) for p in parts), len(parts)).unary_union
    if union.geom_type == "Polygon":
        union = MultiPolygon(union, srid=4326)
    union.srid = 4326
    return union


# Above this many parts the pairwise test costs more than the union it would save.
_PAIRWISE_MAX = 8


def _apart(parts: list[tuple[float, float, float, float]]) -> bool:
    """No two closed boxes share a point (touching along an edge is invalid in a MultiPolygon too)."""
    for i, (w1, s1, e1, n1) in enumerate(parts):
        for w2, s2, e2, n2 in parts[i + 1 :]:
            if w1 <= e2 and w2 <= e1 and s1 <= n2 and s2 <= n1:
                return False
    return True


# Geometries are built as (E)WKB and parsed once by GEOS: filling coordinate sequences point by point from Python
# cost more than the rest of a record's ingest.
def _piece_wkb(part: tuple[float, float, float, float]) -> bytes:
    """WKB of one part: a polygon (same rings, same vertex order as Polygon.from_bbox), a point or a line."""
    x0, y0, x1, y1 = part
    if x0 < x1 and y0 < y1:
        return struct.pack("<BIII10d", 1, 3, 1, 5, x0, y0, x0, y1, x1, y1, x1, y0, x0, y0)
    if x0 == x1 and y0 == y1:
        return struct.pack("<BI2d", 1, 1, x0, y0)
    return struct.pack("<BII4d", 1, 2, 2, x0, y0, x1, y1)


def _ewkb(pieces: bytes, collection_size: int) -> GEOSGeometry:
    """One piece as EWKB (collection_size 0), or a GeometryCollection of `collection_size` pieces, in EPSG:4326."""
    if not collection_size:
        kind = struct.unpack_from("<I", pieces, 1)[0]
        return GEOSGeometry(memoryview(struct.pack("<BII", 1, kind | _EWKB_SRID_FLAG, 4326) + pieces[5:]))
    return GEOSGeometry(memoryview(struct.pack("<BIII", 1, 7 | _EWKB_SRID_FLAG, 4326, collection_size) + pieces))


def _multipolygon_ewkb(parts: list[tuple[float, float, float, float]]) -> GEOSGeometry:
    header = struct.pack("<BIII", 1, 6 | _EWKB_SRID_FLAG, 4326, len(parts))
    return GEOSGeometry(memoryview(header + b"".join(_piece_wkb(p) for p in parts)))


def bbox_from_list(values: list[float]) -> BBox:
    west, south, east, north = (float(v) for v in values)
    return BBox(west=west, south=south, east=east, north=north)
