"""A plain-Python reference for bbox searches, on the published boxes, and hypothesis strategies of boxes.

The reference knows nothing of PostGIS or catalogue.records.geo: a box [west, south, east, north] (west > east
crosses the antimeridian, unless it starts or ends on it) is one or two closed lon/lat rectangles, and
- a record intersects a query box when one of its rectangles shares a point with one of the query's;
- a record is within a query box (bbox_relation=within, PostGIS ST_CoveredBy) when each of its rectangles lies
  in one of the query's (the query's two rectangles never touch, so "in their union" is "in one of them");
- CSW/FES Within (ST_Within, OGC) is that, and some part of the record's interior is in the query's interior:
  a rectangle with an area always is, a line must not lie on the query's edge, a point must be strictly inside.
A record without boxes matches no box.
"""

from __future__ import annotations

from django.contrib.gis.geos import GEOSGeometry
from hypothesis import strategies as st

from catalogue.records.unified import BBox

Rect = tuple[float, float, float, float]


def rectangles(box) -> list[Rect]:
    west, south, east, north = (float(v) for v in box)
    assert -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90, box
    if west > east and west == 180:  # starts on the antimeridian: does not cross it (180 and -180 are one meridian)
        west = -180.0
    elif west > east and east == -180:
        east = 180.0
    if west > east:
        return [(west, south, 180.0, north), (-180.0, south, east, north)]
    return [(west, south, east, north)]


def _meet(a: Rect, b: Rect) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _inside(a: Rect, b: Rect) -> bool:
    return b[0] <= a[0] and a[2] <= b[2] and b[1] <= a[1] and a[3] <= b[3]


def _interior_meets(a: Rect, q: Rect) -> bool:
    """Given a inside q (q with an area): does a's interior (relative, for lines) meet q's interior?"""
    w, s, e, n = a
    if w < e and s < n:
        return True
    # A line: along its length it is in q's open interior unless it runs on one of q's edges.
    if w == e and s < n:
        return q[0] < w < q[2]
    if s == n and w < e:
        return q[1] < s < q[3]
    return q[0] < w < q[2] and q[1] < s < q[3]  # a point


def intersects(boxes, query) -> bool:
    return any(_meet(a, q) for box in boxes for a in rectangles(box) for q in rectangles(query))


def covered_by(boxes, query) -> bool:
    parts = [a for box in boxes for a in rectangles(box)]
    return bool(parts) and all(any(_inside(a, q) for q in rectangles(query)) for a in parts)


def ogc_within(boxes, query) -> bool:
    """FES Within, for a query box with an area."""
    if not covered_by(boxes, query):
        return False
    parts = [a for box in boxes for a in rectangles(box)]
    return any(_interior_meets(a, q) for a in parts for q in rectangles(query) if _inside(a, q))


def matching(records: dict[str, list], query, relation: str) -> set[str]:
    test = {"intersects": intersects, "within": covered_by, "ogc_within": ogc_within}[relation]
    return {name for name, boxes in records.items() if boxes and test(boxes, query)}


# -- strategies -----------------------------------------------------------------------------------------------
# Coordinates from a small grid make boxes share edges, corners and whole sides (touching, nesting, identical
# boxes, the poles, both sides of the antimeridian); any float in range does the rest.
# Values under 1e-100 in magnitude are drawn as 0, as catalogue.records.geo reads them (GEOS 3.11 underflows there).
def _degrees(limit: float):
    return st.floats(-limit, limit, allow_nan=False).map(lambda v: 0.0 if abs(v) < 1e-100 else v)


LONGITUDES = st.one_of(
    st.sampled_from([-180.0, -179.5, -90.0, -45.25, -10.0, 0.0, 0.1, 10.0, 45.5, 90.0, 179.5, 180.0]), _degrees(180)
)
LATITUDES = st.one_of(st.sampled_from([-90.0, -45.0, -10.0, 0.0, 10.0, 45.5, 89.5, 90.0]), _degrees(90))


@st.composite
def boxes(draw, shapes=("box", "point", "meridian line", "parallel line", "zero-area")) -> BBox:
    """One published box: an area (possibly across the antimeridian), a point, a line, or a zero-area box."""
    shape = draw(st.sampled_from(shapes))
    west, east = draw(LONGITUDES), draw(LONGITUDES)
    south, north = sorted((draw(LATITUDES), draw(LATITUDES)))
    if shape == "point":
        east, north = west, south
    elif shape == "meridian line":
        east = west
    elif shape == "parallel line":
        north = south
    elif shape == "zero-area":  # no height, across the antimeridian: two lines, one each side
        west, east, north = draw(st.floats(0.5, 180)), draw(st.floats(-180, -0.5)), south
    return BBox(west, south, east, north)


def record_boxes(max_boxes: int = 4):
    """The boxes of one record: none (no extent), one, or several that may overlap, nest or touch."""
    return st.lists(boxes(), min_size=0, max_size=max_boxes)


def query_boxes(shapes=("box", "point", "meridian line", "parallel line")):
    return boxes(shapes=shapes)


def as_list(box: BBox) -> list[float]:
    return [box.west, box.south, box.east, box.north]


# -- the builder before issue 18 -----------------------------------------------------------------------------
def legacy_geometry(boxes) -> GEOSGeometry | None:
    """The builder before issue 18 (catalogue/geo.py at 73a8cae: one MultiPolygon of the boxes' parts, each widened
    to 1e-6 degrees when it has no width or height), kept as bench/bench_geometry.py's baseline and to write the
    rows migration 0008 repairs."""
    from catalogue.records.geo import _box, _multipolygon_ewkb, normalise_longitude

    polygons = []
    for box in boxes:
        south, north = sorted((max(-90.0, min(90.0, box.south)), max(-90.0, min(90.0, box.north))))
        west, east = normalise_longitude(box.west), normalise_longitude(box.east)
        parts = (
            [(west, south, 180.0, north), (-180.0, south, east, north)] if west > east else [(west, south, east, north)]
        )
        # The widening of a part with no width or height is still the display's (`_box`, for GeoJSON/Elasticsearch).
        polygons.extend(_box(*part) for part in parts)
    return _multipolygon_ewkb(polygons) if polygons else None
