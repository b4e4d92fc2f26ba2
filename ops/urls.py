"""URLs of the operations face (health, metrics, CSP reports)."""

from django.urls import path

from ops import health
from ops.metrics import metrics_view
from ops.views import csp_report

app_name = "ops"

urlpatterns: list = [
    path("metrics", metrics_view, name="metrics"),
    path("csp-report", csp_report, name="csp-report"),
    path("healthz", health.healthz, name="healthz"),
]
