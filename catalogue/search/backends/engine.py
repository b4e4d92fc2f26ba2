"""The search-engine backend shared by Elasticsearch 8 and OpenSearch 2: one request-body builder
(elasticsearch_body), one reading of the answers, one indexing path; only the client differs (EngineClient).

The database stays the source of truth. Records are indexed in bulk by a Celery task once their ingest has
committed (catalogue.search.tasks); `manage.py search_reindex` fills a new index and swaps the alias, so searches
never see a half-built index; `--verify` compares ids and content hashes with PostgreSQL.
"""

from __future__ import annotations

import html
import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.utils import timezone

from catalogue.records import language as record_language
from catalogue.records.links import record_path
from catalogue.search.backends import elasticsearch_body as body
from catalogue.search.backends.base import SearchBackend
from catalogue.search.errors import SearchError, SearchRejectedError, SearchUnavailableError
from catalogue.search.facets import build_facets
from catalogue.search.query import FACET_PARAMS, SearchQuery
from catalogue.search.results import Hit, SearchResult, Suggestion, page_count

log = logging.getLogger(__name__)
CHUNK = 500  # documents per bulk request of incremental indexing (~1 MB)
# A full build (reindex_all) streams larger requests from several threads into an index that neither refreshes
# nor replicates until it is complete (bench/bench_search_cluster.py has the rates before and after).
LOAD_CHUNK = 2000
LOAD_CHUNK_BYTES = 16 * 1024 * 1024  # a request is split beyond this (OpenSearch's default limit is 100 MB)
LOAD_THREADS = 2
# What record_document reads: the search vector and the PostGIS geometry are not (the document carries bboxes).
DOCUMENT_COLUMNS = (
    "identifier", "doi", "title", "translations", "keyword_values", "abstract", "organisation_names", "platforms",
    "instruments", "lineage", "language", "pole_codes", "topic_categories", "resource_type", "formats", "license",
    "license_facet", "keyword_facet", "organisation_facet", "source_slugs", "publication_year", "temporal_start",
    "temporal_end", "bboxes", "updated_at",
)  # fmt: skip
# Seconds a bulk request may take: indexing is background work, a busy node may be slow without being down
# (SEARCH_ENGINE_TIMEOUT, meant for searches people wait for, made the worker's bulk requests time out under load).
BULK_TIMEOUT = 120


# Causes that mean "this query is refused", whatever HTTP status wraps them (a shard failure arrives as a 500).
REJECTED_CAUSES = {
    "too_many_clauses",
    "too_many_nested_clauses",
    "query_shard_exception",
    "parsing_exception",
    "x_content_parse_exception",
    "illegal_argument_exception",
    "search_context_exception",
}


def cause_types(info) -> set[str]:
    """Every error "type" in an engine's error answer (root causes, caused_by chains, shard failures)."""
    found: set[str] = set()
    stack = [info]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("type"), str):
                found.add(item["type"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def translate_status(status, info, text: str) -> SearchError | None:
    """The shared error for an engine's HTTP answer (both vendors answer in the same shape)."""
    causes = cause_types(info)
    cause = f"HTTP {status}: {', '.join(sorted(causes)) or text}"[:500]
    if causes & REJECTED_CAUSES or status == 400 or status == 413:
        return SearchRejectedError(cause=cause)
    if isinstance(status, int) and (status in (404, 408, 429) or status >= 500):
        return SearchUnavailableError(cause=cause)
    return None


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class EngineClient:
    """What the backend needs from a vendor's client; ElasticsearchClient and OpenSearchClient implement it."""

    def search(self, index: str, request: dict) -> dict:
        raise NotImplementedError

    def bulk(self, actions: Iterable[dict], chunk_size: int = CHUNK) -> list[dict]:
        """Send the actions; returns the failed items (a missing document to delete is not a failure)."""
        raise NotImplementedError

    def bulk_load(self, actions: Iterable[dict], threads: int) -> list[dict]:
        """Like `bulk`, for a full build: requests of LOAD_CHUNK documents, `threads` of them in flight while this
        thread builds the next ones (the engine indexes while Python builds documents, instead of each waiting
        for the other). The actions are read in the caller's thread only: a database cursor behind them stays
        on its own connection and transaction."""
        failed: list[dict] = []
        in_flight: deque = deque()
        with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="bulk-load") as pool:
            for chunk in _chunks(actions, LOAD_CHUNK):
                in_flight.append(pool.submit(self.bulk, chunk, LOAD_CHUNK))
                while len(in_flight) > threads:  # bounded: at most `threads` requests waiting beyond those sent
                    failed += in_flight.popleft().result()
            while in_flight:
                failed += in_flight.popleft().result()
        return failed

    def create_index(self, name: str, definition: dict) -> None:
        raise NotImplementedError

    def put_settings(self, index: str, settings: dict) -> None:
        raise NotImplementedError

    def wait_for_status(self, index: str, status: str, seconds: float) -> str:
        """Wait until the index's health is at least `status` (or `seconds` pass); returns the health then."""
        raise NotImplementedError

    def alias_targets(self, alias: str) -> list[str]:
        raise NotImplementedError

    def update_aliases(self, actions: list[dict]) -> None:
        raise NotImplementedError

    def delete_index(self, name: str) -> None:
        raise NotImplementedError

    def refresh(self, index: str) -> None:
        raise NotImplementedError

    def scan(self, index: str, source: list[str]) -> Iterator[dict]:
        """Every document of the index (point in time / scroll), only the given source fields."""
        raise NotImplementedError

    def translate(self, exc: Exception) -> SearchError | None:
        """The shared error for a client exception (None: not the engine's failure, let it propagate)."""
        raise NotImplementedError


@dataclass
class Drift:
    """What `search_reindex --verify` found between PostgreSQL (the truth) and the index."""

    missing: list[str] = field(default_factory=list)  # live in PostgreSQL, absent from the index
    extra: list[str] = field(default_factory=list)  # in the index, not live in PostgreSQL (deleted, tombstoned)
    stale: list[str] = field(default_factory=list)  # in both, with a different content hash
    checked: int = 0

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


class EngineBackend(SearchBackend):
    def __init__(self, client: EngineClient, alias: str, exact_limit: int = 10000, shards: int = 1, replicas: int = 0):
        self.client = client
        self.alias = alias
        self.exact_limit = exact_limit
        self.shards = shards
        self.replicas = replicas

    def _call(self, operation, *args):
        try:
            return operation(*args)
        except Exception as exc:
            error = self.client.translate(exc)
            if error is None:
                raise
            log.warning("search engine %s failed: %s", self.name, error.cause or exc)
            raise error from exc

    # -- search ---------------------------------------------------------------------------------------------
    def search(self, query: SearchQuery, language: str = "en", facets: bool = True) -> SearchResult:
        request = body.search_body(query, self.exact_limit)
        if not facets:
            request.pop("aggs")
        response = self._call(self.client.search, self.alias, request)
        if query.q and not response.get("timed_out") and int(response["hits"]["total"]["value"]) == 0:
            spelling = self._call(self.client.search, self.alias, body.spelling_body(query.q))
            response["suggest"] = spelling.get("suggest", {})
        return parse_search_response(response, query, language)

    def any_of(self, variants: list[str]) -> str:
        """simple_query_string's syntax: each variant grouped, the groups joined by "|"."""
        return " | ".join(f"({variant})" for variant in variants)

    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]:
        prefix = " ".join(prefix.split())[:100]
        if len(prefix) < 2:
            return []
        request = body.suggest_body(prefix, max(1, min(limit, 50)))
        return parse_suggest_response(self._call(self.client.search, self.alias, request), prefix, limit)

    # -- indexing -------------------------------------------------------------------------------------------
    def index_records(self, record_ids: Sequence) -> int:
        """Index the live ones among these records and remove the others (tombstones, deleted rows)."""
        from catalogue.records.models import Record

        ids = [str(i) for i in record_ids]
        live = {str(r.pk): r for r in Record.objects.public().filter(pk__in=ids)}
        actions = [
            {"_op_type": "index", "_index": self.alias, "_id": pk, "_source": body.record_document(r)}
            for pk, r in live.items()
        ]
        actions += [{"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in ids if pk not in live]
        failed = self._call(self.client.bulk, actions)
        if failed:
            raise SearchUnavailableError(cause=f"{len(failed)} of {len(actions)} bulk actions failed: {failed[:3]}")
        return len(live)

    def ensure_index(self) -> None:
        """Create an empty index behind the alias when there is none yet (first start of a deployment)."""
        if not self._call(self.client.alias_targets, self.alias):
            self.reindex_all()

    def reindex_all(self, progress=None) -> int:
        """Build a new index from every live record, then point the alias at it and drop the old one.

        Searches keep reading the old index until the single atomic alias update; records that change meanwhile
        are written through the alias to the old index, so run a `--verify` (or a second reindex) after a long one.
        The new index is built without refresh and without replicas (each document is written and analysed once,
        on one node), then gets its replicas and refresh interval before the swap; the replicas copy the finished
        segments while the new index already answers from its primaries.
        """
        from catalogue.records.models import Record

        new_index = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        definition = body.index_definition(self.shards, 0)
        definition["settings"]["refresh_interval"] = "-1"
        self._call(self.client.create_index, new_index, definition)
        records = Record.objects.public().order_by("pk").only(*DOCUMENT_COLUMNS)
        total = records.count()
        done = 0

        def actions():
            nonlocal done
            for record in records.iterator(chunk_size=LOAD_CHUNK):
                done += 1
                if progress and done % 10000 == 0:
                    progress(done, total)
                yield {
                    "_op_type": "index",
                    "_index": new_index,
                    "_id": str(record.pk),
                    "_source": body.record_document(record),
                }

        try:
            failed = self._call(self.client.bulk_load, actions(), LOAD_THREADS)
            if failed:
                raise SearchUnavailableError(cause=f"{len(failed)} documents refused: {failed[:3]}")
            # null: back to the engine's default refresh interval (1 s), as every other index has it.
            built = {"number_of_replicas": self.replicas, "refresh_interval": None}
            self._call(self.client.put_settings, new_index, built)
            self._call(self.client.refresh, new_index)
            self._call(self.client.wait_for_status, new_index, "yellow", 60.0)  # every primary answering
            old = self._call(self.client.alias_targets, self.alias)
            swap = [{"add": {"index": new_index, "alias": self.alias}}]
            swap += [{"remove": {"index": index, "alias": self.alias}} for index in old]
            self._call(self.client.update_aliases, swap)
        except Exception:
            self._call(self.client.delete_index, new_index)  # no half-built index left behind
            raise
        for index in old:
            self._call(self.client.delete_index, index)
        if progress:
            progress(done, total)
        return done

    def verify(self) -> Drift:
        """Compare the index with PostgreSQL: ids of live records and the content hash of each document."""
        from catalogue.records.models import Record

        self._call(self.client.refresh, self.alias)
        indexed = {
            hit["_id"]: hit["_source"].get("content_hash", "")
            for hit in self._call(lambda: list(self.client.scan(self.alias, ["content_hash"])))
        }
        drift = Drift()
        for record in Record.objects.public().order_by("pk").iterator(chunk_size=2000):
            pk = str(record.pk)
            drift.checked += 1
            stored = indexed.pop(pk, None)
            if stored is None:
                drift.missing.append(pk)
            elif stored != body.record_document(record)["content_hash"]:
                drift.stale.append(pk)
        drift.extra = sorted(indexed)
        return drift

    def repair(self, drift: Drift) -> int:
        """Re-index the stale and missing records and remove the extra ones."""
        ids = [*drift.missing, *drift.stale, *drift.extra]
        for first in range(0, len(ids), CHUNK):
            self.index_records(ids[first : first + CHUNK])
        return len(ids)

    def refresh_terms(self) -> None:
        self._call(self.client.refresh, self.alias)


# -- answers --------------------------------------------------------------------------------------------------
def parse_search_response(response: dict, query: SearchQuery, language: str) -> SearchResult:
    if response.get("timed_out"):
        raise SearchUnavailableError(cause="the engine answered with timed_out=true (partial results)")
    total = response["hits"]["total"]
    count = int(total["value"])
    estimate = total.get("relation") == "gte"
    raw = {
        name: [(str(b["key"]), b["doc_count"]) for b in agg["values"]["buckets"]]
        for name, agg in response.get("aggregations", {}).items()
        if name in (*FACET_PARAMS, "year")
    }
    hits = [_hit(h, language) for h in response["hits"]["hits"]]
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


def _hit(raw: dict, language: str) -> Hit:
    source = raw["_source"]
    text = record_language.text_of(
        source.get("title_raw") or "",
        source.get("abstract") or "",
        source.get("translations"),
        "",
        language,
        fallback_title=source.get("identifier") or "",
    )
    fragments = [f for name in ("abstract", "abstract.fr") for f in raw.get("highlight", {}).get(name, [])]
    snippet = " … ".join(fragments[:2]) if fragments else (source.get("abstract") or "")[:300]
    escaped = html.escape(snippet, quote=False)
    escaped = escaped.replace(body.HIGHLIGHT_START, "<mark>").replace(body.HIGHLIGHT_END, "</mark>")
    return Hit(
        id=source["id"],
        title=text.title,
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
