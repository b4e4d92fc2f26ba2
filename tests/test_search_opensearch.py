"""The OpenSearch backend on the real cluster (scripts/search-cluster.sh): indexing after commit by a real Celery
worker, tombstones and deleted rows leaving the index, the alias swap of `search_reindex` under concurrent searches,
`search_reindex --verify` finding drift, and engine failures answered like every other search failure."""

from __future__ import annotations

import threading
import time
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from catalogue.records.ingest import delete_from_source
from catalogue.records.models import Record
from catalogue.search import parse_search_params
from catalogue.search.backends.opensearch import OpenSearchBackend, OpenSearchClient
from catalogue.search.errors import SearchRejectedError, SearchTimeoutError, SearchUnavailableError
from catalogue.search.service import get_backend, search
from poles.models import HarvestSource
from tests.harvest.test_worker import Worker, wait_for
from tests.search_fixtures import LIVE, load_search_fixture

HUGE = " ".join(f"{letter}{n}" for letter in "qxz" for n in range(10, 50))  # 120 words
DEAD_URL = "http://127.0.0.1:9"  # discard port: nothing listens, connections are refused at once


def query(**params):
    parsed, errors = parse_search_params(params)
    assert errors == {}
    return parsed


def live_ids(backend) -> set[str]:
    backend.refresh_terms()
    return {h.id for h in backend.search(query(page_size="100")).hits}


@pytest.fixture
def index_queue():
    name = f"test-index-{uuid.uuid4().hex[:8]}"
    yield name
    from catalogue.search.tasks import index_records

    with index_records.app.connection_for_write() as conn:
        conn.default_channel.queue_delete(name)


@pytest.mark.django_db(transaction=True)
def test_commit_then_worker_indexes_and_removed_records_leave(
    opensearch_configured, settings, index_queue, monkeypatch, tmp_path
):
    backend = opensearch_configured
    backend.reindex_all()  # the empty index behind the alias, as `search_reindex` on a new deployment
    settings.SEARCH_INDEX_QUEUE = index_queue
    for name, value in {
        "SEARCH_BACKEND": "opensearch",
        "OPENSEARCH_URL": ",".join(settings.OPENSEARCH_URLS),
        "OPENSEARCH_INDEX": settings.OPENSEARCH_INDEX,
    }.items():
        monkeypatch.setenv(name, value)
    worker = Worker(index_queue, tmp_path / "worker.log")
    try:
        ids = load_search_fixture()  # ingest commits; its records_changed queues the indexing after commit
        expected = {ids[slug] for slug in LIVE}
        wait_for(lambda: live_ids(backend) == expected, 90, "the worker to index the harvested records")
        assert ids["gone"] not in live_ids(backend)  # the tombstone written by the fixture was never searchable

        # A record withdrawn by its source (tombstone) and a row deleted outright both leave the index.
        delete_from_source(HarvestSource.objects.get(slug="demo-theia"), ["glacier"], "withdrawn")
        Record.objects.filter(pk=ids["seismic"]).delete()
        wait_for(
            lambda: not ({ids["glacier"], ids["seismic"]} & live_ids(backend)), 60, "removed records to leave the index"
        )
        assert live_ids(backend) == expected - {ids["glacier"], ids["seismic"]}
    finally:
        worker.kill()


@pytest.mark.django_db
def test_a_full_build_runs_without_refresh_then_refreshes_as_configured(search_cluster_url):
    """reindex_all fills the new index with refresh off (bench/bench_scale.py: the bulk rate); the index it swaps
    in refreshes at the engine's default again, with every live record searchable at once."""
    from tests.search_cluster import unique_index_name

    alias = unique_index_name()
    backend = OpenSearchBackend(OpenSearchClient.connect([search_cluster_url], 30.0), alias)
    during: dict = {}
    real_load = backend.client.bulk_load

    def spying_load(actions, threads):
        during.update(backend.client.client.indices.get_settings(index=f"{alias}-*"))
        return real_load(actions, threads)

    backend.client.bulk_load = spying_load
    try:
        load_search_fixture()
        assert backend.reindex_all() == len(LIVE)
        (index,) = backend.client.alias_targets(alias)
        assert during[index]["settings"]["index"]["refresh_interval"] == "-1"
        assert during[index]["settings"]["index"]["number_of_replicas"] == "0"
        after = backend.client.client.indices.get_settings(index=index, include_defaults=True)[index]
        assert "refresh_interval" not in after["settings"]["index"]  # the engine's default again
        assert after["defaults"]["index"]["refresh_interval"] == "1s"
        assert after["settings"]["index"]["number_of_replicas"] == str(backend.replicas)
        assert live_ids(backend) == {str(pk) for pk in Record.objects.public().values_list("pk", flat=True)}
    finally:
        backend.client.client.indices.delete(index=f"{alias}-*", ignore_unavailable=True)


@pytest.mark.django_db(transaction=True)
def test_reindex_swaps_the_alias_while_searches_run(opensearch_backend):
    backend = opensearch_backend
    load_search_fixture()
    backend.reindex_all()
    client = backend.client.client
    first_index = backend.client.alias_targets(backend.alias)
    answered, failures, stop = [], [], threading.Event()

    def searcher() -> None:
        while not stop.is_set():
            try:
                result = backend.search(query(q="sea"))
                (answered if result.count >= 1 else failures).append(result.count)
            except Exception as exc:  # every failed query counts, whatever its kind
                failures.append(repr(exc))

    threads = [threading.Thread(target=searcher) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.3)
        for _ in range(3):
            assert backend.reindex_all() == Record.objects.public().count()
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert failures == [] and len(answered) > 10
    now = backend.client.alias_targets(backend.alias)
    assert len(now) == 1 and now != first_index
    assert not client.indices.exists(index=first_index[0])  # the old index is dropped after the swap


@pytest.mark.django_db
def test_verify_reports_drift_and_repair_fixes_it(opensearch_configured):
    backend = opensearch_configured
    ids = load_search_fixture()
    backend.reindex_all()
    out = StringIO()
    call_command("search_reindex", "--verify", stdout=out)
    assert "no drift" in out.getvalue() and f"{len(LIVE)} live records checked" in out.getvalue()

    client = backend.client.client
    client.delete(index=backend.alias, id=ids["sst"], refresh=True)  # missing from the index
    stray = str(uuid.uuid4())
    client.index(index=backend.alias, id=stray, body={"id": stray, "title": "stray"}, refresh=True)  # extra
    Record.objects.filter(pk=ids["fiji"]).update(title="Coral reef monitoring, revised")  # stale (no signal)
    out = StringIO()
    with pytest.raises(CommandError, match="drifted"):
        call_command("search_reindex", "--verify", stdout=out)
    report = out.getvalue()
    assert f"1 missing from the index: {ids['sst']}" in report
    assert f"1 in the index but not live: {stray}" in report
    assert f"1 stale (content differs): {ids['fiji']}" in report

    call_command("search_reindex", "--verify", "--repair", stdout=StringIO())
    out = StringIO()
    call_command("search_reindex", "--verify", stdout=out)
    assert "no drift" in out.getvalue()
    assert backend.search(query(q="revised")).hits[0].id == ids["fiji"]


@pytest.mark.django_db
def test_engine_failures_become_the_shared_errors(opensearch_backend, search_cluster_url):
    load_search_fixture()
    opensearch_backend.reindex_all()
    # Rejected: 120 words (480 characters, within the contract's 500) over ten fields each is more clauses than
    # the engine allows (max_clause_count 1024). PostgreSQL answers it: see docs/search-cluster.md.
    with pytest.raises(SearchRejectedError) as rejected:
        opensearch_backend.search(query(q=HUGE))
    assert rejected.value.status == 400 and "too_many" in rejected.value.cause
    # Too slow: a client timeout far below what a search takes.
    slow = OpenSearchBackend(OpenSearchClient.connect([search_cluster_url], 0.001), opensearch_backend.alias)
    with pytest.raises(SearchTimeoutError) as timeout:
        slow.search(query(q="sea"))
    assert timeout.value.status == 503
    # Down: nothing listens.
    dead = OpenSearchBackend(OpenSearchClient.connect([DEAD_URL], 2.0), opensearch_backend.alias)
    with pytest.raises(SearchUnavailableError) as down:
        dead.search(query(q="sea"))
    assert down.value.status == 503 and "cannot reach" in down.value.cause
    # An alias that does not exist (index never built): unavailable, not a crash.
    missing = OpenSearchBackend(OpenSearchClient.connect([search_cluster_url], 5.0), "datatera-test-no-such-index")
    with pytest.raises(SearchUnavailableError):
        missing.search(query())


@pytest.fixture
def dead_engine(settings):
    settings.SEARCH_BACKEND = "opensearch"
    settings.OPENSEARCH_URLS = [DEAD_URL]
    settings.OPENSEARCH_INDEX = "datatera-test-dead"
    settings.SEARCH_ENGINE_TIMEOUT = 2.0
    get_backend.cache_clear()
    yield
    get_backend.cache_clear()


@pytest.mark.django_db
def test_engine_down_falls_back_to_postgres_and_says_so(dead_engine, settings):
    settings.SEARCH_FALLBACK = "postgres"
    ids = load_search_fixture()
    result = search(query(q="coral"))
    assert result.served_by_fallback and [h.id for h in result.hits] == [ids["fiji"]]
    api = Client().get("/api/records/", {"q": "coral"})
    assert api.status_code == 200 and api.json()["served_by_fallback"] is True and api.json()["count"] == 1
    page = Client().get("/search/", {"q": "coral"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and b"search-fallback" in page.content
    assert b"results come straight from the catalogue database" in page.content
    suggestions = Client().get("/api/suggest/", {"q": "cor"})
    assert suggestions.status_code == 200


@pytest.mark.django_db
def test_engine_down_without_fallback_answers_503_plainly(dead_engine, settings):
    settings.SEARCH_FALLBACK = "none"
    load_search_fixture()
    api = Client().get("/api/records/", {"q": "coral"})
    assert api.status_code == 503 and api["Retry-After"] == "30"
    body = api.json()
    assert body["errors"]["detail"].startswith("Search is unavailable for a moment; please retry.")
    assert body["request_id"] and api["X-Request-ID"] == body["request_id"]
    page = Client().get("/search/", {"q": "coral"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 503 and b"Search is unavailable for a moment" in page.content
    french = Client().get("/search/", {"q": "coral"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.status_code == 503 and "La recherche est momentanément indisponible" in french.content.decode()


@pytest.mark.django_db
def test_rejected_query_is_a_400_on_api_and_portal(opensearch_configured):
    load_search_fixture()
    opensearch_configured.reindex_all()
    api = Client().get("/api/records/", {"q": HUGE})
    assert api.status_code == 400 and "too large or too complex" in api.json()["errors"]["detail"]
    page = Client().get("/search/", {"q": HUGE}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400 and b"This search could not be run" in page.content
