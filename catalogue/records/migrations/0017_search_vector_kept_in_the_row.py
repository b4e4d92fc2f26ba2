# Relevance is ts_rank over every match (RUM ranking is off, docs/search.md): each match's search vector is read.
# Stored out of line (the default for a large value: TOAST), every one cost a probe of the TOAST index and chunk
# reads; kept in the row (STORAGE MAIN: still compressed, moved out only when the row cannot fit otherwise),
# the ranking statement is 2.0-6.9x faster (bench/bench_rank_storage.py, 100,000 records, 6 Dec: "ocean", 29,334
# matches, 970 -> 140 ms p50; "glacier", 3,542 matches, 30 -> 12 ms). The heap grows from 195 to 275 MB.
# Existing vectors move into their rows when next written (a harvest), or all at once with `manage.py search_reindex`
# or `VACUUM FULL catalogue_record` (faster; it locks the table while it rewrites it).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0016_drop_unread_rum_indexes")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE catalogue_record ALTER COLUMN search_vector SET STORAGE MAIN",
            "ALTER TABLE catalogue_record ALTER COLUMN search_vector SET STORAGE EXTENDED",
        )
    ]
