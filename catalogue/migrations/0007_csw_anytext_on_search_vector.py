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
"""

import importlib

from django.db import migrations

# The view is 0002_pycsw_view's with one column changed: read from there so its definition lives in one place.
_PYCSW_VIEW = importlib.import_module("catalogue.migrations.0002_pycsw_view")
OLD_COLUMN = "r.csw_anytext_tsvector AS anytext_tsvector"
assert OLD_COLUMN in _PYCSW_VIEW.VIEW
VIEW_ON_SEARCH_VECTOR = _PYCSW_VIEW.VIEW.replace(OLD_COLUMN, "r.search_vector AS anytext_tsvector")

TEXT_QUERY = r"""
CREATE OR REPLACE FUNCTION catalogue_csw_text_query(literal text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT regexp_replace(plainto_tsquery('datatera_fr', literal)::text,
                          '(^|[\s!(])''((?:[^'']|''''){4,})''', '\1''\2'':*', 'g')::tsquery
           || plainto_tsquery('datatera_en', literal)
$$;
"""


def _search_trigger(extra_columns: str, extra_text: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION catalogue_record_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a text; b text; c text; d text;
BEGIN
    SELECT coalesce(NEW.title, '') || ' ' || coalesce(string_agg(t.value ->> 'title', ' '), ''),
           coalesce(NEW.abstract, '') || ' ' || coalesce(string_agg(t.value ->> 'abstract', ' '), '')
      INTO a, c
      FROM jsonb_each(CASE WHEN jsonb_typeof(NEW.translations) = 'object' THEN NEW.translations
                           ELSE '{{}}'::jsonb END) AS t
     WHERE jsonb_typeof(t.value) = 'object';
    b := array_to_string(NEW.keyword_values, ' , ');
    d := concat_ws(' , ', array_to_string(NEW.organisation_names, ' , '), array_to_string(NEW.platforms, ' , '),
                   array_to_string(NEW.instruments, ' , '), left(NEW.lineage, 20000), NEW.identifier, NEW.doi{extra_text});
    a := left(a, 5000); b := left(b, 20000); c := left(c, 100000);
    NEW.search_vector :=
        setweight(to_tsvector('datatera_fr', a), 'A') || setweight(to_tsvector('datatera_en', a), 'A') ||
        setweight(to_tsvector('datatera_fr', b), 'B') || setweight(to_tsvector('datatera_en', b), 'B') ||
        setweight(to_tsvector('datatera_fr', c), 'C') || setweight(to_tsvector('datatera_en', c), 'C') ||
        setweight(to_tsvector('datatera_fr', d), 'D') || setweight(to_tsvector('datatera_en', d), 'D');
    RETURN NEW;
END
$$;
DROP TRIGGER catalogue_record_search_vector_update ON catalogue_record;
CREATE TRIGGER catalogue_record_search_vector_update
    BEFORE INSERT OR UPDATE OF title, abstract, translations, keyword_values, organisation_names, platforms,
        instruments, lineage, identifier, doi{extra_columns}
    ON catalogue_record FOR EACH ROW EXECUTE FUNCTION catalogue_record_search_vector();
"""


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
    _PYCSW_VIEW.ANYTEXT_INDEX
    + _PYCSW_VIEW.VIEW
    + _search_trigger("", "")
    + "UPDATE catalogue_record SET title = title WHERE topic_categories <> '{}' OR pole_codes <> '{}';\n"
    + "DROP FUNCTION IF EXISTS catalogue_csw_text_query(text);\n"
)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_search_sample_and_title_indexes")]

    operations = [migrations.RunSQL(FORWARD, reverse_sql=REVERSE)]
