from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db.models import Q
from django.db.models.functions import Lower

from catalogue.records.visibility import public_q

if TYPE_CHECKING:
    from poles.models import Pole


class RecordQuerySet(models.QuerySet):
    def public(self) -> RecordQuerySet:
        """The records the public sees (catalogue/records/visibility.py). Search, pages, API, CSW and sitemaps all
        read through it; tombstones are reachable only by id (record page, DOI landing page)."""
        return self.filter(public_q())

    def for_pole(self, code: str) -> RecordQuerySet:
        return self.filter(pole_codes__contains=[code])


class Record(models.Model):
    """The unified record, merged from one or more sources (see RecordSource for what each source said)."""

    _landing_hubs: list[Pole]  # not a field: the record's hubs, read once by catalogue.records.links.record_hubs

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    identifier = models.CharField(max_length=500, db_index=True)  # fileIdentifier / DOI / OAI id
    doi = models.CharField(max_length=300, null=True, blank=True)  # normalised lower-case, NULL when none
    title = models.TextField()
    abstract = models.TextField(blank=True)
    translations = models.JSONField(default=dict, blank=True)  # {"fr": {"title":..., "abstract":...}, ...}
    language = models.CharField(max_length=16, blank=True)
    languages = ArrayField(models.CharField(max_length=16), default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)  # [{"value", "thesaurus", "type"}]
    keyword_values = ArrayField(models.TextField(), default=list, blank=True)  # flat, for facets
    topic_categories = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    resource_type = models.CharField(max_length=64, blank=True)
    source_types = ArrayField(models.TextField(), default=list, blank=True)  # as the source wrote them (dc:type)
    organisations = models.JSONField(default=list, blank=True)  # [Party as dict]
    organisation_names = ArrayField(models.TextField(), default=list, blank=True)  # flat, for facets
    # Facet values normalised at ingest (catalogue.records.facet_values); the columns above keep what records say
    # (CSW, OAI-PMH and the API show that), these group what people see as one value.
    keyword_facet = ArrayField(models.TextField(), default=list, blank=True)  # concepts, GCMD levels
    organisation_facet = ArrayField(models.TextField(), default=list, blank=True)  # aliases grouped
    license_facet = models.TextField(blank=True, default="")  # SPDX identifier when known, else as published
    creators = models.JSONField(default=list, blank=True)
    publisher = models.TextField(blank=True)
    publication_year = models.IntegerField(null=True, blank=True)
    date_created = models.DateField(null=True, blank=True)
    date_published = models.DateField(null=True, blank=True)
    date_revised = models.DateField(null=True, blank=True)
    temporal_start = models.DateField(null=True, blank=True)  # NULL = open start
    temporal_end = models.DateField(null=True, blank=True)  # NULL = open end
    # Boxes as published ([west, south, east, north], west > east across the antimeridian), for display and exports,
    # and what search reads: their exact union split at the antimeridian, always valid (records.geo.search_geometry,
    # docs/geometry.md): a MultiPolygon, or points/lines for boxes with no area, or a GeometryCollection of both.
    bboxes = models.JSONField(default=list, blank=True)
    geometry = models.GeometryField(srid=4326, null=True, blank=True)
    license = models.TextField(blank=True)
    license_url = models.URLField(max_length=500, blank=True)
    constraints = models.JSONField(default=list, blank=True)
    lineage = models.TextField(blank=True)
    # [{"url", "protocol", "name", "description", "function"}]
    online_resources = models.JSONField(default=list, blank=True)
    formats = ArrayField(models.TextField(), default=list, blank=True)
    parent_identifier = models.CharField(max_length=500, blank=True)
    platforms = ArrayField(models.TextField(), default=list, blank=True)
    instruments = ArrayField(models.TextField(), default=list, blank=True)
    version = models.CharField(max_length=100, blank=True)
    related_identifiers = models.JSONField(default=list, blank=True)
    funding = models.JSONField(default=list, blank=True)
    metadata_standard = models.CharField(max_length=32)
    modified = models.DateTimeField(null=True, blank=True)  # the metadata's own date stamp
    issues = models.JSONField(default=dict, blank=True)  # raw values that could not be parsed
    # Denormalised from provenance, for filters and facets without joins.
    pole_codes = ArrayField(models.CharField(max_length=16), default=list, blank=True)
    source_slugs = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    # Which source's version the fields above come from (the most recently changed one).
    primary_source = models.ForeignKey(
        "poles.HarvestSource", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_hash = models.CharField(max_length=64, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    deleted = models.BooleanField(default=False)
    deleted_reason = models.TextField(blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["doi"], condition=Q(doi__isnull=False), name="record_doi_unique"),
            # Spatial predicates raise on an invalid geometry: no write path (ingest, COPY, SQL) may store one.
            models.CheckConstraint(condition=Q(geometry__isvalid=True), name="record_geometry_valid"),
        ]
        indexes = [
            models.Index(fields=["deleted", "-updated_at"], name="record_live_recent"),
            GinIndex(fields=["pole_codes"], name="record_pole_codes_gin"),
            GinIndex(fields=["source_slugs"], name="record_source_slugs_gin"),
            GinIndex(fields=["search_vector"], name="record_search_vector_gin"),
            # Search filters, facets and suggestions (catalogue.search).
            GinIndex(fields=["keyword_values"], name="record_keyword_values_gin"),
            GinIndex(fields=["organisation_names"], name="record_organisations_gin"),
            GinIndex(fields=["keyword_facet"], name="record_keyword_facet_gin"),
            GinIndex(fields=["organisation_facet"], name="record_organisation_facet_gin"),
            GinIndex(fields=["title"], name="record_title_trgm", opclasses=["gin_trgm_ops"]),
            models.Index(fields=["publication_year", "id"], name="record_year_id"),
            # "newest" (year DESC NULLS LAST, id) and "title" (lower(title), id) read their top rows from these.
            models.Index(
                models.OrderBy(models.F("publication_year"), descending=True, nulls_last=True),
                models.F("id"),
                name="record_year_desc_id",
            ),
            models.Index(Lower("title"), models.F("id"), name="record_title_lower_id"),
            # The record page's versions and children (catalogue.portal.record_page): without these every record
            # page read the whole table (400 ms at 100,000 records, measured under load).
            models.Index(fields=["parent_identifier"], name="record_parent_identifier"),
            GinIndex(fields=["related_identifiers"], name="record_related_ids_gin", opclasses=["jsonb_path_ops"]),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What to call the record: its title, or its identifier when the source gave no title."""
        return self.title or self.identifier

    def get_absolute_url(self) -> str:
        from catalogue.records.links import record_path

        return record_path(self.pk)


class RecordSource(models.Model):
    """Provenance: what one harvest source said about a record. The original XML is never lost."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="provenance")
    source = models.ForeignKey("poles.HarvestSource", on_delete=models.CASCADE, related_name="record_sources")
    source_identifier = models.CharField(max_length=500)  # the source's own id for this record
    original_xml = models.BinaryField()  # verbatim bytes, as received
    format = models.CharField(max_length=32)  # crosswalk name: iso19139, iso19115-3, datacite, dublincore
    content_hash = models.CharField(max_length=64)  # sha256 of the original bytes
    datestamp = models.DateTimeField(null=True, blank=True)  # the source's own modification stamp
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()
    deleted_at_source = models.DateTimeField(null=True, blank=True)  # the source removed it (tombstone)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_identifier"], name="recordsource_unique_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.source.slug}:{self.source_identifier}"
