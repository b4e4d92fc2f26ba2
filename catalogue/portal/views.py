"""Portal pages. Views stay thin: queries live in catalogue.portal and model querysets."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from catalogue.portal.maps import map_context
from catalogue.portal.record_page import localised_text, record_context
from catalogue.portal.search_page import canonical_search_params, search_context
from catalogue.records.hub_counts import pole_summaries
from catalogue.records.models import Record
from catalogue.search import SearchUnavailableError, parse_search_params, search
from catalogue.search.errors import SearchRejectedError
from catalogue.search.results import empty_result
from stats.hints import SearchHint


def _language() -> str:
    return (get_language() or "en")[:2]


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
    }
    return render(request, "catalogue/home.html", context)


def record_detail(request: HttpRequest, record_id) -> HttpResponse:
    record = get_object_or_404(Record.objects.prefetch_related("provenance__source__pole"), pk=record_id)
    if record.deleted:
        # A tombstone: the id stays resolvable (citations, DOIs) and says what happened, with 410 Gone.
        context = {"record": record, "title": localised_text(record, _language())[0]}
        return render(request, "catalogue/record_gone.html", context, status=410)
    context = {**record_context(record, _language()), **map_context()}
    return render(request, "catalogue/record_detail.html", context)


def search_page(request: HttpRequest) -> HttpResponse:
    """/search/: the contract's parameters in, a results page out. Bad parameters are reported, the rest runs."""
    canonical = canonical_search_params(request.GET)
    if canonical is not None:
        return redirect(f"{reverse('catalogue:search')}?{urlencode(canonical)}" if canonical else "catalogue:search")
    language = _language()
    query, errors = parse_search_params(request.GET)
    try:
        result = search(query, language=language)
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
