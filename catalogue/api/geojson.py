"""GeoJSON output of a search page: one Feature per hit, its boxes as a (Multi)Polygon in WGS 84 (RFC 7946:
a box crossing the antimeridian is split in two polygons)."""

from __future__ import annotations

from rest_framework.renderers import JSONRenderer

from catalogue.api.serializers import HitSerializer
from catalogue.records.geo import bbox_polygons
from catalogue.records.unified import BBox
from catalogue.search.results import SearchResult


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


def _geometry(boxes: list[list[float]]) -> dict | None:
    polygons = []
    for box in boxes:
        try:
            for polygon in bbox_polygons(BBox(*map(float, box))):
                polygons.append([[list(point) for point in polygon.coords[0]]])
        except (TypeError, ValueError):
            continue  # a malformed box in the data: the feature keeps its properties
    if not polygons:
        return None
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def feature_collection(result: SearchResult) -> dict:
    features = []
    for hit, properties in zip(result.hits, HitSerializer(result.hits, many=True).data, strict=True):
        features.append({"type": "Feature", "id": hit.id, "geometry": _geometry(hit.bbox), "properties": properties})
    return {
        "type": "FeatureCollection",
        "features": features,
        "count": result.count,
        "count_is_estimate": result.count_is_estimate,
        "page": result.page,
        "pages": result.pages,
    }
