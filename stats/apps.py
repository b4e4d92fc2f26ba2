from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Usage statistics by the COUNTER Code of Practice for Research Data (release RD1)."""

    name = "stats"
    verbose_name = _("Usage statistics")
    default_auto_field = "django.db.models.BigAutoField"
