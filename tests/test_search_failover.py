"""A 3-node OpenSearch cluster of its own (scripts/search-cluster.sh, loopback ports free on this machine), an index
with 3 shards and 1 replica: one node stopped under search load -> searches keep answering; the node back -> green;
every node stopped -> the portal falls back to PostgreSQL or answers 503. Bounded: about a minute. The figures
(latency per phase, seconds to green) come from bench/bench_search_cluster.py, not from here."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time

import pytest
from django.test import Client

from catalogue.search import parse_search_params
from catalogue.search.backends.opensearch import OpenSearchBackend, OpenSearchClient
from catalogue.search.errors import SearchUnavailableError
from catalogue.search.service import get_backend, search
from tests.search_cluster import SCRIPT, unique_index_name
from tests.search_fixtures import LIVE, load_search_fixture


def _free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def free_port_base() -> int:
    """HTTP ports base..base+2 and transport ports base+100..base+102, all unused (concurrent runs pick others)."""
    start = 21000 + (os.getpid() % 400) * 10
    for base in range(start, 29000, 10):
        if all(_free(p) for p in (*range(base, base + 3), *range(base + 100, base + 103))):
            return base
    raise RuntimeError("no free loopback ports for a test cluster")


def cluster(*args: str) -> None:
    subprocess.run(["bash", str(SCRIPT), *args], check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def trio():
    base = free_port_base()
    name = f"failover-{os.getpid()}"
    options = ["--name", name, "--port", str(base), "--nodes", "3"]
    cluster("start", *options)
    try:
        yield options, [f"http://127.0.0.1:{base + i}" for i in range(3)]
    finally:
        cluster("stop", "--name", name)


def wait_for_health(client, status: str, seconds: float) -> dict:
    """Poll the cluster's health (opensearch-py reads a `timeout` argument as its own request timeout)."""
    deadline = time.monotonic() + seconds
    while True:
        health = client.cluster.health()
        if health["status"] == status or time.monotonic() > deadline:
            return health
        time.sleep(0.5)


def query(**params):
    return parse_search_params(params)[0]


@pytest.mark.django_db
def test_one_node_down_searches_keep_answering_then_green_again(trio, settings):
    options, urls = trio
    ids = load_search_fixture()
    backend = OpenSearchBackend(OpenSearchClient.connect(urls, 30.0), unique_index_name(), shards=3, replicas=1)
    assert backend.reindex_all() == len(LIVE)
    client = backend.client.client
    assert wait_for_health(client, "green", 240)["status"] == "green"

    outcomes: list[tuple[str, bool]] = []
    phase = ["before"]
    stop = threading.Event()

    def searcher() -> None:
        while not stop.is_set():
            try:
                ok = {h.id for h in backend.search(query(q="coral")).hits} == {ids["fiji"]}
            except SearchUnavailableError:
                ok = False
            outcomes.append((phase[0], ok))
            time.sleep(0.02)

    thread = threading.Thread(target=searcher)
    thread.start()
    try:
        time.sleep(1)
        cluster("stop", "--name", options[1], "--node", "3")
        phase[0] = "node down"
        deadline = time.monotonic() + 30  # at least 10 searches with the node down (fewer on a loaded machine)
        while sum(1 for name, _ in outcomes if name == "node down") < 10 and time.monotonic() < deadline:
            time.sleep(0.2)
        status = client.cluster.health()
        assert status["number_of_nodes"] == 2 and status["status"] in ("yellow", "green")
        phase[0] = "restarting"
        cluster("start", *options)
        assert wait_for_health(client, "green", 300)["status"] == "green"
        phase[0] = "after"
        time.sleep(1)
    finally:
        stop.set()
        thread.join()
    down = [ok for name, ok in outcomes if name == "node down"]
    assert len(down) >= 5 and all(down), f"{down.count(False)} of {len(down)} searches failed with a node down"
    assert all(ok for name, ok in outcomes if name == "after")

    # Every node stopped: the portal falls back to PostgreSQL and says so, or answers 503 without fallback.
    cluster("stop", "--name", options[1])
    settings.SEARCH_BACKEND = "opensearch"
    settings.OPENSEARCH_URLS = urls
    settings.OPENSEARCH_INDEX = backend.alias
    settings.SEARCH_ENGINE_TIMEOUT = 2.0
    get_backend.cache_clear()
    try:
        settings.SEARCH_FALLBACK = "postgres"
        result = search(query(q="coral"))
        assert result.served_by_fallback and [h.id for h in result.hits] == [ids["fiji"]]
        assert b"search-fallback" in Client().get("/search/", {"q": "coral"}).content
        settings.SEARCH_FALLBACK = "none"
        assert Client().get("/api/records/", {"q": "coral"}).status_code == 503
    finally:
        get_backend.cache_clear()
