#!/usr/bin/env python
"""Search geometries before and after issue 18, in one run: how many are invalid, and what the valid ones cost.

    .venv/bin/python bench/bench_geometry.py [--generated 20000] [--ingest 4000] [--queries 40]

"before" is the old builder (one MultiPolygon of the boxes' parts, each widened to 1e-6 degrees when it had no
width or height; kept as tests.geometry_reference.legacy_geometry, the baseline), "after" is
catalogue.records.geo.search_geometry.
- invalid: ST_IsValid in PostGIS on the geometry each builder gives for the demo records (demo/*), the corpus
  (SHARED_CORPUS_DIR) and --generated records of `generate_records` (seed 1);
- builder: CPU microseconds per record (best of 5 passes);
- ingest: `generate` of --ingest records through ingest_batch (COPY), before (old builder, no CHECK constraint)
  and after (new builder, CHECK (ST_IsValid)), each rolled back, alternated twice, best of two: wall time, and the
  CPU time of this process and of its PostgreSQL backend (steadier than wall time on a shared machine);
- bbox queries: the statements the search service issues for bbox filters (ST_Intersects / ST_CoveredBy on an
  EWKB box), on two tables holding the same records' geometries from each builder with the same GiST index;
  "before" within queries raise on invalid rows (counted as errors, not timed).

Runs in a fresh, migrated throw-away database (bench_<DB_NAME>), dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datatera.settings")

import django  # noqa: E402

django.setup()

from bench_generate import backend_cpu_seconds  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import DatabaseError, connection, transaction  # noqa: E402

from tests.geometry_reference import legacy_geometry  # noqa: E402


def demo_records() -> list:
    from harvesters.crosswalks import CrosswalkError, parse_document

    records = []
    for path in sorted(Path(settings.DEMO_DATA_DIR).glob("*/*.xml")):
        try:
            records.append(parse_document(path.read_bytes())[1])
        except CrosswalkError:
            continue
    return records


def generated_records(count: int) -> list:
    from catalogue.synthetic.generator import Generator

    generator = Generator(seed=1)
    return [generator.record(index)[2] for index in range(count)]


def invalid_in_postgis(geometries: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM unnest(%s::text[]) AS g WHERE NOT ST_IsValid(g::geometry)",
            [[g.hexewkb.decode() for g in geometries]],
        )
        return cursor.fetchone()[0]


def builder_microseconds(builder, records: list) -> float:
    """CPU time of this process (not wall time: the machine is shared), best of five passes."""
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for record in records:
            builder(record.bboxes)
        best = min(best, time.process_time() - started)
    return best / max(len(records), 1) * 1e6


def timed_ingest(count: int, legacy: bool) -> tuple[float, float, float]:
    """(wall seconds, this process's CPU seconds, its PostgreSQL backend's CPU seconds) of one rolled-back run."""
    import catalogue.records.ingest as ingest
    from catalogue.synthetic.generator import generate

    builder = ingest.search_geometry
    with transaction.atomic():
        if legacy:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE catalogue_record DROP CONSTRAINT record_geometry_valid")
            ingest.search_geometry = legacy_geometry
        try:
            started, cpu, db_cpu = time.perf_counter(), time.process_time(), backend_cpu_seconds()
            generate(count, seed=7, batch_size=2000)
            result = (time.perf_counter() - started, time.process_time() - cpu, backend_cpu_seconds() - db_cpu)
        finally:
            ingest.search_geometry = builder
        transaction.set_rollback(True)
    return result


def query_boxes(count: int) -> list[tuple[float, float, float, float]]:
    rng = random.Random(18)
    # The bench_search.py boxes, then random ones of every size, some across the antimeridian.
    boxes = [(-10, 35, 20, 50), (170, -30, -170, 0), (-80, -20, -45, 5), (20, -60, 120, 25), (5, 43, 16, 48)]
    while len(boxes) < count:
        west, width = rng.uniform(-180, 180), rng.choice([1, 5, 20, 60, 180])
        south = rng.uniform(-90, 80)
        east = west + width if west + width <= 180 else west + width - 360
        boxes.append((round(west, 3), round(south, 3), round(east, 3), round(min(90, south + width / 2), 3)))
    return boxes


def time_queries(table: str, boxes: list, relation: str) -> tuple[list[float], list[int], int]:
    """Per box: the best of three runs of the count (the machine is shared), its count, and the boxes that raised."""
    from catalogue.records.geo import search_geometry
    from catalogue.records.unified import BBox

    operator = "ST_CoveredBy" if relation == "within" else "ST_Intersects"
    statement = f"SELECT count(*) FROM {table} WHERE {operator}(geometry, ST_GeomFromEWKB(%s))"  # noqa: S608
    times, counts, errors = [], [], 0
    with connection.cursor() as cursor:
        for box in boxes:
            area = bytes(search_geometry([BBox(*box)]).ewkb)
            try:
                runs = []
                for _ in range(3):
                    with transaction.atomic():
                        started = time.perf_counter()
                        cursor.execute(statement, [area])
                        count = cursor.fetchone()[0]
                        runs.append(time.perf_counter() - started)
                times.append(min(runs))
                counts.append(count)
            except DatabaseError:
                errors += 1
                counts.append(-1)
    return times, counts, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=20_000)
    parser.add_argument("--ingest", type=int, default=4000)
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"bench_{settings.DATABASES['default']['NAME']}"
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from catalogue.records.geo import search_geometry
        from tests.corpus_catalogue import corpus_records

        print(f"database {test_db}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs at the start")
        datasets = {
            "demo": demo_records(),
            "corpus": [record for *_, record in corpus_records()],
            f"generated {args.generated // 1000}k": generated_records(args.generated),
        }
        print(
            f"\n{'records':<16}{'total':>7}{'with box':>9}{'>1 part':>8}{'invalid before':>15}{'invalid after':>14}"
            f"{'CPU us/rec before':>18}{'after':>7}"
        )
        for name, records in datasets.items():
            located = [r for r in records if r.bboxes]
            before = [g for g in (legacy_geometry(r.bboxes) for r in located) if g is not None]
            after = [g for g in (search_geometry(r.bboxes) for r in located) if g is not None]
            multi = sum(1 for r in located if len(r.bboxes) > 1 or any(b.west > b.east for b in r.bboxes))
            print(
                f"{name:<16}{len(records):>7}{len(located):>9}{multi:>8}{invalid_in_postgis(before):>15}"
                f"{invalid_in_postgis(after):>14}{builder_microseconds(legacy_geometry, located):>18.1f}"
                f"{builder_microseconds(search_geometry, located):>7.1f}"
            )

        print(f"\ningest of {args.ingest:,} generated records (generate -> ingest_batch, COPY), rolled back, best of 2")
        runs = {"before": [], "after": []}
        for _ in range(2):
            runs["before"].append(timed_ingest(args.ingest, legacy=True))
            runs["after"].append(timed_ingest(args.ingest, legacy=False))
        print(f"{'':<8}{'wall s':>8}{'rec/s':>8}{'our CPU s':>11}{'PostgreSQL CPU s':>18}")
        best = {}
        for name, measured in runs.items():
            best[name] = [min(values) for values in zip(*measured, strict=True)]
            wall, cpu, db_cpu = best[name]
            print(f"{name:<8}{wall:>8.2f}{args.ingest / wall:>8,.0f}{cpu:>11.2f}{db_cpu:>18.2f}")
        ratios = [a / b for a, b in zip(best["after"], best["before"], strict=True)]
        print(f"{'after/before':<8}{ratios[0]:>8.3f}{'':>8}{ratios[1]:>11.3f}{ratios[2]:>18.3f}", end="")
        print(f"   load {os.getloadavg()[0]:.2f}")

        # The same records' geometries from both builders, in two tables indexed alike.
        records = [r for rs in datasets.values() for r in rs if r.bboxes]
        with connection.cursor() as cursor:
            builders = (("bench_geometry_before", legacy_geometry), ("bench_geometry_after", search_geometry))
            for table, builder in builders:
                cursor.execute(f"CREATE TABLE {table} (id serial PRIMARY KEY, geometry geometry(Geometry, 4326))")
                values = [builder(r.bboxes) for r in records]
                cursor.execute(
                    f"INSERT INTO {table} (geometry) SELECT g::geometry FROM unnest(%s::text[]) AS g",  # noqa: S608
                    [[v.hexewkb.decode() for v in values if v is not None]],
                )
                cursor.execute(f"CREATE INDEX ON {table} USING gist (geometry)")
                cursor.execute(f"ANALYZE {table}")
        boxes = query_boxes(args.queries)
        print(
            f"\nbbox queries over {len(records):,} located records, {len(boxes)} boxes, count(*), ms, best of 3 a box"
        )
        print(
            f"{'relation':<12}{'before p50':>11}{'p95':>8}{'errors':>8}{'after p50':>11}{'p95':>8}{'errors':>8}"
            f"{'after/before':>13}{'boxes whose count changed':>27}"
        )
        for relation in ("intersects", "within"):
            t_before, c_before, e_before = time_queries("bench_geometry_before", boxes, relation)
            t_after, c_after, e_after = time_queries("bench_geometry_after", boxes, relation)
            changed = sum(1 for b, a in zip(c_before, c_after, strict=True) if b >= 0 and a != b)
            p50b = statistics.median(t_before) * 1e3 if t_before else float("nan")
            p50a = statistics.median(t_after) * 1e3
            p95b = sorted(t_before)[int(0.95 * (len(t_before) - 1))] * 1e3 if t_before else float("nan")
            p95a = sorted(t_after)[int(0.95 * (len(t_after) - 1))] * 1e3
            print(
                f"{relation:<12}{p50b:>11.2f}{p95b:>8.2f}{e_before:>8}{p50a:>11.2f}{p95a:>8.2f}{e_after:>8}"
                f"{p50a / p50b:>13.2f}{changed:>27}"
            )
        print(f"load average {os.getloadavg()[0]:.2f} at the end")
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
