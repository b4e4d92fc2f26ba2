from django.conf.urls.i18n import i18n_patterns  # noqa: F401 - kept for later per-language URL prefixes
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("catalogue.api.urls")),
    path("", include("catalogue.portal.urls")),
    path("", include("catalogue.landing.urls")),  # DOI landing pages, exports, signposting, sitemap.xml
    path("", include("catalogue.csw.urls")),
    path("", include("catalogue.oaipmh.urls")),
    path("", include("catalogue.dcat.urls")),  # DCAT-AP 3 / GeoDCAT-AP (issue 16)
    path("", include("catalogue.ogcapi.urls")),  # OGC API - Records (issue 16)
    path("", include("ops.urls")),
    path("", include("workspace.urls")),  # /manage/ and /accounts/
    path("", include("stats.views.urls")),  # /stats/, /go/<id>, /api/sushi/
]
