from django.urls import path

from catalogue.portal import views as pages

app_name = "catalogue"

urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", pages.search_page, name="search"),
    path("records/<uuid:record_id>/", pages.record_detail, name="record"),
]
