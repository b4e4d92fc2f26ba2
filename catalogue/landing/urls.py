"""URLs of DOI landing pages and sitemaps. DOIs contain slashes and almost any character: a path converter,
normalised (and lower-cased) in the view."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from catalogue.landing import views
from catalogue.landing.sitemaps import SITEMAPS, sitemap_section

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
    path("sitemap-<section>.xml", sitemap_section, name="sitemap-section"),
]
