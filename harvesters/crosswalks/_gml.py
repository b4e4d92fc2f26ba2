"""The lon/lat envelope of a GML geometry (an ISO EX_BoundingPolygon's polygon), whatever GML version wrote it.

ISO lets a record give its extent as a polygon (or points, lines) instead of, or besides, a bounding box. We keep
boxes only, so a polygon becomes the box around its coordinates. What makes this more than min/max:

- axis order. The srsName decides: CRS84 and a missing srsName are lon/lat (every polygon without one we met is
  written lon/lat); EPSG URNs and http://www.opengis.net/def/crs URIs follow the EPSG axis order, lat/lon for
  geographic CRSs; the short "EPSG:4326" form is lon/lat in GML 2/3.1 (the old WFS convention) but lat/lon in GML 3.2.
- projected CRSs (metres, e.g. EPSG:2056 or 3857) are not degrees: they give no box rather than a wrong one.
- pos/posList with srsDimension 2 or 3, GML 2 coordinates ("x,y x,y" with cs/ts/decimal) and coord X/Y elements.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from catalogue.records.unified import BBox
from harvesters.crosswalks._common import LOCAL_NAMES, make_bbox

GML32 = "http://www.opengis.net/gml/3.2"

# Geographic CRSs in degrees whose EPSG axis order is lat/lon: WGS 84 (2D, 3D), ETRS89, NAD83, NAD27, RGF93.
_GEOGRAPHIC_EPSG = frozenset({"4326", "4979", "4258", "4937", "4269", "4267", "4171"})
_CODE_AT_END = re.compile(r"(\d+)$")  # EPSG:4326, urn:ogc:def:crs:EPSG:6.6:4326, .../def/crs/EPSG/0/4326
_LEGACY_EPSG = re.compile(r"^(?:epsg:|http://www\.opengis\.net/gml/srs/epsg\.xml#)\d+$")

LON_LAT, LAT_LON = "lon/lat", "lat/lon"


@lru_cache(maxsize=256)  # a handful of (srsName, GML version) pairs in a harvest; polygons repeat them per pos
def axis_order(srs_name: str, gml_namespace: str) -> str:
    """LON_LAT, LAT_LON, or "" for a CRS that is not in degrees (or that we do not know)."""
    name = srs_name.strip().lower()
    if not name or "crs84" in name or name.endswith("crs:84"):
        return LON_LAT
    match = _CODE_AT_END.search(name) if "epsg" in name else None
    if match is None or match[1] not in _GEOGRAPHIC_EPSG:
        return ""
    if _LEGACY_EPSG.match(name):
        return LAT_LON if gml_namespace == GML32 else LON_LAT
    return LAT_LON


def geometry_points(geometry: etree._Element) -> tuple[list[float], list[float], bool]:
    """(longitudes, latitudes of the geometry's points, whether some coordinates could not be read or placed).

    The srsName and srsDimension of the nearest element that declares them apply, as GML says. Longitudes and
    latitudes are kept as two flat lists: a country outline has thousands of points, and slicing plus min/max
    over float lists runs in C (pairs of tuples cost 0.3 us a point).
    """
    points: tuple[list[float], list[float]] = ([], [])
    state = {"bad": False}
    namespace = geometry.tag.partition("}")[0][1:] if isinstance(geometry.tag, str) else ""
    _walk(geometry, geometry.get("srsName") or "", geometry.get("srsDimension") or "", namespace, points, state)
    return points[0], points[1], state["bad"]


def _walk(element, srs: str, dimension: str, namespace: str, points: list, state: dict) -> None:
    for child in element[:]:
        name = LOCAL_NAMES[child.tag]
        if not name:
            continue
        child_srs = child.get("srsName") or srs
        child_dimension = child.get("srsDimension") or dimension
        if name in ("pos", "posList"):
            _add_points(_numbers(child.text), child_srs, child_dimension, namespace, points, state)
        elif name == "coordinates":
            _add_points(_gml2_numbers(child), child_srs, "2", namespace, points, state)
        elif name == "coord":
            xy = {LOCAL_NAMES[part.tag]: part.text for part in child}
            _add_points(_numbers(f"{xy.get('X', '')} {xy.get('Y', '')}"), child_srs, "2", namespace, points, state)
        else:
            _walk(child, child_srs, child_dimension, namespace, points, state)


def _numbers(text: str | None) -> list[float] | None:
    text = text or ""
    if "n" in text or "N" in text:  # nan, inf, infinity: never a coordinate (cheaper than isfinite per value)
        return None
    try:
        return list(map(float, text.split()))
    except ValueError:
        return None


def _gml2_numbers(element: etree._Element) -> list[float] | None:
    """GML 2 <coordinates>: tuples split by ts (space), values by cs (comma), decimal point `decimal`."""
    decimal, cs, ts = element.get("decimal") or ".", element.get("cs") or ",", element.get("ts") or " "
    text = (element.text or "").strip()
    if ts.isspace():
        tuples = text.split()
    else:
        tuples = [part.strip() for part in text.split(ts) if part.strip()]
    values = []
    for coordinate in tuples:
        parts = coordinate.split(cs)
        if len(parts) < 2:
            return None
        values += [part.strip().replace(decimal, ".") for part in parts[:2]]
    return _numbers(" ".join(values))


def _add_points(values, srs: str, dimension: str, namespace: str, points: list, state: dict) -> None:
    step = int(dimension) if dimension.isdigit() and dimension in ("2", "3") else 2
    order = axis_order(srs, namespace)
    if values is None or len(values) % step or not order:
        state["bad"] = state["bad"] or values is None or bool(len(values or ()) % step)
        return
    lons, lats = points
    first, second = values[0::step], values[1::step]
    lons.extend(second if order == LAT_LON else first)
    lats.extend(first if order == LAT_LON else second)


def envelope(lons: list[float], lats: list[float]) -> BBox | None:
    """The box around (lon, lat) points; across the antimeridian when the points say so.

    Points at 177 and -179 with none between -90 and 90 are a polygon around Fiji, not one around the world:
    its box is 177..-179 (west > east). A point near Greenwich keeps the plain min/max box.
    """
    if not lons:
        return None
    west, east = min(lons), max(lons)
    if east - west > 180.0 and all(abs(lon) >= 90.0 for lon in lons):
        west, east = min(lon for lon in lons if lon > 0.0), max(lon for lon in lons if lon < 0.0)
    return make_bbox(west, min(lats), east, max(lats))


def covers(box: BBox, inner: BBox, tolerance: float = 1e-3) -> bool:
    """Whether ``box`` contains ``inner`` (both may cross the antimeridian). The tolerance (about 100 m)
    absorbs the rounding of published bounding boxes."""
    if inner.south < box.south - tolerance or inner.north > box.north + tolerance:
        return False
    return _lon_ranges_cover(_lon_ranges(box), _lon_ranges(inner), tolerance)


def _lon_ranges(box: BBox) -> list[tuple[float, float]]:
    if box.crosses_antimeridian:
        return [(box.west, 180.0), (-180.0, box.east)]
    return [(box.west, box.east)]


def _lon_ranges_cover(outer: list, inner: list, tolerance: float) -> bool:
    return all(
        any(west >= o_west - tolerance and east <= o_east + tolerance for o_west, o_east in outer)
        for west, east in inner
    )
