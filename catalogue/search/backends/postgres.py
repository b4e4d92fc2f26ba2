"""The default backend: PostgreSQL full text + PostGIS, in the catalogue's own database.

Speed at 1M records comes from design more than indexes (see bench/bench_search.py and the README):
- counts and facets come from one statement that reads the matching rows once (disjunctive facets by flags);
- exact counts (docs/search.md, "Counts"): the empty search from counts maintained by triggers (migration 0012),
  every other query without text counted exactly, a text query exactly up to SEARCH_EXACT_LIMIT rows before its facet
  selections; above that, count and facet counts come from an id-range sample of the matching rows and are
  flagged (count_is_estimate, facets_are_estimates), shown as "about N", and a facet value's count is the count
  the query shows once that value is clicked (same sample, same scale);
- count and facets of a query are cached (Django cache = Redis), keyed by the data version (the last record
  change), so a harvest invalidates them at once.
"""

from __future__ import annotations

import hashlib
import html
import json
import re

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from catalogue.records.identifiers import normalise_doi
from catalogue.records.links import record_path
from catalogue.records.visibility import public_sql
from catalogue.search.backends import postgres_sql as sql
from catalogue.search.backends import rank_indexes
from catalogue.search.backends.base import SearchBackend
from catalogue.search.facets import build_facets
from catalogue.search.query import DEFAULT_PAGE_SIZE, SearchQuery
from catalogue.search.results import Hit, SearchResult, Suggestion, page_count

SAMPLE_ROWS = 2000  # matching rows an estimate reads (relative error about 1/sqrt(2000) = 2%)
# A word in a quarter of 1M records costs ~100 ms to turn into a bitmap of its rows, whatever else the query says.
# Above TEXT_EXACT_ROWS expected text matches nothing is counted exactly; a sample then reads at most
# TEXT_SAMPLE_ROWS text matches, through the small GIN indexes of the 1% and 4% id-range samples (migration 0006).
TEXT_EXACT_ROWS = 40000
TEXT_SAMPLE_ROWS = 5000
SAMPLE_INDEX_PERCENTS = (1.0, 4.0)  # the id-range shares that have a GIN index (migration 0006)
RANK_INDEX_ONLY = ("enable_bitmapscan", "enable_seqscan", "enable_sort")  # switched off for ranked statements
_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)


def _exact_limit() -> int:
    return int(getattr(settings, "SEARCH_EXACT_LIMIT", 8000))


def _cache_seconds() -> int:
    return int(getattr(settings, "SEARCH_CACHE_SECONDS", 300))


class PostgresSearch:
    """One search and what it learns on the way: its statements and the planner's estimate of its text matches.
    A new object per search, so nothing of one request lives on the backend, which get_backend() caches and every
    thread shares."""

    def __init__(self, backend: PostgresBackend) -> None:
        self.backend = backend
        self.statements: list[sql.Sql] = []  # what ran, in order (the benchmark's "bare SQL" column replays them)
        self._text_rows: float | None = None  # None: no text in the query
        self._base_rows = 0.0  # the planner's rows before facet selections (set by _exact_mode)

    def _common_text_rows(self) -> float | None:
        """The planner's rows for the text when they are too many to count exactly, else None."""
        if self._text_rows is not None and self._text_rows > TEXT_EXACT_ROWS:
            return self._text_rows
        return None

    def _text_is_common(self) -> bool:
        return self._common_text_rows() is not None

    def run(self, query: SearchQuery, language: str, facets: bool) -> SearchResult:
        with connection.cursor() as cursor:
            pinned_ids = self._pinned(cursor, query)
            text = sql.text_rows_filter(query, pinned_ids)
            self._text_rows = self._row_estimate(cursor, text) if text else None
            if facets:
                summary = self._count_and_facets(cursor, query, pinned_ids)
            else:
                summary = self._count_only(cursor, query, pinned_ids)
            rows = self._hits(cursor, query, pinned_ids, language) if summary["count"] else []
        hits = [_hit(row, bool(query.q)) for row in rows]
        did_you_mean = ""
        if summary["count"] == 0 and query.q:
            did_you_mean = self.backend.did_you_mean(query.q)
        return SearchResult(
            count=summary["count"],
            count_is_estimate=summary["count_is_estimate"],
            hits=hits,
            facets=build_facets({k: [tuple(v) for v in vs] for k, vs in summary["facets"].items()}, query, language),
            page=query.page,
            page_size=query.page_size,
            pages=page_count(summary["count"], query.page_size),
            did_you_mean=did_you_mean,
            query=query,
            facets_are_estimates=summary["facets_are_estimates"],
        )

    def _run(self, cursor, statement: sql.Sql) -> list[tuple]:
        self.statements.append(statement)
        cursor.execute(statement.text, statement.params)
        return cursor.fetchall()

    def _hits(self, cursor, query: SearchQuery, pinned_ids: list[str], language: str) -> list[tuple]:
        if (
            not sql.uses_rank_index(query, pinned_ids)
            or not rank_indexes.ready(cursor)
            or not self._run(cursor, sql.rum_can_rank(query.q))[0][0]
        ):
            return self._run(cursor, sql.hits(query, pinned_ids, language))
        # Relevance in two tiers (title matches first), each read in rank order from its RUM index; the second,
        # which ranks every match, only runs when the title tier ends before the end of the page.
        # Meanwhile the planner may only read the RUM index in rank order: it underestimates a title's matches and
        # would rank them all after a bitmap scan, and every page must come from the same order (the index's).
        previous = {name: self._run(cursor, sql.planner_setting(name, "off"))[0][0] for name in RANK_INDEX_ONLY}
        try:
            page_ids = self._ranked_page(cursor, query, pinned_ids)
        finally:
            for name, value in previous.items():
                self._run(cursor, sql.planner_setting(name, value))
        if not page_ids:
            return []
        return self._run(cursor, sql.hits(query, pinned_ids, language, page_ids=page_ids))

    def _ranked_page(self, cursor, query: SearchQuery, pinned_ids: list[str]) -> list[str]:
        end, offset = query.offset + query.page_size, query.offset
        title_rows = self._run(cursor, sql.ranked_ids(query, pinned_ids, title_tier=True, end=end, offset=0))
        page_ids = [row[0] for row in title_rows[offset:end]]
        if len(title_rows) < end:
            rest = self._run(
                cursor,
                sql.ranked_ids(
                    query,
                    pinned_ids,
                    title_tier=False,
                    end=end - len(title_rows),
                    offset=max(0, offset - len(title_rows)),
                ),
            )
            page_ids += [row[0] for row in rest]
        return page_ids

    def _pinned(self, cursor, query: SearchQuery) -> list[str]:
        if not query.q or len(query.q) > 300:
            return []
        doi = normalise_doi(query.q) or "\x01"  # never matches: DOIs are NULL or a real DOI
        return [row[0] for row in self._run(cursor, sql.pinned(query.q, doi))]

    def _count_and_facets(self, cursor, query: SearchQuery, pinned_ids: list[str]) -> dict:
        seconds = _cache_seconds()
        key = None
        if seconds:
            version = self._data_version(cursor)
            identity = [p for p in query.replace(page=1, sort="relevance", page_size=20).to_params()]
            digest = hashlib.sha256(json.dumps([version, identity, pinned_ids, _exact_limit()]).encode()).hexdigest()
            key = f"search:pg:{digest}"
            cached = cache.get(key)
            if cached is not None:
                return cached
        summary = self._compute_count_and_facets(cursor, query, pinned_ids)
        if key:
            cache.set(key, summary, seconds)
        return summary

    def _count_only(self, cursor, query: SearchQuery, pinned_ids: list[str]) -> dict:
        """The count the facets path would show for this query (same rules, same sample), without the facets."""
        if _unfiltered(query):
            count, estimate = self._live_total(cursor), False
        elif not query.q or self._exact_mode(cursor, query, pinned_ids):
            count, estimate = self._run(cursor, sql.exact_count(query, pinned_ids))[0][0], False
        else:
            percent = self._sample_percent(self._base_rows)
            sampled = self._run(cursor, sql.sampled_count(query, pinned_ids, percent))[0][0]
            count, estimate = round(sampled * 100.0 / percent), True
            if sampled == 0:
                count, estimate = self._small_count_or_zero(cursor, query, pinned_ids)
        return {"count": count, "count_is_estimate": estimate, "facets_are_estimates": False, "facets": {}}

    def _data_version(self, cursor) -> str:
        # One probe of the updated_at index: any write (harvest, tombstone) moves it.
        cursor.execute(f"SELECT max(updated_at)::text FROM {sql.TABLE}")  # noqa: S608
        return str(cursor.fetchone()[0])

    def _compute_count_and_facets(self, cursor, query: SearchQuery, pinned_ids: list[str]) -> dict:
        """Exact unless the query has text and more rows than SEARCH_EXACT_LIMIT before its facet selections;
        the empty search from the maintained counts (exact at every size); other filter-only queries counted
        exactly (docs/search.md, "Counts", has the cost by matching rows: bench/bench_scale.py).

        An estimate comes from an id-range sample sized by what a facet click leaves unchanged (the text and the
        non-facet filters, see `_exact_mode`): the query after a click reads the same sample with the same scale,
        so the count it shows is the count its facet value showed."""
        if _unfiltered(query):
            return _summary(self._run(cursor, sql.maintained_count_and_facets()), scale=1.0, estimate=False)
        if not query.q or self._exact_mode(cursor, query, pinned_ids):
            rows = self._run(cursor, sql.count_and_facets(query, pinned_ids, cap=None, sample_percent=None))
            return _summary(rows, scale=1.0, estimate=False)
        percent = self._sample_percent(self._base_rows)
        sampled = self._run(cursor, sql.count_and_facets(query, pinned_ids, cap=None, sample_percent=percent))
        summary = _summary(sampled, scale=100.0 / percent, estimate=True)
        if summary["count"] == 0:
            # No facet value of another query showed this one (a value is listed only when the sample has it),
            # so an exact small count here breaks no click's promise, and "about 0" beside hits would be wrong.
            summary["count"], summary["count_is_estimate"] = self._small_count_or_zero(cursor, query, pinned_ids)
        return summary

    def _exact_mode(self, cursor, query: SearchQuery, pinned_ids: list[str]) -> bool:
        """Exact when the catalogue itself is within the limit, or when the planner expects at most the limit of
        rows before facet selections and the text is not common. Both are the same for a query and for the query
        a facet click makes of it."""
        limit = _exact_limit()
        if self._live_total(cursor) <= limit:
            return True
        self._base_rows = self._row_estimate(cursor, sql.base_rows_filter(query, pinned_ids))
        return self._base_rows <= limit and not self._text_is_common()

    def _small_count_or_zero(self, cursor, query: SearchQuery, pinned_ids: list[str]) -> tuple[int, bool]:
        limit = _exact_limit()
        count = self._run(cursor, sql.capped_count(query, pinned_ids, limit))[0][0]
        return (count, False) if count <= limit else (0, True)

    def _live_total(self, cursor) -> int:
        rows = self._run(cursor, sql.live_total())
        return int(rows[0][0]) if rows else 0

    def _row_estimate(self, cursor, where: sql.Sql) -> float:
        plan = self._run(cursor, sql.row_estimate(where))[0][0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return float(plan[0]["Plan"]["Plan Rows"])

    def _sample_percent(self, expected_rows: float) -> float:
        """The share of the matching rows to read for about SEARCH_SAMPLE_ROWS of them, from the planner's
        estimate (a wrong guess changes the sample's size, not the estimate's fairness). "table" sizing (for
        the benchmark's comparison) assumes instead that a query matches a quarter of the table."""
        rows = int(getattr(settings, "SEARCH_SAMPLE_ROWS", SAMPLE_ROWS))
        if getattr(settings, "SEARCH_SAMPLE_SIZING", "planner") == "table":
            with connection.cursor() as cursor:
                cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [sql.TABLE])
                expected_rows = max(float(cursor.fetchone()[0]), 1.0) / 4
        percent = 100.0 * rows / max(expected_rows, 1.0)
        common_text_rows = self._common_text_rows()
        if common_text_rows is not None:
            # Fewer sampled rows (a wider estimate) rather than the bitmap of every text match.
            cap = 100.0 * TEXT_SAMPLE_ROWS / common_text_rows
            if percent > cap:
                # Down to a sample index's own share: its small GIN index alone then finds the sampled text matches.
                percent = max([share for share in SAMPLE_INDEX_PERCENTS if share <= cap], default=cap)
        return min(100.0, max(0.01, round(percent, 4)))


class PostgresBackend(SearchBackend):
    """Stateless: each search is a PostgresSearch of its own."""

    name = "postgres"

    def search(self, query: SearchQuery, language: str = "en", facets: bool = True) -> SearchResult:
        return PostgresSearch(self).run(query, language, facets)

    def search_with_statements(
        self, query: SearchQuery, language: str = "en", facets: bool = True
    ) -> tuple[SearchResult, list[sql.Sql]]:
        """The result and the statements that made it (for the benchmark, which times them bare)."""
        run = PostgresSearch(self)
        return run.run(query, language, facets), run.statements

    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]:
        prefix = " ".join(prefix.split())[:100]
        if len(prefix) < 2:
            return []
        limit = max(1, min(limit, 50))
        like = _like_prefix(prefix)
        with connection.cursor() as cursor:
            cursor.execute(
                # Keywords from the vocabulary view, titles straight from the live records (GIN trigram indexes).
                "(SELECT term, 'keyword', (term ILIKE %s) AS starts, similarity(term, %s) AS score, frequency "  # noqa: S608
                " FROM catalogue_search_term WHERE kind = 'keyword' AND (term ILIKE %s OR term %% %s) "
                " ORDER BY starts DESC, score DESC, frequency DESC, term LIMIT %s) "
                "UNION ALL "
                "(SELECT r.title, 'title', (r.title ILIKE %s), word_similarity(%s, r.title), 0 "
                f" FROM catalogue_record r WHERE {public_sql('r')} AND (r.title ILIKE %s OR %s <%% r.title) "
                " ORDER BY 3 DESC, 4 DESC, r.title LIMIT %s)",
                [like, prefix, like, prefix, limit, like, prefix, "%" + like, prefix, limit],
            )
            rows = cursor.fetchall()
        rows.sort(key=lambda r: (not r[2], -r[3], -r[4], r[0]))
        seen: set[str] = set()
        suggestions = []
        for text, kind, *_ in rows:
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            suggestions.append(Suggestion(text=text, kind=kind))
        return suggestions[:limit]

    def did_you_mean(self, q: str) -> str:
        """Replace each word unknown to the vocabulary by its closest frequent known word (trigram similarity)."""
        words = _WORD.findall(q)[:10]
        if not words:
            return ""
        corrected = q
        changed = False
        with connection.cursor() as cursor:
            for word in words:
                lowered = word.lower()
                cursor.execute(
                    "SELECT term FROM catalogue_search_term WHERE kind = 'word' AND term %% %s "
                    "ORDER BY (term = %s) DESC, similarity(term, %s) DESC, frequency DESC LIMIT 1",
                    [lowered, lowered, lowered],
                )
                row = cursor.fetchone()
                if row and row[0] != lowered:
                    corrected = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", row[0], corrected, count=1)
                    changed = True
        return corrected if changed else ""

    def refresh_terms(self) -> None:
        """Concurrently (its unique index allows it): searches reading the word list are not blocked meanwhile. A
        plain refresh holds an exclusive lock for the whole rebuild: at the end of a harvest in the 50-user load
        run, 16 searches waited on it. A view never populated can only be refreshed plainly."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT relispopulated FROM pg_class WHERE oid = 'catalogue_search_term'::regclass")
            row = cursor.fetchone()
            concurrently = " CONCURRENTLY" if row and row[0] else ""
            cursor.execute(f"REFRESH MATERIALIZED VIEW{concurrently} catalogue_search_term")


def _unfiltered(query: SearchQuery) -> bool:
    """No text and no filter: the whole live catalogue (sort and page do not change its counts)."""
    return query.replace(page=1, page_size=DEFAULT_PAGE_SIZE, sort="relevance", bbox_relation="intersects") == (
        SearchQuery()
    )


def _summary(rows: list[tuple], scale: float, estimate: bool) -> dict:
    facets: dict[str, list[list]] = {}
    count = 0
    for facet, value, n in rows:
        if facet == "count":
            count = round(n * scale)
        elif facet != "m":
            facets.setdefault(facet, []).append([value, max(1, round(n * scale)) if estimate else n])
    return {"count": count, "count_is_estimate": estimate, "facets_are_estimates": estimate, "facets": facets}


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _hit(row: tuple, highlighted: bool) -> Hit:
    (id_, title, doi, poles, snippet, bboxes, resource_type, year, start, end, keywords, _rank) = row
    return Hit(
        id=id_,
        title=title,
        doi=doi,
        poles=list(poles or []),
        snippet=_safe_snippet(snippet or "", highlighted),
        bbox=_boxes(bboxes),
        url=record_path(id_),
        resource_type=resource_type or "",
        publication_year=year,
        temporal_start=start,
        temporal_end=end,
        keywords=list(keywords or []),
    )


def _boxes(value) -> list[list[float]]:
    # Raw cursors hand jsonb back as text.
    boxes = json.loads(value) if isinstance(value, str) else value or []
    return [[float(v) for v in box] for box in boxes if isinstance(box, list) and len(box) == 4]


def _safe_snippet(text: str, highlighted: bool) -> str:
    text = " ".join(text.split())
    if not highlighted and len(text) > 300:
        text = text[:300].rsplit(" ", 1)[0] + "…"
    escaped = html.escape(text, quote=False)
    return escaped.replace("\ue000", "<mark>").replace("\ue001", "</mark>")
