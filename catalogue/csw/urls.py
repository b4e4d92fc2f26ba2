from django.urls import path

from catalogue.csw import views

app_name = "csw"

urlpatterns = [
    path("csw", views.csw, name="csw"),
    path("opensearch", views.opensearch, name="opensearch"),
]
