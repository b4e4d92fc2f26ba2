from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HarvestJob(models.Model):
    """One harvest run of one source. The row is the truth about a run, not Celery's result store."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCESS = "success", _("Success")
        PARTIAL = "partial", _("Partial")  # finished, but some pages or records failed
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        FULL = "full", _("Full")
        INCREMENTAL = "incremental", _("Incremental")
        RETRY = "retry", _("Failed records again")  # only the identifiers in checkpoint["retry_identifiers"]

    source = models.ForeignKey("poles.HarvestSource", on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.INCREMENTAL)
    allow_mass_delete = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)  # a running job that stops beating is stale
    worker = models.CharField(max_length=200, blank=True)
    # Where to resume: {"start_position": 301} for CSW, {"resumption_token": "..."} for OAI-PMH, ...
    checkpoint = models.JSONField(default=dict, blank=True)
    seen = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    deleted = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    total_expected = models.PositiveIntegerField(null=True, blank=True)  # as announced by the server, if any
    error_summary = models.TextField(blank=True)
    log = models.TextField(blank=True)  # the per-source run log, human readable
    # Measured when the job finishes, for the source's health: its trend, and datestamps that stopped moving.
    live_records_after = models.PositiveIntegerField(null=True, blank=True)
    newest_datestamp = models.DateTimeField(null=True, blank=True)
    mass_delete_refused = models.PositiveIntegerField(default=0)  # deletions the mass-delete guard refused

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # At most one running job per source: the database enforces the claim, not a cache lock.
            models.UniqueConstraint(
                fields=["source"], condition=models.Q(status="running"), name="harvestjob_one_running_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.slug} #{self.pk} {self.status}"


class HarvestError(models.Model):
    """A record or page that failed in a job, with enough context to fix it at the source."""

    job = models.ForeignKey(HarvestJob, on_delete=models.CASCADE, related_name="errors")
    identifier = models.CharField(max_length=500, blank=True)  # the offending record's id, or the page position
    message = models.TextField()
    excerpt = models.TextField(blank=True)  # the start of the offending XML
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.identifier}: {self.message[:80]}"


class SourceAlertState(models.Model):
    """The health state last announced to a source's hub admins: alerts go out when it changes, not every run."""

    source = models.OneToOneField("poles.HarvestSource", on_delete=models.CASCADE, related_name="alert_state")
    state = models.CharField(max_length=16)
    mass_delete_refused = models.BooleanField(default=False)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.source.slug}: {self.state}"
