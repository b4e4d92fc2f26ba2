"""Raw usage events (pruned after STATS_RAW_RETENTION_DAYS), daily COUNTER counts (kept), and the day's salt.

No IP address or user agent is stored: events carry salted hashes of the visitor and of the COUNTER session, and
the agent's class (regular/machine/robot) decided when the event was recorded.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from stats.counter import AccessMethod, Activity


class EventKind(models.TextChoices):
    RECORD_PAGE = "record_page", _("Record page view")
    LANDING_PAGE = "landing_page", _("DOI landing page view")
    EXPORT = "export", _("Metadata export download")
    CITATION = "citation", _("Citation download")
    CITATION_COPY = "citation_copy", _("Citation copied")
    OUTBOUND = "outbound", _("Click to the data")
    API = "api", _("API record access")
    CSW = "csw", _("CSW GetRecordById")
    OAI = "oai", _("OAI-PMH GetRecord")
    FILE = "file", _("File download (web-server log)")


class UsageEvent(models.Model):
    """One access to one dataset, as recorded (before the COUNTER filters, which the aggregation applies)."""

    id = models.UUIDField(primary_key=True)  # chosen by the recorder: a batch written twice is written once
    timestamp = models.DateTimeField()
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    activity = models.CharField(max_length=16, choices=[(a.value, a.value) for a in Activity])
    access_method = models.CharField(max_length=8, choices=[(m.value, m.value) for m in AccessMethod])
    record_id = models.UUIDField()
    doi = models.CharField(max_length=300, blank=True)
    hub = models.CharField(max_length=16, blank=True)  # ST-09: the one hub the access is attributed to
    url = models.TextField()  # path (and target for outbound clicks): the double-click key with the session
    status = models.PositiveSmallIntegerField()
    visitor = models.CharField(max_length=56)  # SHA-224 of the user identity with the day's salt
    session = models.CharField(max_length=56)  # SHA-224 of identity|date|hour with the day's salt
    source = models.CharField(max_length=16, default="web")  # web, or log (import-log)

    class Meta:
        indexes = [models.Index(fields=["timestamp"], name="usageevent_timestamp")]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.kind} {self.doi or self.record_id}"


class SearchEvent(models.Model):
    """ST-10: one search that returned a result set (each facet re-run is a new search)."""

    id = models.UUIDField(primary_key=True)
    timestamp = models.DateTimeField()
    query = models.TextField(blank=True)
    filters = models.JSONField(default=dict, blank=True)
    hubs = ArrayField(models.CharField(max_length=16), default=list, blank=True)  # hub filter ([] = everything)
    result_count = models.PositiveIntegerField()
    access_method = models.CharField(max_length=8)
    session = models.CharField(max_length=56)
    status = models.PositiveSmallIntegerField(default=200)

    class Meta:
        indexes = [
            models.Index(fields=["timestamp"], name="searchevent_timestamp"),
            GinIndex(fields=["hubs"], name="searchevent_hubs_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.query!r} ({self.result_count})"


class DailyUsage(models.Model):
    """COUNTER RD1 counts of one dataset, hub, day and access method (robots never have a row)."""

    day = models.DateField()
    record_id = models.UUIDField()
    doi = models.CharField(max_length=300, blank=True)
    hub = models.CharField(max_length=16, blank=True)
    access_method = models.CharField(max_length=8)
    total_investigations = models.PositiveIntegerField(default=0)
    unique_investigations = models.PositiveIntegerField(default=0)
    total_requests = models.PositiveIntegerField(default=0)
    unique_requests = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "record_id", "hub", "access_method"], name="dailyusage_unique"),
        ]
        indexes = [
            models.Index(fields=["record_id", "day"], name="dailyusage_record_day"),
            models.Index(fields=["hub", "day"], name="dailyusage_hub_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.doi or self.record_id} {self.hub} {self.access_method}"


class DailySearches(models.Model):
    """Searches of one day, hub filter and access method; kept after the raw searches are pruned."""

    day = models.DateField()
    hub = models.CharField(max_length=16, blank=True)  # "" = searches of the whole catalogue (no hub filter)
    access_method = models.CharField(max_length=8)
    searches = models.PositiveIntegerField(default=0)
    zero_result_searches = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "hub", "access_method"], name="dailysearches_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.hub or '*'} {self.access_method}: {self.searches}"


class DailySalt(models.Model):
    """The random salt of one UTC day. Deleted once the day is over and aggregated: yesterday's hashes can then no
    longer be linked to anything."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return str(self.day)


class DatasetCitation(models.Model):
    """Bibliometrics: a work citing a dataset, from the record's own relations or from DataCite event data."""

    class Origin(models.TextChoices):
        METADATA = "metadata", _("Dataset metadata")
        EVENT_DATA = "event-data", _("DataCite event data")

    record_id = models.UUIDField()
    doi = models.CharField(max_length=300, blank=True)
    hub = models.CharField(max_length=16, blank=True)
    citing_id = models.CharField(max_length=500)  # the citing work's DOI (lower-case) or URL
    relation = models.CharField(max_length=40)  # IsCitedBy, IsReferencedBy, IsSupplementTo (DataCite names)
    origin = models.CharField(max_length=16, choices=Origin.choices)
    found_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_id", "citing_id", "origin"], name="datasetcitation_unique"),
        ]
        indexes = [models.Index(fields=["hub"], name="datasetcitation_hub")]

    def __str__(self) -> str:
        return f"{self.doi or self.record_id} <- {self.citing_id} ({self.relation}, {self.origin})"
