from django.urls import path

from stats.views import outbound

app_name = "stats"

urlpatterns = [
    path("go/<uuid:record_id>", outbound.go, name="go"),
    path("stats/citation-copy/<path:doi>", outbound.citation_copy, name="citation-copy"),
]
