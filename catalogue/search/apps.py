from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "catalogue.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from catalogue.records.signals import records_changed
        from catalogue.search.tasks import queue_indexing

        records_changed.connect(queue_indexing, dispatch_uid="catalogue.search.queue_indexing")
