from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from poles.options import OptionsError, validate_options


class Pole(models.Model):
    """One of the four Data Terra data hubs."""

    code = models.CharField(max_length=16, unique=True)  # AERIS, FORMATER, ODATIS, THEIA
    name = models.CharField(max_length=64)  # display name, e.g. "Form@ter"
    name_fr = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    site_url = models.URLField()
    description_fr = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    domain_fr = models.CharField(max_length=100, blank=True)  # "atmosphère", "Terre solide"...
    domain_en = models.CharField(max_length=100, blank=True)
    # DOI prefixes whose registered landing page is this portal (FAIR signposting cite-as); others get "related".
    landing_doi_prefixes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def label(self, language: str) -> str:
        return self.name_fr if language.startswith("fr") else self.name_en

    def description(self, language: str) -> str:
        return self.description_fr if language.startswith("fr") else self.description_en


class HarvestSource(models.Model):
    class Protocol(models.TextChoices):
        CSW = "csw", "CSW"
        OAIPMH = "oaipmh", "OAI-PMH"
        LOCAL = "local", _("Local directory")

    class Schedule(models.TextChoices):
        MANUAL = "manual", _("Manual only")
        HOURLY = "hourly", _("Every hour")
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Every week")

    pole = models.ForeignKey(Pole, on_delete=models.PROTECT, related_name="sources")
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    protocol = models.CharField(max_length=16, choices=Protocol.choices)
    url = models.CharField(max_length=500, help_text=_("Endpoint URL, or a directory path for local sources"))
    options = models.JSONField(default=dict, blank=True)
    schedule = models.CharField(max_length=16, choices=Schedule.choices, default=Schedule.DAILY)
    enabled = models.BooleanField(default=True)
    # Template of the record page in the source's own catalogue, with {identifier}; "" when unknown.
    record_url_template = models.CharField(max_length=500, blank=True)
    # A running job silent for longer than this is stuck (taken over or aborted); None: HARVEST_STALE_JOB_SECONDS.
    stale_after_seconds = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("A running harvest with no sign of life for this many seconds is considered stuck."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pole__code", "slug"]

    def __str__(self) -> str:
        return self.slug

    def save(self, *args, **kwargs) -> None:
        # Options are always stored complete and valid, whoever writes them (admin, command, seed, API).
        self.options = validate_options(self.protocol, self.options or {})
        super().save(*args, **kwargs)

    def clean(self) -> None:
        try:
            self.options = validate_options(self.protocol, self.options or {})
        except OptionsError as exc:
            raise ValidationError({"options": str(exc)}) from None

    def record_url(self, identifier: str) -> str:
        return self.record_url_template.format(identifier=identifier) if self.record_url_template else ""


class HubMembership(models.Model):
    """A person's role in one hub. Admins manage the hub's sources and people; editors run and edit sources."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Hub admin")
        EDITOR = "editor", _("Hub editor")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_memberships")
    pole = models.ForeignKey(Pole, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pole__code", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "pole"], name="hubmembership_one_role_per_hub")]

    def __str__(self) -> str:
        return f"{self.user} {self.role} of {self.pole.code}"
