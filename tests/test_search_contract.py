"""Search correctness on a known fixture set, the same tests for every backend: PostgreSQL, and OpenSearch 2.19 on
the real cluster of scripts/search-cluster.sh (the Elasticsearch backend shares OpenSearch's request bodies and
answer parsing; no Elasticsearch 8 server can be assembled here, see docs/search-cluster.md)."""

from __future__ import annotations

import pytest

from catalogue.search import SearchQuery, parse_search_params
from catalogue.search.service import get_backend
from tests.search_fixtures import LIVE, load_search_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["postgres", "opensearch"])
def engine(request):
    ids = load_search_fixture()
    backend = get_backend("postgres") if request.param == "postgres" else request.getfixturevalue("opensearch_backend")
    backend.reindex_all()
    backend.refresh_terms()
    slugs = {v: k for k, v in ids.items()}

    class Engine:
        def run(self, language="en", **params):
            query, errors = parse_search_params({k: v for k, v in params.items()})
            assert errors == {}
            return backend.search(query, language)

        def slugs(self, result) -> list[str]:
            return [slugs[h.id] for h in result.hits]

        def found(self, **params) -> set[str]:
            result = self.run(page_size="100", **params)
            assert result.count == len(result.hits)
            return set(self.slugs(result))

        backend_ = backend
        record_ids = ids

    return Engine()


def test_no_query_lists_every_live_record(engine):
    assert engine.found() == set(LIVE)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"pole": "AERIS"}, {"aerosol", "flux"}),
        ({"pole": ["FORMATER", "THEIA"]}, {"seismic", "glacier", "peche-plain"}),
        ({"keyword": "FISHERIES"}, {"peche"}),
        ({"topic": "inlandWaters"}, {"peche-plain"}),
        ({"type": "series"}, {"peche-plain"}),
        ({"organisation": "IPGP"}, {"seismic"}),
        ({"format": "miniSEED"}, {"seismic"}),
        ({"license": "etalab-2.0"}, {"peche", "peche-plain"}),
        ({"has_doi": "true"}, {"sst", "fiji", "aerosol", "flux"}),
        ({"year_from": "2020"}, {"sst", "fiji", "seismic", "flux"}),
        ({"year_to": "2015"}, {"peche", "aerosol"}),
        ({"year_from": "2016", "year_to": "2017"}, {"bering", "sal-title", "sal-kw", "sal-abs"}),
        ({"source": "demo-formater"}, {"seismic"}),
        ({"keyword": "NO SUCH KEYWORD"}, set()),
    ],
)
def test_each_filter_alone(engine, params, expected):
    assert engine.found(**params) == expected


def test_has_doi_false_is_the_complement(engine):
    assert engine.found(has_doi="false") == set(LIVE) - engine.found(has_doi="true")


def test_filters_combined(engine):
    assert engine.found(pole="ODATIS", format="NetCDF", year_from="2020") == {"sst", "fiji", "flux"}
    assert engine.found(q="sea", pole="ODATIS", bbox="-10,25,40,50") == {"sst", "flux"}  # flux: "Air-sea"
    assert engine.found(topic="oceans", license="CC-BY-4.0", start="2020-06-01", end="2020-07-01") == {"fiji", "flux"}


def test_facet_counts_are_exact_and_disjunctive(engine):
    result = engine.run(pole="ODATIS", format="NetCDF")
    counts = {name: {v.value: v.count for v in values} for name, values in result.facets.items()}
    # A facet counts with every OTHER filter: the hub facet ignores the hub filter, not the format one.
    assert counts["pole"] == {"ODATIS": 7, "AERIS": 1}
    assert counts["format"] == {"NetCDF": 7, "CSV": 1}
    assert counts["keyword"]["OCEANS"] == 6 and counts["keyword"]["CRYOSPHERE"] == 1
    assert counts["year"] == {"2020": 2, "2021": 1, "2016": 1, "2017": 3}
    assert counts["license"] == {"CC-BY-4.0": 7}
    selected = {v.value for v in result.facets["pole"] if v.selected}
    assert selected == {"ODATIS"}
    assert result.count == 7 and not result.count_is_estimate


def test_facets_never_count_deleted_records(engine):
    counts = {v.value: v.count for v in engine.run(keyword="FISHERIES").facets["keyword"]}
    assert counts["FISHERIES"] == 1  # "gone" also had FISHERIES but is a tombstone


def test_hub_and_topic_labels_follow_the_language(engine):
    fr = {v.value: v.label for v in engine.run(language="fr").facets["topic"]}
    en = {v.value: v.label for v in engine.run(language="en").facets["topic"]}
    assert fr["oceans"] == "Océans" and en["oceans"] == "Oceans"
    assert {v.value: v.label for v in engine.run(language="fr").facets["pole"]}["ODATIS"] == "ODATIS (océan)"


def test_accents_do_not_matter(engine):
    assert engine.found(q="pêche") == {"peche", "peche-plain"}
    assert engine.found(q="peche") == {"peche", "peche-plain"}
    assert engine.found(q="PECHERIES") == {"peche"}
    assert engine.found(q="cotiere") == {"peche"}


def test_stemming_in_french_and_english(engine):
    assert engine.found(q="débarquement") == {"peche"}  # "Débarquements"
    assert engine.found(q="artisanal") == {"peche"}  # "artisanales"
    assert "glacier" in engine.found(q="glacier measurement")  # "Glaciers", "measured"
    assert "glacier" in engine.found(q="melt")  # "melting"


def test_phrase_and_exclusion(engine):
    assert engine.found(q='"sea surface"') == {"sst"}
    assert engine.found(q="sea -mediterranean") == {"bering", "flux"}
    assert engine.found(q='"surface sea"') == set()


def test_or_between_words(engine):
    assert engine.found(q="coral OR glacier") == {"fiji", "glacier"}
    assert engine.found(q="coral glacier") == set()
    assert engine.found(q='"coral reef" OR seismic') == {"fiji", "seismic"}


def test_unbalanced_quotes_and_operators_do_not_fail(engine):
    assert engine.found(q='"sea surface') == {"sst"}
    assert engine.run(q="- & | ! ( ) : * <-> '").count >= 0


def test_relevance_title_then_keywords_then_abstract(engine):
    assert engine.slugs(engine.run(q="salinity")) == ["sal-title", "sal-kw", "sal-abs"]


def test_exact_doi_or_identifier_comes_first(engine):
    assert engine.slugs(engine.run(q="10.1234/aod"))[0] == "aerosol"
    assert engine.slugs(engine.run(q="https://doi.org/10.1234/AOD"))[0] == "aerosol"
    assert engine.slugs(engine.run(q="glacier"))[0] == "glacier"


def test_bbox_across_the_antimeridian(engine):
    assert engine.found(bbox="170,-30,-170,0") == {"fiji"}
    assert engine.found(bbox="-179.5,-20,-179,-15") == {"fiji"}  # the eastern part of Fiji's box
    assert engine.found(bbox="178,-20,179,-15") == {"fiji"}
    assert engine.found(bbox="170,40,-150,70") == {"bering"}
    # Not crossing: from -175 eastwards to 175, which leaves out Fiji (177 to -178). An unsplit box would not.
    assert engine.found(bbox="-175,-20,175,-15") == set()


def test_bbox_within(engine):
    assert engine.found(bbox="170,-25,-175,-10", bbox_relation="within") == {"fiji"}
    assert engine.found(bbox="0,40,20,50", bbox_relation="within") == {"seismic", "glacier", "peche-plain"}
    assert "glacier" in engine.found(bbox="0,40,20,50")


def test_time_window_with_open_ends(engine):
    # Open end (ongoing) and open start both overlap; records without any temporal extent are left out.
    assert engine.found(start="2021-01-01") == {"peche", "fiji", "seismic", "glacier"}
    assert engine.found(end="1995-01-01") == {"seismic", "glacier"}
    assert engine.found(start="2006-01-01", end="2006-12-31") == {"sst", "aerosol", "glacier", "bering", "seismic"}


def test_sort_orders(engine):
    newest = engine.run(sort="newest", page_size="100").hits
    years = [h.publication_year for h in newest]
    assert years == sorted(years, reverse=True)
    titles = [h.title.lower() for h in engine.run(sort="title", page_size="100").hits]
    assert titles == sorted(titles)
    oldest = [h.publication_year for h in engine.run(sort="oldest", page_size="100").hits]
    assert oldest == sorted(oldest)


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest", "title"])
def test_pagination_is_stable(engine, sort):
    everything = [h.id for h in engine.run(q="ocean OR sea OR salinity OR profiles", sort=sort, page_size="100").hits]
    pages = []
    for page in range(1, 6):
        result = engine.run(q="ocean OR sea OR salinity OR profiles", sort=sort, page_size="2", page=str(page))
        pages += [h.id for h in result.hits]
    assert pages == everything[:10]
    assert len(set(everything)) == len(everything)


def test_page_beyond_the_end_is_empty_with_the_right_count(engine):
    result = engine.run(page="40", page_size="10")
    assert result.hits == [] and result.count == len(LIVE) and result.pages == 2


def test_deleted_records_are_hidden(engine):
    assert "gone" not in engine.found(q="withdrawn salinity")
    assert engine.found(q="withdrawn") == set()


def test_hits_carry_the_contract_fields(engine):
    hit = next(h for h in engine.run(q="coral").hits)
    assert hit.url == f"/records/{hit.id}/" and hit.doi == "10.1234/fiji" and hit.poles == ["ODATIS"]
    assert hit.bbox == [[177.0, -21.0, -178.0, -12.0]] and "CORAL REEFS" in hit.keywords
    assert hit.temporal_start.year == 2019 and hit.resource_type == "dataset"
    # Highlights in <mark>, the rest escaped.
    assert "<mark>" in engine.run(q="reef").hits[0].snippet
    assert "<script>" not in engine.run(q="reef").hits[0].snippet


def test_two_hubs_one_record(engine):
    result = engine.run(q="fluxes")
    assert [h.poles for h in result.hits] == [["AERIS", "ODATIS"]]


def test_suggestions_from_titles_and_keywords(engine):
    suggestions = engine.backend_.suggest("sea")
    texts = {(s.text, s.kind) for s in suggestions}
    assert ("Sea surface temperature of the Mediterranean Sea", "title") in texts
    assert ("SEA SURFACE TEMPERATURE", "keyword") in texts
    assert "Sea surface salinity (withdrawn)" not in {s.text for s in suggestions}
    assert any(s.text == "FISHERIES" for s in engine.backend_.suggest("fish"))
    assert engine.backend_.suggest("") == []


def test_did_you_mean_for_zero_results(engine):
    result = engine.run(q="glaciars")
    assert result.count == 0
    assert result.did_you_mean == "glaciers"
    assert engine.run(q=result.did_you_mean).count >= 1
    assert engine.run(q="glacier").did_you_mean == ""


def test_query_object_round_trips_through_params(engine):
    query, _ = parse_search_params({"q": "sea", "pole": ["ODATIS"], "bbox": "170,-30,-170,0", "start": "2020"})
    again, errors = parse_search_params(_to_multidict(query.to_params()))
    assert errors == {} and again == query
    assert query.toggled("pole", "ODATIS").pole == [] and query.toggled("pole", "AERIS").pole == ["ODATIS", "AERIS"]
    assert SearchQuery().to_params() == []


def _to_multidict(pairs):
    data: dict[str, list[str]] = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data
