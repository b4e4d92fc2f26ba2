"""/oaipmh: the OAI-PMH 2.0 verbs over GET or POST (see provider.py for why our own and not pycsw's)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from catalogue.oaipmh import provider


@require_http_methods(["GET", "POST"])
@csrf_exempt
def oai(request: HttpRequest) -> HttpResponse:
    """OAI-PMH 2.0 provider (our own, see catalogue/oaipmh/provider.py for why not pycsw's)."""
    params = request.GET if request.method == "GET" else request.POST
    return HttpResponse(provider.handle(params), content_type="text/xml; charset=UTF-8")
