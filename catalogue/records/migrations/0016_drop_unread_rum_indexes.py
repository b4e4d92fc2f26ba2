# The two RUM indexes (0003, 0006) are read only with SEARCH_RANK_FROM_INDEX, off since RUM 1.3 crashed the server
# (docs/search.md, "RUM crash"); every write still paid for them (3,000 records ingested: 29-30 s with, 13 s
# without). `manage.py search_rank_indexes build` makes them again for a deployment that turns the setting on.
# The SQL is written out here (migrations are history: they do not import code that may change).
from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS record_search_vector_rum ON catalogue_record "
    "USING rum ((coalesce(search_vector, ''::tsvector)) rum_tsvector_ops);"
    "CREATE INDEX IF NOT EXISTS record_title_vector_rum ON catalogue_record "
    "USING rum ((ts_filter(coalesce(search_vector, ''::tsvector), '{a}')) rum_tsvector_ops);"
)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0015_record_page_indexes")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS record_search_vector_rum; DROP INDEX IF EXISTS record_title_vector_rum;", CREATE
        )
    ]
