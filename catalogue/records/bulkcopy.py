"""Bulk inserts with PostgreSQL COPY: the fast path of ingest for new rows.

`bulk_create` renders one INSERT with ~55 parameters per row, and with psycopg 3's client-side binding most of
the time goes into building that SQL text in Python. COPY streams the rows instead (measured in
bench/bench_generate.py). Values are stored as `bulk_create` would store them: auto_now columns get `pre_save`,
JSON columns are sent as jsonb, geometries as EWKB; any other field type goes through its own get_db_prep_save.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime

from django.contrib.gis.db.models import GeometryField
from django.db import connection, models
from django.utils import timezone
from psycopg.types.json import Jsonb

_PLAIN_TYPES = (
    models.CharField,  # includes SlugField, URLField, EmailField
    models.TextField,
    models.IntegerField,  # includes BigIntegerField, PositiveIntegerField...
    models.BooleanField,
    models.DateField,  # includes DateTimeField (auto_now handled by pre_save below)
    models.UUIDField,
    models.BinaryField,
    models.FloatField,
)


def _preparer(field: models.Field) -> Callable[[models.Model], object]:
    """A function giving the value COPY should send for ``field`` of an object."""
    attname = field.attname
    if isinstance(field, models.DateField) and getattr(field, "auto_now", False):
        return lambda obj: field.pre_save(obj, True)
    if isinstance(field, models.DateField) and field.auto_now_add:
        # A creation stamp the caller set is kept: ingest stamps first_seen and last_seen with the same `now`
        # (pre_save would take a later clock reading, a first_seen after last_seen).
        return lambda obj: getattr(obj, attname) or field.pre_save(obj, True)
    if isinstance(field, models.JSONField):

        def json_value(obj):
            value = getattr(obj, attname)
            return None if value is None else Jsonb(value)

        return json_value
    if isinstance(field, GeometryField):

        def geometry_value(obj):
            value = getattr(obj, attname)
            return None if value is None else value.hexewkb.decode()

        return geometry_value
    if isinstance(field, _PLAIN_TYPES + (models.ForeignKey,)) or field.get_internal_type() == "ArrayField":
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)


def _column(field: models.Field) -> str:
    if field.column is None:  # a concrete field always has its column
        raise ValueError(f"{field} has no column")
    return field.column


def _copied_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]


def _copy(model: type[models.Model], fields: list[models.Field], rows: Iterable[list]) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(f)) for f in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def copy_insert(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """INSERT ``objects`` with COPY in the current transaction. Auto-increment primary keys are left to the
    database (and not read back). Returns the number of rows written."""
    objects = list(objects)
    if not objects:
        return 0
    fields = _copied_fields(model)
    preparers = [_preparer(f) for f in fields]
    _copy(model, fields, ([prepare(obj) for prepare in preparers] for obj in objects))
    return len(objects)


_EMPTY_JSON: dict[type, str] = {list: "[]", dict: "{}"}


def _value_preparer(field: models.Field, now: datetime) -> Callable[[dict], object]:
    """A function giving the value COPY should send for ``field`` of a row given as {attname: value}."""
    attname = field.attname
    if isinstance(field, models.DateField) and getattr(field, "auto_now", False):
        return lambda row: now
    if isinstance(field, models.DateField) and field.auto_now_add:
        return lambda row: row.get(attname) or now

    def value(row: dict):
        # The default only for a missing column, read per row (a callable default such as uuid4 differs by row).
        return row[attname] if attname in row else field.get_default()

    if isinstance(field, models.JSONField):
        # The JSON text itself (the server parses it as jsonb, as it parses what Jsonb() sends): psycopg's
        # per-value dumper lookup cost as much as the dumps.
        def json_value(row):
            plain = value(row)
            if plain is None:
                return None
            # Most of a record's JSON lists are empty: no dumps for those ("" or 0 are dumped like any value).
            return (not plain and _EMPTY_JSON.get(type(plain))) or json.dumps(plain)

        return json_value
    if isinstance(field, GeometryField):

        def geometry_value(row):
            geometry = value(row)
            return None if geometry is None else geometry.hexewkb.decode()

        return geometry_value
    if field.get_internal_type() == "ArrayField":
        return lambda row: _array_text(value(row))
    if isinstance(field, _PLAIN_TYPES + (models.ForeignKey,)):
        return value
    return lambda row: field.get_db_prep_save(value(row), connection)


def _array_text(values):
    """A list of strings as a PostgreSQL array literal (every element quoted, so "NULL" stays a string); COPY
    escapes the text as it escapes any other. Dumping the list through psycopg's list dumper was the largest cost
    of sending a record's row. Anything else (None, other element types) goes to psycopg as it is."""
    if type(values) is not list or not all(type(v) is str for v in values):
        return values
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def copy_values(model: type[models.Model], rows: Iterable[dict], now: datetime | None = None) -> int:
    """INSERT rows given as {attname: value} with COPY, without building model instances (ingest's new records:
    building a Record per row cost more than sending it). What is stored is what `copy_insert` stores for an
    instance with those attributes: missing columns get the field's default, auto_now columns ``now`` (one clock
    reading per statement), auto_now_add columns the row's value, else ``now``."""
    rows = list(rows)
    if not rows:
        return 0
    now = now or timezone.now()
    fields = _copied_fields(model)
    preparers = [_value_preparer(f, now) for f in fields]
    _copy(model, fields, ([prepare(row) for prepare in preparers] for row in rows))
    return len(rows)
