"""Which records the public sees: the one place the rule is written.

A record is public while it is not a tombstone. It becomes one (`Record.deleted`) when no source provides it any
more: every source that listed it withdrew it (OAI-PMH `status="deleted"`, or no longer listed by a full harvest),
or the hub admins deleted the only source that had it (`workspace.services.delete_source` withdraws its records
first). A disabled source is not harvested, but what it gave stays published. Tombstones keep their page (410
Gone) and their OAI-PMH header; every list, count, search, view, export and protocol shows only public records.

The rule has the forms the code needs, all below and nowhere else (tests/test_architecture.py fails on a module
that spells the condition itself):

- `public_q()`: the ORM condition (`Record.objects.public()` is `filter(public_q())`);
- `public_sql(alias)`: the same condition in SQL, on the `catalogue_record` row named `alias`. Every raw statement
  uses it, and so do the database's own views and triggers (the CSW view, the search-term view, the maintained
  facet counts: catalogue/records/migrations/0013_visibility_from_one_fragment.py builds them from it);
- `is_public(record)`: the same test on a loaded record.

If the rule changes, change it here and add a migration that rebuilds the views and triggers the way 0013 does
(tests/test_visibility.py compares what each of them selects with `public()`).
"""

from __future__ import annotations

from typing import Protocol

from django.db.models import Q


class _HasTombstone(Protocol):
    deleted: bool


def public_q(prefix: str = "") -> Q:
    """The ORM condition on Record; `prefix` reaches it from a related model (`public_q("record__")`)."""
    return Q(**{f"{prefix}deleted": False})


def public_sql(alias: str) -> str:
    """The SQL condition on the catalogue_record row (or a row of its type: a trigger's transition table) named
    `alias`. It has no parameter, so it fits in a view, a trigger or a statement string alike."""
    if not alias.isidentifier():
        raise ValueError(f"not an SQL alias: {alias!r}")
    return f"NOT {alias}.deleted"


def is_public(record: _HasTombstone) -> bool:
    """The rule on a record already loaded."""
    return not record.deleted
