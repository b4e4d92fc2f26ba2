# A RUM index on search_vector: it stores lexeme positions and weights, so the top-k by relevance is read in rank
# order from the index instead of ranking every match (measured: bench/bench_search.py, README "Search").
# The GIN index stays: its bitmap scans are faster for counting and facets.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0002_search_vector_trigger_and_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS rum;"
            "CREATE INDEX IF NOT EXISTS record_search_vector_rum ON catalogue_record "
            "USING rum (search_vector rum_tsvector_ops);",
            "DROP INDEX IF EXISTS record_search_vector_rum;",
        ),
    ]
