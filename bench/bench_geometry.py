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
- bbox queries: the bbox filter the search service issued before (ST_Intersects / ST_CoveredBy on the query box)
  over the old geometries, and the one it issues now (postgres_sql.bbox_filter: within one box compares exact
  bounding boxes) over the new ones, in two tables holding the same records with the same GiST index; "before"
  within queries raise on invalid rows (counted as errors, not timed).

Runs in a fresh, migrated throw-away database (bench_<DB_NAME>), dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import random
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


def time_queries(table: str, boxes: list, relation: str, service: bool) -> list[tuple[float, int] | None]:
    """Per box: (the best of three runs of the count, the count), or None when the statement raised. `service`: the
    filter the search service issues now (catalogue.search.backends.postgres_sql.bbox_filter), else the one it
    issued before issue 18 (ST_CoveredBy / ST_Intersects on the query's geometry)."""
    from catalogue.records.geo import search_geometry
    from catalogue.records.unified import BBox
    from catalogue.search.backends.postgres_sql import bbox_filter

    answers: list[tuple[float, int] | None] = []
    with connection.cursor() as cursor:
        for box in boxes:
            if service:
                condition = bbox_filter(BBox(*box), relation)
                where, params = condition.text, condition.params
            else:
                operator = "ST_CoveredBy" if relation == "within" else "ST_Intersects"
                where, params = (
                    f"{operator}(r.geometry, ST_GeomFromEWKB(%s))",
                    [bytes(search_geometry([BBox(*box)]).ewkb)],
                )
            statement = f"SELECT count(*) FROM {table} r WHERE {where}"  # noqa: S608
            try:
                runs = []
                for _ in range(3):
                    with transaction.atomic():
                        started = time.perf_counter()
                        cursor.execute(statement, params)
                        count = cursor.fetchone()[0]
                        runs.append(time.perf_counter() - started)
                answers.append((min(runs), count))
            except DatabaseError:
                answers.append(None)
    return answers


def _p(times: list[float], q: float) -> float:
    return sorted(times)[int(q * (len(times) - 1))] * 1e3 if times else float("nan")


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

        if args.ingest:  # --ingest 0: skip this part
            print(f"\ningest of {args.ingest:,} generated records (generate -> ingest_batch, COPY), best of 2")
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
            f"{'relation':<12}{'errors':>7}{'before p50':>11}{'p95':>8}{'after p50':>10}{'p95':>8}{'after/before':>13}"
            f"{'counts changed':>15}{'after, all boxes: p50':>23}{'p95':>8}"
        )
        for relation in ("intersects", "within"):
            before = time_queries("bench_geometry_before", boxes, relation, service=False)
            after = time_queries("bench_geometry_after", boxes, relation, service=True)
            # Compared on the boxes both answered ("before" raises on some within boxes: those were HTTP 500s).
            paired = [(b, a) for b, a in zip(before, after, strict=True) if b is not None]
            t_before, t_after = [b[0] for b, _ in paired], [a[0] for _, a in paired]
            changed = sum(1 for b, a in paired if a[1] != b[1])
            t_all = [a[0] for a in after]
            print(
                f"{relation:<12}{before.count(None):>7}{_p(t_before, 0.5):>11.2f}{_p(t_before, 0.95):>8.2f}"
                f"{_p(t_after, 0.5):>10.2f}{_p(t_after, 0.95):>8.2f}{_p(t_after, 0.5) / _p(t_before, 0.5):>13.2f}"
                f"{changed:>15}{_p(t_all, 0.5):>23.2f}{_p(t_all, 0.95):>8.2f}"
            )
        print(f"load average {os.getloadavg()[0]:.2f} at the end")
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
