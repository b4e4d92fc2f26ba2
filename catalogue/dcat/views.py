"""The DCAT-AP face. Business logic lives in catalogue/dcat/services.py and the writer in catalogue/exports/dcat.py."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalogue.dcat import services
from catalogue.exports import dcat


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_GET
def catalog(request: HttpRequest) -> HttpResponse:
    """dcat:Catalog with one page of datasets. ?page=N (from 1); ?format=turtle|rdfxml|jsonld or Accept."""
    format_name = dcat.format_from_request(
        request.GET.get("format", ""), request.headers.get("Accept", ""), html_first=False
    )
    if request.GET.get("format") and format_name is None:
        return _error(400, _("Unknown format: use turtle, rdfxml or jsonld."))
    raw_page = request.GET.get("page", "1")
    if not raw_page.isdigit() or int(raw_page) < 1:
        return _error(400, _("page must be a whole number from 1."))
    try:
        page, records = services.catalog_page(int(raw_page), settings.DCAT_PAGE_SIZE)
    except LookupError:
        return _error(404, _("There is no such page in the catalogue."))
    graph = dcat.catalog_graph(records, page)
    format_name = format_name or "turtle"
    response = HttpResponse(dcat.serialize(graph, format_name), content_type=dcat.media_type(format_name))
    response["Vary"] = "Accept"
    return response


@require_GET
def report(request: HttpRequest) -> JsonResponse:
    """The live records the catalogue cannot publish in DCAT-AP, and the mandatory properties they lack."""
    gaps = services.gaps()
    return JsonResponse(
        {
            "description": _("Records left out of /dcat/catalog because they lack a property DCAT-AP makes mandatory."),
            "count": len(gaps),
            "records": gaps,
        }
    )
