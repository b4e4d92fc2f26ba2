"""Portal pages. Views stay thin: queries live in catalogue.services and model querysets."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from catalogue.models import Record
from catalogue.services.stats import pole_summaries


def home(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    context = {
        "poles": pole_summaries(language),
        "recent_records": Record.objects.public().order_by("-updated_at")[:8],
        "total_records": Record.objects.public().count(),
    }
    return render(request, "catalogue/home.html", context)


def record_detail(request: HttpRequest, record_id) -> HttpResponse:
    record = get_object_or_404(Record.objects.prefetch_related("provenance__source__pole"), pk=record_id)
    status = 410 if record.deleted else 200
    return render(request, "catalogue/record_detail.html", {"record": record}, status=status)


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and `make run`: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
