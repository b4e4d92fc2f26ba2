"""Postgres backend specifics: the estimate path above SEARCH_EXACT_LIMIT, the count/facet cache and its
invalidation, the search_vector trigger, search_reindex."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from catalogue.records.models import Record
from catalogue.search import parse_search_params
from catalogue.search.backends import postgres_sql as sql
from catalogue.search.backends import rank_indexes
from catalogue.search.service import get_backend
from tests.search_fixtures import LIVE, load_search_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def rum_rank_indexes():
    """The RUM indexes SEARCH_RANK_FROM_INDEX reads (migration 0016 dropped them; a deployment that turns the setting
    on builds them): made inside the test's transaction, gone with its rollback."""
    with connection.cursor() as cursor:
        assert rank_indexes.build(cursor) == list(rank_indexes.RANK_INDEXES)
    yield
    rank_indexes.forget()


def run(**params):
    query, errors = parse_search_params(params)
    assert errors == {}
    return get_backend("postgres").search(query)


@pytest.mark.parametrize("sampling", ["id", "tablesample"])
def test_above_the_exact_limit_text_counts_and_facets_are_estimates(settings, sampling, monkeypatch):
    """Text above the limit is estimated; filter-only queries never are (tests/test_search_counts.py)."""
    from catalogue.search.backends import postgres

    load_search_fixture()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_record")  # the sample share comes from the table's row estimate
    settings.SEARCH_CACHE_SECONDS = 0
    exact = run(q="salinity OR sea", pole="ODATIS")
    settings.SEARCH_EXACT_LIMIT = 3
    settings.SEARCH_SAMPLING = sampling
    monkeypatch.setattr(postgres, "TEXT_EXACT_ROWS", 0)  # the planner's estimate of so few rows is below 3
    estimated = run(q="salinity OR sea", pole="ODATIS")
    assert estimated.count_is_estimate and estimated.facets_are_estimates and not exact.count_is_estimate
    # On a table this small the sample is the whole table, so the estimate must equal the exact answer.
    assert estimated.count == exact.count > 0
    assert {v.value: v.count for v in estimated.facets["format"]} == {v.value: v.count for v in exact.facets["format"]}
    assert [h.id for h in estimated.hits] == [h.id for h in exact.hits]
    without_facets = get_backend("postgres").search(parse_search_params({"q": "salinity OR sea"})[0], facets=False)
    assert without_facets.count_is_estimate and without_facets.count == run(q="salinity OR sea").count
    assert without_facets.facets["pole"] == []
    assert not run(pole="ODATIS").count_is_estimate


def test_cached_counts_are_invalidated_by_any_record_change(settings):
    settings.SEARCH_CACHE_SECONDS = 300
    cache.clear()
    load_search_fixture()
    assert run().count == len(LIVE)
    assert run().count == len(LIVE)  # from the cache
    Record.objects.filter(identifier="sst").update(deleted=True, updated_at="2100-01-01T00:00:00Z")
    assert run().count == len(LIVE) - 1


def test_trigger_keeps_the_vector_in_step_and_reindex_rebuilds_it(settings):
    settings.SEARCH_CACHE_SECONDS = 0  # raw SQL below does not move updated_at, the cache's version
    ids = load_search_fixture()
    Record.objects.filter(pk=ids["sst"]).update(title="Chlorophylle en Méditerranée")
    assert {h.id for h in run(q="chlorophylle").hits} == {ids["sst"]}
    with connection.cursor() as cursor:
        cursor.execute("UPDATE catalogue_record SET search_vector = NULL")
    assert run(q="chlorophylle").count == 0
    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {h.id for h in run(q="chlorophylle").hits} == {ids["sst"]}


def test_both_rank_paths_put_title_before_keywords_before_abstract(settings, rum_rank_indexes):
    """RUM's distance and ts_rank are different formulas (orders of unrelated hits may differ), but both follow
    the weights: title (A) > keywords (B) > abstract (C)."""
    ids = load_search_fixture()
    expected = [ids["sal-title"], ids["sal-kw"], ids["sal-abs"]]
    settings.SEARCH_RANK_FROM_INDEX = True  # off by default (RUM 1.3's crash, docs/search.md)
    assert [h.id for h in run(q="salinity").hits] == expected
    settings.SEARCH_RANK_FROM_INDEX = False
    assert [h.id for h in run(q="salinity").hits] == expected
    assert run(q="salinity OR sea", page_size="100").count == run(q="salinity OR sea", page_size="2").count


def test_a_common_word_is_estimated_from_the_sample_indexes_without_counting_its_matches(settings, monkeypatch):
    """Above TEXT_EXACT_ROWS expected text matches nothing is counted exactly (the bitmap of every match is what
    costs); on a table this small the capped sample is still the whole table, so the estimate is exact."""
    from catalogue.search.backends import postgres

    load_search_fixture()
    settings.SEARCH_CACHE_SECONDS = 0
    exact = run(q="salinity OR sea", pole="ODATIS")
    monkeypatch.setattr(postgres, "TEXT_EXACT_ROWS", 0)
    settings.SEARCH_EXACT_LIMIT = 3  # a catalogue within the limit is never estimated
    estimated = run(q="salinity OR sea", pole="ODATIS")
    assert not exact.count_is_estimate and estimated.count_is_estimate and estimated.facets_are_estimates
    assert estimated.count == exact.count > 0
    assert {v.value: v.count for v in estimated.facets["pole"]} == {v.value: v.count for v in exact.facets["pole"]}
    assert [h.id for h in estimated.hits] == [h.id for h in exact.hits]


@pytest.mark.parametrize("vector", [sql.RANKED, sql.TITLE_RANKED])
@pytest.mark.parametrize("q", ["ocean OR sea OR salinity OR profiles", "pêche", "profil salinité"])
def test_the_rum_indexes_find_every_match_of_the_rank_query(q, vector, rum_rank_indexes):
    """A scan of the RUM index in rank order (forced: a table this small is otherwise read sequentially) finds
    the same rows as the query evaluated row by row (rum 1.3 missed the prefix matches of a lexeme that was
    also present exactly)."""
    ids = load_search_fixture()
    # Found by the prefix 'profil':* only, while the English query holds 'profil' exactly.
    Record.objects.filter(pk=ids["seismic"]).update(title="Profilage sismique")
    params = sql.rum_tsquery_params(q)
    ranked = (
        f"SELECT r.id FROM catalogue_record r WHERE {vector} @@ {sql.RUM_TSQUERY} "  # noqa: S608
        f"ORDER BY {vector} <=> {sql.RUM_TSQUERY} LIMIT 1000"
    )
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute("EXPLAIN " + ranked, params + params)
            assert "rum" in " ".join(row[0] for row in cursor.fetchall())
            cursor.execute(ranked, params + params)
            from_index = {row[0] for row in cursor.fetchall()}
        finally:
            cursor.execute("RESET enable_seqscan")
        every = f"SELECT r.id FROM catalogue_record r WHERE ({vector} @@ {sql.RUM_TSQUERY}) IS TRUE"  # noqa: S608
        cursor.execute(every, params)
        row_by_row = {row[0] for row in cursor.fetchall()}
    assert from_index == row_by_row and row_by_row


@pytest.mark.parametrize("q", ["ocean OR sea OR salinity OR profiles", "pêche", "salinity"])
def test_ranked_tiers_read_from_the_rum_indexes_find_every_match(settings, q, rum_rank_indexes):
    """The ranked pages come from RUM index scans (forced here: a table this small is otherwise read sequentially);
    they must hold the same records as ts_rank over every match (rum 1.3 missed prefix matches of a lexeme also
    present exactly), each once, title matches first."""
    ids = load_search_fixture()
    settings.SEARCH_CACHE_SECONDS = 0
    settings.SEARCH_RANK_FROM_INDEX = True  # off by default (RUM 1.3's crash, docs/search.md)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        ranked = run(q=q, page_size="100")
        settings.SEARCH_RANK_FROM_INDEX = False
        every_match = run(q=q, page_size="100")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
    found = [h.id for h in ranked.hits]
    assert len(found) == len(set(found)) == ranked.count
    assert set(found) == {h.id for h in every_match.hits}
    if q == "salinity":
        assert found == [ids["sal-title"], ids["sal-kw"], ids["sal-abs"]]


@pytest.mark.parametrize("q", ["-ocean", "salinity -sea", "the", "- & | ! ( ) : * <-> '"])
def test_queries_the_rum_indexes_cannot_rank_are_ranked_by_ts_rank(settings, q, rum_rank_indexes):
    """Negations (a RUM index scan for them crashed the server) and queries without lexemes: no crash, every
    match found."""
    load_search_fixture()
    settings.SEARCH_CACHE_SECONDS = 0
    settings.SEARCH_RANK_FROM_INDEX = True  # off by default (RUM 1.3's crash, docs/search.md)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        ranked = run(q=q, page_size="100")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
    settings.SEARCH_RANK_FROM_INDEX = False
    # "the" is a French lexeme (RUM ranks it, in its own order); the others are ranked by ts_rank in both runs.
    assert {h.id for h in ranked.hits} == {h.id for h in run(q=q, page_size="100").hits}
    assert len(ranked.hits) == ranked.count


def test_without_the_rum_indexes_the_setting_ranks_by_ts_rank_and_the_command_builds_and_drops_them(settings):
    """Migrations leave no RUM index (nothing reads them with the setting off, and every write paid for them); with
    the setting on and no index, relevance is ts_rank's (no statement orders by RUM distance); the command makes
    them and removes them."""
    ids = load_search_fixture()
    settings.SEARCH_CACHE_SECONDS = 0
    rank_indexes.forget()
    with connection.cursor() as cursor:
        assert rank_indexes.present(cursor) == set()
    settings.SEARCH_RANK_FROM_INDEX = True
    result, statements = get_backend("postgres").search_with_statements(parse_search_params({"q": "salinity"})[0])
    assert [h.id for h in result.hits] == [ids["sal-title"], ids["sal-kw"], ids["sal-abs"]]
    assert not any("<=>" in statement.text for statement in statements)
    with connection.cursor() as cursor:  # the fixture's deferred foreign-key checks, or CREATE INDEX refuses
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    out = io.StringIO()
    call_command("search_rank_indexes", "build", stdout=out)
    assert "built record_search_vector_rum, record_title_vector_rum" in out.getvalue()
    result, statements = get_backend("postgres").search_with_statements(parse_search_params({"q": "salinity"})[0])
    assert [h.id for h in result.hits] == [ids["sal-title"], ids["sal-kw"], ids["sal-abs"]]
    assert any("<=>" in statement.text for statement in statements)
    out = io.StringIO()
    call_command("search_rank_indexes", "drop", stdout=out)
    assert "dropped record_search_vector_rum, record_title_vector_rum" in out.getvalue()
    assert "present: none; SEARCH_RANK_FROM_INDEX is on" in out.getvalue()
    with connection.cursor() as cursor:
        assert rank_indexes.present(cursor) == set()


def test_each_search_keeps_its_state_in_its_own_object_not_on_the_shared_backend(settings):
    """get_backend() caches one backend for every thread: a search's statements and estimates must not live on it."""
    load_search_fixture()
    settings.SEARCH_CACHE_SECONDS = 0
    backend = get_backend("postgres")
    text_result, text_statements = backend.search_with_statements(parse_search_params({"q": "coral"})[0])
    plain_result, plain_statements = backend.search_with_statements(parse_search_params({"pole": "ODATIS"})[0])
    assert text_result.count and plain_result.count
    assert any("coral" in " ".join(map(str, s.params)) for s in text_statements)
    assert not any("coral" in " ".join(map(str, s.params)) for s in plain_statements)  # the first search's, untouched
    assert vars(backend) == {}  # nothing of either search stayed on the singleton
