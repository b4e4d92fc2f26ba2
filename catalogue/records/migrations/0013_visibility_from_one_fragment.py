"""The database's own readers of "which records the public sees" built from the one SQL fragment
(catalogue.records.visibility.public_sql), no longer from copies of the condition (issue 11, item 3):

- the CSW view `catalogue_csw_record` (pycsw's rows): 0011's definition with its WHERE from the fragment;
- the materialized view `catalogue_search_term` (suggestions, "did you mean"): 0002's definition with both of its
  conditions from the fragment (the one inside ts_stat's statement string quoted as a literal);
- the statement triggers that maintain `catalogue_facet_count` (0012): the values of a row are counted when the
  fragment holds on the row, and the table is counted again from the records.

Today's fragment selects what the copies selected (`NOT r.deleted`), so nothing a reader sees changes. When the rule
changes (catalogue/records/visibility.py), a migration like this one rebuilds these three from it;
tests/test_visibility.py checks that each of them selects exactly the rows of Record.objects.public().
"""

import importlib

from django.db import migrations

from catalogue.records.visibility import public_sql

_CSW = importlib.import_module("catalogue.records.migrations.0011_csw_view_as_given")
_TERMS = importlib.import_module("catalogue.records.migrations.0002_search_vector_trigger_and_indexes")
_FACETS = importlib.import_module("catalogue.records.migrations.0012_maintained_facet_counts")


def _replaced(sql: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        assert sql.count(old) == 1, old
        sql = sql.replace(old, new)
    return sql


CSW_VIEW = _replaced(_CSW.VIEW, {"\nWHERE r.deleted = false;\n": f"\nWHERE {public_sql('r')};\n"})

TERMS = "DROP MATERIALIZED VIEW catalogue_search_term;\n" + _replaced(
    _TERMS.TERMS,
    {
        "FROM catalogue_record, unnest(keyword_values) AS k WHERE NOT deleted GROUP BY k": (
            f"FROM catalogue_record r, unnest(r.keyword_values) AS k WHERE {public_sql('r')} GROUP BY k"
        ),
        "FROM catalogue_record WHERE NOT deleted')": (
            "FROM catalogue_record r WHERE " + public_sql("r").replace("'", "''") + "')"
        ),
    },
)
TERMS_BACK = "DROP MATERIALIZED VIEW catalogue_search_term;\n" + _TERMS.TERMS

# A row's (facet, value) pairs, counted when the row is public (0012 selected the flag and filtered outside).
VALUES = _replaced(
    _FACETS.VALUES,
    {
        "SELECT r.deleted, f.facet, f.value FROM": "SELECT f.facet, f.value FROM",
        ") f WHERE f.value IS NOT NULL\n": f") f WHERE f.value IS NOT NULL AND {public_sql('r')}\n",
    },
)


def _delta_function(name: str, old: bool, new: bool) -> str:
    """0012's trigger function, counting the rows through VALUES above."""
    replacements = {}
    for rows, alias, wanted in (("old_rows", "o", old), ("new_rows", "n", new)):
        if wanted:
            before = f"({_FACETS.VALUES.format(rows=rows)}) {alias} WHERE NOT {alias}.deleted"
            replacements[before] = f"({VALUES.format(rows=rows)}) {alias}"
    return _replaced(_FACETS._delta_function(name, old, new), replacements)


_FUNCTIONS = (
    ("catalogue_facet_count_insert", False, True),
    ("catalogue_facet_count_update", True, True),
    ("catalogue_facet_count_delete", True, False),
)
FACET_COUNTS = (
    "".join(_delta_function(*function) for function in _FUNCTIONS)
    + "DELETE FROM catalogue_facet_count;\n"
    + "INSERT INTO catalogue_facet_count (facet, value, n)\n"
    + f"SELECT facet, value, count(*) FROM ({VALUES.format(rows='catalogue_record')}) v GROUP BY facet, value;\n"
    + "INSERT INTO catalogue_facet_count (facet, value, n) VALUES ('', '', 0) ON CONFLICT DO NOTHING;\n"
)
FACET_COUNTS_BACK = "".join(_FACETS._delta_function(*function) for function in _FUNCTIONS)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0012_maintained_facet_counts")]

    operations = [
        migrations.RunSQL(CSW_VIEW, reverse_sql=_CSW.VIEW),
        migrations.RunSQL(TERMS, reverse_sql=TERMS_BACK),
        migrations.RunSQL(FACET_COUNTS, reverse_sql=FACET_COUNTS_BACK),
    ]
