from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "catalogue.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from catalogue.records.signals import records_changed
        from catalogue.search.tasks import queue_indexing

        records_changed.connect(queue_indexing, dispatch_uid="catalogue.search.queue_indexing")
        # A record row deleted outright (not tombstoned by a harvest) must leave the engine's index too.
        from django.db.models.signals import post_delete

        from catalogue.records.models import Record
        from catalogue.search.tasks import queue_removal

        post_delete.connect(queue_removal, sender=Record, dispatch_uid="catalogue.search.queue_removal")
