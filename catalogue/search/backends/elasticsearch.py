"""The Elasticsearch backend (official client, elasticsearch>=8,<9), for deployments that outgrow one PostgreSQL.

The database stays the source of truth: records are indexed in bulk by a Celery task when they change
(catalogue.search.indexing) and `manage.py search_reindex` rebuilds the index into a new one and swaps an alias,
so searches never see a half-built index. Never exercised against a live server here (none can run on our
machines); the request bodies are unit-tested and the shared contract tests run when ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone

from catalogue.search.backends import elasticsearch_body as body
from catalogue.search.backends.base import SearchBackend
from catalogue.search.facets import build_facets
from catalogue.search.query import FACET_PARAMS, SearchQuery
from catalogue.search.results import Hit, SearchResult, Suggestion, page_count

CHUNK = 500


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, client, alias: str, exact_limit: int = 10000, bulk=None):
        from elasticsearch.helpers import bulk as bulk_helper

        self.client = client
        self.bulk = bulk or bulk_helper  # elasticsearch.helpers.bulk (replaceable where no server can run)
        self.alias = alias
        self.exact_limit = exact_limit

    @classmethod
    def from_settings(cls) -> ElasticsearchBackend:
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
        url=f"/records/{source['id']}/",
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
