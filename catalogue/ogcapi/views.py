"""OGC API - Records views: JSON (GeoJSON for records) by default, HTML with ?f=html or a browser's Accept."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalogue.ogcapi import openapi as openapi_document
from catalogue.ogcapi import services
from catalogue.records.language import reader_language
from catalogue.records.models import Record

GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"


def _base() -> str:
    return f"{settings.SITE_URL}/ogcapi"


def _wants_html(request: HttpRequest) -> bool | None:
    """True for HTML, False for JSON, None for an ?f= value we do not serve."""
    f = request.GET.get("f", "").lower()
    if f:
        return {"html": True, "json": False}.get(f)
    accept = request.headers.get("Accept", "")
    # JSON unless the client prefers HTML (browsers send text/html first; OWSLib and curl send */*).
    return accept.split(",")[0].strip().startswith(("text/html", "application/xhtml+xml"))


def _respond(request: HttpRequest, data: dict, template: str, context: dict, content_type: str = "application/json"):
    html = _wants_html(request)
    if html is None:
        return _problem(400, _("Unknown f parameter: use json or html."))
    if html:
        response = render(request, template, {**context, "data": data, "json_url": _json_url(request)})
    else:
        response = HttpResponse(json.dumps(data, ensure_ascii=False), content_type=content_type)
    patch_vary_headers(response, ["Accept"])
    return response


def _json_url(request: HttpRequest) -> str:
    params = [(k, v) for k, values in request.GET.lists() for v in values if k != "f"]
    return request.path + ("?" + urlencode(params + [("f", "json")]))


def _problem(status: int, detail: str) -> JsonResponse:
    """RFC 7807 problem details, as OGC API - Common recommends for errors."""
    response = JsonResponse({"type": "about:blank", "title": detail, "status": status, "detail": detail}, status=status)
    response["Content-Type"] = "application/problem+json"
    return response


def _self_links(path: str, title: str) -> list[dict]:
    url = f"{_base()}{path}"
    return [
        {"href": url, "rel": "self", "type": "application/json", "title": title},
        {"href": f"{url}?f=html", "rel": "alternate", "type": "text/html", "title": title},
    ]


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    base = _base()
    data = {
        "title": settings.CATALOGUE_TITLE_FR if get_language().startswith("fr") else settings.CATALOGUE_TITLE,
        "description": _("OGC API - Records of the Data Terra federated catalogue."),
        "links": [
            *_self_links("/", _("This document")),
            {"href": f"{base}/api", "rel": "service-desc", "type": OPENAPI, "title": _("API definition (OpenAPI)")},
            {"href": f"{base}/api?f=html", "rel": "service-doc", "type": "text/html", "title": _("API documentation")},
            {"href": f"{base}/conformance", "rel": "conformance", "type": "application/json",
             "title": _("Conformance classes")},
            {"href": f"{base}/collections", "rel": "data", "type": "application/json", "title": _("Collections")},
            {"href": f"{base}/collections/{services.COLLECTION_ID}", "rel": "http://www.opengis.net/def/rel/ogc/1.0/ogc-catalog",
             "type": "application/json", "title": _("Data Terra catalogue records")},
        ],
    }  # fmt: skip
    return _respond(request, data, "ogcapi/landing.html", {})


@require_GET
def conformance(request: HttpRequest) -> HttpResponse:
    return _respond(request, {"conformsTo": services.CONFORMANCE}, "ogcapi/conformance.html", {})


@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    document = openapi_document.document(_base())
    if _wants_html(request):
        return render(request, "ogcapi/openapi.html", {"document": json.dumps(document, indent=2, ensure_ascii=False)})
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type=OPENAPI)


@require_GET
def collections(request: HttpRequest) -> HttpResponse:
    data = {"collections": [services.collection(_base())], "links": _self_links("/collections", _("Collections"))}
    return _respond(request, data, "ogcapi/collections.html", {})


@require_GET
def collection(request: HttpRequest) -> HttpResponse:
    return _respond(request, services.collection(_base()), "ogcapi/collection.html", {})


def _items_links(request: HttpRequest, items: services.ItemsRequest, matched: int) -> list[dict]:
    url = f"{_base()}/collections/{services.COLLECTION_ID}/items"
    params = [(k, v) for k, v in request.GET.items() if k not in ("offset", "f")]

    def at(offset: int, f: str = "") -> str:
        pairs = [*params, ("offset", str(offset))] + ([("f", f)] if f else [])
        return f"{url}?{urlencode(pairs)}"

    links = [
        {"href": at(items.offset), "rel": "self", "type": GEOJSON, "title": _("This page")},
        {"href": at(items.offset, "html"), "rel": "alternate", "type": "text/html", "title": _("This page")},
        {"href": f"{_base()}/collections/{services.COLLECTION_ID}", "rel": "collection", "type": "application/json"},
    ]
    if items.offset + items.limit < matched:
        links.append({"href": at(items.offset + items.limit), "rel": "next", "type": GEOJSON, "title": _("Next")})
    if items.offset > 0:
        links.append({"href": at(max(0, items.offset - items.limit)), "rel": "prev", "type": GEOJSON,
                      "title": _("Previous")})  # fmt: skip
    return links


@require_GET
def items(request: HttpRequest) -> HttpResponse:
    try:
        items_request = services.items_request(request.GET)
    except services.ParameterError as error:
        return _problem(400, str(error))
    language = reader_language(request.GET.get("lang"))
    matched, records = services.run(items_request, language)
    features = [services.record_feature(record, _base(), language) for record in records]
    data = {
        "type": "FeatureCollection",
        "features": features,
        "numberMatched": matched,
        "numberReturned": len(features),
        "timeStamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "links": _items_links(request, items_request, matched),
    }
    pages = {
        link["rel"]: link["href"].replace("?", "?f=html&", 1)
        for link in data["links"]
        if link["rel"] in ("next", "prev")
    }
    context = {"records": list(zip(records, features, strict=True)), "pages": pages, "request_params": request.GET}
    return _respond(request, data, "ogcapi/items.html", context, content_type=GEOJSON)


@require_GET
def item(request: HttpRequest, record_id) -> HttpResponse:
    record = Record.objects.public().filter(pk=record_id).first()
    if record is None:
        if _wants_html(request):
            raise Http404(_("No such record."))
        return _problem(404, _("No such record."))
    feature = services.record_feature(record, _base(), reader_language(request.GET.get("lang")))
    context = {"record": record, "feature": feature}
    return _respond(request, feature, "ogcapi/item.html", context, content_type=GEOJSON)
