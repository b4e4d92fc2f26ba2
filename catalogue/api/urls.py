from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from catalogue.api import views

app_name = "api"

urlpatterns = [
    path("records/", views.RecordSearchView.as_view(), name="records"),
    path("records/<uuid:record_id>/", views.RecordDetailView.as_view(), name="record"),
    path(
        "records/<uuid:record_id>/sources/<slug:source_slug>/original.xml",
        views.OriginalXmlView.as_view(),
        name="original-xml",
    ),
    path("poles/", views.PoleListView.as_view(), name="poles"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    path("suggest/", views.SuggestView.as_view(), name="suggest"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # After the record routes: a malformed record address gets the API's JSON 404, not the portal's HTML page.
    # (Only under records/: other apps mount their own paths under /api/, e.g. /api/sushi/.)
    re_path(r"^records/(?P<unmatched>.*)$", views.not_found),
]
