from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "catalogue.portal"
    label = "portal"
    verbose_name = "Portal pages"
