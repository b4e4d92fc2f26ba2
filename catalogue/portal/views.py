"""Portal pages. Views stay thin: queries live in catalogue.portal and model querysets."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from catalogue.exports import dcat
from catalogue.portal import map_basket
from catalogue.portal.maps import map_context
from catalogue.portal.record_page import localised_text, record_context
from catalogue.portal.search_page import FEED_SIZE, canonical_search_params, search_context, search_feed
from catalogue.records.hub_counts import pole_summaries
from catalogue.records.language import reader_language
from catalogue.records.models import Record
from catalogue.search import SearchUnavailableError, parse_search_params, search
from catalogue.search.errors import SearchRejectedError
from catalogue.search.results import empty_result
from stats.hints import SearchHint


def _language() -> str:
    """The reader's language: the language cookie (the switcher), else Accept-Language (records.language)."""
    return reader_language()


@csrf_exempt  # read-only page: a POST/PUT gets 405 from require_safe, not a CSRF 403
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    language = _language()
    recent = (
        Record.objects.public()
        .order_by("-updated_at")
        .only("id", "title", "translations", "pole_codes", "resource_type", "publication_year", "updated_at", "doi")[:8]
    )
    context = {
        "poles": pole_summaries(language),
        "recent_records": [(record, localised_text(record, language)[0]) for record in recent],
        "total_records": Record.objects.public().count(),
        # A record several hubs publish counts once in the total and once on each of their cards.
        "shared_records": Record.objects.public().filter(pole_codes__len__gt=1).count(),
    }
    return render(request, "catalogue/home.html", context)


@csrf_exempt  # read-only page: a POST/PUT gets 405 from require_safe, not a CSRF 403
@require_safe
def record_detail(request: HttpRequest, record_id) -> HttpResponse:
    record = get_object_or_404(Record.objects.prefetch_related("provenance__source__pole"), pk=record_id)
    rdf_format = dcat.format_from_request(request.GET.get("format", ""), request.headers.get("Accept", ""))
    if rdf_format and not record.deleted:
        # The record page is the dcat:Dataset's IRI: RDF clients get its DCAT-AP description (issue 16).
        response = HttpResponse(dcat.serialize(dcat.dataset_graph(record), rdf_format))
        response["Content-Type"] = dcat.media_type(rdf_format)
        patch_vary_headers(response, ["Accept"])
        missing = dcat.missing_mandatory(record)
        if missing:
            response["X-DCAT-AP-Missing"] = ", ".join(missing)  # reported: see /dcat/catalog/report
        return response
    if record.deleted:
        # A tombstone: the id stays resolvable (citations, DOIs) and says what happened, with 410 Gone.
        context = {"record": record, "title": localised_text(record, _language())[0]}
        return render(request, "catalogue/record_gone.html", context, status=410)
    context = {**record_context(record, _language()), **map_context(detail=True)}
    response = render(request, "catalogue/record_detail.html", context)
    patch_vary_headers(response, ["Accept"])
    return response


@csrf_exempt  # read-only page: a POST/PUT gets 405 from require_safe, not a CSRF 403
@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    """/search/: the contract's parameters in, a results page out. Bad parameters are reported, the rest runs."""
    canonical = canonical_search_params(request.GET)
    if canonical is not None:
        return redirect(f"{reverse('catalogue:search')}?{urlencode(canonical)}" if canonical else "catalogue:search")
    language = _language()
    query, errors = parse_search_params(request.GET)
    try:
        result = search(query, language=language, cross_language=settings.SEARCH_CROSS_LANGUAGE)
    except SearchRejectedError as error:  # the engine refused this query (too large): say so, 400
        context = search_context(query, empty_result(query), errors, language, request.GET)
        context |= {"search_error": error.message, "search_error_status": error.status}
        return render(request, "catalogue/search.html", context, status=error.status)
    except SearchUnavailableError as error:
        response = render(request, "catalogue/search_unavailable.html", {"request_id": error.request_id}, status=503)
        response.headers["Retry-After"] = "30"
        response.headers["X-Request-ID"] = error.request_id
        return response
    request.usage = SearchHint.of(query, result.count)  # recorded by the stats middleware (ST-10)
    return render(request, "catalogue/search.html", search_context(query, result, errors, language, request.GET))


# What crawlers may visit: records, landing pages and the sitemap; not the endless facet combinations of /search/
# (each is also marked noindex), nor the API, admin and hub workspace.
ROBOTS = """User-agent: *
Disallow: /search/
Disallow: /api/
Disallow: /admin/
Disallow: /manage/
Disallow: /accounts/
Allow: /

Sitemap: {site}/sitemap.xml
"""


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ROBOTS.format(site=settings.SITE_URL), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=7 * 86400, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    """Browsers ask /favicon.ico whatever the page says: the same icon as static/favicon.ico."""
    path = finders.find("favicon.ico")
    if not path:
        raise Http404("favicon.ico")
    return FileResponse(open(path, "rb"), content_type="image/vnd.microsoft.icon")  # noqa: SIM115 - closed by Django


@require_safe
def search_feed_view(request: HttpRequest) -> HttpResponse:
    """/search/feed/?<the search's parameters>: Atom, newest first. Bad parameters are left out, as on the page."""
    language = _language()
    query, _errors = parse_search_params(request.GET)
    query = query.replace(sort="newest", page=1, page_size=FEED_SIZE)
    try:
        result = search(query, language=language, facets=False, cross_language=settings.SEARCH_CROSS_LANGUAGE)
    except SearchUnavailableError as error:
        response = HttpResponse(f"Search unavailable (request {error.request_id})\n", status=503)
        response.headers["Retry-After"] = "30"
        return response
    base = settings.SITE_URL
    body = search_feed(query, result, base, base + request.get_full_path(), language)
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


# Map previews and the co-visualisation map (issue 15). The map's state is its URL (?l=record|link|layer|opacity|shown
# repeated); the session's basket only remembers what the reader added, to offer the map from any page.
BASKET = "map_basket"


@require_safe
def record_preview(request: HttpRequest, record_id, link: int) -> HttpResponse:
    record = get_object_or_404(Record.objects.public(), pk=record_id)
    links = map_basket.preview_links(record)
    if link not in links:
        raise Http404("no map link at this position")
    service = map_basket.read_service(links[link])
    chosen = service.layer(request.GET.get("layer", "")) or (service.layers[0] if service.layers else None)
    context = {
        "record": record,
        "title": localised_text(record, _language())[0],
        "link": links[link],
        "link_index": link,
        "service": service,
        "chosen": chosen,
        "map_crs": service.map_crs(chosen),
        "layers_data": [map_basket.layer_spec(service, layer) for layer in service.layers],
        "chosen_name": chosen.name if chosen else "",
        "basket": _basket(request),
        **map_context(detail=True),
    }
    # The map server's tiles and legends are images of another origin: the page's CSP must allow them (ops.security).
    request.csp_image_origins = map_basket.image_origins(service)
    return render(request, "catalogue/record_preview.html", context)


def _basket(request: HttpRequest) -> list[str]:
    return [token for token in request.session.get(BASKET, []) if isinstance(token, str)][: map_basket.MAX_MAP_ITEMS]


def _map_url(tokens: list[str]) -> str:
    return reverse("catalogue:map") + (f"?{urlencode([('l', t) for t in tokens])}" if tokens else "")


@require_http_methods(["POST"])
def basket(request: HttpRequest) -> HttpResponse:
    """Add a layer to (or remove one from, or empty) the map basket, then show the map it makes."""
    tokens = _basket(request)
    item = map_basket.MapItem.parse(request.POST.get("item", ""))
    action = request.POST.get("action", "add")
    if action == "clear":
        tokens = []
    elif item is not None:
        tokens = [t for t in tokens if (map_basket.MapItem.parse(t) or item).key != item.key]
        if action == "add":
            tokens = [*tokens, item.token][-map_basket.MAX_MAP_ITEMS :]
    request.session[BASKET] = tokens
    return redirect(_map_url(tokens))


@require_safe
def map_page(request: HttpRequest) -> HttpResponse:
    tokens = request.GET.getlist("l")
    if not tokens and _basket(request):
        return redirect(_map_url(_basket(request)))
    items = [item for item in (map_basket.MapItem.parse(t) for t in tokens) if item]
    covis = map_basket.map_layers(items)
    context = {"layers_data": covis.layers, "map_crs": covis.crs, **map_context(detail=True)}
    request.csp_image_origins = covis.origins
    return render(request, "catalogue/map.html", context)
