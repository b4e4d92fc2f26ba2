"""Datasets as statistics see them: record id, DOI (the COUNTER dataset key, ST-03) and the one hub (ST-09)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from catalogue.records.identifiers import normalise_doi
from catalogue.records.models import Record
from stats.counter import attributed_hub


@dataclass(frozen=True)
class Dataset:
    record_id: uuid.UUID
    doi: str
    hub: str


_FIELDS = ("id", "doi", "identifier", "pole_codes", "primary_source__pole__code")


def _dataset(row: dict) -> Dataset:
    return Dataset(
        row["id"], row["doi"] or "", attributed_hub(row["pole_codes"], row["primary_source__pole__code"] or "")
    )


def resolve_refs(refs: Iterable[dict]) -> dict[tuple[str, str], Dataset]:
    """{("record_id"|"doi"|"identifier", value): Dataset} for the references that name a record; one query each."""
    wanted: dict[str, set[str]] = {"record_id": set(), "doi": set(), "identifier": set()}
    for ref in refs:
        for name, value in ref.items():
            wanted[name].add(str(value))
    found: dict[tuple[str, str], Dataset] = {}
    ids = set()
    for value in wanted["record_id"]:
        try:
            ids.add(uuid.UUID(value))
        except ValueError:
            continue
    if ids:
        for row in Record.objects.filter(pk__in=ids).values(*_FIELDS):
            found["record_id", str(row["id"])] = _dataset(row)
    if wanted["doi"]:
        normalised = {value: normalise_doi(value.rstrip("/")) for value in wanted["doi"]}
        rows = {
            row["doi"]: row for row in Record.objects.filter(doi__in=set(normalised.values()) - {""}).values(*_FIELDS)
        }
        for value, doi in normalised.items():
            if doi in rows:
                found["doi", value] = _dataset(rows[doi])
    if wanted["identifier"]:
        for row in Record.objects.public().filter(identifier__in=wanted["identifier"]).values(*_FIELDS):
            found.setdefault(("identifier", row["identifier"]), _dataset(row))
    return found


def dataset_for_record(record: Record) -> Dataset:
    primary = record.primary_source.pole.code if record.primary_source_id else ""
    return Dataset(record.pk, record.doi or "", attributed_hub(record.pole_codes, primary))
