"""SUSHI API (COUNTER RD1): /api/sushi/status, /api/sushi/reports, /api/sushi/reports/dsr."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from stats import sushi

_KNOWN_DSR_PARAMS = {"begin_date", "end_date", "dataset_id", "platform", "format"}


def _json(body, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1), status=status, content_type="application/json; charset=utf-8"
    )


@require_safe
def status(request: HttpRequest) -> HttpResponse:
    return _json(
        [
            {
                "description": f"COUNTER Research Data (RD1) usage statistics of {settings.STATS_PLATFORM}",
                "service-active": settings.STATS_ENABLED,
                "registry-url": f"{settings.SITE_URL}/stats/",
                "note": "Counts are recomputed nightly for the previous UTC day.",
                "alerts": [],
            }
        ]
    )


@require_safe
def reports(request: HttpRequest) -> HttpResponse:
    return _json(
        [
            {
                "report-name": "Dataset Master Report",
                "report-id": sushi.REPORT_ID,
                "release": "RD1",
                "report-description": "Investigations and Requests of each dataset, by month and access method.",
                "path": "/api/sushi/reports/dsr",
            }
        ]
    )


@require_safe
def dsr(request: HttpRequest) -> HttpResponse:
    unknown = sorted(set(request.GET) - _KNOWN_DSR_PARAMS)
    output = request.GET.get("format", "json").lower()
    try:
        if unknown:
            raise sushi.SushiError(3050, "Parameter Not Recognized in this Context", ", ".join(unknown))
        if output not in ("json", "tsv"):
            raise sushi.SushiError(3060, "Invalid ReportFilter Value", f"format={output!r}: use json or tsv")
        report = sushi.dsr(
            request.GET.get("begin_date", ""),
            request.GET.get("end_date", ""),
            dataset_id=request.GET.get("dataset_id", ""),
            platform=request.GET.get("platform", ""),
        )
    except sushi.SushiError as error:
        return JsonResponse(error.as_json(), status=error.http_status)
    if output == "tsv":
        body = "\n".join(sushi.tsv_lines(report)) + "\n"
        response = HttpResponse(body, content_type="text/tab-separated-values; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="dsr.tsv"'
        return response
    return _json(report)
