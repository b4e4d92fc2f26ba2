"""URLs of the operations face (health, metrics)."""

from django.urls import path  # noqa: F401 - the health and metrics views add their paths here

app_name = "ops"

urlpatterns: list = []
