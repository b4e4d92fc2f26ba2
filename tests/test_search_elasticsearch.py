"""The request bodies shared by both engines, and the Elasticsearch 8 client adapter. The bodies are pure functions
checked here and run for real on OpenSearch in test_search_contract.py / test_search_opensearch.py. No
Elasticsearch 8 server can be assembled on our machines (docs/search-cluster.md), so the Elasticsearch adapter's
calls are checked against a recording stand-in for its client: the only mock, replacing a server that cannot run."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from catalogue.records.models import Record
from catalogue.search import parse_search_params
from catalogue.search.backends import elasticsearch_body as body
from catalogue.search.backends.elasticsearch import ElasticsearchBackend, ElasticsearchClient
from catalogue.search.backends.engine import parse_search_response, parse_suggest_response
from tests.search_fixtures import load_search_fixture


def query(**params):
    parsed, errors = parse_search_params(params)
    assert errors == {}
    return parsed


def test_index_has_french_and_english_analysers_geo_shape_and_date_range():
    definition = body.index_definition()
    analyzers = definition["settings"]["analysis"]["analyzer"]
    assert (
        "asciifolding" in analyzers["datatera_fr"]["filter"] and "french_stemmer" in analyzers["datatera_fr"]["filter"]
    )
    assert (
        "asciifolding" in analyzers["datatera_en"]["filter"] and "english_stemmer" in analyzers["datatera_en"]["filter"]
    )
    props = definition["mappings"]["properties"]
    assert props["geometry"]["type"] == "geo_shape" and props["temporal"]["type"] == "date_range"
    assert props["title"]["analyzer"] == "datatera_en" and props["title"]["fields"]["fr"]["analyzer"] == "datatera_fr"
    assert props["pole_codes"]["type"] == "keyword"


def test_facets_are_disjunctive_post_filter_and_filtered_aggregations():
    request = body.search_body(query(pole=["ODATIS", "AERIS"], format="NetCDF", q="sea"))
    assert request["post_filter"]["bool"]["filter"] == [
        {"terms": {"pole_codes": ["ODATIS", "AERIS"]}},
        {"terms": {"formats": ["NetCDF"]}},
    ]
    # The hub facet applies the format filter but not its own, and the other way round.
    assert request["aggs"]["pole"]["filter"] == {"bool": {"filter": [{"terms": {"formats": ["NetCDF"]}}]}}
    assert request["aggs"]["format"]["filter"] == {"bool": {"filter": [{"terms": {"pole_codes": ["ODATIS", "AERIS"]}}]}}
    assert request["aggs"]["keyword"]["filter"]["bool"]["filter"] == request["post_filter"]["bool"]["filter"]
    assert set(request["aggs"]) == {"pole", "keyword", "topic", "type", "organisation", "format", "license", "year"}


def test_text_query_weights_web_syntax_and_exact_doi():
    request = body.search_body(query(q="https://doi.org/10.1234/AOD"))
    should = request["query"]["bool"]["must"][0]["bool"]["should"]
    assert should[0]["simple_query_string"]["fields"][0] == "title^8"
    assert {"term": {"doi": {"value": "10.1234/aod", "boost": 1000}}} in should
    assert request["sort"] == [{"_score": "desc"}, {"id": "asc"}]
    assert body.search_body(query())["sort"][0] == {"publication_year": {"order": "desc", "missing": "_last"}}


def test_bbox_across_the_antimeridian_is_split_like_postgis():
    request = body.search_body(query(bbox="170,-30,-170,0", bbox_relation="within"))
    shape = request["query"]["bool"]["filter"][0]["geo_shape"]["geometry"]
    assert shape["relation"] == "within" and shape["shape"]["type"] == "MultiPolygon"
    assert len(shape["shape"]["coordinates"]) == 2


def test_open_ended_time_window_and_other_filters():
    request = body.search_body(query(start="2020-01-01", has_doi="true", source="demo-aeris", year_from="2010"))
    filters = request["query"]["bool"]["filter"]
    assert {"range": {"temporal": {"relation": "intersects", "gte": "2020-01-01"}}} in filters
    assert {"term": {"has_temporal": True}} in filters and {"term": {"has_doi": True}} in filters
    assert {"terms": {"source_slugs": ["demo-aeris"]}} in filters
    assert request["post_filter"]["bool"]["filter"] == [{"range": {"publication_year": {"gte": 2010}}}]


def test_pagination_and_exact_count_threshold():
    request = body.search_body(query(page="3", page_size="10"), exact_limit=5000)
    assert (request["from"], request["size"], request["track_total_hits"]) == (20, 10, 5000)


def test_spelling_is_a_request_of_its_own_not_part_of_every_search():
    """The term suggester read the titles' words on every text search; it is asked only after a text query found
    nothing (tests/test_search_contract.py::test_did_you_mean_for_zero_results has the answer on both backends)."""
    assert "suggest" not in body.search_body(query(q="glacier"))
    spelling = body.spelling_body("glaicer")
    assert spelling["size"] == 0 and spelling["suggest"]["text"] == "glaicer"
    assert spelling["suggest"]["spelling"]["term"]["field"] == "title"


@pytest.mark.django_db
def test_documents_of_real_records():
    ids = load_search_fixture()
    fiji = body.record_document(Record.objects.get(pk=ids["fiji"]))
    assert fiji["geometry"]["type"] == "MultiPolygon" and len(fiji["geometry"]["coordinates"]) == 2
    assert fiji["temporal"] == {"gte": "2019-01-01", "lte": "2021-12-31"} and fiji["has_doi"] is True
    peche = body.record_document(Record.objects.get(pk=ids["peche"]))
    assert peche["temporal"] == {"gte": "2010-01-01"}  # open end
    assert set(peche) == set(body.index_definition()["mappings"]["properties"])  # dynamic: strict accepts it


def test_parse_search_response():
    response = {
        "hits": {
            "total": {"value": 10000, "relation": "gte"},
            "hits": [
                {
                    "_source": {
                        "id": "0b0e5a8e-3c4f-4b7e-9a51-2f0c1d9e8a77",  # record URLs are reversed: a real UUID
                        "title_raw": "Pêcheries",
                        "translations": {"en": {"title": "Fisheries"}},
                        "doi": None,
                        "pole_codes": ["ODATIS"],
                        "bboxes": [[177, -21, -178, -12]],
                        "temporal_start": "2010-01-01",
                        "temporal_end": None,
                        "keyword_values": ["FISHERIES"],
                    },
                    "highlight": {"abstract.fr": ["la \ue000pêche\ue001 <b>côtière</b>"]},
                }
            ],
        },
        "aggregations": {"pole": {"values": {"buckets": [{"key": "ODATIS", "doc_count": 12}]}}},
    }
    result = parse_search_response(response, query(q="pêche", pole="ODATIS"), "en")
    assert result.count == 10000 and result.count_is_estimate and result.pages == 500
    hit = result.hits[0]
    assert hit.title == "Fisheries" and hit.temporal_start == date(2010, 1, 1) and hit.temporal_end is None
    assert hit.snippet == "la <mark>pêche</mark> &lt;b&gt;côtière&lt;/b&gt;"
    assert result.facets["pole"][0].count == 12 and result.facets["pole"][0].selected


def test_parse_suggest_response_keywords_first():
    response = {
        "hits": {"hits": [{"_source": {"title_raw": "Sea ice extent", "keyword_values": ["SEA ICE", "OCEANS"]}}]}
    }
    assert [(s.text, s.kind) for s in parse_suggest_response(response, "sea", 10)] == [
        ("SEA ICE", "keyword"),
        ("Sea ice extent", "title"),
    ]


class RecordingClient:
    """Stands in for the Elasticsearch server, which cannot run here: records what the backend sends."""

    def __init__(self):
        self.bulk_actions: list[dict] = []
        self.calls: list[tuple] = []
        self.indices = self
        self.cluster = self

    def bulk_helper(self, client, actions, **kwargs):
        """Replaces elasticsearch.helpers.bulk: takes the same action dicts."""
        assert client is self
        for action in actions:
            self.bulk_actions.append({"op": action["_op_type"], "id": action["_id"], "index": action["_index"]})
            if action["_op_type"] == "index":
                assert set(action["_source"]) == set(body.index_definition()["mappings"]["properties"])
        return len(self.bulk_actions), []

    def create(self, **kwargs):
        self.calls.append(("create", kwargs["index"]))

    def refresh(self, **kwargs):
        self.calls.append(("refresh", kwargs.get("index")))

    def put_settings(self, **kwargs):
        self.calls.append(("settings", kwargs["index"], kwargs["settings"]))

    def health(self, **kwargs):
        self.calls.append(("health", kwargs["index"], kwargs["wait_for_status"]))
        return {"status": kwargs["wait_for_status"]}

    def get_alias(self, **kwargs):
        return {"datatera-records-old": {}}

    def update_aliases(self, actions):
        self.calls.append(("aliases", actions))

    def delete(self, **kwargs):
        self.calls.append(("delete", kwargs["index"]))


@pytest.mark.django_db
def test_index_records_indexes_live_and_deletes_tombstones():
    ids = load_search_fixture()
    client = RecordingClient()
    backend = ElasticsearchBackend(ElasticsearchClient(client, bulk=client.bulk_helper), "datatera-records")
    assert backend.index_records([ids["fiji"], ids["gone"]]) == 1
    assert {(a["op"], a["id"]) for a in client.bulk_actions} == {("index", ids["fiji"]), ("delete", ids["gone"])}


@pytest.mark.django_db
def test_reindex_builds_a_new_index_and_swaps_the_alias():
    load_search_fixture()
    client = RecordingClient()
    count = ElasticsearchBackend(ElasticsearchClient(client, bulk=client.bulk_helper), "datatera-records").reindex_all()
    assert count == Record.objects.public().count() == len({a["id"] for a in client.bulk_actions})
    created = client.calls[0][1]
    assert client.calls[0][0] == "create" and created.startswith("datatera-records-")
    # Built without refresh and replicas, which it gets (and the default refresh) before the alias moves to it.
    names = [c[0] for c in client.calls]
    assert ("settings", created, {"index": {"number_of_replicas": 0, "refresh_interval": None}}) in client.calls
    assert names.index("settings") < names.index("refresh") < names.index("health") < names.index("aliases")
    swap = next(c[1] for c in client.calls if c[0] == "aliases")
    assert {"add": {"index": created, "alias": "datatera-records"}} in swap
    assert ("delete", "datatera-records-old") in client.calls


@pytest.mark.django_db(transaction=True)
def test_ingest_queues_indexing_after_commit_when_elasticsearch_is_the_backend(monkeypatch):
    from catalogue.search import tasks

    queued: list[list[str]] = []
    monkeypatch.setattr(tasks.index_records, "apply_async", lambda args, queue: queued.append(args[0]))
    with override_settings(SEARCH_BACKEND="elasticsearch"):
        ids = load_search_fixture()
    assert ids["fiji"] in {i for batch in queued for i in batch}
    assert ids["gone"] in {i for batch in queued for i in batch}  # the tombstone is removed from the index
    queued.clear()
    with override_settings(SEARCH_BACKEND="postgres"):
        Record.objects.all().delete()
        load_search_fixture()
    assert queued == []
