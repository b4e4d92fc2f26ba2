"""Search across French and English: query variants from the vocabularies (data files), and what the search finds
on the real PostgreSQL backend for records written in one language only."""

from __future__ import annotations

import pytest

from catalogue.records.vocabularies import concept_of_label, concepts, fold
from catalogue.search import SearchQuery, search
from catalogue.search.backends.base import SearchBackend
from catalogue.search.backends.elasticsearch import ElasticsearchBackend
from catalogue.search.expansion import variants
from tests.portal.factories import ingest


def test_vocabularies_are_bilingual_data():
    loaded = concepts()
    assert len([c for c in loaded if c.source == "inspire_themes"]) == 34  # every INSPIRE theme
    assert len([c for c in loaded if c.source == "earth_science_glossary"]) >= 80
    assert all(c.en and c.fr for c in loaded)
    assert concept_of_label("Conditions atmosphériques") == concept_of_label("atmospheric conditions")
    assert concept_of_label("séisme").source == "gemet_concepts" and concept_of_label("Mékong").en == ("Mekong",)
    assert concept_of_label("mousson africaine") is None  # glossary terms name no facet concept
    assert fold("Cumuls d’eau — Pyrénées") == "cumuls d eau pyrenees"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("neige", "snow"),
        ("snow", "neige"),
        ("sismicité", "seismicity"),
        ("rainfall", "pluie"),
        ("Séisme", "seismicity"),
    ],
)
def test_a_known_term_gets_the_other_language(typed, expected):
    found = variants(typed)
    assert found[0] == typed and expected in found


def test_variants_keep_the_other_words_and_leave_advanced_queries_alone():
    found = variants("neige Pyrénées 2019")
    assert found[0] == "neige Pyrénées 2019"
    assert "snow Pyrénées 2019" in found and all(v.endswith("2019") for v in found)
    assert variants('"neige"') == ['"neige"']  # a phrase search is what the reader typed
    assert variants("neige -alpes") == ["neige -alpes"]
    assert variants("zzqx") == ["zzqx"]


def test_each_backend_ors_variants_in_its_own_syntax():
    assert SearchBackend.any_of(None, ["a b", "c d"]) == "a b or c d"  # websearch_to_tsquery
    assert ElasticsearchBackend.any_of(None, ["a b", "c d"]) == "(a b) | (c d)"  # simple_query_string


@pytest.mark.django_db
def test_records_in_one_language_are_found_from_the_other(settings):
    ingest("demo-theia", "fiche-t1", title="Enneigement des Pyrénées", abstract="Hauteurs de neige journalières.")
    ingest("demo-aeris", "fiche-a1", title="Cumuls de pluie sur les Cévennes", abstract="Radar.")
    ingest("demo-formater", "fiche-f1", title="Seismicity of the Lesser Antilles", abstract="Earthquake catalogue.")
    ingest("demo-odatis", "other", title="Sea surface salinity", abstract="SMOS.")

    def titles(q, expand):
        return {hit.title for hit in search(SearchQuery(q=q), cross_language=expand).hits}

    assert titles("snow", False) == set()
    assert titles("snow", True) == {"Enneigement des Pyrénées"}
    assert titles("rainfall", False) == set() and titles("rainfall", True) == {"Cumuls de pluie sur les Cévennes"}
    assert titles("sismicité", True) == {"Seismicity of the Lesser Antilles"}
    assert titles("salinité", True) == {"Sea surface salinity"}
    result = search(SearchQuery(q="snow"), cross_language=True)
    assert result.query.q == "snow"  # the page shows what the reader typed, not the expanded query
    assert search(SearchQuery(q="snow")).count == 0  # the service's default (the API's): the literal query


@pytest.mark.django_db
def test_the_portal_search_crosses_languages_unless_turned_off(client, settings):
    ingest("demo-theia", "fiche-t2", title="Enneigement des Alpes", abstract="Hauteurs de neige.")
    assert "Enneigement des Alpes" in client.get("/search/", {"q": "snow"}).content.decode()
    assert client.get("/api/records/", {"q": "snow"}).json()["count"] == 0
    settings.SEARCH_CROSS_LANGUAGE = False
    assert "Enneigement des Alpes" not in client.get("/search/", {"q": "snow"}).content.decode()


def test_held_out_pairs_of_the_recall_bench_use_no_glossary_word():
    """bench/crosslingual_pairs_heldout.csv measures queries the glossary was not written for: none of their words
    or phrases may be a glossary term (adding one to the glossary moves the pair out of the held-out set)."""
    import csv
    from pathlib import Path

    from catalogue.search.expansion import MAX_PHRASE_WORDS

    path = Path(__file__).resolve().parents[2] / "bench" / "crosslingual_pairs_heldout.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        pairs = list(csv.DictReader(handle))
    assert len(pairs) >= 20
    glossary = {fold(term) for c in concepts() if c.source == "earth_science_glossary" for term in c.terms}
    found = {}
    for pair in pairs:
        for text in (pair["fr"], pair["en"]):
            words = fold(text).split()
            phrases = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, i + MAX_PHRASE_WORDS + 1)}
            if phrases & glossary:
                found[text] = sorted(phrases & glossary)
    assert found == {}
