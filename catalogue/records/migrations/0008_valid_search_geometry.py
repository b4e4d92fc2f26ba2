"""Every stored geometry valid, and kept so by the database (docs/geometry.md).

Until now a record's boxes were stored as one MultiPolygon of their parts, each widened to 1e-6 degrees when it
had no width or height. A MultiPolygon whose parts overlap, nest or touch along an edge is invalid, and PostGIS
raises on it in ST_CoveredBy/ST_Within (bbox_relation=within, CSW Within): HTTP 500. Now:

- the column takes any geometry type (a point record is a Point, a mixed record a GeometryCollection);
- rows that may be wrong (several parts, or a part 1e-6 wide or high, or invalid) are rebuilt from their
  published boxes with catalogue.records.geo.search_geometry, the function ingest uses;
- CHECK (ST_IsValid(geometry)) keeps every later write valid, whatever path writes it (ingest, COPY, raw SQL).

The pycsw view reads the column, and PostgreSQL cannot change the type of a column a view uses: the view is
dropped and recreated from its own current definition (pg_get_viewdef), so this migration does not restate it.
"""

import json

from django.contrib.gis.db.models.fields import GeometryField
from django.db import migrations, models

RETYPE = """
DO $$
DECLARE definition text := pg_get_viewdef('catalogue_csw_record'::regclass);
BEGIN
    DROP VIEW catalogue_csw_record;
    ALTER TABLE catalogue_record ALTER COLUMN geometry TYPE geometry(Geometry, 4326);
    EXECUTE 'CREATE VIEW catalogue_csw_record AS ' || definition;
END $$;
"""
# Back to MultiPolygon: points and lines get the 1e-6 degree area they had, collections their polygons.
UNTYPE = """
DO $$
DECLARE definition text := pg_get_viewdef('catalogue_csw_record'::regclass);
BEGIN
    DROP VIEW catalogue_csw_record;
    ALTER TABLE catalogue_record ALTER COLUMN geometry TYPE geometry(MultiPolygon, 4326)
        USING ST_Multi(CASE WHEN ST_Dimension(geometry) = 2 THEN ST_CollectionExtract(geometry, 3)
                            ELSE ST_Envelope(ST_Expand(geometry, 5e-7)) END);
    EXECUTE 'CREATE VIEW catalogue_csw_record AS ' || definition;
END $$;
"""

# Rows whose stored geometry the new builder may change: more than one part, a widened part, or invalid.
SUSPECT = """
SELECT id, bboxes FROM catalogue_record
WHERE geometry IS NOT NULL AND id > %s
  AND (ST_NumGeometries(geometry) > 1 OR NOT ST_IsValid(geometry)
       OR ST_XMax(geometry) - ST_XMin(geometry) < 2e-6 OR ST_YMax(geometry) - ST_YMin(geometry) < 2e-6)
ORDER BY id LIMIT 2000
"""
UPDATE = """
UPDATE catalogue_record r SET geometry = v.geometry::geometry
FROM unnest(%s::uuid[], %s::text[]) AS v(id, geometry) WHERE r.id = v.id
"""


def repair(apps, schema_editor):
    from catalogue.records.geo import bbox_from_list, search_geometry

    last = "00000000-0000-0000-0000-000000000000"
    with schema_editor.connection.cursor() as cursor:
        while True:
            cursor.execute(SUSPECT, [last])
            rows = cursor.fetchall()
            if not rows:
                # The rows' deferred foreign-key checks run now: ALTER TABLE (the constraint below) refuses to run
                # with trigger events pending in the same transaction.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                return
            ids, geometries = [], []
            for record_id, bboxes in rows:
                if isinstance(bboxes, str):  # Django's psycopg 3 set-up leaves jsonb undecoded
                    bboxes = json.loads(bboxes)
                geometry = search_geometry(bbox_from_list(box) for box in bboxes or [] if len(box) == 4)
                ids.append(record_id)
                geometries.append(geometry.hexewkb.decode() if geometry is not None else None)
            cursor.execute(UPDATE, [ids, geometries])
            last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0007_csw_anytext_on_search_vector")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="record",
                    name="geometry",
                    field=GeometryField(blank=True, null=True, srid=4326),
                )
            ],
            database_operations=[migrations.RunSQL(RETYPE, reverse_sql=UNTYPE)],
        ),
        migrations.RunPython(repair, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="record",
            constraint=models.CheckConstraint(condition=models.Q(geometry__isvalid=True), name="record_geometry_valid"),
        ),
    ]
