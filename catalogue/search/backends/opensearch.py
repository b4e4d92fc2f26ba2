"""The OpenSearch 2 backend, through the official opensearch-py client (the elasticsearch 8 client refuses
servers that are not Elastic's). Everything but the client is shared with Elasticsearch (engine.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings

from catalogue.search.backends.engine import (
    BULK_TIMEOUT,
    CHUNK,
    LOAD_CHUNK_BYTES,
    EngineBackend,
    EngineClient,
    translate_status,
)
from catalogue.search.errors import SearchError, SearchTimeoutError, SearchUnavailableError


class OpenSearchClient(EngineClient):
    def __init__(self, client) -> None:
        self.client = client

    @classmethod
    def connect(cls, urls: list[str], timeout: float) -> OpenSearchClient:
        from opensearchpy import OpenSearch

        # Several node URLs: the client spreads requests and skips a dead node (retried once on another).
        return cls(OpenSearch(hosts=urls, timeout=timeout, max_retries=1, retry_on_timeout=False))

    def search(self, index: str, request: dict) -> dict:
        return self.client.search(index=index, body=request)

    def bulk(self, actions: Iterable[dict], chunk_size: int = CHUNK) -> list[dict]:
        from opensearchpy.helpers import bulk

        _, errors = bulk(
            self.client,
            actions,
            chunk_size=chunk_size,
            max_chunk_bytes=LOAD_CHUNK_BYTES,
            raise_on_error=False,
            max_retries=3,
            request_timeout=BULK_TIMEOUT,
        )
        return [e for e in errors if not ("delete" in e and e["delete"].get("status") == 404)]

    def create_index(self, name: str, definition: dict) -> None:
        self.client.indices.create(index=name, body=definition)

    def put_settings(self, index: str, settings: dict) -> None:
        self.client.indices.put_settings(index=index, body={"index": settings})

    def wait_for_status(self, index: str, status: str, seconds: float) -> str:
        # `timeout` as a keyword would be the client's own request timeout: the server's wait goes in params.
        wait = {"wait_for_status": status, "timeout": f"{int(seconds)}s"}
        return self.client.cluster.health(index=index, params=wait, request_timeout=seconds + 10)["status"]

    def alias_targets(self, alias: str) -> list[str]:
        if not self.client.indices.exists_alias(name=alias):
            return []
        return sorted(self.client.indices.get_alias(name=alias))

    def update_aliases(self, actions: list[dict]) -> None:
        self.client.indices.update_aliases(body={"actions": actions})

    def delete_index(self, name: str) -> None:
        self.client.indices.delete(index=name, ignore_unavailable=True)

    def refresh(self, index: str) -> None:
        self.client.indices.refresh(index=index)

    def scan(self, index: str, source: list[str]) -> Iterator[dict]:
        from opensearchpy.helpers import scan

        return scan(self.client, index=index, query={"_source": source, "sort": ["_doc"]}, size=5000)

    def translate(self, exc: Exception) -> SearchError | None:
        from opensearchpy import exceptions as e

        if isinstance(exc, e.ConnectionTimeout):
            return SearchTimeoutError(cause=str(exc)[:300])
        if isinstance(exc, e.ConnectionError):
            return SearchUnavailableError(cause=f"cannot reach the engine: {str(exc)[:300]}")
        if isinstance(exc, e.TransportError):
            return translate_status(exc.status_code, exc.info, str(exc.error))
        return None


class OpenSearchBackend(EngineBackend):
    name = "opensearch"

    @classmethod
    def from_settings(cls) -> OpenSearchBackend:
        client = OpenSearchClient.connect(settings.OPENSEARCH_URLS, settings.SEARCH_ENGINE_TIMEOUT)
        return cls(
            client,
            settings.OPENSEARCH_INDEX,
            exact_limit=settings.SEARCH_ENGINE_EXACT_LIMIT,
            shards=settings.SEARCH_ENGINE_SHARDS,
            replicas=settings.SEARCH_ENGINE_REPLICAS,
        )
