"""URLs of DOI landing pages and sitemaps. DOIs contain slashes and almost any character: a path converter,
normalised (and lower-cased) in the view."""

from django.urls import path

from catalogue.landing import views
from catalogue.landing.sitemaps import sitemap_index, sitemap_section

app_name = "landing"

urlpatterns = [
    path("doi/<path:doi>/export/<slug:format_name>", views.export, name="export"),
    path("doi/<path:doi>/linkset", views.linkset, name="linkset"),
    path("doi/<path:doi>", views.landing_page, name="page"),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    path("sitemap-<section>.xml", sitemap_section, name="sitemap-section"),
]
