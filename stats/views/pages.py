"""/stats/ (public usage statistics with charts and plain tables), its CSV downloads, and the privacy page."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from poles.models import Pole
from stats import services
from stats.citations import citations_per_hub

MONTHS_SHOWN = 12


def _tables() -> dict[str, dict]:
    """Each table of the page: a title, column headings and rows (the same data the charts and CSVs use)."""
    since = services.months_back(MONTHS_SHOWN)
    usage = services.usage_by_hub_month(since)
    searches = services.searches_by_hub_month(since)
    top = services.top_datasets(since)
    regular = [row for row in usage if row["access_method"] == "regular"]
    methods: dict[str, dict[str, int]] = {}
    for row in usage:
        month = row["month"].strftime("%Y-%m")
        entry = methods.setdefault(month, {"regular": 0, "machine": 0})
        entry[row["access_method"]] = entry.get(row["access_method"], 0) + row["total_investigations"]
    cited = citations_per_hub()
    return {
        "usage": {
            "title": _("Usage per hub and month (Regular)"),
            "columns": [
                _("Month"),
                _("Hub"),
                _("Total investigations"),
                _("Unique investigations"),
                _("Total requests"),
                _("Unique requests"),
            ],
            "rows": [
                [
                    r["month"].strftime("%Y-%m"),
                    r["hub"],
                    r["total_investigations"],
                    r["unique_investigations"],
                    r["total_requests"],
                    r["unique_requests"],
                ]
                for r in regular
            ],
        },
        "top": {
            "title": _("Top datasets (unique investigations, Regular, last 12 months)"),
            "columns": [_("Dataset"), _("DOI"), _("Hub"), _("Unique investigations"), _("Unique requests")],
            "rows": [[r["title"], r["doi"], r["hub"], r["unique_investigations"], r["unique_requests"]] for r in top],
        },
        "methods": {
            "title": _("Regular and Machine access (total investigations)"),
            "columns": [_("Month"), _("Regular"), _("Machine")],
            "rows": [[month, v.get("regular", 0), v.get("machine", 0)] for month, v in sorted(methods.items())],
        },
        "searches": {
            "title": _("Searches per hub and month"),
            "columns": [_("Month"), _("Hub filter"), _("Searches"), _("Zero-result searches")],
            "rows": _search_rows(searches),
        },
        "citations": {
            "title": _("Citations per hub"),
            "columns": [_("Hub"), _("Citations")],
            "rows": [[hub or "—", n] for hub, n in cited.items()],
        },
    }


def _search_rows(searches: list[dict]) -> list[list]:
    merged: dict[tuple[str, str], list[int]] = {}
    for row in searches:
        if row["access_method"] == "robot":
            continue
        key = (row["month"].strftime("%Y-%m"), row["hub"] or _("whole catalogue"))
        entry = merged.setdefault(key, [0, 0])
        entry[0] += row["searches"]
        entry[1] += row["zero_result_searches"]
    return [[month, hub, n, zero] for (month, hub), (n, zero) in sorted(merged.items())]


def _chart_data(tables: dict[str, dict]) -> dict:
    months = sorted({row[0] for row in tables["usage"]["rows"]} | {row[0] for row in tables["methods"]["rows"]})
    hubs = sorted({row[1] for row in tables["usage"]["rows"]})
    per_hub = {hub: [0] * len(months) for hub in hubs}
    for month, hub, _ti, ui, _tr, _ur in tables["usage"]["rows"]:
        per_hub[hub][months.index(month)] += ui
    search_hubs = sorted({row[1] for row in tables["searches"]["rows"]})
    search_months = sorted({row[0] for row in tables["searches"]["rows"]})
    per_search_hub = {hub: [0] * len(search_months) for hub in search_hubs}
    for month, hub, n, _zero in tables["searches"]["rows"]:
        per_search_hub[hub][search_months.index(month)] += n
    return {
        "labels": {
            "unique_investigations": _("Unique investigations"),
            "regular": _("Regular"),
            "machine": _("Machine"),
            "searches": _("Searches"),
        },
        "usage": {"months": months, "series": per_hub},
        "methods": {
            "months": [row[0] for row in tables["methods"]["rows"]],
            "regular": [row[1] for row in tables["methods"]["rows"]],
            "machine": [row[2] for row in tables["methods"]["rows"]],
        },
        "top": {
            "labels": [row[0][:60] or row[1] for row in tables["top"]["rows"][:10]],
            "values": [row[3] for row in tables["top"]["rows"][:10]],
        },
        "searches": {"months": search_months, "series": per_search_hub},
    }


@require_safe
def stats_page(request: HttpRequest) -> HttpResponse:
    tables = _tables()
    poles = list(Pole.objects.order_by("code"))
    # Until the hub workspace (/manage/) shows it, each hub's search report is public here.
    reports = [(pole, services.hub_search_report(pole.code)) for pole in poles]
    context = {
        "tables": tables,
        "chart_data": _chart_data(tables),
        "search_reports": reports,
        "retention_days": settings.STATS_RAW_RETENTION_DAYS,
        "updated": datetime.now(UTC) - timedelta(days=1),
    }
    return render(request, "stats/page.html", context)


@require_safe
def table_csv(request: HttpRequest, table: str) -> HttpResponse:
    if table.startswith("searches-"):
        pole = table.removeprefix("searches-").upper()
        if not Pole.objects.filter(code=pole).exists():
            raise Http404(_("No such hub."))
        report = services.hub_search_report(pole)
        columns = [_("Search"), _("Searches"), _("Zero-result searches")]
        rows = [[r["text"], r["searches"], r["zero_result"]] for r in report.top]
        rows += [
            [r["text"], r["searches"], r["searches"]]
            for r in report.zero_result
            if r["text"] not in {t["text"] for t in report.top}
        ]
    else:
        tables = _tables()
        if table not in tables:
            raise Http404(_("No such table."))
        columns, rows = tables[table]["columns"], tables[table]["rows"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="datatera-stats-{table}.csv"'
    writer = csv.writer(response)
    writer.writerow(columns)
    writer.writerows(rows)
    return response


@require_safe
def privacy_page(request: HttpRequest) -> HttpResponse:
    return render(request, "stats/privacy.html", {"retention_days": settings.STATS_RAW_RETENTION_DAYS})
