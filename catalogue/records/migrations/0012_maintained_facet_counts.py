"""Exact counts of the whole live catalogue, maintained as records change: the empty search's count and every
facet's counts (what the portal's first page shows) are read from here, exact at every size, in a millisecond.

One row per (facet, value), plus ('', '') for the number of live records. Statement-level triggers with transition
tables add the rows a statement made live and subtract the ones it removed: one grouped upsert per statement
(a COPY of 2,000 records is one statement), in (facet, value) order so that concurrent harvests never deadlock.
The values are those the search's facet statement counts (catalogue.search.backends.postgres_sql), NULLs skipped.
"""

from django.db import migrations

VALUES = """
    SELECT r.deleted, f.facet, f.value FROM {rows} r, LATERAL (
        SELECT '' AS facet, '' AS value
        UNION ALL SELECT 'pole', v::text FROM unnest(r.pole_codes) v
        UNION ALL SELECT 'keyword', v::text FROM unnest(r.keyword_facet) v
        UNION ALL SELECT 'topic', v::text FROM unnest(r.topic_categories) v
        UNION ALL SELECT 'type', r.resource_type::text
        UNION ALL SELECT 'organisation', v::text FROM unnest(r.organisation_facet) v
        UNION ALL SELECT 'format', v::text FROM unnest(r.formats) v
        UNION ALL SELECT 'license', r.license_facet::text
        UNION ALL SELECT 'year', r.publication_year::text
    ) f WHERE f.value IS NOT NULL
"""


def _delta_function(name: str, old: bool, new: bool) -> str:
    parts = []
    if old:
        parts.append(f"SELECT facet, value, -1 AS d FROM ({VALUES.format(rows='old_rows')}) o WHERE NOT o.deleted")
    if new:
        parts.append(f"SELECT facet, value, 1 AS d FROM ({VALUES.format(rows='new_rows')}) n WHERE NOT n.deleted")
    union = " UNION ALL ".join(parts)
    return f"""
    CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO catalogue_facet_count AS c (facet, value, n)
        SELECT facet, value, sum(d) FROM ({union}) changes
        GROUP BY facet, value HAVING sum(d) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET n = c.n + EXCLUDED.n;
        RETURN NULL;
    END $$;
    """


FORWARD = f"""
CREATE TABLE catalogue_facet_count (
    facet text NOT NULL,
    value text NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (facet, value)
);
INSERT INTO catalogue_facet_count (facet, value, n)
SELECT facet, value, count(*) FROM ({VALUES.format(rows="catalogue_record")}) v WHERE NOT v.deleted
GROUP BY facet, value;
INSERT INTO catalogue_facet_count (facet, value, n) VALUES ('', '', 0) ON CONFLICT DO NOTHING;
{_delta_function("catalogue_facet_count_insert", old=False, new=True)}
{_delta_function("catalogue_facet_count_update", old=True, new=True)}
{_delta_function("catalogue_facet_count_delete", old=True, new=False)}
CREATE OR REPLACE FUNCTION catalogue_facet_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM catalogue_facet_count;
    INSERT INTO catalogue_facet_count (facet, value, n) VALUES ('', '', 0);
    RETURN NULL;
END $$;
CREATE TRIGGER catalogue_facet_count_insert AFTER INSERT ON catalogue_record
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_facet_count_insert();
CREATE TRIGGER catalogue_facet_count_update AFTER UPDATE ON catalogue_record
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION catalogue_facet_count_update();
CREATE TRIGGER catalogue_facet_count_delete AFTER DELETE ON catalogue_record
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_facet_count_delete();
CREATE TRIGGER catalogue_facet_count_truncate AFTER TRUNCATE ON catalogue_record
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_facet_count_truncate();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS catalogue_facet_count_insert ON catalogue_record;
DROP TRIGGER IF EXISTS catalogue_facet_count_update ON catalogue_record;
DROP TRIGGER IF EXISTS catalogue_facet_count_delete ON catalogue_record;
DROP TRIGGER IF EXISTS catalogue_facet_count_truncate ON catalogue_record;
DROP FUNCTION IF EXISTS catalogue_facet_count_insert();
DROP FUNCTION IF EXISTS catalogue_facet_count_update();
DROP FUNCTION IF EXISTS catalogue_facet_count_delete();
DROP FUNCTION IF EXISTS catalogue_facet_count_truncate();
DROP TABLE IF EXISTS catalogue_facet_count;
"""


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0011_csw_view_as_given")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
