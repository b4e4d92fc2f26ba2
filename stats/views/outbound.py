"""/go/<record id>?url=...: the click from a record to a hub's data, counted, then redirected.

Only URLs the record lists are followed (an open redirect would let anyone borrow our domain)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from catalogue.records import reading
from catalogue.records.models import Record
from stats.counter import outbound_activity
from stats.hints import OutboundHint


def _listed_urls(record: Record) -> set[str]:
    urls = {resource.url for resource in reading.online_resources(record.online_resources)}
    urls |= {
        rel.identifier
        for rel in reading.related_identifiers(record.related_identifiers)
        if rel.identifier_type.lower() == "url"
    }
    return {url for url in urls if url}


def _plain(message: str, status: int) -> HttpResponse:
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")


@require_safe
def go(request: HttpRequest, record_id) -> HttpResponse:
    record = get_object_or_404(
        Record.objects.only("id", "online_resources", "related_identifiers", "deleted"), pk=record_id
    )
    target = request.GET.get("url", "").strip()
    if not target:
        return _plain(_("Missing url parameter: /go/<record id>?url=<one of the record's links>."), 400)
    if not target.lower().startswith(("http://", "https://", "ftp://")):
        return _plain(_("Only http, https and ftp links can be followed."), 400)
    # Noted for the 404 too: a failed access is recorded and then excluded by ST-05, like a web-server log line.
    request.usage = OutboundHint(str(record.pk), target, outbound_activity(target, settings.STATS_SERVED_URL_PREFIXES))
    if record.deleted or target not in _listed_urls(record):
        return _plain(_("This record does not list that link."), 404)
    response = HttpResponseRedirect(target)
    response["Cache-Control"] = "no-store"  # every click must reach us to be counted
    response["Referrer-Policy"] = "no-referrer-when-downgrade"
    return response


@csrf_exempt  # a beacon from the landing page's copy button; it changes nothing but a counter
@require_POST
def citation_copy(request: HttpRequest, doi: str) -> HttpResponse:
    """The copy-citation button reports a copy (navigator.sendBeacon); the middleware records it."""
    return HttpResponse(status=204)
