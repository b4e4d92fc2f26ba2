"""Ingest: bulk writes, provenance per source, dedup by DOI, unchanged detection, tombstones."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.records.ingest import IngestItem, delete_from_source, ingest_batch
from catalogue.records.models import Record, RecordSource
from catalogue.records.unified import HarvestedDocument
from poles.models import HarvestSource
from tests.conftest import make_unified

pytestmark = pytest.mark.django_db


def item(identifier, content=None, **fields):
    content = content or f"<md id='{identifier}' v='1'/>".encode()
    return IngestItem(HarvestedDocument(identifier, content), make_unified(identifier, **fields), "iso19139")


@pytest.fixture
def odatis():
    return HarvestSource.objects.get(slug="demo-odatis")


@pytest.fixture
def aeris():
    return HarvestSource.objects.get(slug="demo-aeris")


def test_a_page_is_written_in_a_constant_number_of_queries(odatis):
    with CaptureQueriesContext(connection) as small:
        ingest_batch(odatis, [item(f"a{i}") for i in range(5)])
    with CaptureQueriesContext(connection) as large:
        ingest_batch(odatis, [item(f"b{i}") for i in range(200)])
    assert len(large.captured_queries) == len(small.captured_queries)
    assert Record.objects.count() == 205


def test_unchanged_documents_are_not_rewritten(odatis):
    first = ingest_batch(odatis, [item("x1"), item("x2")])
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    before = Record.objects.get(identifier="x1").updated_at
    again = ingest_batch(odatis, [item("x1"), item("x2", content=b"<md id='x2' v='2'/>", title="New title")])
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert Record.objects.get(identifier="x1").updated_at == before
    assert Record.objects.get(identifier="x2").title == "New title"
    assert bytes(RecordSource.objects.get(source_identifier="x2").original_xml) == b"<md id='x2' v='2'/>"


def test_the_same_doi_from_two_hubs_is_one_record_with_two_provenances(odatis, aeris):
    ingest_batch(odatis, [item("sextant-123", doi="10.12770/ABC-123")])
    ingest_batch(aeris, [item("oai:aeris:9", doi="https://doi.org/10.12770/abc-123")])
    record = Record.objects.get()
    assert record.doi == "10.12770/abc-123"
    assert record.pole_codes == ["AERIS", "ODATIS"]
    assert record.source_slugs == ["demo-aeris", "demo-odatis"]
    assert sorted(record.provenance.values_list("source_identifier", flat=True)) == ["oai:aeris:9", "sextant-123"]


def test_deletion_at_one_source_keeps_a_record_live_at_another(odatis, aeris):
    ingest_batch(odatis, [item("s1", doi="10.17882/1")])
    ingest_batch(aeris, [item("a1", doi="10.17882/1")])
    delete_from_source(odatis, ["s1"], "deleted at source")
    record = Record.objects.get()
    assert not record.deleted
    assert record.pole_codes == ["AERIS"]
    result = delete_from_source(aeris, ["a1"], "deleted at source demo-aeris")
    record.refresh_from_db()
    assert result.deleted == 1
    assert record.deleted and record.deleted_reason == "deleted at source demo-aeris" and record.deleted_at
    assert RecordSource.objects.count() == 2  # rows and original XML kept
    assert Record.objects.public().count() == 0


def test_a_tombstoned_record_comes_back_when_the_source_lists_it_again(odatis):
    ingest_batch(odatis, [item("z1")])
    delete_from_source(odatis, ["z1"], "gone")
    result = ingest_batch(odatis, [item("z1")])
    assert result.updated == 1
    assert Record.objects.public().filter(identifier="z1").exists()
