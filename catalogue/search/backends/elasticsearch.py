"""The Elasticsearch 8 backend, through the official client (elasticsearch>=8,<9). Everything but the client is
shared with OpenSearch (engine.py): the same bodies, the same reading of answers, the same indexing.

No Elasticsearch 8 server can be assembled here (its analysis module is not published: docs/search-cluster.md),
so this adapter is unit-tested against a recording client while the shared engine code runs on OpenSearch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings

<<<<<<< HEAD
from catalogue.search.backends.engine import CHUNK, EngineBackend, EngineClient, translate_status
from catalogue.search.errors import SearchError, SearchTimeoutError, SearchUnavailableError
=======
from catalogue.records.links import record_path
from catalogue.search.backends import elasticsearch_body as body
from catalogue.search.backends.base import SearchBackend
from catalogue.search.facets import build_facets
from catalogue.search.query import FACET_PARAMS, SearchQuery
from catalogue.search.results import Hit, SearchResult, Suggestion, page_count

CHUNK = 500
>>>>>>> main


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

    def bulk(self, actions: Iterable[dict]) -> list[dict]:
        _, errors = self.bulk_helper(self.client, actions, chunk_size=CHUNK, raise_on_error=False, max_retries=3)
        return [e for e in errors if not ("delete" in e and e["delete"].get("status") == 404)]

    def create_index(self, name: str, definition: dict) -> None:
        self.client.indices.create(index=name, **definition)

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

        return scan(self.client, index=index, query={"_source": source, "sort": ["_doc"]}, size=5000)

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
<<<<<<< HEAD
        client = ElasticsearchClient.connect(settings.ELASTICSEARCH_URLS, settings.SEARCH_ENGINE_TIMEOUT)
        return cls(
            client,
            settings.ELASTICSEARCH_INDEX,
            exact_limit=settings.SEARCH_ENGINE_EXACT_LIMIT,
            shards=settings.SEARCH_ENGINE_SHARDS,
            replicas=settings.SEARCH_ENGINE_REPLICAS,
        )
=======
        from elasticsearch import Elasticsearch

        client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=30, retry_on_timeout=True, max_retries=2)
        return cls(client, settings.ELASTICSEARCH_INDEX, int(getattr(settings, "SEARCH_EXACT_LIMIT", 10000)))

    # -- search ---------------------------------------------------------------------------------------------
    def search(self, query: SearchQuery, language: str = "en", facets: bool = True) -> SearchResult:
        request = body.search_body(query, self.exact_limit)
        if not facets:
            request.pop("aggs")
        response = self.client.search(index=self.alias, body=request)
        return parse_search_response(dict(response), query, language)

    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]:
        prefix = " ".join(prefix.split())[:100]
        if len(prefix) < 2:
            return []
        response = self.client.search(index=self.alias, body=body.suggest_body(prefix, max(1, min(limit, 50))))
        return parse_suggest_response(dict(response), prefix, limit)

    # -- indexing -------------------------------------------------------------------------------------------
    def index_records(self, record_ids: Sequence) -> int:
        """Index the live ones among these records and remove the others (tombstones) from the index."""
        from catalogue.records.models import Record

        ids = [str(i) for i in record_ids]
        live = {str(r.pk): r for r in Record.objects.public().filter(pk__in=ids)}
        actions = [
            {"_op_type": "index", "_index": self.alias, "_id": pk, "_source": body.record_document(r)}
            for pk, r in live.items()
        ]
        actions += [{"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in ids if pk not in live]
        self.bulk(self.client, actions, raise_on_error=False, chunk_size=CHUNK)
        return len(live)

    def reindex_all(self, progress=None) -> int:
        """Build a new index from every live record, then point the alias at it and drop the old one."""
        from catalogue.records.models import Record

        new_index = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S}"
        self.client.indices.create(index=new_index, **body.index_definition())
        records = Record.objects.public().order_by("pk")
        total = records.count()
        done = 0

        def actions():
            nonlocal done
            for record in records.iterator(chunk_size=2000):
                done += 1
                if progress and done % 10000 == 0:
                    progress(done, total)
                yield {
                    "_op_type": "index",
                    "_index": new_index,
                    "_id": str(record.pk),
                    "_source": body.record_document(record),
                }

        self.bulk(self.client, actions(), chunk_size=CHUNK)
        self.client.indices.refresh(index=new_index)
        old = list(self.client.indices.get_alias(name=self.alias, ignore_unavailable=True) or {})
        swap = [{"add": {"index": new_index, "alias": self.alias}}]
        swap += [{"remove": {"index": index, "alias": self.alias}} for index in old]
        self.client.indices.update_aliases(actions=swap)
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        if progress:
            progress(done, total)
        return done

    def refresh_terms(self) -> None:
        self.client.indices.refresh(index=self.alias)


def parse_search_response(response: dict, query: SearchQuery, language: str) -> SearchResult:
    total = response["hits"]["total"]
    count = int(total["value"])
    estimate = total.get("relation") == "gte"
    raw = {
        name: [(str(b["key"]), b["doc_count"]) for b in agg["values"]["buckets"]]
        for name, agg in response.get("aggregations", {}).items()
        if name in (*FACET_PARAMS, "year")
    }
    hits = [_hit(h, language, bool(query.q)) for h in response["hits"]["hits"]]
    did_you_mean = ""
    if count == 0 and query.q:
        did_you_mean = _did_you_mean(response.get("suggest", {}).get("spelling", []), query.q)
    return SearchResult(
        count=count,
        count_is_estimate=estimate,
        hits=hits,
        facets=build_facets(raw, query, language),
        page=query.page,
        page_size=query.page_size,
        pages=page_count(count, query.page_size),
        did_you_mean=did_you_mean,
        query=query,
    )


def _did_you_mean(entries: list[dict], q: str) -> str:
    corrected, changed = q, False
    for entry in entries:
        options = entry.get("options") or []
        if options:
            corrected = corrected.replace(entry["text"], options[0]["text"], 1)
            changed = True
    return corrected if changed else ""


def _hit(raw: dict, language: str, highlighted: bool) -> Hit:
    source = raw["_source"]
    lang = "fr" if language.startswith("fr") else "en"
    translated = (source.get("translations") or {}).get(lang) or {}
    fragments = [f for field in ("abstract", "abstract.fr") for f in raw.get("highlight", {}).get(field, [])]
    snippet = " … ".join(fragments[:2]) if fragments else (source.get("abstract") or "")[:300]
    escaped = html.escape(snippet, quote=False)
    escaped = escaped.replace(body.HIGHLIGHT_START, "<mark>").replace(body.HIGHLIGHT_END, "</mark>")
    return Hit(
        id=source["id"],
        title=translated.get("title") or source.get("title_raw", ""),
        doi=source.get("doi"),
        poles=source.get("pole_codes") or [],
        snippet=escaped,
        bbox=[[float(v) for v in b] for b in source.get("bboxes") or []],
        url=record_path(source["id"]),
        resource_type=source.get("resource_type") or "",
        publication_year=source.get("publication_year"),
        temporal_start=_date(source.get("temporal_start")),
        temporal_end=_date(source.get("temporal_end")),
        keywords=source.get("keyword_values") or [],
    )


def _date(value):
    from datetime import date

    return date.fromisoformat(value) if value else None


def parse_suggest_response(response: dict, prefix: str, limit: int) -> list[Suggestion]:
    lowered = prefix.lower()
    suggestions: list[Suggestion] = []
    seen: set[str] = set()
    for raw in response["hits"]["hits"]:
        source = raw["_source"]
        for keyword in source.get("keyword_values") or []:
            if keyword.lower().startswith(lowered) and keyword.lower() not in seen:
                seen.add(keyword.lower())
                suggestions.append(Suggestion(keyword, "keyword"))
        title = source.get("title_raw", "")
        if title and title.lower() not in seen:
            seen.add(title.lower())
            suggestions.append(Suggestion(title, "title"))
    suggestions.sort(key=lambda s: s.kind != "keyword")
    return suggestions[:limit]
>>>>>>> main
