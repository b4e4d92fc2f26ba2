"""The OpenAPI 3.0 document of /ogcapi/ (what `service-desc` points to), written from the views' contract."""

from __future__ import annotations

from django.conf import settings

from catalogue.ogcapi.services import COLLECTION_ID


def _param(name: str, description: str, schema: dict, style: str = "form", explode: bool = False) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema,
            "style": style, "explode": explode}  # fmt: skip


_F = _param("f", "Representation: json (default) or html.", {"type": "string", "enum": ["json", "html"]})
_JSON = {"application/json": {"schema": {"type": "object"}}, "text/html": {"schema": {"type": "string"}}}
_GEOJSON = {"application/geo+json": {"schema": {"type": "object"}}, "text/html": {"schema": {"type": "string"}}}
_PROBLEM = {"description": "Bad request", "content": {"application/problem+json": {"schema": {"type": "object"}}}}


def _get(summary: str, operation_id: str, content: dict, parameters: list | None = None, **responses) -> dict:
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "parameters": parameters or [_F],
            "responses": {"200": {"description": summary, "content": content}, **responses},
        }
    }


def document(base: str) -> dict:
    items_parameters = [
        _param("bbox", "minx,miny,maxx,maxy in CRS84 (longitude, latitude); west > east crosses the antimeridian.",
               {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}}),
        _param("datetime", "RFC 3339 date or interval (start/end, '..' for an open end) the records' time overlaps.",
               {"type": "string"}),
        _param("q", "Free text; comma-separated terms are searched together (French and English stems).",
               {"type": "array", "items": {"type": "string"}}),
        _param("type", "Resource types (dataset, series, service...).", {"type": "array", "items": {"type": "string"}}),
        _param("limit", f"Records per page (default {settings.OGCAPI_DEFAULT_LIMIT}, at most "
               f"{settings.OGCAPI_MAX_LIMIT}; larger values are reduced to it).",
               {"type": "integer", "minimum": 1, "default": settings.OGCAPI_DEFAULT_LIMIT}),
        _param("offset", "Records to skip (from 0); the `next` and `prev` links carry it.",
               {"type": "integer", "minimum": 0, "default": 0}),
        _F,
    ]  # fmt: skip
    record_id = {"name": "recordId", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"{settings.CATALOGUE_TITLE} - OGC API - Records",
            "version": "1.0.0",
            "description": "OGC API - Records - Part 1 over the Data Terra catalogue's search service.",
            "contact": {"email": settings.CATALOGUE_CONTACT_EMAIL},
            "license": {"name": "Metadata: see each record's licence"},
        },
        "servers": [{"url": base}],
        "paths": {
            "/": _get("Landing page", "getLandingPage", _JSON),
            "/conformance": _get("Conformance classes", "getConformance", _JSON),
            "/api": _get("This API definition", "getOpenAPI", {"application/vnd.oai.openapi+json;version=3.0": {}}),
            "/collections": _get("Collections", "getCollections", _JSON),
            f"/collections/{COLLECTION_ID}": _get("The records collection", "describeRecordsCollection", _JSON),
            f"/collections/{COLLECTION_ID}/items": _get(
                "Search the records", "getRecords", _GEOJSON, items_parameters, **{"400": _PROBLEM}
            ),
            f"/collections/{COLLECTION_ID}/items/{{recordId}}": _get(
                "One record",
                "getRecord",
                _GEOJSON,
                [record_id, _F],
                **{"404": {"description": "No such record"}},
            ),  # fmt: skip
        },
    }
