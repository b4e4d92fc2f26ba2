"""The portal's presentation rules, as plain functions: link grouping, safe text, URLs of the search page."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from catalogue.portal.record_page import group_links, keyword_groups, link_function
from catalogue.portal.rich_text import render_rich_text
from catalogue.portal.search_page import canonical_search_params, map_hits, pagination
from catalogue.records.unified import Keyword, OnlineResource
from catalogue.search import SearchQuery


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ({"url": "https://x.org/wms?SERVICE=WMS&request=GetCapabilities"}, "service"),
        ({"url": "https://x.org/geoserver/ows", "protocol": "OGC:WFS-1.1.0-http-get-capabilities"}, "service"),
        ({"url": "https://x.org/thredds/dodsC/sst.nc", "protocol": "OPeNDAP:OPeNDAP"}, "service"),
        ({"url": "https://x.org/data", "function": "download"}, "download"),
        ({"url": "ftp://ftp.x.org/pub/sst/"}, "download"),
        ({"url": "https://x.org/files/sst_2020.nc"}, "download"),
        ({"url": "https://x.org/doc/manual.pdf"}, "documentation"),
        ({"url": "https://x.org/project", "function": "information"}, "documentation"),
        ({"url": "https://x.org/project", "protocol": "WWW:LINK-1.0-http--link"}, "documentation"),
        ({"url": "https://x.org/something"}, "other"),
    ],
)
def test_link_function(resource, expected):
    assert link_function(OnlineResource(**resource)) == expected


def test_group_links_drops_duplicates_and_unsafe_schemes_and_keeps_the_group_order():
    groups = group_links(
        [
            OnlineResource(url="https://x.org/manual.pdf"),
            OnlineResource(url="javascript:alert(1)", function="download"),
            OnlineResource(url="https://x.org/sst.nc", name="SST"),
            OnlineResource(url="https://x.org/sst.nc", name="SST again"),
            OnlineResource(url=""),
        ]
    )
    assert [(g.key, [link.name or link.url for link in g.links]) for g in groups] == [
        ("download", ["SST"]),
        ("documentation", ["https://x.org/manual.pdf"]),
    ]


def test_keywords_are_grouped_by_thesaurus_with_free_keywords_last():
    groups = keyword_groups([Keyword("buoys"), Keyword("SST", thesaurus="GCMD"), Keyword("SST", thesaurus="GCMD")])
    assert groups == [("GCMD", ["SST"]), ("", ["buoys"])]


def test_plain_text_is_escaped_and_paragraphed():
    html = render_rich_text("a < b & c\n\nsee https://x.org/a?b=1&c=2")
    assert html.startswith("<p>a &lt; b &amp; c</p>")
    assert 'href="https://x.org/a?b=1&amp;c=2"' in html


def test_markup_is_sanitised_and_balanced():
    html = render_rich_text(
        '<p onclick="x()">One<ul><li>two<script>alert(1)</script><style>p{}</style><table><tr><td>3'
    )
    assert html == "<p>One</p><ul><li>two<table><tbody><tr><td>3</td></tr></tbody></table></li></ul>"


def test_canonical_params_fold_the_four_box_inputs_and_drop_empty_and_default_fields():
    submitted = QueryDict(
        "q=sst&west=-10&south=40&east=10&north=52&year_from=&sort=relevance&bbox_relation=within&pole=AERIS"
    )
    assert canonical_search_params(submitted) == [
        ("q", "sst"),
        ("bbox_relation", "within"),
        ("pole", "AERIS"),
        ("bbox", "-10,40,10,52"),
    ]
    assert canonical_search_params(QueryDict("q=sst&bbox=1,2,3,4")) is None  # already canonical: no redirect


def test_pagination_window_with_gaps():
    links = pagination(SearchQuery(q="x", page=10), pages=40)["pages"]
    assert [link.number for link in links] == [1, None, 8, 9, 10, 11, 12, None, 40]
    assert [link.number for link in links if link.current] == [10]
    assert pagination(SearchQuery(), pages=1) == {"pages": [], "previous": "", "next": ""}


def test_map_hits_accept_boxes_as_json_text_or_lists():
    class FakeHit:
        id, title, url = "1", "t", "/records/1/"

        def __init__(self, bbox):
            self.bbox = bbox

    assert map_hits([FakeHit("[[1, 2, 3, 4]]"), FakeHit([[170, -5, -170, 5]]), FakeHit("[]")]) == [
        {"id": "1", "title": "t", "url": "/records/1/", "bbox": [[1, 2, 3, 4]]},
        {"id": "1", "title": "t", "url": "/records/1/", "bbox": [[170, -5, -170, 5]]},
    ]
