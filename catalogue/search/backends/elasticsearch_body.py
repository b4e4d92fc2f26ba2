"""Pure functions building the engine's requests (index definition, documents, search bodies), shared by the
Elasticsearch 8 and OpenSearch 2 backends: only what both servers accept (no search_as_you_type, which lives in a
module OpenSearch does not publish; edge n-grams of analysis-common instead). Same rules as the postgres backend:
French and English analysers with accent folding, weights title > keywords > abstract > other text, exact
DOI/identifier first, facets computed with every other filter (post_filter + filtered aggregations), geo_shape split
at the antimeridian, temporal extent as a date_range with open ends."""

from __future__ import annotations

import hashlib
import json
import re

from catalogue.records.geo import bbox_rings
from catalogue.records.identifiers import normalise_doi
from catalogue.search.facets import FACET_COLUMNS, MAX_FACET_VALUES
from catalogue.search.params import MAX_PAGE
from catalogue.search.query import FACET_PARAMS, MAX_PAGE_SIZE, SearchQuery

HIGHLIGHT_START, HIGHLIGHT_END = "\ue000", "\ue001"

_TEXT_FR = {"type": "text", "analyzer": "datatera_fr"}
# Suggestions: every word's prefixes indexed (2 to 20 letters, folded); the typed words are folded, not cut.
_PREFIXES = {"type": "text", "analyzer": "prefixes", "search_analyzer": "folded"}
_TEXT_EN = {"type": "text", "analyzer": "datatera_en"}


def _bilingual(**extra_fields) -> dict:
    return {**_TEXT_EN, "fields": {"fr": _TEXT_FR, **extra_fields}}


def index_definition(shards: int = 1, replicas: int = 0) -> dict:
    keyword = {"type": "keyword"}
    return {
        "settings": {
            "number_of_shards": shards,
            "number_of_replicas": replicas,
            # Every page the search contract accepts (page <= MAX_PAGE of MAX_PAGE_SIZE), on both backends.
            "max_result_window": MAX_PAGE * MAX_PAGE_SIZE,
            "analysis": {
                "filter": {
                    "prefix_grams": {"type": "edge_ngram", "min_gram": 2, "max_gram": 20},
                    "french_elision": {
                        "type": "elision",
                        "articles_case": True,
                        "articles": [
                            "l",
                            "m",
                            "t",
                            "qu",
                            "n",
                            "s",
                            "j",
                            "d",
                            "c",
                            "jusqu",
                            "quoiqu",
                            "lorsqu",
                            "puisqu",
                        ],
                    },
                    "french_stop": {"type": "stop", "stopwords": "_french_"},
                    # Snowball French, as PostgreSQL's "french" configuration: "pêcheries" and "pêche" stay apart.
                    "french_stemmer": {"type": "stemmer", "language": "french"},
                    "english_stop": {"type": "stop", "stopwords": "_english_"},
                    "english_stemmer": {"type": "stemmer", "language": "english"},
                    "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                },
                "analyzer": {
                    "datatera_fr": {
                        "tokenizer": "standard",
                        "filter": ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"],
                    },
                    "datatera_en": {
                        "tokenizer": "standard",
                        "filter": [
                            "english_possessive",
                            "lowercase",
                            "asciifolding",
                            "english_stop",
                            "english_stemmer",
                        ],
                    },
                    "folded": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
                    "prefixes": {"tokenizer": "standard", "filter": ["lowercase", "asciifolding", "prefix_grams"]},
                },
                "normalizer": {"sortable": {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": keyword,
                "identifier": keyword,
                "doi": keyword,
                "title": _bilingual(
                    sort={"type": "keyword", "normalizer": "sortable"},
                    suggest=_PREFIXES,
                ),
                "title_raw": {"type": "keyword", "index": False},
                "translations": {"type": "object", "enabled": False},
                "title_other": _bilingual(),
                "keywords_text": _bilingual(suggest=_PREFIXES),
                "abstract": _bilingual(),
                "other_text": _bilingual(),
                "language": keyword,
                "pole_codes": keyword,
                "keyword_values": keyword,
                "topic_categories": keyword,
                "resource_type": keyword,
                "organisation_names": keyword,
                "formats": keyword,
                "license": keyword,
                "license_facet": keyword,
                "keyword_facet": keyword,
                "organisation_facet": keyword,
                "source_slugs": keyword,
                "has_doi": {"type": "boolean"},
                "publication_year": {"type": "integer"},
                "temporal": {"type": "date_range", "format": "yyyy-MM-dd"},
                "has_temporal": {"type": "boolean"},
                "geometry": {"type": "geo_shape"},
                "bboxes": {"type": "object", "enabled": False},
                "temporal_start": {"type": "date", "index": False},
                "temporal_end": {"type": "date", "index": False},
                "updated_at": {"type": "date"},
                # Hash of the rest of the document: `search_reindex --verify` compares it with PostgreSQL's.
                "content_hash": {"type": "keyword", "index": False},
            },
        },
    }


def multipolygon(boxes) -> dict | None:
    """GeoJSON MultiPolygon of boxes, split at the antimeridian (the split of catalogue.records.geo for PostGIS)."""
    # Rings counter-clockwise (the engines' default orientation): a clockwise ring 180 degrees wide or more is read
    # as crossing the antimeridian, so -175..175 would become the 10 degrees around 180.
    polygons = [[_counter_clockwise(ring)] for box in boxes for ring in bbox_rings(box)]
    return {"type": "MultiPolygon", "coordinates": polygons} if polygons else None


def _counter_clockwise(ring) -> list[list[float]]:
    points = [list(p) for p in ring]
    doubled_area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False))
    return points if doubled_area > 0 else points[::-1]


def record_document(record) -> dict:
    """The indexed document of a catalogue.records.models.Record."""
    from catalogue.records.geo import bbox_from_list

    translations = record.translations if isinstance(record.translations, dict) else {}
    others = [t for t in translations.values() if isinstance(t, dict)]
    temporal = {}
    if record.temporal_start:
        temporal["gte"] = record.temporal_start.isoformat()
    if record.temporal_end:
        temporal["lte"] = record.temporal_end.isoformat()
    boxes = [bbox_from_list(b) for b in record.bboxes or [] if isinstance(b, list) and len(b) == 4]
    document = {
        "id": str(record.pk),
        "identifier": record.identifier,
        "doi": record.doi,
        "title": record.title,
        "title_raw": record.title,
        "translations": translations,
        "title_other": " ".join(t.get("title", "") for t in others),
        "keywords_text": list(record.keyword_values),
        "abstract": " ".join([record.abstract, *(t.get("abstract", "") for t in others)]),
        "other_text": " ".join(
            [*record.organisation_names, *record.platforms, *record.instruments, record.lineage, record.identifier]
        ),
        "language": record.language,
        "pole_codes": list(record.pole_codes),
        "keyword_values": list(record.keyword_values),
        "topic_categories": list(record.topic_categories),
        "resource_type": record.resource_type,
        "organisation_names": list(record.organisation_names),
        "formats": list(record.formats),
        "license": record.license,
        "license_facet": record.license_facet,
        "keyword_facet": list(record.keyword_facet),
        "organisation_facet": list(record.organisation_facet),
        "source_slugs": list(record.source_slugs),
        "has_doi": bool(record.doi),
        "publication_year": record.publication_year,
        "temporal": temporal or None,
        "has_temporal": bool(temporal),
        "geometry": multipolygon(boxes),
        "bboxes": record.bboxes,
        "temporal_start": record.temporal_start.isoformat() if record.temporal_start else None,
        "temporal_end": record.temporal_end.isoformat() if record.temporal_end else None,
        "updated_at": record.updated_at.isoformat() if record.updated_at else None,
    }
    document["content_hash"] = content_hash(document)
    return document


def content_hash(document: dict) -> str:
    """A stable digest of an indexed document (without its own hash field)."""
    payload = {k: v for k, v in document.items() if k != "content_hash"}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


# Field weights: title (A) > keywords (B) > abstract (C) > other text (D), in both languages.
TEXT_FIELDS = [
    "title^8",
    "title.fr^8",
    "title_other^8",
    "title_other.fr^8",
    "keywords_text^4",
    "keywords_text.fr^4",
    "abstract^2",
    "abstract.fr^2",
    "other_text",
    "other_text.fr",
]
_FIELD = {name: column for name, (column, _) in FACET_COLUMNS.items()}


def base_filters(query: SearchQuery) -> list[dict]:
    filters: list[dict] = []
    if query.has_doi is not None:
        filters.append({"term": {"has_doi": query.has_doi}})
    if query.bbox is not None:
        relation = "within" if query.bbox_relation == "within" else "intersects"
        filters.append({"geo_shape": {"geometry": {"shape": multipolygon([query.bbox]), "relation": relation}}})
    if query.start or query.end:
        window = {"relation": "intersects"}
        if query.start:
            window["gte"] = query.start.isoformat()
        if query.end:
            window["lte"] = query.end.isoformat()
        filters += [{"term": {"has_temporal": True}}, {"range": {"temporal": window}}]
    if query.source:
        filters.append({"terms": {"source_slugs": list(query.source)}})
    return filters


def facet_filters(query: SearchQuery) -> dict[str, dict]:
    filters: dict[str, dict] = {
        name: {"terms": {_FIELD[name]: list(getattr(query, name))}} for name in FACET_PARAMS if getattr(query, name)
    }
    years = {}
    if query.year_from is not None:
        years["gte"] = query.year_from
    if query.year_to is not None:
        years["lte"] = query.year_to
    if years:
        filters["year"] = {"range": {"publication_year": years}}
    return filters


_OR_WORD = re.compile(r"(?<!\S)OR(?!\S)")


def web_search_syntax(q: str) -> str:
    """PostgreSQL's web-search syntax ("phrase", -word, OR) in simple_query_string's ("phrase", -word, |): only
    the OR differs, and only outside quotes."""
    parts = q.split('"')
    return '"'.join(_OR_WORD.sub("|", part) if i % 2 == 0 else part for i, part in enumerate(parts))


def text_query(query: SearchQuery) -> dict:
    if not query.q:
        return {"match_all": {}}
    should = [
        # Web-search syntax: "phrases", -exclusion, | for OR; never fails on unbalanced input.
        {
            "simple_query_string": {
                "query": web_search_syntax(query.q),
                "fields": TEXT_FIELDS,
                "default_operator": "and",
            }
        },
        {"term": {"identifier": {"value": query.q, "boost": 1000}}},
    ]
    doi = normalise_doi(query.q)
    if doi:
        should.append({"term": {"doi": {"value": doi, "boost": 1000}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


SORTS = {
    "relevance": [{"_score": "desc"}, {"id": "asc"}],
    "newest": [{"publication_year": {"order": "desc", "missing": "_last"}}, {"id": "asc"}],
    "oldest": [{"publication_year": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
    "title": [{"title.sort": "asc"}, {"id": "asc"}],
}


def search_body(query: SearchQuery, exact_limit: int = 10000) -> dict:
    selected = facet_filters(query)
    aggs = {}
    for name in (*FACET_PARAMS, "year"):
        others = [f for other, f in selected.items() if other != name]
        field = "publication_year" if name == "year" else _FIELD[name]
        aggs[name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": {"terms": {"field": field, "size": MAX_FACET_VALUES + 20}}},
        }
    body = {
        "query": {"bool": {"must": [text_query(query)], "filter": base_filters(query)}},
        # Facet filters apply to the hits only, so each facet's aggregation can leave its own filter out.
        "post_filter": {"bool": {"filter": list(selected.values())}},
        "aggs": aggs,
        "sort": SORTS[query.effective_sort],
        "from": query.offset,
        "size": query.page_size,
        "track_total_hits": exact_limit,
        "_source": [
            "id",
            "identifier",  # an untitled record's hit is called by it, as on PostgreSQL (records.language)
            "title_raw",
            "translations",
            "doi",
            "pole_codes",
            "bboxes",
            "resource_type",
            "publication_year",
            "temporal_start",
            "temporal_end",
            "keyword_values",
            "abstract",
        ],
    }
    if query.q:
        body["highlight"] = {
            "pre_tags": [HIGHLIGHT_START],
            "post_tags": [HIGHLIGHT_END],
            "fields": {"abstract": {}, "abstract.fr": {}},
            "number_of_fragments": 2,
            "fragment_size": 160,
        }
    return body


def spelling_body(q: str) -> dict:
    """The "did you mean" request: the term suggester over the titles' words, asked only when a text query found
    nothing (as the PostgreSQL backend does), not on every search."""
    return {
        "size": 0,
        "track_total_hits": False,
        "suggest": {
            "text": q,
            "spelling": {"term": {"field": "title", "suggest_mode": "popular", "min_word_length": 3}},
        },
    }


def suggest_body(prefix: str, limit: int) -> dict:
    # Every typed word must start a word of the title or of one keyword; titles rank above keywords.
    return {
        "size": limit,
        "_source": ["title_raw", "keyword_values"],
        "query": {
            "multi_match": {
                "query": prefix,
                "type": "best_fields",
                "operator": "and",
                "fields": ["title.suggest^2", "keywords_text.suggest"],
            }
        },
        "sort": [{"_score": "desc"}, {"id": "asc"}],
    }
