# Search at 1M records: a common word (in a quarter of the records) costs ~100 ms to turn into a bitmap of its rows
# and ~300 ms to rank all its matches. Two kinds of small indexes avoid both (bench/bench_search.py, README "Search"):
# - GIN indexes of the text of fixed id-range samples (ids are uuid5 hashes, uniformly spread: id < 1% and 4% of
#   the uuid space). An estimate's sample `id < cutoff` with a cutoff at or under a share's uses that share's small
#   index (the planner proves the predicate), so it reads only the sampled text matches. (A 16% one was tried: the
#   planner preferred it, with the primary key, over the 4% one, and read more.)
# - a RUM index of the title lexemes only (weight A of search_vector): relevance ranks the title matches first,
#   and they are a small share of a common word's matches.
from django.db import migrations

SAMPLE_CUTOFFS = {
    1: "028f5c28-f5c2-8f60-0000-000000000000",
    4: "0a3d70a3-d70a-3d80-0000-000000000000",
}

CREATE = "".join(
    f"CREATE INDEX IF NOT EXISTS record_search_sample_{percent} ON catalogue_record USING gin (search_vector) "
    f"WHERE id < '{cutoff}'::uuid;\n"
    for percent, cutoff in SAMPLE_CUTOFFS.items()
) + (
    "CREATE INDEX IF NOT EXISTS record_title_vector_rum ON catalogue_record "
    "USING rum ((ts_filter(coalesce(search_vector, ''::tsvector), '{a}')) rum_tsvector_ops);"
)
DROP = "".join(f"DROP INDEX IF EXISTS record_search_sample_{percent};\n" for percent in SAMPLE_CUTOFFS) + (
    "DROP INDEX IF EXISTS record_title_vector_rum;"
)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_merge_0002_pycsw_view_0004_search_sort_indexes"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
