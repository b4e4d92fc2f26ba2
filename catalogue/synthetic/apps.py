from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "catalogue.synthetic"
    label = "synthetic"
    verbose_name = "Synthetic records"
