"""REST API views: thin wrappers over catalogue.search and the models. Errors always look like
{"errors": {"<parameter or 'detail'>": "<message>"}}."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from catalogue.api import serializers
from catalogue.api.geojson import GeoJSONRenderer, feature_collection
from catalogue.records.hub_counts import pole_summaries
from catalogue.records.language import reader_language
from catalogue.records.models import Record, RecordSource
from catalogue.search import SearchUnavailableError, parse_search_params, search, suggest
from catalogue.search.errors import SearchRejectedError
from catalogue.search.params import MAX_PAGE, MAX_QUERY_CHARS, MAX_VALUE_CHARS, MAX_VALUES_PER_PARAM, MAX_YEAR, MIN_YEAR
from catalogue.search.query import MAX_PAGE_SIZE, POLE_CODES
from poles.models import HarvestSource
from stats.hints import SearchHint


def api_exception_handler(exc, context):
    if isinstance(exc, SearchUnavailableError):
        return _search_unavailable(exc)
    if isinstance(exc, SearchRejectedError):  # the engine refused this query as too large: the query must change
        return Response({"errors": {"detail": str(exc.message)}}, status=400)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError) and isinstance(response.data, dict):
        errors = {
            key: " ".join(map(str, value)) if isinstance(value, list) else str(value)
            for key, value in response.data.items()
        }
    else:
        detail = response.data.get("detail", response.data) if isinstance(response.data, dict) else response.data
        errors = {"detail": str(detail)}
    response.data = {"errors": errors}
    return response


def _search_unavailable(exc: SearchUnavailableError) -> Response:
    message = _("Search is unavailable for a moment; please retry. Quote request %(id)s if it persists.") % {
        "id": exc.request_id
    }
    response = Response({"errors": {"detail": message}, "request_id": exc.request_id}, status=503)
    response.headers["Retry-After"] = "30"
    response.headers["X-Request-ID"] = exc.request_id
    return response


class ApiView(APIView):
    def get_exception_handler(self):
        return api_exception_handler


OUTPUT_FORMATS = ("json", "geojson", "api")


class FormatOrFacetNegotiation(DefaultContentNegotiation):
    """`format` is both DRF's output override (json, geojson, api) and the file-format facet of the search
    contract (NetCDF, GeoTIFF...): only the output values choose the renderer, the others are facet values."""

    def select_renderer(self, request, renderers, format_suffix=None):
        outputs = [v for v in request.query_params.getlist("format") if v in OUTPUT_FORMATS]
        return super().select_renderer(request, renderers, format_suffix or (outputs[-1] if outputs else None))

    def filter_renderers(self, renderers, format):
        return [r for r in renderers if r.format == format] or renderers


def _language(request: Request) -> str:
    """?lang=fr|en, else Accept-Language (records.language: the portal's rule)."""
    return reader_language(request.query_params.get("lang"))


_LIST = {"many": True}


def _bounded_int(low: int, high: int) -> dict:
    return {"type": "integer", "minimum": low, "maximum": high}


LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["en", "fr"], description="Language of labels and titles (default: Accept-Language)"
)

# The bounds parse_search_params enforces, said in the schema (a client, or schemathesis, reads them there).
SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q",
        {"type": "string", "maxLength": MAX_QUERY_CHARS},
        description='Free text: "quoted phrase", -excluded, French and English stemming',
    ),
    OpenApiParameter(
        "pole",
        {"type": "array", "items": {"type": "string", "enum": list(POLE_CODES)}, "maxItems": MAX_VALUES_PER_PARAM},
        explode=True,
        description="Hub filter (repeatable, OR-ed)",
    ),
    *[
        OpenApiParameter(
            name,
            {
                "type": "array",
                "items": {"type": "string", "maxLength": MAX_VALUE_CHARS},
                "maxItems": MAX_VALUES_PER_PARAM,
            },
            explode=True,
            description=f"Facet filter (repeatable, OR-ed): {name}",
        )
        for name in ("keyword", "topic", "type", "organisation", "license", "source")
    ],
    OpenApiParameter("has_doi", bool),
    OpenApiParameter("year_from", _bounded_int(MIN_YEAR, MAX_YEAR)),
    OpenApiParameter("year_to", _bounded_int(MIN_YEAR, MAX_YEAR), description="Not before year_from"),
    OpenApiParameter("bbox", str, description="west,south,east,north in degrees; west > east crosses the antimeridian"),
    OpenApiParameter("bbox_relation", str, enum=["intersects", "within"]),
    OpenApiParameter("start", OpenApiTypes.DATE, description="Time window start (overlap with the temporal extent)"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Time window end, not before start"),
    OpenApiParameter("sort", str, enum=["relevance", "newest", "oldest", "title"]),
    OpenApiParameter("page", _bounded_int(1, MAX_PAGE)),
    OpenApiParameter("page_size", _bounded_int(1, MAX_PAGE_SIZE)),
    LANG_PARAMETER,
    OpenApiParameter(
        "format",
        {"type": "array", "items": {"type": "string", "maxLength": MAX_VALUE_CHARS}, "maxItems": MAX_VALUES_PER_PARAM},
        explode=True,
        description="json or geojson: the output; any other value: file-format facet filter (repeatable)",
    ),
    OpenApiParameter("facets", bool, description="false: skip the facet counts (faster)"),
]


class RecordSearchView(ApiView):
    renderer_classes = [JSONRenderer, GeoJSONRenderer, BrowsableAPIRenderer]
    content_negotiation_class = FormatOrFacetNegotiation

    @extend_schema(
        operation_id="records_search",  # records_retrieve would collide with the record detail (drf_spectacular.W001)
        parameters=SEARCH_PARAMETERS,
        responses={200: serializers.SearchResponseSerializer, 400: serializers.ErrorSerializer},
        description="Search the catalogue. `?format=geojson` returns a GeoJSON FeatureCollection of the page.",
    )
    def get(self, request: Request) -> Response:
        params = request.query_params.copy()
        params.setlist("format", [v for v in params.getlist("format") if v not in OUTPUT_FORMATS])
        with_facets = params.pop("facets", ["true"])[-1].lower() not in ("false", "0", "no")
        query, errors = parse_search_params(params)
        if errors:
            return Response({"errors": errors}, status=400)
        language = _language(request)
        result = search(query, language, facets=with_facets)
        request._request.usage = SearchHint.of(query, result.count)  # the stats middleware records it (ST-10)
        if getattr(request.accepted_renderer, "format", "") == "geojson":
            return Response(feature_collection(result))
        base = request.build_absolute_uri(request.path)

        def page_url(page: int) -> str | None:
            if page < 1 or page > result.pages:
                return None
            pairs = query.replace(page=page).to_params()
            return f"{base}?{urlencode(pairs)}" if pairs else base

        data = {
            "count": result.count,
            "count_is_estimate": result.count_is_estimate,
            "facets_are_estimates": result.facets_are_estimates,
            "served_by_fallback": result.served_by_fallback,
            "page": result.page,
            "page_size": result.page_size,
            "pages": result.pages,
            "next": page_url(query.page + 1),
            "previous": page_url(query.page - 1) if query.page <= result.pages + 1 else page_url(result.pages),
            "did_you_mean": result.did_you_mean,
            "results": serializers.HitSerializer(result.hits, many=True).data,
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values]
                for name, values in result.facets.items()
            },
        }
        return Response(data)


class RecordDetailView(ApiView):
    @extend_schema(
        operation_id="records_retrieve",
        parameters=[LANG_PARAMETER],
        responses={
            200: serializers.RecordDetailSerializer,
            404: serializers.ErrorSerializer,
            410: serializers.RecordDetailSerializer,
        },
    )
    def get(self, request: Request, record_id) -> Response:
        record = get_object_or_404(Record.objects.prefetch_related("provenance__source__pole"), pk=record_id)
        data = serializers.RecordDetailSerializer(record, context={"language": _language(request)}).data
        # A tombstone stays reachable by id (410 Gone, with what it was and why it went).
        return Response(data, status=410 if record.deleted else 200)


class OriginalXmlView(ApiView):
    @extend_schema(responses={(200, "application/xml"): OpenApiTypes.BINARY, 404: serializers.ErrorSerializer})
    def get(self, request: Request, record_id, source_slug: str) -> HttpResponse:
        rs = get_object_or_404(RecordSource.objects.only("original_xml"), record_id=record_id, source__slug=source_slug)
        # The verbatim bytes as the source sent them; their XML declaration says their encoding.
        response = HttpResponse(bytes(rs.original_xml), content_type="application/xml")
        response["Content-Disposition"] = f'inline; filename="{source_slug}-{record_id}.xml"'
        return response


class PoleListView(ApiView):
    @extend_schema(responses={200: serializers.PoleSerializer(many=True)}, parameters=[OpenApiParameter("lang", str)])
    def get(self, request: Request) -> Response:
        summaries = pole_summaries(_language(request))
        return Response(serializers.PoleSerializer(summaries, many=True).data)


class SourceListView(ApiView, generics.ListAPIView):
    serializer_class = serializers.SourceSerializer
    pagination_class = None
    queryset = HarvestSource.objects.select_related("pole").order_by("pole__code", "slug")


class SuggestView(ApiView):
    @extend_schema(
        parameters=[
            OpenApiParameter("q", {"type": "string", "maxLength": 100}, description="The typed prefix (none: none)"),
            OpenApiParameter("limit", _bounded_int(1, 50)),
        ],
        responses={200: serializers.SuggestResponseSerializer, 400: serializers.ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        prefix = " ".join(request.query_params.get("q", "").replace("\x00", "").split())
        if len(prefix) > 100:
            return Response({"errors": {"q": "At most 100 characters."}}, status=400)
        try:
            limit = int(request.query_params.get("limit", 10))
        except ValueError:
            return Response({"errors": {"limit": "limit must be a whole number."}}, status=400)
        if not 1 <= limit <= 50:
            return Response({"errors": {"limit": "limit must be between 1 and 50."}}, status=400)
        items = suggest(prefix, limit)
        return Response({"suggestions": [{"text": i.text, "kind": i.kind} for i in items]})


def not_found(request, unmatched: str = "") -> JsonResponse:
    """Any other address under /api/ (a malformed id included): the API's JSON error, not the portal's HTML page."""
    return JsonResponse({"errors": {"detail": "No API resource at this address."}}, status=404)
