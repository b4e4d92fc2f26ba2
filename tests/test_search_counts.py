"""Counts users can trust on the PostgreSQL backend (issue 14), on the real PostGIS with generated records:
- the empty search is exact at every size, from counts the database maintains as records change;
- a query without text is exact whatever SEARCH_EXACT_LIMIT says;
- a catalogue within the limit never shows an estimate;
- where an estimate remains, the count a facet value shows is the count shown after clicking it."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection

from catalogue.records.ingest import delete_from_source
from catalogue.records.models import Record
from catalogue.search import parse_search_params
from catalogue.search.backends import postgres
from catalogue.search.backends import postgres_sql as sql
from catalogue.search.facets import FACET_COLUMNS
from catalogue.search.service import get_backend
from catalogue.synthetic.generator import generate, source_slug
from poles.models import HarvestSource

pytestmark = pytest.mark.django_db


def search(params: dict, facets: bool = True):
    query, errors = parse_search_params(params)
    assert errors == {}
    return get_backend("postgres").search(query, "en", facets=facets)


def analyse():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_record")


def facet_counts(result) -> dict[str, dict[str, int]]:
    return {name: {v.value: v.count for v in values} for name, values in result.facets.items()}


def python_counts(records) -> tuple[int, dict[str, Counter]]:
    """The count and every facet's counts computed in Python from the rows (an oracle independent of the SQL)."""
    counts: dict[str, Counter] = {name: Counter() for name in FACET_COLUMNS}
    for record in records:
        for name, (column, is_array) in FACET_COLUMNS.items():
            value = getattr(record, column)
            for v in value if is_array else [value]:
                if v is not None and v != "":
                    counts[name][str(v)] += 1
    return len(records), counts


def maintained_table() -> dict[tuple[str, str], int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT facet, value, n FROM catalogue_facet_count WHERE n <> 0")
        return {(facet, value): n for facet, value, n in cursor.fetchall()}


def recomputed_table() -> dict[tuple[str, str], int]:
    live = list(Record.objects.filter(deleted=False))
    total, counts = python_counts(live)
    table = {("", ""): total}
    for name, counter in counts.items():
        table.update({(name, value): n for value, n in counter.items()})
    return table


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_CACHE_SECONDS = 0
    generate(600, seed=14)
    analyse()


def test_the_maintained_counts_follow_inserts_updates_tombstones_and_deletes(settings):
    settings.SEARCH_CACHE_SECONDS = 0
    generate(200, seed=21)
    assert maintained_table() == recomputed_table()
    generate(50, seed=21, offset=200)  # more records
    Record.objects.filter(identifier__in=[f"synthetic-21-{i}" for i in range(10)]).update(
        resource_type="service", publication_year=1901
    )  # an update that moves facet values
    source = HarvestSource.objects.get(slug=source_slug("AERIS"))
    delete_from_source(source, [f"synthetic-21-{i}" for i in range(0, 80, 4)], "gone")  # tombstones
    Record.objects.filter(identifier="synthetic-21-1").delete()  # a row removed outright
    assert maintained_table() == recomputed_table()
    assert maintained_table()[("type", "service")] >= 10 and maintained_table()[("year", "1901")] >= 1


def test_the_empty_search_is_exact_from_the_maintained_counts_at_any_limit(catalogue, settings):
    settings.SEARCH_EXACT_LIMIT = 10  # far below the catalogue's size
    live = list(Record.objects.filter(deleted=False))
    total, counts = python_counts(live)
    for params in ({}, {"sort": "title"}, {"page": "2"}):
        query, _ = parse_search_params(params)
        result, statements = get_backend("postgres").search_with_statements(query, "en")
        assert not result.count_is_estimate and not result.facets_are_estimates
        assert result.count == total == 600
        assert any("catalogue_facet_count" in s.text for s in statements)
        assert not any("WITH m AS" in s.text for s in statements)  # no row of the catalogue read for counts
        for name, values in facet_counts(result).items():
            expected = dict(counts[name].most_common())
            assert values == {value: expected[value] for value in values}, name
            if name == "year":
                continue  # listed newest first
            # the most frequent values are the ones listed
            assert min(values.values(), default=0) >= sorted(expected.values(), reverse=True)[len(values) - 1]
    assert search({}, facets=False).count == total and not search({}, facets=False).count_is_estimate


@pytest.mark.parametrize(
    "params",
    [
        {"pole": "AERIS"},
        {"type": "dataset", "year_from": "2005"},
        {"bbox": "-10,35,20,50", "start": "2000-01-01"},
        {"has_doi": "true", "pole": "THEIA"},
        {"format": "NetCDF"},
    ],
)
def test_queries_without_text_are_exact_whatever_the_limit(catalogue, settings, params):
    exact = search(params)
    settings.SEARCH_EXACT_LIMIT = 1
    settings.SEARCH_SAMPLE_ROWS = 5
    limited = search(params)
    assert not limited.count_is_estimate and not limited.facets_are_estimates
    assert limited.count == exact.count and facet_counts(limited) == facet_counts(exact)
    query = parse_search_params(params)[0]
    with connection.cursor() as cursor:
        cursor.execute(sql.exact_count(query, []).text, sql.exact_count(query, []).params)
        assert limited.count == cursor.fetchone()[0]
    assert search(params, facets=False).count == limited.count


def test_a_catalogue_within_the_limit_never_shows_an_estimate(catalogue, settings, monkeypatch):
    monkeypatch.setattr(postgres, "TEXT_EXACT_ROWS", 0)  # every text counts as common
    settings.SEARCH_SAMPLE_ROWS = 20
    queries = [{"q": "temperature"}, {"q": "ocean OR sea OR soil"}, {"q": "aérosols", "pole": "AERIS"}]
    settings.SEARCH_EXACT_LIMIT = 600  # the catalogue's size
    for params in queries:
        result = search(params)
        assert not result.count_is_estimate and not result.facets_are_estimates, params
    settings.SEARCH_EXACT_LIMIT = 599  # one less: the common text is estimated now
    assert any(search(params).count_is_estimate for params in queries)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ocean OR sea OR soil OR temperature"},
        {"q": "data OR données", "has_doi": "true"},
        {"q": "series OR séries OR mesures", "bbox": "-180,-90,180,90"},
        {"q": "ocean OR sea OR soil OR temperature", "pole": "ODATIS"},  # a facet already selected
    ],
)
def test_an_estimated_facet_count_is_the_count_shown_after_clicking_it(catalogue, settings, monkeypatch, params):
    monkeypatch.setattr(postgres, "TEXT_EXACT_ROWS", 0)
    settings.SEARCH_EXACT_LIMIT = 10
    settings.SEARCH_SAMPLE_ROWS = 60  # a real sample: a fraction of the matching rows
    query, _ = parse_search_params(params)
    result, statements = get_backend("postgres").search_with_statements(query, "en")
    assert result.count_is_estimate and result.facets_are_estimates
    assert any("r.id < %s::uuid" in s.text for s in statements), "the estimate must come from a partial sample"
    exact_total = search({**params}, facets=False)  # the same rules without facets: the same count
    assert exact_total.count == result.count
    clicked = 0
    for name, values in result.facets.items():
        if name == "year" or query.selected(name):
            continue  # year is a range filter; a facet with a selection ORs the clicked value in
        for value in values[:4]:
            after = search({**params, name: value.value})
            assert after.count == value.count, (params, name, value.value)
            assert after.count_is_estimate  # the same sample, flagged the same way
            clicked += 1
    # year: clicking a year is the range year_from = year_to = that year
    for value in result.facets["year"][:3]:
        after = search({**params, "year_from": value.value, "year_to": value.value})
        assert after.count == value.count
        clicked += 1
    assert clicked >= 10
