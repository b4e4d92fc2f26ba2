"""Bulk inserts with PostgreSQL COPY: the fast path of ingest for new rows.

`bulk_create` renders one INSERT with ~55 parameters per row, and with psycopg 3's client-side binding most of
the time goes into building that SQL text in Python. COPY streams the rows instead (measured: bench/
bench_generate.py). Values are prepared by each model field exactly as `bulk_create` would prepare them
(pre_save, then get_db_prep_save), so JSON, arrays, geometry and auto_now columns are stored the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models


def copy_insert(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """INSERT ``objects`` with COPY in the current transaction. Auto-increment primary keys are left to the
    database (and not read back). Returns the number of rows written."""
    objects = list(objects)
    if not objects:
        return 0
    meta = model._meta
    fields = [
        f for f in meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    statement = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for obj in objects:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
    return len(objects)
