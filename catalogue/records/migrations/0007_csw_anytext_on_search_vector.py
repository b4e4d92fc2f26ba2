"""pycsw's full text (CSW AnyText, OpenSearch q) runs on the search service's `search_vector`, not on a second vector.

Until now every record row carried two tsvectors: `search_vector` (trigger of 0002_search_vector_trigger, French and
English stems after unaccent, GIN-indexed) and `csw_anytext_tsvector` (a stored generated column of
0002_pycsw_view, English stems only, its own GIN index). Every write computed both. Now:

- `catalogue_csw_text_query(text)` turns a CSW literal into the tsquery the portal's search builds for plain words
  (both languages OR-ed, French lexemes of 4+ letters as prefixes: catalogue/search/backends/postgres_sql.py), so
  AnyText finds what /search/ finds, with or without accents.
- The view's `anytext_tsvector` is `search_vector`; catalogue/csw/repository.py rewrites pycsw's
  `plainto_tsquery('english', %s) @@ anytext_tsvector` into `catalogue_csw_text_query(%s) @@ anytext_tsvector`.
- The search trigger also indexes topic categories and hub codes (weight D), which AnyText matched before.
- The generated column and its index are dropped.
- The view also gives the boxes as published (`published_bboxes`): pycsw's writers put them in place of the
  envelope of the antimeridian-split geometry (catalogue/csw/boxes.py).
"""

import importlib

from django.db import migrations

# The view is 0002_pycsw_view's with one column changed and one added: read from there so its definition lives in
# one place.
_PYCSW_VIEW = importlib.import_module("catalogue.records.migrations.0002_pycsw_view")
OLD_COLUMN, LAST_COLUMN = "r.csw_anytext_tsvector AS anytext_tsvector", "    r.updated_at AS updated_at\n"
assert OLD_COLUMN in _PYCSW_VIEW.VIEW and LAST_COLUMN in _PYCSW_VIEW.VIEW
VIEW_ON_SEARCH_VECTOR = _PYCSW_VIEW.VIEW.replace(OLD_COLUMN, "r.search_vector AS anytext_tsvector").replace(
    LAST_COLUMN, "    r.updated_at AS updated_at,\n    r.bboxes AS published_bboxes\n"
)

TEXT_QUERY = r"""
CREATE OR REPLACE FUNCTION catalogue_csw_text_query(literal text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT regexp_replace(plainto_tsquery('datatera_fr', literal)::text,
                          '(^|[\s!(])''((?:[^'']|''''){4,})''', '\1''\2'':*', 'g')::tsquery
           || plainto_tsquery('datatera_en', literal)
$$;
"""


# The search trigger of 0002_search_vector_trigger_and_indexes, with topic categories and hub codes added to weight D.
_SEARCH = importlib.import_module("catalogue.records.migrations.0002_search_vector_trigger_and_indexes")
_FUNCTION, _TRIGGER = _SEARCH.TRIGGER.split("UPDATE catalogue_record")[0].split("CREATE TRIGGER")
_FUNCTION = _FUNCTION.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
_TRIGGER = "DROP TRIGGER catalogue_record_search_vector_update ON catalogue_record;\nCREATE TRIGGER" + _TRIGGER
OLD_TEXT, OLD_COLUMNS = "NEW.identifier, NEW.doi);", "lineage, identifier, doi\n"
assert OLD_TEXT in _FUNCTION and OLD_COLUMNS in _TRIGGER


def _search_trigger(extra_columns: str, extra_text: str) -> str:
    function = _FUNCTION.replace(OLD_TEXT, f"NEW.identifier, NEW.doi{extra_text});")
    return function + _TRIGGER.replace(OLD_COLUMNS, f"lineage, identifier, doi{extra_columns}\n")


FORWARD = (
    TEXT_QUERY
    + _search_trigger(
        ", topic_categories, pole_codes",
        ",\n                   array_to_string(NEW.topic_categories, ' , '), array_to_string(NEW.pole_codes, ' , ')",
    )
    # Only rows with something new to index are rewritten.
    + "UPDATE catalogue_record SET title = title WHERE topic_categories <> '{}' OR pole_codes <> '{}';\n"
    + VIEW_ON_SEARCH_VECTOR
    + """
DROP INDEX IF EXISTS catalogue_record_csw_fts;
ALTER TABLE catalogue_record DROP COLUMN IF EXISTS csw_anytext_tsvector;
"""
)

REVERSE = (
    "DROP VIEW catalogue_csw_record;\n"  # a view's columns can be added by CREATE OR REPLACE, not removed
    + _PYCSW_VIEW.ANYTEXT_INDEX
    + _PYCSW_VIEW.VIEW
    + _search_trigger("", "")
    + "UPDATE catalogue_record SET title = title WHERE topic_categories <> '{}' OR pole_codes <> '{}';\n"
    + "DROP FUNCTION IF EXISTS catalogue_csw_text_query(text);\n"
)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_search_sample_and_title_indexes")]

    operations = [migrations.RunSQL(FORWARD, reverse_sql=REVERSE)]
