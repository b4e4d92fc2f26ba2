"""URLs of DOI landing pages and sitemaps. DOIs contain slashes and almost any character: a path converter,
normalised (and lower-cased) in the view."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from catalogue.landing import views
from catalogue.landing.sitemaps import SITEMAPS

app_name = "landing"

urlpatterns = [
    path("doi/<path:doi>/export/<slug:format_name>", views.export, name="export"),
    path("doi/<path:doi>/linkset", views.linkset, name="linkset"),
    path("doi/<path:doi>", views.landing_page, name="page"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "landing:sitemap-section"},
        name="sitemap-index",
    ),
    # Our own template: full W3C datetimes in <lastmod> (Django's default keeps only the date).
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "landing/sitemap.xml"},
        name="sitemap-section",
    ),
]
