"""Counts shown on the home page and in the hub list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q

from catalogue.records.visibility import public_sql
from poles.models import Pole


@dataclass(frozen=True)
class PoleSummary:
    code: str
    name: str
    label: str
    description: str
    domain: str
    site_url: str
    record_count: int
    source_count: int


def pole_summaries(language: str) -> list[PoleSummary]:
    """Each hub with its number of live records (one query for the counts, not one per hub)."""
    from catalogue.records.models import Record

    table = Record._meta.db_table
    with connection.cursor() as cursor:
        # A record from two hubs counts once for each (same rule as the hub facet).
        cursor.execute(
            f"SELECT code, count(*) FROM {table} r, unnest(r.pole_codes) AS code WHERE {public_sql('r')} GROUP BY code"  # noqa: S608
        )
        counts = dict(cursor.fetchall())
    # Explicit order: Django drops Meta.ordering from queries with GROUP BY (the annotation), and the home page
    # must list the hubs in a stable order.
    poles = Pole.objects.annotate(n_sources=Count("sources", filter=Q(sources__enabled=True))).order_by("code")
    french = language.startswith("fr")
    return [
        PoleSummary(
            code=pole.code,
            name=pole.name,
            label=pole.label(language),
            description=pole.description(language),
            domain=pole.domain_fr if french else pole.domain_en,
            site_url=pole.site_url,
            record_count=counts.get(pole.code, 0),
            source_count=pole.n_sources,
        )
        for pole in poles
    ]
