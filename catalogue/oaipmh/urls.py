from django.urls import path

from catalogue.oaipmh import views

app_name = "oaipmh"

urlpatterns = [
    path("oaipmh", views.oai, name="oaipmh"),
]
