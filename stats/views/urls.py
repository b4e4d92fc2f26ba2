from django.urls import path

from stats.views import outbound, pages, sushi

app_name = "stats"

urlpatterns = [
    path("go/<uuid:record_id>", outbound.go, name="go"),
    path("stats/citation-copy/<path:doi>", outbound.citation_copy, name="citation-copy"),
    path("stats/", pages.stats_page, name="page"),
    path("stats/privacy/", pages.privacy_page, name="privacy"),
    path("stats/csv/<slug:table>.csv", pages.table_csv, name="csv"),
    path("api/sushi/status", sushi.status, name="sushi-status"),
    path("api/sushi/reports", sushi.reports, name="sushi-reports"),
    path("api/sushi/reports/dsr", sushi.dsr, name="sushi-dsr"),
]
