"""parse_search_params: invalid parameters dropped and reported, the rest kept (the portal runs "the rest")."""

from __future__ import annotations

from datetime import date

from django.http import QueryDict

from catalogue.records.unified import BBox
from catalogue.search import SearchQuery, parse_search_params


def test_query_dict_with_repeated_values():
    query, errors = parse_search_params(QueryDict("q=sea&pole=odatis&pole=AERIS&keyword=OCEANS&keyword=OCEANS&page=2"))
    assert errors == {}
    assert query.q == "sea" and query.pole == ["ODATIS", "AERIS"] and query.keyword == ["OCEANS"] and query.page == 2


def test_invalid_parameters_are_reported_and_the_rest_kept():
    query, errors = parse_search_params({"q": "ice", "bbox": "10,20", "pole": ["THEIA", "NOPE"], "year_from": "2001"})
    assert set(errors) == {"bbox", "pole"}
    assert query == SearchQuery(q="ice", pole=["THEIA"], year_from=2001)


def test_dates_and_boxes():
    query, errors = parse_search_params({"start": "2020", "end": "2021-02", "bbox": "170,-30,-170,0"})
    assert errors == {}
    assert query.start == date(2020, 1, 1) and query.end == date(2021, 2, 28)
    assert query.bbox == BBox(170, -30, -170, 0) and query.bbox.crosses_antimeridian
    assert ("bbox", "170,-30,-170,0") in query.to_params()


def test_whitespace_and_nul_in_text_are_normalised():
    query, errors = parse_search_params({"q": "  sea\x00  ice \n"})
    assert errors == {} and query.q == "sea ice"


def test_toggled_and_replace_reset_nothing_else():
    query = SearchQuery(q="sea", page=3, keyword=["OCEANS"])
    toggled = query.toggled("keyword", "SEA ICE")
    assert toggled.keyword == ["OCEANS", "SEA ICE"] and toggled.page == 1 and toggled.q == "sea"
    assert toggled.toggled("keyword", "OCEANS").keyword == ["SEA ICE"]
    assert query.replace(sort="title").sort == "title" and query.sort == "relevance"


def test_relevance_without_words_sorts_newest_first():
    assert SearchQuery().effective_sort == "newest"
    assert SearchQuery(q="sea").effective_sort == "relevance"
