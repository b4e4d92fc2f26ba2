"""Ingest: unified records into the database, in bulk, with provenance, dedup and tombstones.

One call per page of documents: a handful of queries whatever the page size (no per-record round trips).
Rules:
- A document whose original bytes are unchanged since the last harvest is not rewritten (only `last_seen` moves).
- The same record from several sources (same DOI, else same identifier) is one Record with one RecordSource each.
- The fields of a Record come from the source that changed most recently (it becomes `primary_source`).
- Deletion at a source is a tombstone: the RecordSource is marked, and the Record is marked deleted only when
  no source still has it live. Rows are never removed, the original XML is never lost.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from catalogue.records import facet_values
from catalogue.records.bulkcopy import copy_values
from catalogue.records.geo import search_geometry
from catalogue.records.identifiers import normalise_doi, record_uuid
from catalogue.records.models import Record, RecordSource
from catalogue.records.signals import records_changed
from catalogue.records.unified import HarvestedDocument, UnifiedRecord, plain_fields, plain_hash
from poles.models import HarvestSource

# Record fields copied from the unified record as they are (lists of dataclasses become lists of dicts).
_COPIED_FIELDS = [f.name for f in dataclasses.fields(UnifiedRecord) if f.name not in {"bboxes", "doi", "identifier"}]
_UPDATED_FIELDS = [
    *_COPIED_FIELDS,
    "identifier",
    "doi",
    "bboxes",
    "geometry",
    "keyword_values",
    "organisation_names",
    "keyword_facet",
    "organisation_facet",
    "license_facet",
    "content_hash",
    "primary_source",
    "deleted",
    "deleted_reason",
    "deleted_at",
    "updated_at",
]


# What ingest reads of existing rows (the rest is only written).
_PROVENANCE_COLUMNS = ["id", "record_id", "source_id", "source_identifier", "content_hash", "deleted_at_source"]
_MATCH_COLUMNS = ["id", "identifier", "doi", "deleted"]


class _NewRecord:
    """A Record this page creates, as its column values (attributes by attname): COPY sends them as they are, and
    building a model instance per new row cost more than sending it (bench/bench_harvest_scale.py --profile)."""

    def __init__(self, pk, created_at: datetime):
        self.id, self.created_at, self.doi = pk, created_at, None

    @property
    def pk(self):
        return self.id


@dataclass(slots=True)
class IngestItem:
    document: HarvestedDocument
    record: UnifiedRecord
    format: str  # the crosswalk that produced `record`


@dataclass
class IngestResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    record_ids: list = field(default_factory=list)  # records written (created, updated or tombstoned)

    def add(self, other: IngestResult) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.deleted += other.deleted
        self.record_ids.extend(other.record_ids)


def raw_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def record_field_values(unified: UnifiedRecord) -> dict:
    """The Record column values for a unified record (everything but provenance and bookkeeping)."""
    plain = plain_fields(unified)  # converted once: the columns and the content hash read it
    values = {name: plain[name] for name in _COPIED_FIELDS}
    values["title"] = unified.title[:10000]
    values["identifier"] = unified.identifier[:500]
    values["doi"] = normalise_doi(unified.doi) or None
    values["bboxes"] = [[b.west, b.south, b.east, b.north] for b in unified.bboxes]
    values["geometry"] = search_geometry(unified.bboxes)
    values["keyword_values"] = _unique(k.value.strip() for k in unified.keywords if k.value.strip())
    values["organisation_names"] = _unique(
        (p.organisation or (p.name if p.kind == "organisation" else "")).strip() for p in unified.organisations
    )
    # Facet columns hold normalised values (facet_values.py), so every search backend indexes the same ones.
    values["keyword_facet"] = facet_values.keyword_values(values["keyword_values"])
    values["organisation_facet"] = _unique(facet_values.organisation_name(n) for n in values["organisation_names"])
    values["license_facet"] = facet_values.licence_id(unified.license, unified.license_url) or unified.license.strip()
    values["content_hash"] = plain_hash(plain)  # = unified.content_hash()
    return values


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


@transaction.atomic
def ingest_batch(source: HarvestSource, items: Sequence[IngestItem], now: datetime | None = None) -> IngestResult:
    """Store one page of parsed documents from ``source``. Deleted documents go to ``delete_from_source``."""
    now = now or timezone.now()
    result = IngestResult()
    if not items:
        return result
    # The last occurrence of an identifier in a page wins (a source listing a record twice is not an error).
    by_sid = {item.document.source_identifier: item for item in items}
    # Only the columns the decisions below read: every other field of a changed record is overwritten anyway, and
    # loading the original XML, JSON columns and geometry of a page of unchanged records was most of a re-harvest.
    existing = {
        rs.source_identifier: rs
        for rs in RecordSource.objects.filter(source=source, source_identifier__in=list(by_sid))
        .select_related("record")
        .only(*_PROVENANCE_COLUMNS, *(f"record__{name}" for name in _MATCH_COLUMNS))
    }

    unchanged_ids: list[int] = []
    changed: list[tuple[IngestItem, str, RecordSource | None]] = []
    for sid, item in by_sid.items():
        content_hash = raw_hash(item.document.content)
        rs = existing.get(sid)
        if rs and rs.content_hash == content_hash and rs.deleted_at_source is None and not rs.record.deleted:
            unchanged_ids.append(rs.pk)
        else:
            changed.append((item, content_hash, rs))
    if unchanged_ids:
        RecordSource.objects.filter(pk__in=unchanged_ids).update(last_seen=now)
        result.unchanged = len(unchanged_ids)
    if not changed:
        return result

    # Find the Record each changed document belongs to: its own provenance, else the same DOI, else the same
    # identifier (the same dataset published by two hubs).
    dois = {normalise_doi(item.record.doi) for item, _, rs in changed if rs is None} - {""}
    identifiers = {item.record.identifier for item, _, rs in changed if rs is None}
    matching = Record.objects.only(*_MATCH_COLUMNS)
    # (Record or _NewRecord: a later document of the page may match a record an earlier one creates.)
    by_doi: dict[str | None, Any] = {r.doi: r for r in matching.filter(doi__in=dois)} if dois else {}
    by_identifier: dict[str, Any] = {}
    if identifiers:
        for same_identifier in matching.filter(identifier__in=identifiers).order_by("created_at"):
            by_identifier.setdefault(same_identifier.identifier, same_identifier)

    to_create: dict[object, _NewRecord] = {}
    to_update: dict = {}
    sources_to_create: list[dict] = []
    sources_to_update: list[RecordSource] = []
    for item, content_hash, rs in changed:
        values = record_field_values(item.record)
        doi = values["doi"]
        record: Any = rs.record if rs else (by_doi.get(doi) if doi else None) or by_identifier.get(values["identifier"])
        if record is None:
            record_id = record_uuid(doi or "", values["identifier"])
            record = to_create.get(record_id)
            if record is None:  # (a dict lookup: a list membership test here made pages quadratic)
                record = to_create[record_id] = _NewRecord(record_id, now)
                result.created += 1
        else:
            to_update[record.pk] = record
            result.updated += 1
        if doi and doi != record.doi and doi in by_doi and by_doi[doi].pk != record.pk:
            # Another record already owns this DOI: keep ours as it was and say so, rather than fail the page.
            values["issues"] = {**values["issues"], "doi_conflict": doi}
            values["doi"] = record.doi
        for name, value in values.items():
            setattr(record, name, value)
        record.primary_source_id = source.pk
        record.deleted, record.deleted_reason, record.deleted_at = False, "", None
        record.updated_at = now
        if doi:
            by_doi.setdefault(doi, record)
        by_identifier.setdefault(values["identifier"], record)
        result.record_ids.append(record.pk)

        if rs is None:
            sources_to_create.append(
                {
                    "record_id": record.pk,
                    "source_id": source.pk,
                    "source_identifier": item.document.source_identifier[:500],
                    "original_xml": item.document.content,
                    "format": item.format,
                    "content_hash": content_hash,
                    "datestamp": item.document.datestamp,
                    "first_seen": now,
                    "last_seen": now,
                    "deleted_at_source": None,
                }
            )
        else:
            rs.record = record
            rs.original_xml = item.document.content
            rs.format = item.format
            rs.content_hash = content_hash
            rs.datestamp = item.document.datestamp
            rs.last_seen = now
            rs.deleted_at_source = None
            sources_to_update.append(rs)

    # A record created by this page has this source as its only provenance: its hub and source arrays are known
    # now, so refresh_denormalised below finds them right and does not rewrite those rows.
    if to_create:
        # Read, not taken from a cached `source.pole`: the same number of queries for every page.
        pole_code = HarvestSource.objects.values_list("pole__code", flat=True).get(pk=source.pk)
        for record in to_create.values():
            record.pole_codes, record.source_slugs = [pole_code], [source.slug]
    copy_values(Record, (vars(record) for record in to_create.values()))
    to_update = {pk: r for pk, r in to_update.items() if pk not in to_create}
    if to_update:
        Record.objects.bulk_update(to_update.values(), _UPDATED_FIELDS, batch_size=500)
    copy_values(RecordSource, sources_to_create)
    if sources_to_update:
        RecordSource.objects.bulk_update(
            sources_to_update,
            ["record", "original_xml", "format", "content_hash", "datestamp", "last_seen", "deleted_at_source"],
            batch_size=500,
        )
    refresh_denormalised(result.record_ids)
    return result


@transaction.atomic
def delete_from_source(
    source: HarvestSource, source_identifiers: Iterable[str], reason: str, now: datetime | None = None
) -> IngestResult:
    """Tombstone what ``source`` no longer has. A Record still live at another source stays live."""
    now = now or timezone.now()
    result = IngestResult()
    sids = list(dict.fromkeys(source_identifiers))
    if not sids:
        return result
    provenance = RecordSource.objects.filter(source=source, source_identifier__in=sids, deleted_at_source__isnull=True)
    record_ids = list(provenance.values_list("record_id", flat=True).distinct())
    provenance.update(deleted_at_source=now, last_seen=now)
    if not record_ids:
        return result
    orphans = (
        Record.objects.public()
        .filter(pk__in=record_ids)
        .exclude(provenance__deleted_at_source__isnull=True)  # no live provenance left
    )
    result.deleted = orphans.update(deleted=True, deleted_reason=reason[:1000], deleted_at=now, updated_at=now)
    result.record_ids = record_ids
    refresh_denormalised(record_ids)
    return result


def refresh_denormalised(record_ids: Sequence) -> None:
    """Recompute the hub and source arrays of records from their live provenance, in one statement.

    A tombstoned record keeps the hubs and sources it had, so its page can still say where it came from.
    """
    if not record_ids:
        return
    record_table, rs_table = Record._meta.db_table, RecordSource._meta.db_table
    source_table, pole_table = HarvestSource._meta.db_table, HarvestSource.pole.field.related_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {record_table} r SET
                pole_codes = agg.pole_codes, source_slugs = agg.source_slugs
            FROM (
                SELECT rs.record_id,
                       array_agg(DISTINCT p.code ORDER BY p.code) AS pole_codes,
                       array_agg(DISTINCT s.slug ORDER BY s.slug) AS source_slugs
                FROM {rs_table} rs
                JOIN {source_table} s ON s.id = rs.source_id
                JOIN {pole_table} p ON p.id = s.pole_id
                WHERE rs.record_id = ANY(%s) AND rs.deleted_at_source IS NULL
                GROUP BY rs.record_id
            ) agg
            WHERE r.id = agg.record_id
              AND (r.pole_codes IS DISTINCT FROM agg.pole_codes OR r.source_slugs IS DISTINCT FROM agg.source_slugs)
            """,  # noqa: S608 - table names come from model metadata, values are parameters
            [list(record_ids)],
        )
    # Search indexes that live outside the database (Elasticsearch) follow: catalogue.search listens.
    records_changed.send(sender=Record, record_ids=record_ids)
