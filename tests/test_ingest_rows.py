"""Ingest's new-record path stores what the model path stored, column for column.

Since issue 14 ingest sends the rows of new records to COPY as plain values (no Record or RecordSource instances,
bulkcopy.copy_values) and converts a unified record once for its columns and its content hash. Here every record of
the real-world corpus, plus the synthetic records the harvest benchmark uses, is ingested both ways in the same
database: by `ingest_batch`, and by the path it replaced (model instances written by `copy_insert`, the hash taken
of `dataclasses.asdict`, as `UnifiedRecord.content_hash` was defined). The two must leave the same rows: original
XML, hashes, JSON columns, facet columns, geometry, the search vector the trigger computed, and the same maintained
facet counts. Only `updated_at` may differ (auto_now: one clock reading per statement now, one per row before).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime

import pytest
from django.db import connection, transaction
from django.utils import timezone

from catalogue.records import facet_values
from catalogue.records.bulkcopy import copy_insert
from catalogue.records.geo import search_geometry
from catalogue.records.identifiers import normalise_doi, record_uuid
from catalogue.records.ingest import IngestItem, ingest_batch, raw_hash
from catalogue.records.models import Record, RecordSource
from catalogue.records.unified import BBox, HarvestedDocument, Keyword, UnifiedRecord, plain_fields
from harvesters.crosswalks import parse_document
from poles.models import HarvestSource
from tests.corpus_catalogue import corpus_records
from tests.peers.records import iso_record

pytestmark = pytest.mark.django_db

_COPIED = [f.name for f in dataclasses.fields(UnifiedRecord) if f.name not in {"bboxes", "doi", "identifier"}]


def _asdict_hash(record: UnifiedRecord) -> str:
    """The content hash as it was first defined: sorted-key JSON of dataclasses.asdict, dates in ISO form."""
    text = json.dumps(dataclasses.asdict(record), default=lambda v: v.isoformat(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _organisation_of(party) -> str:
    return (party.organisation or (party.name if party.kind == "organisation" else "")).strip()


def _model_path(source: HarvestSource, items: list[IngestItem], now: datetime) -> None:
    """What ingest_batch did for a page of new records before issue 14 (it read the same rules)."""
    records, sources = [], []
    for item in items:
        unified = item.record
        values = {
            name: [dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value]
            if isinstance(value, list)
            else value
            for name in _COPIED
            for value in [getattr(unified, name)]
        }
        values.update(
            title=unified.title[:10000],
            identifier=unified.identifier[:500],
            doi=normalise_doi(unified.doi) or None,
            bboxes=[[b.west, b.south, b.east, b.north] for b in unified.bboxes],
            geometry=search_geometry(unified.bboxes),
            keyword_values=list(dict.fromkeys(k.value.strip() for k in unified.keywords if k.value.strip())),
            organisation_names=list(dict.fromkeys(n for n in map(_organisation_of, unified.organisations) if n)),
            license_facet=facet_values.licence_id(unified.license, unified.license_url) or unified.license.strip(),
            content_hash=_asdict_hash(unified),
        )
        values["keyword_facet"] = facet_values.keyword_values(values["keyword_values"])
        organisations = (facet_values.organisation_name(n) for n in values["organisation_names"])
        values["organisation_facet"] = list(dict.fromkeys(n for n in organisations if n))
        record = Record(id=record_uuid(values["doi"] or "", values["identifier"]), created_at=now, **values)
        record.primary_source = source
        record.deleted, record.deleted_reason, record.deleted_at, record.updated_at = False, "", None, now
        record.pole_codes, record.source_slugs = [source.pole.code], [source.slug]
        records.append(record)
        sources.append(
            RecordSource(
                record=record,
                source=source,
                source_identifier=item.document.source_identifier[:500],
                original_xml=item.document.content,
                format=item.format,
                content_hash=raw_hash(item.document.content),
                datestamp=item.document.datestamp,
                first_seen=now,
                last_seen=now,
            )
        )
    copy_insert(Record, records)
    copy_insert(RecordSource, sources)


def _stored() -> tuple[list, list, list]:
    """Every stored column as text (geometry as EWKB, the vector as tsvector text), and the facet counts."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.id, (to_jsonb(r) - 'updated_at' - 'geometry' - 'search_vector')::text, "
            "encode(ST_AsEWKB(r.geometry), 'hex'), r.search_vector::text FROM catalogue_record r ORDER BY r.id"
        )
        records = cursor.fetchall()
        cursor.execute(
            "SELECT rs.record_id, rs.source_identifier, (to_jsonb(rs) - 'id')::text FROM catalogue_recordsource rs "
            "ORDER BY rs.record_id, rs.source_identifier"
        )
        sources = cursor.fetchall()
        cursor.execute("SELECT facet, value, n FROM catalogue_facet_count WHERE n <> 0 ORDER BY facet, value")
        counts = cursor.fetchall()
    return records, sources, counts


def _distinct_records() -> list[IngestItem]:
    """The corpus and benchmark records, one per DOI and identifier (merges are test_ingest.py's subject)."""
    documents = [(name, content, fmt, record) for name, content, fmt, record in corpus_records()]
    for number in range(30):
        content = iso_record(f"rows-{number:03d}", doi=f"10.5555/rows.{number}" if number % 3 == 0 else "")
        content = content if isinstance(content, bytes) else content.encode()
        fmt, record = parse_document(content)
        documents.append((f"bench/{number}", content, fmt, record))
    # Values COPY and array literals must escape: quotes, backslashes, commas, braces, tabs, new lines, "NULL".
    awkward = ['a "quoted" word', "back\\slash \\N", "comma, {brace}", "tab\tand\nnew line", "NULL", ""]
    record = UnifiedRecord(
        "rows-awkward", 'Title with "quotes" and \\', "iso19139", keywords=[Keyword(v) for v in awkward],
        platforms=awkward, instruments=["NULL"], formats=awkward, languages=["fr", "en"],
        issues={"note": 'a "raw" \\ value\twith tab'}, translations={"fr": {"title": "Titre \"cité\""}},
    )  # fmt: skip
    documents.append(("awkward", b"<md id='awkward'/>", "iso19139", record))
    items, seen = [], set()
    for name, content, fmt, record in documents:
        keys = {("id", record.identifier[:500])} | ({("doi", normalise_doi(record.doi))} if record.doi else set())
        if keys & seen:
            continue
        seen |= keys
        items.append(IngestItem(HarvestedDocument(name, content), record, fmt))
    return items


def test_new_records_are_stored_as_the_model_path_stored_them():
    source = HarvestSource.objects.select_related("pole").get(slug="demo-odatis")
    items = _distinct_records()
    assert len(items) > 150  # the corpus is there: a comparison of a handful of records would prove little
    now = timezone.now()
    stored = {}
    for name, write in (("ingest", lambda: ingest_batch(source, items, now=now)), ("models", None)):
        with transaction.atomic():
            if write:
                result = write()
                assert result.created == len(items)
            else:
                _model_path(source, items, now)
            stored[name] = _stored()
            transaction.set_rollback(True)
    (records, sources, counts), (ref_records, ref_sources, ref_counts) = stored["ingest"], stored["models"]
    assert len(records) == len(items) and len(sources) == len(items)
    assert all(vector for *_, vector in records)  # the trigger ran on every row
    assert [row for row in records if row not in ref_records] == []
    assert records == ref_records
    assert sources == ref_sources
    assert counts == ref_counts and len(counts) > 50


def test_the_content_hash_is_the_one_of_asdict_for_every_corpus_record():
    records = [record for *_, record in corpus_records()]
    assert len(records) > 150
    assert [r.identifier for r in records if r.content_hash() != _asdict_hash(r)] == []


def test_to_plain_converts_like_asdict_without_copying_plain_values():
    record = UnifiedRecord(
        "x", "t", "iso19139", keywords=[Keyword("a", "GCMD")], bboxes=[BBox(1.0, 2.0, 3.0, 4.0)],
        funding=[{"funder": "ANR"}], date_created=date(2020, 1, 2), translations={"fr": {"title": "T"}},
    )  # fmt: skip
    plain = plain_fields(record)
    assert plain == dataclasses.asdict(record)
    assert plain["translations"] is record.translations  # plain values are shared, not copied
    assert plain_fields(record) == plain  # the type cache gives the same answer the second time
