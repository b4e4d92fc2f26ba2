"""URLs of the operations face (health, metrics)."""

from django.urls import path

from ops import health

app_name = "ops"

urlpatterns: list = [
    path("healthz", health.healthz, name="healthz"),
]
