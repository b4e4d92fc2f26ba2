"""The CSW view serves what the sources said, and provenance dates in order (issue 16).

- `type` is the first resource type as the source wrote it (Record.source_types: dc:type
  "http://purl.org/dc/dcmitype/Image"), else the normalised resource type, else "dataset". Equality filters on the
  DCMI URI then find the records (pycsw's matchCase="false" lowers both sides).
- `relation` is the record's first related identifier (or parent), not its DOI: dc:relation is served and
  queryable. The DOI gets its own column `doi` (the DataCite output schema selects on it).
- Date columns are ISO 8601 text: pycsw writes PropertyIsLike on dc:date as a SQL LIKE, which PostgreSQL refuses on
  a `date` ("Invalid query syntax" for '200?-10-*'); comparisons of ISO strings order as the dates do.
- A view's column types cannot change with CREATE OR REPLACE: the view is dropped and created again.
- RecordSource.first_seen was stamped by COPY a moment after the `now` of last_seen (catalogue/bulkcopy.py now keeps
  the value ingest sets): existing rows are put in order.
"""

import importlib

from django.db import migrations

_PREVIOUS = importlib.import_module("catalogue.records.migrations.0007_csw_anytext_on_search_vector")

_REPLACEMENTS = {
    "    coalesce(nullif(r.resource_type, ''), 'dataset') AS type,\n": (
        "    coalesce(r.source_types[1], nullif(r.resource_type, ''), 'dataset') AS type,\n"
    ),
    "    r.doi AS relation,\n": (
        "    coalesce((SELECT nullif(x->>'identifier', '') FROM jsonb_array_elements(\n"
        "                CASE WHEN jsonb_typeof(r.related_identifiers) = 'array' THEN r.related_identifiers\n"
        "                     ELSE '[]' END) x WHERE nullif(x->>'identifier', '') IS NOT NULL LIMIT 1),\n"
        "             nullif(r.parent_identifier, '')) AS relation,\n"
    ),
    "    r.temporal_start AS time_begin,\n": "    r.temporal_start::text AS time_begin,\n",
    "    r.temporal_end AS time_end,\n": "    r.temporal_end::text AS time_end,\n",
    "    coalesce(r.date_revised, r.date_published, r.date_created) AS date,\n": (
        "    coalesce(r.date_revised, r.date_published, r.date_created)::text AS date,\n"
    ),
    "    r.date_revised AS date_revision,\n": "    r.date_revised::text AS date_revision,\n",
    "    r.date_created AS date_creation,\n": "    r.date_created::text AS date_creation,\n",
    "    r.date_published AS date_publication,\n": "    r.date_published::text AS date_publication,\n",
    "    coalesce(r.modified, r.updated_at) AS date_modified,\n": (
        "    to_char(coalesce(r.modified, r.updated_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        " AS date_modified,\n"
    ),
    "    r.bboxes AS published_bboxes\n": "    r.bboxes AS published_bboxes,\n    r.doi AS doi\n",
}

VIEW = _PREVIOUS.VIEW_ON_SEARCH_VECTOR
for _old, _new in _REPLACEMENTS.items():
    assert _old in VIEW, _old
    VIEW = VIEW.replace(_old, _new)

PROVENANCE_ORDER = "UPDATE catalogue_recordsource SET first_seen = last_seen WHERE first_seen > last_seen;\n"


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0010_record_source_types")]

    operations = [
        migrations.RunSQL(
            "DROP VIEW IF EXISTS catalogue_csw_record;\n" + VIEW + PROVENANCE_ORDER,
            reverse_sql="DROP VIEW IF EXISTS catalogue_csw_record;\n" + _PREVIOUS.VIEW_ON_SEARCH_VECTOR,
        ),
    ]
