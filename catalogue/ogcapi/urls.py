from django.urls import path

from catalogue.ogcapi import views

app_name = "ogcapi"

urlpatterns = [
    path("ogcapi/", views.landing, name="landing"),
    path("ogcapi/conformance", views.conformance, name="conformance"),
    path("ogcapi/api", views.openapi, name="openapi"),
    path("ogcapi/collections", views.collections, name="collections"),
    path("ogcapi/collections/records", views.collection, name="collection"),
    path("ogcapi/collections/records/items", views.items, name="items"),
    path("ogcapi/collections/records/items/<uuid:record_id>", views.item, name="item"),
]
