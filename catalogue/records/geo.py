"""Bounding boxes to PostGIS geometry, the antimeridian handled once, here."""

from __future__ import annotations

import struct
from collections.abc import Iterable

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon

from catalogue.records.unified import BBox

_EWKB_SRID_FLAG = 0x20000000

# A box with no width or height (a point or a line of stations) still needs an area to be indexed and intersected.
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


def _extents(box: BBox) -> list[tuple[float, float, float, float]]:
    south, north = sorted((_clamp(box.south, -90.0, 90.0), _clamp(box.north, -90.0, 90.0)))
    west, east = normalise_longitude(box.west), normalise_longitude(box.east)
    if west > east:
        return [_box(west, south, 180.0, north), _box(-180.0, south, east, north)]
    return [_box(west, south, east, north)]


def bboxes_to_multipolygon(boxes: Iterable[BBox]) -> MultiPolygon | None:
    polygons = [extent for box in boxes for extent in _extents(box)]
    if not polygons:
        return None
    # Built as EWKB and parsed once by GEOS: filling coordinate sequences point by point from Python cost more
    # than the rest of a record's ingest. Same rings, same vertex order as Polygon.from_bbox.
    wkb = [struct.pack("<BIII", 1, 6 | _EWKB_SRID_FLAG, 4326, len(polygons))]
    for polygon in polygons:
        x0, y0, x1, y1 = polygon
        wkb.append(struct.pack("<BIII10d", 1, 3, 1, 5, x0, y0, x0, y1, x1, y1, x1, y0, x0, y0))
    return GEOSGeometry(memoryview(b"".join(wkb)))


def bbox_from_list(values: list[float]) -> BBox:
    west, south, east, north = (float(v) for v in values)
    return BBox(west=west, south=south, east=east, north=north)
