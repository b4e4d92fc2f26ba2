"""Content-Security-Policy violation reports: logged and counted, so a policy that breaks a page is noticed."""

from __future__ import annotations

import json
import logging

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.metrics import CSP_VIOLATIONS

logger = logging.getLogger("ops.csp")
MAX_REPORT_BYTES = 16 * 1024


@csrf_exempt  # browsers send reports without a token; nothing changes state here
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    if int(request.headers.get("Content-Length") or 0) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.body or b"{}").get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    if not isinstance(report, dict):
        return HttpResponse(status=400)
    CSP_VIOLATIONS.inc()
    logger.warning(
        "CSP violation: %s blocked %s on %s",
        str(report.get("violated-directive", "?"))[:200],
        str(report.get("blocked-uri", "?"))[:300],
        str(report.get("document-uri", "?"))[:300],
    )
    return HttpResponse(status=204)
