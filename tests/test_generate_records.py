"""generate_records: deterministic, varied synthetic records written through the normal ingest path."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter

import pytest
from django.contrib.gis.geos import Polygon
from django.core.management import CommandError, call_command

from catalogue.records.models import Record, RecordSource
from catalogue.records.unified import _json_default
from catalogue.synthetic.generator import POLES, Generator, generate
from poles.models import HarvestSource


@pytest.fixture(scope="module")
def sample():
    generator = Generator(seed=42)
    return [generator.record(i) for i in range(2000)]


def test_the_same_seed_and_index_always_give_the_same_record():
    first, again, other = Generator(seed=7), Generator(seed=7), Generator(seed=8)
    for index in (0, 1, 999, 123456):
        pole, document, record = first.record(index)
        assert again.record(index) == (pole, document, record)
        assert other.record(index)[2].content_hash() != record.content_hash()


def test_the_fast_content_hash_equals_the_asdict_json_hash(sample):
    """ingest hashes with catalogue.records.unified.to_plain; it must give the hashes the asdict round trip gave."""
    for _, _, record in sample[:300]:
        plain = json.loads(json.dumps(dataclasses.asdict(record), default=_json_default, sort_keys=True))
        assert record.as_json() == plain
        assert record.content_hash() == hashlib.sha256(json.dumps(plain, sort_keys=True).encode()).hexdigest()


def test_sample_is_varied(sample):
    records = [record for _, _, record in sample]
    assert Counter(pole for pole, _, _ in sample) == {code: 500 for code in POLES}
    boxes = [box for r in records for box in r.bboxes]
    assert sum(box.crosses_antimeridian for box in boxes) > 50
    assert all(-180 <= b.west <= 180 and -180 <= b.east <= 180 and -90 <= b.south <= b.north <= 90 for b in boxes)
    assert sum(1 for r in records if len(r.bboxes) > 1) > 20
    assert sum(1 for b in boxes if b.west == b.east and b.south == b.north) > 100  # stations
    assert any(not r.bboxes for r in records)
    languages = Counter(r.language for r in records)
    assert languages["fr"] > 800 and languages["en"] > 800
    assert sum(1 for r in records if r.translations) > 400
    assert any("é" in r.title or "è" in r.abstract for r in records)
    dois = [r.doi for r in records if r.doi]
    assert 0.3 < len(dois) / len(records) < 0.5 and len(set(dois)) == len(dois)
    assert sum(1 for r in records if r.temporal_start and r.temporal_end is None) > 300  # open-ended
    assert any(r.temporal_start and r.temporal_start == r.temporal_end for r in records)
    assert any(r.temporal_start is None for r in records)
    assert len({r.publication_year for r in records}) > 20
    assert len({r.resource_type for r in records}) == 4 and len({r.metadata_standard for r in records}) == 3
    assert len({t for r in records for t in r.topic_categories}) >= 8
    assert len({r.license for r in records}) == 5
    assert len({f for r in records for f in r.formats}) > 15
    thesauri = {k.thesaurus for r in records for k in r.keywords}
    assert {
        "GCMD Science Keywords",
        "GEMET - Concepts, version 4.2.3",
        "GEMET - INSPIRE themes, version 1.0",
    } <= thesauri
    assert len({k.value for r in records for k in r.keywords if k.thesaurus == "GCMD Science Keywords"}) >= 35


@pytest.mark.django_db
def test_generate_writes_through_ingest_into_disabled_synthetic_sources():
    result = generate(40, seed=1, batch_size=7)
    assert (result.created, result.updated, result.unchanged) == (40, 0, 0)
    assert Record.objects.count() == 40 and RecordSource.objects.count() == 40
    per_hub = Counter(code for codes in Record.objects.values_list("pole_codes", flat=True) for code in codes)
    assert per_hub == {code: 10 for code in POLES}
    sources = HarvestSource.objects.filter(slug__startswith="synthetic-")
    assert sorted(s.slug for s in sources) == [
        "synthetic-aeris",
        "synthetic-formater",
        "synthetic-odatis",
        "synthetic-theia",
    ]
    assert all(s.protocol == "local" and not s.enabled for s in sources)
    record = Record.objects.get(identifier="synthetic-1-3")
    assert record.source_slugs == ["synthetic-theia"] and record.primary_source.slug == "synthetic-theia"
    unified = Generator(seed=1).record(3)[2]
    assert record.title == unified.title and record.content_hash == unified.content_hash()
    assert record.keywords[0] == {
        "value": unified.keywords[0].value,
        "thesaurus": "GCMD Science Keywords",
        "type": "theme",
    }
    assert record.temporal_start == unified.temporal_start and record.bboxes == [
        [b.west, b.south, b.east, b.north] for b in unified.bboxes
    ]
    assert record.created_at and record.updated_at and record.modified == unified.modified
    dois = list(Record.objects.exclude(doi=None).values_list("doi", flat=True))
    assert dois and len(dois) == len(set(dois)) and all(d == d.lower() for d in dois)


@pytest.mark.django_db
def test_geometry_is_stored_split_at_the_antimeridian():
    generate(300, seed=5)
    crossing = [r for r in Record.objects.exclude(geometry=None) if any(w > e for w, _, e, _ in r.bboxes)]
    assert crossing
    for record in crossing[:20]:
        assert len(record.geometry) >= 2
        west, south, _east, north = record.bboxes[0]
        probe = Polygon.from_bbox((179.99, south, 180.0, north))
        probe.srid = 4326
        if west > _east:
            assert Record.objects.filter(pk=record.pk, geometry__intersects=probe).exists()


@pytest.mark.django_db
def test_rerunning_the_same_seed_changes_nothing_and_new_seeds_or_offsets_add():
    generate(60, seed=3)
    stamps = dict(Record.objects.values_list("id", "updated_at"))
    again = generate(60, seed=3, batch_size=13)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 60)
    assert dict(Record.objects.values_list("id", "updated_at")) == stamps
    more = generate(20, seed=3, offset=60)
    other = generate(30, seed=4)
    assert more.created == 20 and other.created == 30
    assert Record.objects.count() == 110


@pytest.mark.django_db
def test_one_hub_only():
    generate(12, seed=9, pole="THEIA")
    assert [codes for codes in Record.objects.values_list("pole_codes", flat=True)] == [["THEIA"]] * 12
    assert Record.objects.filter(identifier__startswith="synthetic-theia-9-").count() == 12
    assert not HarvestSource.objects.filter(slug="synthetic-aeris").exists()


@pytest.mark.django_db
def test_the_command_reports_counts_and_rate_and_refuses_bad_input(capsys):
    call_command("generate_records", "--count", "8", "--seed", "2", "--no-progress")
    out = capsys.readouterr().out
    assert "created 8" in out and "records/s" in out
    call_command("generate_records", "--count", "8", "--seed", "2", "--no-progress", "--pole", "odatis")
    assert "created 8" in capsys.readouterr().out  # a one-hub run has its own identifiers
    assert Record.objects.count() == 16
    with pytest.raises(CommandError, match="--count"):
        call_command("generate_records", "--count", "0")
    with pytest.raises(CommandError, match="--batch-size"):
        call_command("generate_records", "--count", "5", "--batch-size", "0")


def test_search_geometries_equal_the_geos_built_union_of_their_boxes(sample):
    from django.contrib.gis.geos import GeometryCollection, LineString, MultiPolygon, Point, Polygon

    from catalogue.records.geo import box_parts, search_geometry

    def piece(w, s, e, n):
        if w < e and s < n:
            return Polygon.from_bbox((w, s, e, n))
        return Point(w, s) if (w, s) == (e, n) else LineString((w, s), (e, n))

    for _, _, record in sample[:500]:
        built = search_geometry(record.bboxes)
        if not record.bboxes:
            assert built is None
            continue
        pieces = [piece(*part) for b in record.bboxes for part in box_parts(b)]
        assert built.valid and built.srid == 4326
        assert built.equals(GeometryCollection(pieces, srid=4326).unary_union)  # the same point set
        if isinstance(built, MultiPolygon) and len(built) == len(pieces):  # parts apart: built from EWKB, no union
            assert built.wkt == MultiPolygon(*pieces, srid=4326).wkt


def _record_indexes() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'catalogue_record'")
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)  # VACUUM, run after the load, cannot run inside a transaction
def test_a_load_with_indexes_built_after_ends_with_every_index_and_valid_geometries(capsys):
    before = _record_indexes()
    call_command("generate_records", "--count", "120", "--seed", "11", "--no-progress", "--defer-indexes", "yes")
    out = capsys.readouterr().out
    assert "search indexes dropped for the load" in out and "created 120" in out and "peak memory" in out
    assert _record_indexes() == before
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(*) FILTER (WHERE ST_IsValid(geometry)) FROM catalogue_record")
        total, valid = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM catalogue_record WHERE search_vector IS NULL")
        assert cursor.fetchone()[0] == 0  # the text trigger ran during the load
    assert total == 120 and valid == Record.objects.exclude(geometry=None).count() > 0


@pytest.mark.django_db(transaction=True)
def test_a_failed_load_still_builds_the_indexes_again(monkeypatch):
    from catalogue.synthetic.management.commands import generate_records as command

    before = _record_indexes()

    def failing(*args, **kwargs):
        generate(10, seed=12)
        raise RuntimeError("disk full")

    monkeypatch.setattr(command, "generate_parallel", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        call_command("generate_records", "--count", "50", "--no-progress", "--defer-indexes", "yes")
    assert _record_indexes() == before


@pytest.mark.django_db(transaction=True)  # the worker processes read and write through their own connections
def test_two_writer_processes_write_the_records_one_process_writes():
    from catalogue.synthetic.generator import generate_parallel

    written: list[int] = []
    result = generate_parallel(90, workers=2, seed=5, batch_size=20, progress=written.append)
    assert (result.created, result.updated, result.unchanged) == (90, 0, 0) and sum(written) == 90
    parallel = dict(Record.objects.values_list("identifier", "content_hash"))
    assert len(parallel) == 90 and set(parallel) == {f"synthetic-5-{i}" for i in range(90)}
    Record.objects.all().delete()
    generate(90, seed=5, batch_size=20)
    assert dict(Record.objects.values_list("identifier", "content_hash")) == parallel
    again = generate_parallel(90, workers=3, seed=5, batch_size=20)  # a re-run: every record seen unchanged
    assert (again.created, again.updated, again.unchanged) == (0, 0, 90)


@pytest.mark.django_db(transaction=True)
def test_a_failing_writer_process_fails_the_whole_load(monkeypatch):
    from catalogue.synthetic import generator

    real = generator.generate

    def failing_second_half(count, seed=0, pole=None, offset=0, **kwargs):
        if offset > 0:
            raise RuntimeError("disk full")
        return real(count, seed=seed, pole=pole, offset=offset, **kwargs)

    monkeypatch.setattr(generator, "generate", failing_second_half)
    with pytest.raises(RuntimeError, match="1 of 2 worker processes failed"):
        generator.generate_parallel(80, workers=2, seed=6, batch_size=20)
