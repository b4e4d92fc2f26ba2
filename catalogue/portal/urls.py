from django.urls import path

from catalogue.portal import views as pages

app_name = "catalogue"

urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", pages.search_page, name="search"),
    path("search/feed/", pages.search_feed_view, name="search-feed"),
    path("records/<uuid:record_id>/", pages.record_detail, name="record"),
    path("records/<uuid:record_id>/preview/<int:link>/", pages.record_preview, name="record-preview"),
    path("map/", pages.map_page, name="map"),
    path("map/basket/", pages.basket, name="map-basket"),
    path("robots.txt", pages.robots_txt, name="robots"),
    path("favicon.ico", pages.favicon, name="favicon"),
]
