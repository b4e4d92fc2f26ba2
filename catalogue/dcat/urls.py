from django.urls import path

from catalogue.dcat import views

app_name = "dcat"

urlpatterns = [
    path("dcat/catalog", views.catalog, name="catalog"),
    path("dcat/catalog/report", views.report, name="report"),
]
