"""SQL for the postgres backend, built as (sql, params) pairs so the benchmark can time the bare statements.

Text: the record's `search_vector` holds every text field twice, through our `datatera_fr` and `datatera_en`
configurations (french/english stemming after `unaccent`), weighted A title, B keywords, C abstract, D the rest
(see the 0002 migration). A query is parsed with web-search syntax in both languages and the two are OR-ed; French
lexemes of 4+ letters also match as prefixes, because the French stemmer is light ("pêche" -> pech, "pêcheries" ->
pecher) and users expect a word to find its derivatives.
"""

# ruff: noqa: S608 - only table/column names and integers are interpolated; every value is a parameter
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.conf import settings

from catalogue.records import language as record_language
from catalogue.records.geo import box_parts, search_geometry
from catalogue.records.unified import BBox
from catalogue.records.visibility import public_sql
from catalogue.search.facets import FACET_COLUMNS, MAX_FACET_VALUES
from catalogue.search.query import FACET_PARAMS, SearchQuery

TABLE = "catalogue_record"
# A quoted lexeme of 4+ characters in a tsquery's text form ('' is an escaped quote inside a lexeme); it opens
# at the start, after a space, "!" or "(" (so a closing quote is never taken for an opening one).
_LONG_LEXEME = r"(^|[\s!(])'((?:[^']|''){4,})'"
_PREFIX = r"\1'\2':*"
TSQUERY = (
    "(regexp_replace(websearch_to_tsquery('datatera_fr', %s)::text, %s, %s, 'g')::tsquery"
    " || websearch_to_tsquery('datatera_en', %s))"
)


# For RUM indexes: every lexeme of 4+ letters as a prefix, in both languages. RUM (1.3) misses the prefix matches
# of a lexeme that appears both as a prefix and exactly ('pech':* | 'pech' did not find "pêcheries", nor
# 'profil' | 'profil':* "profilage"), so no lexeme may appear both ways. This query is broader than TSQUERY: the
# ranked statements keep TSQUERY as a filter.
RUM_TSQUERY = (
    "regexp_replace((websearch_to_tsquery('datatera_fr', %s) || websearch_to_tsquery('datatera_en', %s))::text,"
    " %s, %s, 'g')::tsquery"
)


def tsquery_params(text: str) -> list:
    return [text, _LONG_LEXEME, _PREFIX, text]


def rum_tsquery_params(text: str) -> list:
    return [text, text, _LONG_LEXEME, _PREFIX]


@dataclass
class Sql:
    text: str
    params: list = field(default_factory=list)

    def __and__(self, other: Sql) -> Sql:
        return Sql(f"{self.text} AND {other.text}", [*self.params, *other.params])


def all_of(parts: list[Sql]) -> Sql:
    if not parts:
        return Sql("TRUE")
    return Sql(" AND ".join(f"({p.text})" for p in parts), [p for part in parts for p in part.params])


def text_filter(query: SearchQuery, pinned_ids: list[str]) -> Sql | None:
    if not query.q:
        return None
    if pinned_ids:
        # Exact DOI/identifier matches belong to the results even when their words do not match.
        return Sql(f"(r.search_vector @@ {TSQUERY} OR r.id = ANY(%s::uuid[]))", [*tsquery_params(query.q), pinned_ids])
    return Sql(f"r.search_vector @@ {TSQUERY}", tsquery_params(query.q))


def base_filters(query: SearchQuery, pinned_ids: list[str], text_as_filter: bool = False) -> list[Sql]:
    """Filters that are not facets: always applied, to the hits and to every facet's counts. `text_as_filter`:
    the text condition in a form no index serves (checked on the rows another index found)."""
    parts = [Sql(public_sql("r"))]
    text = text_filter(query, pinned_ids)
    if text:
        parts.append(Sql(f"({text.text}) IS TRUE", text.params) if text_as_filter else text)
    if query.has_doi is not None:
        parts.append(Sql("r.doi IS NOT NULL" if query.has_doi else "r.doi IS NULL"))
    if query.bbox is not None:
        parts.append(bbox_filter(query.bbox, query.bbox_relation))
    if query.start or query.end:
        # Overlap with the record's temporal extent; a NULL end is open. A record without any temporal extent is
        # unknown in time, so a time filter leaves it out.
        parts.append(Sql("(r.temporal_start IS NOT NULL OR r.temporal_end IS NOT NULL)"))
        if query.start:
            parts.append(Sql("(r.temporal_end IS NULL OR r.temporal_end >= %s)", [query.start]))
        if query.end:
            parts.append(Sql("(r.temporal_start IS NULL OR r.temporal_start <= %s)", [query.end]))
    if query.source:
        parts.append(Sql("r.source_slugs && %s::varchar[]", [query.source]))
    return parts


def bbox_filter(bbox: BBox, relation: str) -> Sql:
    """`intersects`: the record's geometry shares a point with the box; `within`: it is covered by the box (a record
    on the box's edge is inside it). Exact, for points and lines too (docs/geometry.md)."""
    boxes = box_parts(bbox)
    if relation == "within" and len(boxes) == 1:
        # Covered by one axis-aligned box = its exact bounding box inside that box: four comparisons instead of a
        # GEOS test per row (7x faster on the whole world). `@` only lets the index pick the rows: the index boxes
        # are floats rounded outwards, which keeps every row whose exact box is inside.
        west, south, east, north = boxes[0]
        return Sql(
            "r.geometry @ ST_MakeEnvelope(%s, %s, %s, %s, 4326) AND ST_XMin(r.geometry) >= %s"
            " AND ST_XMax(r.geometry) <= %s AND ST_YMin(r.geometry) >= %s AND ST_YMax(r.geometry) <= %s",
            [west, south, east, north, west, east, south, north],
        )
    # Record geometries are split at the antimeridian the same way (catalogue.records.geo), so both sides agree;
    # sent as EWKB, since WKT text may round a coordinate and move a box edge.
    operator = "ST_CoveredBy" if relation == "within" else "ST_Intersects"
    geometry = search_geometry([bbox])
    assert geometry is not None  # one box always makes a geometry
    return Sql(f"{operator}(r.geometry, ST_GeomFromEWKB(%s))", [bytes(geometry.ewkb)])


def facet_filters(query: SearchQuery) -> dict[str, Sql]:
    """The filter of each facet that has a selection (values OR-ed within a facet)."""
    filters: dict[str, Sql] = {}
    for name in FACET_PARAMS:
        values = getattr(query, name)
        if not values:
            continue
        column, is_array = FACET_COLUMNS[name]
        cast = "varchar" if name in ("pole", "topic") else "text"
        if is_array:
            filters[name] = Sql(f"r.{column} && %s::{cast}[]", [values])
        else:
            filters[name] = Sql(f"r.{column} = ANY(%s::text[])", [values])
    years = []
    if query.year_from is not None:
        years.append(Sql("r.publication_year >= %s", [query.year_from]))
    if query.year_to is not None:
        years.append(Sql("r.publication_year <= %s", [query.year_to]))
    if years:
        filters["year"] = all_of(years)
    return filters


def where_all(query: SearchQuery, pinned_ids: list[str]) -> Sql:
    return all_of([*base_filters(query, pinned_ids), *facet_filters(query).values()])


def count_and_facets(query: SearchQuery, pinned_ids: list[str], cap: int | None, sample_percent: float | None) -> Sql:
    """One statement for the count and every facet, with the disjunctive rule: a facet's counts apply every
    filter except its own. Rows are read once: `m` keeps the rows that fail at most one selected facet filter,
    with one flag per selected facet, and each facet counts the rows whose OTHER flags are all true.

    `cap` stops after cap+1 rows of `m` (the caller then knows the exact path is too big and samples instead);
    `sample_percent` reads a sample of the matching rows instead of all of them (counts are then scaled): see
    `sample_clause`."""
    selected = facet_filters(query)
    flags = list(selected)  # facet names in flag order
    flag_sql = [selected[name] for name in flags]
    columns = ", ".join(f"r.{column}" for column, _ in FACET_COLUMNS.values())
    flag_columns = "".join(f", ({f.text}) AS f_{name}" for name, f in zip(flags, flag_sql, strict=True))
    params = [p for f in flag_sql for p in f.params]
    m = facet_rows_filter(query, pinned_ids)
    where, where_params = m.text, list(m.params)
    sample, sample_where = sample_clause(sample_percent)
    where += sample_where.text
    where_params += sample_where.params
    limit = f" LIMIT {int(cap) + 1}" if cap else ""
    cte = f"WITH m AS MATERIALIZED (SELECT {columns}{flag_columns} FROM {TABLE} r{sample} WHERE {where}{limit})"

    def others(name: str | None) -> str:
        kept = [f"f_{n}" for n in flags if n != name]
        return " AND ".join(kept) if kept else "TRUE"

    selects = ["SELECT 'm' AS facet, NULL::text AS value, count(*) AS n FROM m"]
    selects.append(f"SELECT 'count', NULL, count(*) FROM m WHERE {others(None)}")
    facet_params: list = []
    for name, (column, is_array) in FACET_COLUMNS.items():
        source = f"m, unnest(m.{column}) AS v" if is_array else f"(SELECT m.*, m.{column}::text AS v FROM m) m"
        chosen = query.selected(name)
        selects.append(
            f"(SELECT '{name}', v::text, count(*) FROM {source} WHERE {others(name)} AND v IS NOT NULL "
            f"GROUP BY v ORDER BY (v::text = ANY(%s::text[])) DESC, count(*) DESC, v LIMIT {MAX_FACET_VALUES + 20})"
        )
        facet_params.append(chosen)
    return Sql(cte + "\n" + "\nUNION ALL ".join(selects), [*params, *where_params, *facet_params])


def base_rows_filter(query: SearchQuery, pinned_ids: list[str]) -> Sql:
    """The rows before any facet selection: text and the non-facet filters. Clicking a facet value leaves it as it
    is, so whatever is decided from it (exact or estimated, the sample's size) is the same before and after."""
    return all_of(base_filters(query, pinned_ids))


def maintained_count_and_facets() -> Sql:
    """The count and facets of the whole live catalogue from the maintained table (migration 0012), in the rows'
    shape of `count_and_facets` and with its cut: the most frequent values first, ties by value."""
    return Sql(
        "SELECT 'count', NULL::text, n FROM catalogue_facet_count WHERE facet = '' "
        "UNION ALL SELECT facet, value, n FROM (SELECT facet, value, n, "
        "row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS k "
        "FROM catalogue_facet_count WHERE facet <> '' AND n > 0) t "
        f"WHERE k <= {MAX_FACET_VALUES + 20}"
    )


def live_total() -> Sql:
    return Sql("SELECT n FROM catalogue_facet_count WHERE facet = ''")


def exact_count(query: SearchQuery, pinned_ids: list[str]) -> Sql:
    where = where_all(query, pinned_ids)
    return Sql(f"SELECT count(*) FROM {TABLE} r WHERE {where.text}", where.params)


def facet_rows_filter(query: SearchQuery, pinned_ids: list[str]) -> Sql:
    """The rows the facets read: every base filter, and at most one selected facet filter failing (such a row
    still counts for that facet)."""
    base = all_of(base_filters(query, pinned_ids))
    flag_sql = list(facet_filters(query).values())
    if not flag_sql:
        return base
    at_most_one_fails = " + ".join(f"({f.text})::int" for f in flag_sql) + f" >= {len(flag_sql) - 1}"
    return Sql(f"{base.text} AND ({at_most_one_fails})", [*base.params, *[p for f in flag_sql for p in f.params]])


def text_rows_filter(query: SearchQuery, pinned_ids: list[str]) -> Sql | None:
    """The live rows the text matches, whatever the other filters (what a text index scan reads)."""
    text = text_filter(query, pinned_ids)
    return all_of([Sql(public_sql("r")), text]) if text else None


def row_estimate(where: Sql) -> Sql:
    """The planner's estimate of the rows matching `where` (from column statistics, no row is read)."""
    return Sql(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} r WHERE {where.text}", where.params)


def capped_count(query: SearchQuery, pinned_ids: list[str], cap: int) -> Sql:
    where = where_all(query, pinned_ids)
    return Sql(
        f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} r WHERE {where.text} LIMIT {int(cap) + 1}) c", where.params
    )


def sampled_count(query: SearchQuery, pinned_ids: list[str], percent: float) -> Sql:
    where = where_all(query, pinned_ids)
    sample, sample_where = sample_clause(percent)
    return Sql(
        f"SELECT count(*) FROM {TABLE} r{sample} WHERE {where.text}{sample_where.text}",
        [*where.params, *sample_where.params],
    )


def sample_clause(percent: float | None, method: str | None = None) -> tuple[str, Sql]:
    """How a sample is drawn. "id" (default): record ids are uuid5 hashes, uniformly spread, so `id < cutoff`
    is a uniform random subset that PostgreSQL combines with the other indexes (BitmapAnd with the text GIN
    index and the primary key): only the sampled rows are read. "tablesample": TABLESAMPLE SYSTEM reads a share
    of the table's pages and evaluates every filter on each of their rows (no index can help)."""
    if not percent:
        return "", Sql("")
    method = method or getattr(settings, "SEARCH_SAMPLING", "id")
    if method == "tablesample":
        return f" TABLESAMPLE SYSTEM ({float(percent)!r}) REPEATABLE (7)", Sql("")
    cutoff = uuid.UUID(int=min(2**128 - 1, int(2**128 * percent / 100.0)))
    return "", Sql(" AND r.id < %s::uuid", [str(cutoff)])


ORDERS = {
    "newest": "r.publication_year DESC NULLS LAST, r.id",
    "oldest": "r.publication_year ASC NULLS LAST, r.id",
    "title": "lower(r.title), r.id",
}


# The expression of the RUM index (migration 0003): only the ranking query names it, so the planner uses RUM there
# and the faster GIN index on the column everywhere else.
RANKED = "coalesce(r.search_vector, ''::tsvector)"
# The title lexemes only (weight A), RUM-indexed (migration 0006): a common word's title matches are a small share
# of its matches, so ranking them costs a fraction of ranking every match.
TITLE_RANKED = f"ts_filter({RANKED}, '{{a}}')"


def uses_rank_index(query: SearchQuery, pinned_ids: list[str]) -> bool:
    return query.effective_sort == "relevance" and not pinned_ids and settings.SEARCH_RANK_FROM_INDEX


def rum_can_rank(q: str) -> Sql:
    """Whether the RUM indexes can rank this query: it has lexemes and no negation (a RUM index scan for a query
    with `!` crashed the server, rum 1.3 / PostgreSQL 15; such queries are ranked with ts_rank instead)."""
    return Sql(
        f"SELECT numnode({RUM_TSQUERY}) > 0 AND strpos(({RUM_TSQUERY})::text, '!') = 0",
        [*rum_tsquery_params(q), *rum_tsquery_params(q)],
    )


def ranked_ids(query: SearchQuery, pinned_ids: list[str], title_tier: bool, end: int, offset: int) -> Sql:
    """Ids (rows offset to end) in relevance order, read in the order of a RUM index (`<=>` distance) instead of
    ranking every match. Title tier: the matches whose title matches, ranked by their title; the other tier: the
    remaining matches, ranked by their whole text. Relevance is "title > keywords > abstract > other text", so the
    title tier comes first. The index's order is the order (not re-sorted by the `<=>` function): RUM's own
    distance counts a lexeme present twice in the query once, the function twice, so re-sorting a top-k read in
    index order would give each page size its own order. The caller makes the planner read the index."""
    where = all_of([*base_filters(query, pinned_ids, text_as_filter=True), *facet_filters(query).values()])
    vector = TITLE_RANKED if title_tier else RANKED
    params = [*rum_tsquery_params(query.q), *where.params]
    # The second tier leaves out exactly what the first one reads, so that no record is in both.
    tier = "" if title_tier else f" AND NOT ({TITLE_RANKED} @@ {RUM_TSQUERY})"
    params += [] if title_tier else rum_tsquery_params(query.q)
    params += rum_tsquery_params(query.q)
    return Sql(
        f"SELECT r.id::text FROM {TABLE} r WHERE {vector} @@ {RUM_TSQUERY} AND {where.text}{tier} "
        f"ORDER BY {vector} <=> {RUM_TSQUERY} LIMIT {max(0, int(end) - int(offset))} OFFSET {int(offset)}",
        params,
    )


def planner_setting(name: str, value: str) -> Sql:
    """Changes a planner setting for the session and returns its previous value."""
    return Sql("SELECT current_setting(%s), set_config(%s, %s, false)", [name, name, value])


def hits(query: SearchQuery, pinned_ids: list[str], language: str, page_ids: list[str] | None = None) -> Sql:
    """The page of hits, ranked, then decorated (snippet, translated title) for those rows only. `page_ids`: the
    page already ranked (see `ranked_ids`), in order."""
    where = where_all(query, pinned_ids)
    sort = query.effective_sort
    size, offset = int(query.page_size), int(query.offset)
    if page_ids is not None:
        inner = "SELECT id, ord AS rank FROM unnest(%s::uuid[]) WITH ORDINALITY AS p(id, ord)"
        params = [page_ids]
        outer_order, outer_params = "page.rank", []
    elif sort == "relevance":
        # Exact DOI/identifier matches first, then ts_rank (weights D 0.1, C 0.2, B 0.4, A 1.0); every match is
        # ranked, which is what the RUM path above avoids.
        inner = (
            f"SELECT r.id, -ts_rank(r.search_vector, {TSQUERY}) AS rank FROM {TABLE} r WHERE {where.text} "
            f"ORDER BY (r.id = ANY(%s::uuid[])) DESC, rank, r.id LIMIT {size} OFFSET {offset}"
        )
        params = [*tsquery_params(query.q), *where.params, pinned_ids]
        outer_order, outer_params = "(r.id = ANY(%s::uuid[])) DESC, page.rank, r.id", [pinned_ids]
    else:
        inner = (
            f"SELECT r.id, 0 AS rank FROM {TABLE} r WHERE {where.text} "
            f"ORDER BY {ORDERS[sort]} LIMIT {size} OFFSET {offset}"
        )
        params = list(where.params)
        outer_order, outer_params = ORDERS[sort], []
    # The title and abstract in the reader's language: the rule of records.language, in SQL.
    abstract = record_language.sql_text("abstract", language)
    title = record_language.sql_text("title", language)
    if query.q:
        # Highlights come back between private-use characters (removed from the text first) so that the caller
        # can escape everything and only then turn them into <mark> tags.
        snippet = (
            "ts_headline(CASE WHEN r.language = 'fr' THEN 'datatera_fr' ELSE 'datatera_en' END::regconfig, "
            f"translate(left({abstract}, 20000), E'\\uE000\\uE001', ''), {TSQUERY}, "
            "'StartSel=\ue000,StopSel=\ue001,MaxWords=40,MinWords=20,MaxFragments=2,FragmentDelimiter=\u2009…\u2009')"
        )
        snippet_params = tsquery_params(query.q)
    else:
        snippet, snippet_params = f"left({abstract}, 400)", []
    sql = (
        f"SELECT r.id::text, {title}, r.doi, r.pole_codes, {snippet}, r.bboxes, r.resource_type, "
        f"r.publication_year, r.temporal_start, r.temporal_end, r.keyword_values, page.rank "
        f"FROM ({inner}) page JOIN {TABLE} r ON r.id = page.id ORDER BY {outer_order}"
    )
    return Sql(sql, [*snippet_params, *params, *outer_params])


def pinned(q: str, doi: str) -> Sql:
    """Live records whose DOI or identifier is exactly the query (they come first)."""
    return Sql(
        f"SELECT r.id::text FROM {TABLE} r WHERE {public_sql('r')} AND (r.doi = %s OR r.identifier = %s) LIMIT 5",
        [doi, q],
    )
