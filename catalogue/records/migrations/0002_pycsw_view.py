"""The read-only view pycsw queries: pycsw's column names over catalogue_record, live records only.

- `anytext_tsvector` is what pycsw's full-text filter hits (`plainto_tsquery('english', %s) @@ anytext_tsvector`).
  It is a STORED generated column of catalogue_record (PostgreSQL computes it on every insert and update: no
  trigger, no code path can forget it, independent of Record.search_vector) with a partial GIN index. Not an
  expression index: the planner may filter rows with the expression instead of using the index, and recomputing
  to_tsvector per row made rare words scan the whole table (measured: 10 ms for 238 rows).
  Django does not know the column (it is never selected or written by the ORM), so models need no change.
- `wkb_geometry` is the name pycsw hard-codes for native PostGIS filters; it is Record.geometry (GiST-indexed).
- The original XML is not in the view (joining provenance would slow every count): the repository plugin loads it
  for the returned page only (catalogue/csw/repository.py).
"""

from django.db import migrations

ANYTEXT_FUNCTION = """
CREATE OR REPLACE FUNCTION catalogue_csw_anytext(
    identifier text, doi text, title text, abstract text, translations jsonb, keyword_values text[],
    organisation_names text[], topic_categories text[], platforms text[], instruments text[], lineage text,
    pole_codes text[]
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT concat_ws(' ', identifier, doi, title, abstract,
        (SELECT string_agg(concat_ws(' ', t.value->>'title', t.value->>'abstract'), ' ')
           FROM jsonb_each(CASE WHEN jsonb_typeof(translations) = 'object' THEN translations ELSE '{}' END) t),
        array_to_string(keyword_values, ' '), array_to_string(organisation_names, ' '),
        array_to_string(topic_categories, ' '), array_to_string(platforms, ' '),
        array_to_string(instruments, ' '), lineage, array_to_string(pole_codes, ' '))
$$;
"""

ANYTEXT_ARGS = (
    "r.identifier, r.doi, r.title, r.abstract, r.translations, r.keyword_values, r.organisation_names, "
    "r.topic_categories::text[], r.platforms, r.instruments, r.lineage, r.pole_codes::text[]"
)
ANYTEXT_INDEX_ARGS = ANYTEXT_ARGS.replace("r.", "")

ANYTEXT_INDEX = f"""
ALTER TABLE catalogue_record ADD COLUMN IF NOT EXISTS csw_anytext_tsvector tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, catalogue_csw_anytext({ANYTEXT_INDEX_ARGS}))) STORED;
CREATE INDEX IF NOT EXISTS catalogue_record_csw_fts ON catalogue_record USING gin (csw_anytext_tsvector)
WHERE deleted = false;
"""

VIEW = f"""
CREATE OR REPLACE VIEW catalogue_csw_record AS
SELECT
    r.id AS record_id,
    r.identifier AS identifier,
    'gmd:MD_Metadata'::text AS typename,
    'http://www.isotc211.org/2005/gmd'::text AS schema,
    'local'::text AS mdsource,
    r.created_at AS insert_date,
    catalogue_csw_anytext({ANYTEXT_ARGS}) AS anytext,
    r.csw_anytext_tsvector AS anytext_tsvector,
    nullif(r.language, '') AS language,
    coalesce(nullif(r.resource_type, ''), 'dataset') AS type,
    r.title AS title,
    r.translations->'fr'->>'title' AS title_alternate,
    nullif(r.abstract, '') AS abstract,
    nullif(array_to_string(r.keyword_values, ','), '') AS keywords,
    NULL::text AS keywordstype,
    nullif(r.parent_identifier, '') AS parentidentifier,
    r.doi AS relation,
    r.temporal_start AS time_begin,
    r.temporal_end AS time_end,
    nullif(array_to_string(r.topic_categories, ','), '') AS topicategory,
    nullif(array_to_string(r.languages, ','), '') AS resourcelanguage,
    (SELECT string_agg(coalesce(nullif(c->>'name', ''), c->>'organisation'), '; ')
       FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.creators) = 'array' THEN r.creators ELSE '[]' END) c
    ) AS creator,
    nullif(r.publisher, '') AS publisher,
    NULL::text AS contributor,
    nullif(array_to_string(r.organisation_names, ','), '') AS organization,
    NULL::text AS securityconstraints,
    nullif(r.license, '') AS accessconstraints,
    (SELECT string_agg(x, '; ')
       FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.constraints) = 'array' THEN r.constraints
                                           ELSE '[]' END) x
    ) AS otherconstraints,
    NULL::text AS classification,
    NULL::text AS conditionapplyingtoaccessanduse,
    coalesce(r.date_revised, r.date_published, r.date_created) AS date,
    r.date_revised AS date_revision,
    r.date_created AS date_creation,
    r.date_published AS date_publication,
    coalesce(r.modified, r.updated_at) AS date_modified,
    nullif(array_to_string(r.formats, ','), '') AS format,
    NULL::text AS source,
    'urn:ogc:def:crs:EPSG::4326'::text AS crs,
    NULL::text AS geodescode,
    NULL::text AS denominator,
    NULL::text AS distancevalue,
    NULL::text AS distanceuom,
    ST_AsText(r.geometry) AS wkt_geometry,
    r.geometry AS wkb_geometry,
    NULL::text AS servicetype,
    NULL::text AS servicetypeversion,
    NULL::text AS operation,
    NULL::text AS couplingtype,
    NULL::text AS operateson,
    NULL::text AS operatesonidentifier,
    NULL::text AS operatesoname,
    NULL::text AS degree,
    nullif(r.lineage, '') AS lineage,
    NULL::text AS responsiblepartyrole,
    NULL::text AS specificationtitle,
    NULL::text AS specificationdate,
    NULL::text AS specificationdatetype,
    nullif(array_to_string(r.platforms, ','), '') AS platform,
    nullif(array_to_string(r.instruments, ','), '') AS instrument,
    NULL::text AS sensortype,
    NULL::text AS cloudcover,
    NULL::text AS bands,
    -- pycsw's links encoding: name,description,protocol,url joined by ^ (commas inside values would split fields)
    (SELECT string_agg(concat_ws(',', translate(coalesce(o->>'name', ''), ',^', '  '),
                                      translate(coalesce(o->>'description', ''), ',^', '  '),
                                      translate(coalesce(o->>'protocol', ''), ',^', '  '),
                                      translate(coalesce(o->>'url', ''), ',^', '  ')), '^')
       FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.online_resources) = 'array' THEN r.online_resources
                                      ELSE '[]' END) o
    ) AS links,
    r.primary_source_id AS primary_source_id,
    r.pole_codes AS pole_codes,
    r.updated_at AS updated_at
FROM catalogue_record r
WHERE r.deleted = false;
"""


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [
        migrations.RunSQL(
            ANYTEXT_FUNCTION + ANYTEXT_INDEX + VIEW,
            reverse_sql="""
                DROP VIEW IF EXISTS catalogue_csw_record;
                DROP INDEX IF EXISTS catalogue_record_csw_fts;
                ALTER TABLE catalogue_record DROP COLUMN IF EXISTS csw_anytext_tsvector;
                DROP FUNCTION IF EXISTS catalogue_csw_anytext(text, text, text, text, jsonb, text[], text[], text[],
                                                              text[], text[], text, text[]);
            """,
        ),
    ]
