"""The Elasticsearch 8 backend, through the official client (elasticsearch>=8,<9). Everything but the client is
shared with OpenSearch (engine.py): the same bodies, the same reading of answers, the same indexing.

No Elasticsearch 8 server can be assembled here (its analysis module is not published: docs/search-cluster.md),
so this adapter is unit-tested against a recording client while the shared engine code runs on OpenSearch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

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


class ElasticsearchClient(EngineClient):
    def __init__(self, client, bulk=None) -> None:
        from elasticsearch.helpers import bulk as bulk_helper

        self.client = client
        self.bulk_helper = bulk or bulk_helper  # elasticsearch.helpers.bulk (replaceable where no server can run)

    @classmethod
    def connect(cls, urls: list[str], timeout: float) -> ElasticsearchClient:
        from elasticsearch import Elasticsearch

        return cls(Elasticsearch(urls, request_timeout=timeout, retry_on_timeout=False, max_retries=1))

    def search(self, index: str, request: dict) -> dict:
        return dict(self.client.search(index=index, body=request))

    def bulk(self, actions: Iterable[dict], chunk_size: int = CHUNK) -> list[dict]:
        client = self.client.options(request_timeout=BULK_TIMEOUT) if hasattr(self.client, "options") else self.client
        _, errors = self.bulk_helper(
            client,
            actions,
            chunk_size=chunk_size,
            max_chunk_bytes=LOAD_CHUNK_BYTES,
            raise_on_error=False,
            max_retries=3,
        )
        # Without stats_only the helper returns the failed actions themselves (its type says "or their number").
        failed = cast(list[dict], errors)
        return [e for e in failed if not ("delete" in e and e["delete"].get("status") == 404)]

    def create_index(self, name: str, definition: dict) -> None:
        self.client.indices.create(index=name, **definition)

    def put_settings(self, index: str, settings: dict) -> None:
        self.client.indices.put_settings(index=index, settings={"index": settings})

    def wait_for_status(self, index: str, status: str, seconds: float) -> str:
        health = self.client.cluster.health(index=index, wait_for_status=status, timeout=f"{int(seconds)}s")
        return health["status"]

    def alias_targets(self, alias: str) -> list[str]:
        return sorted(self.client.indices.get_alias(name=alias, ignore_unavailable=True) or {})

    def update_aliases(self, actions: list[dict]) -> None:
        self.client.indices.update_aliases(actions=actions)

    def delete_index(self, name: str) -> None:
        self.client.indices.delete(index=name, ignore_unavailable=True)

    def refresh(self, index: str) -> None:
        self.client.indices.refresh(index=index)

    def scan(self, index: str, source: list[str]) -> Iterator[dict]:
        from elasticsearch.helpers import scan

        return iter(scan(self.client, index=index, query={"_source": source, "sort": ["_doc"]}, size=5000))

    def translate(self, exc: Exception) -> SearchError | None:
        import elasticsearch

        if isinstance(exc, elasticsearch.ConnectionTimeout):
            return SearchTimeoutError(cause=str(exc)[:300])
        if isinstance(exc, elasticsearch.ConnectionError):
            return SearchUnavailableError(cause=f"cannot reach the engine: {str(exc)[:300]}")
        if isinstance(exc, elasticsearch.ApiError):
            return translate_status(exc.meta.status, exc.body, str(exc.message))
        return None


class ElasticsearchBackend(EngineBackend):
    name = "elasticsearch"

    @classmethod
    def from_settings(cls) -> ElasticsearchBackend:
        client = ElasticsearchClient.connect(settings.ELASTICSEARCH_URLS, settings.SEARCH_ENGINE_TIMEOUT)
        return cls(
            client,
            settings.ELASTICSEARCH_INDEX,
            exact_limit=settings.SEARCH_ENGINE_EXACT_LIMIT,
            shards=settings.SEARCH_ENGINE_SHARDS,
            replicas=settings.SEARCH_ENGINE_REPLICAS,
        )
