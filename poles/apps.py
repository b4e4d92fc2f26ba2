from django.apps import AppConfig


class PolesConfig(AppConfig):
    name = "poles"
    verbose_name = "Hubs and harvest sources"
