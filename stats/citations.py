"""Bibliometrics: who cites each dataset. Two sources, counted once per citing work and origin:
- the relations the records themselves carry (DataCite relatedIdentifier IsCitedBy/IsReferencedBy/IsSupplementTo);
- DataCite's public event data (`/events?obj-id=` and `?subj-id=`), where the network allows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Count

from catalogue.records import reading
from catalogue.records.identifiers import normalise_doi
from catalogue.records.models import Record
from stats.models import DatasetCitation
from stats.records import Dataset

logger = logging.getLogger(__name__)

# Relations that say "the other work cites this dataset" when written on the dataset's own record.
CITED_RELATIONS = {"iscitedby": "IsCitedBy", "isreferencedby": "IsReferencedBy", "issupplementto": "IsSupplementTo"}
# Event data relation-type-id, by the side the dataset stands on.
_EVENT_DATASET_AS_SUBJECT = {
    "is-cited-by": "IsCitedBy",
    "is-referenced-by": "IsReferencedBy",
    "is-supplement-to": "IsSupplementTo",
}
_EVENT_DATASET_AS_OBJECT = {
    "cites": "IsCitedBy",
    "references": "IsReferencedBy",
    "is-supplemented-by": "IsSupplementTo",
}


@dataclass(frozen=True)
class Citation:
    citing_id: str
    relation: str


def _work_id(value: str) -> str:
    doi = normalise_doi(value)
    return doi or value.strip()


def metadata_citations(related_identifiers: object) -> list[Citation]:
    """Citations a record states about itself (one per citing work; DOIs normalised), from its stored
    related_identifiers."""
    found: dict[str, Citation] = {}
    for rel in reading.related_identifiers(related_identifiers):
        relation = CITED_RELATIONS.get(rel.relation_type.replace(" ", "").lower())
        identifier = rel.identifier
        if relation and identifier:
            work = _work_id(identifier)
            found.setdefault(work, Citation(work, relation))
    return list(found.values())


def _event_pages(url: str, params: dict, session: requests.Session) -> Iterator[dict]:
    next_url: str | None = url
    pages = 0
    while next_url and pages < 20:  # a dataset with more than 20 pages of events is cut, and said so in the log
        response = session.get(
            next_url, params=params if pages == 0 else None, timeout=settings.DATACITE_TIMEOUT_SECONDS
        )
        response.raise_for_status()
        body = response.json()
        yield from body.get("data", [])
        next_url = (body.get("links") or {}).get("next")
        pages += 1
    if next_url:
        logger.warning("DataCite events for %s cut after %d pages", params, pages)


def event_data_citations(doi: str, session: requests.Session | None = None) -> list[Citation]:
    """Citations of one DOI from DataCite event data (both directions of the relation)."""
    session = session or requests.Session()
    doi_url = f"https://doi.org/{doi}"
    found: dict[str, Citation] = {}
    for side, relations, other in (
        ("subj-id", _EVENT_DATASET_AS_SUBJECT, "obj-id"),
        ("obj-id", _EVENT_DATASET_AS_OBJECT, "subj-id"),
    ):
        for event in _event_pages(settings.DATACITE_EVENTS_URL, {side: doi_url, "page[size]": 1000}, session):
            attributes = event.get("attributes") or {}
            relation = relations.get(attributes.get("relation-type-id", ""))
            work = _work_id(str(attributes.get(other, "")))
            if relation and work and work != doi:
                found.setdefault(work, Citation(work, relation))
    return list(found.values())


def store(dataset: Dataset, citations: list[Citation], origin: str) -> int:
    """Replace what `origin` said about this dataset."""
    with transaction.atomic():
        DatasetCitation.objects.filter(record_id=dataset.record_id, origin=origin).delete()
        DatasetCitation.objects.bulk_create(
            DatasetCitation(
                record_id=dataset.record_id,
                doi=dataset.doi,
                hub=dataset.hub,
                citing_id=c.citing_id,
                relation=c.relation,
                origin=origin,
            )
            for c in citations
        )
    return len(citations)


def refresh(*, fetch_event_data: bool = False, record_ids: Iterable | None = None) -> dict[str, int]:
    """Re-read every live record's citing relations; with fetch_event_data, ask DataCite for each DOI too."""
    from stats.records import dataset_for_record

    records = Record.objects.public().select_related("primary_source__pole")
    if record_ids is not None:
        records = records.filter(pk__in=list(record_ids))
    counts = {"metadata": 0, "event-data": 0, "event-data-failures": 0}
    session = requests.Session()
    for record in records.only("id", "doi", "pole_codes", "related_identifiers", "primary_source").iterator(2000):
        dataset = dataset_for_record(record)
        cited = metadata_citations(record.related_identifiers)
        if cited or DatasetCitation.objects.filter(record_id=record.pk, origin="metadata").exists():
            counts["metadata"] += store(dataset, cited, DatasetCitation.Origin.METADATA)
        if fetch_event_data and record.doi:
            try:
                counts["event-data"] += store(
                    dataset, event_data_citations(record.doi, session), DatasetCitation.Origin.EVENT_DATA
                )
            except (requests.RequestException, ValueError) as exc:
                counts["event-data-failures"] += 1
                logger.warning("DataCite event data for %s not read: %s", record.doi, exc)
    return counts


def citation_count(record_id) -> int:
    """Distinct citing works, whichever source told us."""
    return DatasetCitation.objects.filter(record_id=record_id).values("citing_id").distinct().count()


def citations_per_hub() -> dict[str, int]:
    """Per hub, the sum over its datasets of each dataset's distinct citing works."""
    per_dataset = (
        DatasetCitation.objects.values("hub", "record_id").annotate(n=Count("citing_id", distinct=True)).order_by()
    )
    totals: dict[str, int] = {}
    for row in per_dataset:
        totals[row["hub"]] = totals.get(row["hub"], 0) + row["n"]
    return dict(sorted(totals.items()))
