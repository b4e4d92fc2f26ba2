"""Migration 0008 repairs the geometries stored before it, and then the database keeps them valid (issue 18).

The test database is taken back to 0007, rows are written with the old builder (overlapping, nested, touching
boxes, points widened to 1e-6 degrees: tests.geometry_reference.legacy_geometry), and 0008 is applied for real.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from catalogue.records.geo import search_geometry
from catalogue.records.unified import BBox
from tests.geometry_reference import as_list, legacy_geometry

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = ("catalogue", "0007_csw_anytext_on_search_vector"), ("catalogue", "0008_valid_search_geometry")
ROWS = {
    "corsica-nested": [BBox(8.53, 41.33, 9.56, 43.03), BBox(8.5, 41.3, 9.6, 43.1)],
    "overlapping": [BBox(0, 0, 10, 10), BBox(5, 5, 15, 15)],
    "touching": [BBox(0, 0, 10, 10), BBox(10, 0, 20, 10)],
    "across-twice": [BBox(170, -20, -170, -10), BBox(175, -15, -175, -5)],
    "station": [BBox(-4.5, 48.4, -4.5, 48.4)],
    "line-and-box": [BBox(0, 40, 10, 50), BBox(20, 45, 20, 47)],
    "apart": [BBox(0, 0, 1, 1), BBox(5, 5, 6, 6)],
    "single": [BBox(-5.5, 47.0, -1.0, 49.0)],
}


def _migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([target] if target != "latest" else executor.loader.graph.leaf_nodes())


def test_migration_0008_repairs_every_stored_geometry_from_the_published_boxes():
    _migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'catalogue_record'"
                " AND is_nullable = 'NO' AND column_default IS NULL AND column_name <> 'id'"
            )
            assert cursor.fetchall()  # the historical table has required columns: written through its model below
        record_model = MigrationExecutor(connection).loader.project_state(BEFORE).apps.get_model("catalogue", "Record")
        for name, boxes in ROWS.items():
            record_model.objects.create(
                identifier=name, title=name, bboxes=[as_list(b) for b in boxes], geometry=legacy_geometry(boxes)
            )
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM catalogue_record WHERE NOT ST_IsValid(geometry)")
            assert cursor.fetchone()[0] == 4  # nested, overlapping, touching, overlapping across the antimeridian

        _migrate(AFTER)
        with connection.cursor() as cursor:
            cursor.execute("SELECT identifier, ST_AsEWKB(geometry), ST_IsValid(geometry) FROM catalogue_record")
            stored = {name: (bytes(wkb), valid) for name, wkb, valid in cursor.fetchall()}
        assert set(stored) == set(ROWS)
        for name, boxes in ROWS.items():
            wkb, valid = stored[name]
            assert valid, name
            # Exactly what ingest now writes for the same boxes (the one builder), the point a point again.
            assert wkb == bytes(search_geometry(boxes).ewkb), name
        with connection.cursor() as cursor:
            cursor.execute("SELECT geometrytype(geometry) FROM catalogue_record WHERE identifier = 'station'")
            assert cursor.fetchone()[0] == "POINT"
            # pycsw's view was recreated over the retyped column
            area = search_geometry([BBox(8, 41, 10, 44)]).hexewkb.decode()
            cursor.execute("SELECT identifier FROM catalogue_csw_record WHERE ST_Intersects(wkb_geometry, %s)", [area])
            assert {row[0] for row in cursor.fetchall()} == {"corsica-nested", "line-and-box"}
    finally:
        _migrate("latest")
