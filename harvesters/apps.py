from django.apps import AppConfig


class HarvestersConfig(AppConfig):
    name = "harvesters"
    verbose_name = "Harvesters"

    def ready(self) -> None:
        from harvesters.alerts import announce_health
        from harvesters.signals import job_finished

        job_finished.connect(announce_health, dispatch_uid="harvesters.alerts.announce_health")
