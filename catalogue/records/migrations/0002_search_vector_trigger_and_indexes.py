# Search: text search configurations (french/english after unaccent), the search_vector trigger, the
# vocabulary view for suggestions and "did you mean", and the indexes the search filters use.

import django.contrib.postgres.indexes
from django.db import migrations, models

CONFIGURATIONS = """
CREATE TEXT SEARCH CONFIGURATION datatera_fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION datatera_fr
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION datatera_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION datatera_en
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
DROP_CONFIGURATIONS = "DROP TEXT SEARCH CONFIGURATION datatera_fr; DROP TEXT SEARCH CONFIGURATION datatera_en;"

# Why a trigger (and not an UPDATE in catalogue.records.ingest.refresh_denormalised): the vector is computed in the same
# write as the row (one heap tuple and one GIN entry per change, where a later UPDATE would write every row of a
# batch twice), every write path stays in step (ingest, admin, shell, other apps' code), and the column list
# makes writes that do not touch text (tombstones, hub arrays) skip it.
TRIGGER = """
CREATE FUNCTION catalogue_record_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a text; b text; c text; d text;
BEGIN
    SELECT coalesce(NEW.title, '') || ' ' || coalesce(string_agg(t.value ->> 'title', ' '), ''),
           coalesce(NEW.abstract, '') || ' ' || coalesce(string_agg(t.value ->> 'abstract', ' '), '')
      INTO a, c
      FROM jsonb_each(CASE WHEN jsonb_typeof(NEW.translations) = 'object' THEN NEW.translations
                           ELSE '{}'::jsonb END) AS t
     WHERE jsonb_typeof(t.value) = 'object';
    b := array_to_string(NEW.keyword_values, ' , ');
    d := concat_ws(' , ', array_to_string(NEW.organisation_names, ' , '), array_to_string(NEW.platforms, ' , '),
                   array_to_string(NEW.instruments, ' , '), left(NEW.lineage, 20000), NEW.identifier, NEW.doi);
    a := left(a, 5000); b := left(b, 20000); c := left(c, 100000);
    NEW.search_vector :=
        setweight(to_tsvector('datatera_fr', a), 'A') || setweight(to_tsvector('datatera_en', a), 'A') ||
        setweight(to_tsvector('datatera_fr', b), 'B') || setweight(to_tsvector('datatera_en', b), 'B') ||
        setweight(to_tsvector('datatera_fr', c), 'C') || setweight(to_tsvector('datatera_en', c), 'C') ||
        setweight(to_tsvector('datatera_fr', d), 'D') || setweight(to_tsvector('datatera_en', d), 'D');
    RETURN NEW;
END
$$;
CREATE TRIGGER catalogue_record_search_vector_update
    BEFORE INSERT OR UPDATE OF title, abstract, translations, keyword_values, organisation_names, platforms,
        instruments, lineage, identifier, doi
    ON catalogue_record FOR EACH ROW EXECUTE FUNCTION catalogue_record_search_vector();
UPDATE catalogue_record SET title = title;
"""
DROP_TRIGGER = """
DROP TRIGGER catalogue_record_search_vector_update ON catalogue_record;
DROP FUNCTION catalogue_record_search_vector();
"""

# Words and keywords of live records, with trigram indexes: autocomplete and "did you mean".
# Refreshed after harvests (catalogue.search.tasks.refresh_search_terms) and by `manage.py search_reindex`.
TERMS = """
CREATE MATERIALIZED VIEW catalogue_search_term AS
SELECT term, kind, sum(n)::int AS frequency FROM (
    SELECT k AS term, 'keyword' AS kind, count(*) AS n
      FROM catalogue_record, unnest(keyword_values) AS k WHERE NOT deleted GROUP BY k
    UNION ALL
    SELECT word, 'word', ndoc FROM ts_stat(
        'SELECT to_tsvector(''simple'', title || '' '' || array_to_string(keyword_values, '' ''))
           FROM catalogue_record WHERE NOT deleted')
) terms
WHERE length(term) BETWEEN 2 AND 300
GROUP BY term, kind;
CREATE UNIQUE INDEX catalogue_search_term_key ON catalogue_search_term (kind, term);
CREATE INDEX catalogue_search_term_trgm ON catalogue_search_term USING gin (term gin_trgm_ops);
"""
DROP_TERMS = "DROP MATERIALIZED VIEW catalogue_search_term;"


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0001_initial'),
        ('poles', '0002_seed_hubs_and_sources'),
    ]

    operations = [
        migrations.RunSQL(CONFIGURATIONS, DROP_CONFIGURATIONS),
        migrations.RunSQL(TRIGGER, DROP_TRIGGER),
        migrations.RunSQL(TERMS, DROP_TERMS),
        migrations.AddIndex(
            model_name='record',
            index=django.contrib.postgres.indexes.GinIndex(fields=['keyword_values'], name='record_keyword_values_gin'),
        ),
        migrations.AddIndex(
            model_name='record',
            index=django.contrib.postgres.indexes.GinIndex(fields=['organisation_names'], name='record_organisations_gin'),
        ),
        migrations.AddIndex(
            model_name='record',
            index=django.contrib.postgres.indexes.GinIndex(fields=['title'], name='record_title_trgm', opclasses=['gin_trgm_ops']),
        ),
        migrations.AddIndex(
            model_name='record',
            index=models.Index(fields=['publication_year', 'id'], name='record_year_id'),
        ),
    ]
