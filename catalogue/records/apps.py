from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    # The record core keeps the app label "catalogue": table names (catalogue_record...) and the migration history
    # recorded under that label stay valid after the move from catalogue/ to catalogue/records/.
    name = "catalogue.records"
    label = "catalogue"
    verbose_name = "Catalogue"
