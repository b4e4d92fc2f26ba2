from django.apps import AppConfig


class LandingConfig(AppConfig):
    name = "catalogue.landing"
    label = "landing"
    verbose_name = "DOI landing pages"
