"""The real search cluster for the tests (OpenSearch 2.19, scripts/search-cluster.sh).

`make test` starts it and sets SEARCH_CLUSTER_URL; a bare `pytest` starts it here (and stops it at exit unless
another run holds a lease on it). Several worktrees test at once against one cluster: every index this run
creates is named `datatera-test-<run>-...`, and the run deletes its own indexes at the end."""

from __future__ import annotations

import atexit
import fcntl
import os
import subprocess
import uuid
from itertools import count
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "search-cluster.sh"
RUN_ID = f"datatera-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
_names = count(1)


def cluster_url() -> str:
    url = os.environ.get("SEARCH_CLUSTER_URL", "")
    if url:
        return url.rstrip("/")
    # Same lease as `search-cluster.sh with`: held while this process lives, the last holder stops the cluster.
    lease_dir = Path(f"/tmp/datatera-search-cluster-{os.getuid()}")
    lease_dir.mkdir(parents=True, exist_ok=True)
    lease = open(lease_dir / "datatera.lease", "a")  # noqa: SIM115 - held until exit
    fcntl.flock(lease, fcntl.LOCK_SH)
    url = subprocess.run(["bash", str(SCRIPT), "start"], check=True, capture_output=True, text=True).stdout.strip()

    def release() -> None:
        fcntl.flock(lease, fcntl.LOCK_UN)
        try:
            fcntl.flock(lease, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return
        subprocess.run(["bash", str(SCRIPT), "stop"], check=False)

    atexit.register(release)
    os.environ["SEARCH_CLUSTER_URL"] = url
    return url


def unique_index_name(purpose: str = "records") -> str:
    return f"{RUN_ID}-{purpose}-{next(_names)}"


@pytest.fixture(scope="session")
def search_cluster_url() -> str:
    url = cluster_url()
    yield url
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[url], timeout=30)
    client.indices.delete(index=f"{RUN_ID}-*", ignore_unavailable=True, expand_wildcards="all")


@pytest.fixture
def opensearch_backend(search_cluster_url):
    """An OpenSearch backend on the real cluster, with an alias of its own (deleted after the test)."""
    from catalogue.search.backends.opensearch import OpenSearchBackend, OpenSearchClient

    alias = unique_index_name()
    backend = OpenSearchBackend(OpenSearchClient.connect([search_cluster_url], 30.0), alias)
    yield backend
    backend.client.client.indices.delete(index=f"{alias}-*", ignore_unavailable=True)


@pytest.fixture
def opensearch_configured(settings, search_cluster_url):
    """SEARCH_BACKEND=opensearch for the whole project (service, API, portal, tasks) on a fresh alias."""
    from catalogue.search.service import get_backend

    alias = unique_index_name()
    settings.SEARCH_BACKEND = "opensearch"
    settings.OPENSEARCH_URLS = [search_cluster_url]
    settings.OPENSEARCH_INDEX = alias
    get_backend.cache_clear()
    yield get_backend()
    get_backend.cache_clear()
    from opensearchpy import OpenSearch

    OpenSearch(hosts=[search_cluster_url]).indices.delete(index=f"{alias}-*", ignore_unavailable=True)
