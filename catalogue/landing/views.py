"""DOI landing page views: look the record up, negotiate, render. The work is in page, exports, signposting."""

from __future__ import annotations

import json
import re

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from catalogue.exports.csl import DEFAULT_LOCALE, DEFAULT_STYLE, UnknownStyleError, cached_citation, resolve_style
from catalogue.exports.registry import SOURCE_XML, formats
from catalogue.landing import signposting
from catalogue.landing.negotiation import negotiate
from catalogue.landing.page import page_context, tombstone_context
from catalogue.records.identifiers import normalise_doi
from catalogue.records.models import Record, RecordSource

_LOCALE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
# A citation download or export named after the DOI: only characters safe in a Content-Disposition file name.
_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _find(doi_path: str) -> tuple[str, Record | None]:
    doi = normalise_doi(doi_path.rstrip("/"))  # "/doi/10.x/abc/" from a hand-typed link is the same DOI
    if not doi:
        return "", None
    # Provenance with its sources and hubs in one prefetch: the page, signposting and JSON-LD all read it.
    provenance = Prefetch("provenance", queryset=RecordSource.objects.select_related("source__pole").order_by("pk"))
    return doi, Record.objects.filter(doi=doi).prefetch_related(provenance).first()


def _not_found(request: HttpRequest, doi_path: str, doi: str) -> HttpResponse:
    context = {"query": doi or doi_path.strip(), "malformed": not doi}
    return render(request, "landing/not_found.html", context, status=404)


def _tombstone(request: HttpRequest, record: Record) -> HttpResponse:
    response = render(request, "landing/tombstone.html", tombstone_context(record), status=410)
    patch_vary_headers(response, ["Accept"])
    return response


def _locale(value: str) -> str:
    return value if _LOCALE_RE.match(value or "") else DEFAULT_LOCALE


def _citation_response(record: Record, style: str, locale: str) -> HttpResponse:
    try:
        text = cached_citation(record, style, _locale(locale))
    except UnknownStyleError:
        return HttpResponse(f"Unknown citation style: {style}\n", status=400, content_type="text/plain; charset=utf-8")
    return HttpResponse(text + "\n", content_type="text/x-bibliography; charset=utf-8")


def _filename(record: Record, extension: str) -> str:
    return f"{_FILENAME_UNSAFE.sub('_', record.doi)}.{extension}"


def _export_response(record: Record, format_name: str, media_type: str = "") -> HttpResponse:
    export = formats()[format_name]
    response = HttpResponse(export.render(record), content_type=f"{media_type or export.media_type}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_filename(record, export.extension)}"'
    return response


@csrf_exempt  # read-only: PUT/POST/DELETE get 405 from require_safe, not CsrfViewMiddleware's 403 page
@require_safe
def landing_page(request: HttpRequest, doi: str) -> HttpResponse:
    doi_value, record = _find(doi)
    if record is None:
        return _not_found(request, doi, doi_value)
    if record.deleted:
        return _tombstone(request, record)
    choice = negotiate(request.headers.get("Accept", ""))
    if choice.kind == "export":
        response = _export_response(record, choice.format_name, choice.media_type)
    elif choice.kind == "citation":
        response = _citation_response(record, choice.style, choice.locale)
    else:
        style = request.GET.get("style") or DEFAULT_STYLE
        status = 200
        try:
            style = resolve_style(style)
        except UnknownStyleError:
            style, status = DEFAULT_STYLE, 400
        context = page_context(record, style)
        context["unknown_style"] = request.GET.get("style") if status == 400 else ""
        response = render(request, "landing/page.html", context, status=status)
    response["Link"] = signposting.link_header(signposting.advertised_links(record))
    patch_vary_headers(response, ["Accept"])
    return response


@csrf_exempt
@require_safe
def export(request: HttpRequest, doi: str, format_name: str) -> HttpResponse:
    doi_value, record = _find(doi)
    if record is None:
        return _not_found(request, doi, doi_value)
    if record.deleted:
        return _tombstone(request, record)
    if format_name == SOURCE_XML:
        return _source_xml(request, record)
    if format_name == "citation":
        return _citation_response(record, request.GET.get("style") or DEFAULT_STYLE, request.GET.get("locale", ""))
    if format_name not in formats():
        known = ", ".join([*formats(), SOURCE_XML, "citation"])
        return HttpResponse(
            f"Unknown export format: {format_name}. Known: {known}\n", status=404, content_type="text/plain"
        )
    return _export_response(record, format_name)


def _source_xml(request: HttpRequest, record: Record) -> HttpResponse:
    """The metadata document exactly as the hub published it (RecordSource.original_xml, verbatim)."""
    provenance = list(record.provenance.all())
    slug = request.GET.get("source")
    if slug:
        source = next((rs for rs in provenance if rs.source.slug == slug), None)
    else:
        # The primary source first: its version is the one the page shows.
        primary = [rs for rs in provenance if rs.source_id == record.primary_source_id]
        source = (primary or provenance or [None])[0]
    if source is None:
        return HttpResponse("No source document for this record.\n", status=404, content_type="text/plain")
    response = HttpResponse(bytes(source.original_xml), content_type="application/xml")
    response["Content-Disposition"] = f'inline; filename="{_filename(record, source.format + ".xml")}"'
    return response


@csrf_exempt
@require_safe
def linkset(request: HttpRequest, doi: str) -> HttpResponse:
    """FAIR Signposting level 2: application/linkset+json by default, application/linkset when asked for."""
    doi_value, record = _find(doi)
    if record is None or record.deleted:
        return _not_found(request, doi, doi_value) if record is None else _tombstone(request, record)
    accept = request.headers.get("Accept", "")
    if "application/linkset" in accept and "application/linkset+json" not in accept:
        response = HttpResponse(signposting.linkset_text(record), content_type="application/linkset")
    else:
        body = json.dumps(signposting.linkset_json(record), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/linkset+json")
    patch_vary_headers(response, ["Accept"])
    return response
