"""The audit trail of the hub workspace: who changed which source setting, who started or aborted which job."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        SOURCE_CREATED = "source_created", _("created the source")
        SOURCE_CHANGED = "source_changed", _("changed settings")
        SOURCE_ENABLED = "source_enabled", _("enabled the source")
        SOURCE_DISABLED = "source_disabled", _("disabled the source")
        SOURCE_DELETED = "source_deleted", _("deleted the source")
        JOB_STARTED = "job_started", _("started a harvest")
        JOB_ABORTED = "job_aborted", _("aborted a harvest")
        JOB_TAKEN_OVER = "job_taken_over", _("took over a stuck harvest")
        JOB_RETRY = "job_retry", _("re-ran the failed records")
        MEMBER_ADDED = "member_added", _("added a member")
        MEMBER_REMOVED = "member_removed", _("removed a member")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150)  # kept when the account is deleted
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="audit_events")
    # The source may be deleted later: its slug stays, so the trail still reads.
    source = models.ForeignKey(
        "poles.HarvestSource", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    source_slug = models.CharField(max_length=80, blank=True)
    job_id = models.PositiveBigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    # {"setting": [old, new]} for changed settings; free details otherwise (mode of a harvest, member and role...).
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["source", "-at"], name="audit_source_recent")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.source_slug}"
