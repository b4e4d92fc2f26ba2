"""The search page's links and controls, built from a SearchQuery and its SearchResult.

Every state is a URL: facet toggles, filter removals, sort and paging are plain links made from
`SearchQuery.to_params()`, so the page works without JavaScript and any view of it can be shared.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

from django.urls import get_script_prefix, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.portal.labels import resource_type_label
from catalogue.portal.maps import map_context
from catalogue.records.facet_values import GCMD_SEPARATOR
from catalogue.search import SearchQuery
from catalogue.search.labels import facet_label

FACET_TITLES = {
    "pole": gettext_lazy("Hub"),
    "keyword": gettext_lazy("Keyword"),
    "topic": gettext_lazy("Topic"),
    "type": gettext_lazy("Resource type"),
    "organisation": gettext_lazy("Organisation"),
    "format": gettext_lazy("Format"),
    "license": gettext_lazy("Licence"),
    "year": gettext_lazy("Year"),
}
SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "newest": gettext_lazy("Newest first"),
    "oldest": gettext_lazy("Oldest first"),
    "title": gettext_lazy("Title (A–Z)"),
}
FACET_VISIBLE = 6  # values shown before "more" (the rest in a <details>, no JavaScript needed)
# The four plain bbox inputs of the form; the view folds them into the contract's single `bbox` parameter.
BOX_INPUTS = ("west", "south", "east", "north")
_FORM_DEFAULTS = {("bbox_relation", "intersects"), ("sort", "relevance")}


@cache
def _search_path(script_prefix: str) -> str:
    # A page builds a hundred facet links; reverse() once per deployment prefix, not once per link.
    return reverse("catalogue:search")


def search_url(query: SearchQuery) -> str:
    params = query.to_params()
    base = _search_path(get_script_prefix())
    return f"{base}?{urlencode(params)}" if params else base


@dataclass(frozen=True)
class FacetLink:
    value: str
    label: str
    count: int
    selected: bool
    url: str

    @property
    def count_label(self) -> str:
        return number_format(self.count, force_grouping=True)


@dataclass
class TreeNode:
    link: FacetLink
    children: list[TreeNode] = field(default_factory=list)

    @property
    def open(self) -> bool:
        """Expanded when the reader chose this level or one below it."""
        return self.link.selected or any(child.open for child in self.children)


@dataclass
class FacetGroup:
    name: str
    title: str
    links: list[FacetLink] = field(default_factory=list)
    tree: list[TreeNode] = field(default_factory=list)  # hierarchical values (GCMD paths), one level at a time

    @property
    def visible(self) -> list[FacetLink]:
        return self.links[:FACET_VISIBLE]

    @property
    def more(self) -> list[FacetLink]:
        return self.links[FACET_VISIBLE:]

    @property
    def selected_count(self) -> int:
        return sum(link.selected for link in self.links)


@dataclass(frozen=True)
class ActiveFilter:
    name: str
    label: str
    remove_url: str


def _toggled(query: SearchQuery, facet: str, value: str) -> SearchQuery:
    if facet != "year":
        return query.toggled(facet, value)
    if value in query.selected("year"):
        return query.replace(year_from=None, year_to=None, page=1)
    return query.replace(year_from=int(value), year_to=int(value), page=1)


def _label(facet: str, value: str, label: str, language: str) -> str:
    if facet == "type" and label == value:
        return resource_type_label(value)
    return label or value


def facet_groups(query: SearchQuery, facets: Mapping[str, list], language: str) -> list[FacetGroup]:
    """Facet panels in a fixed order; a selected value with no hits (unknown value) still shows, to be removed."""
    groups = []
    for name, title in FACET_TITLES.items():
        group = FacetGroup(name, str(title))
        values = list(facets.get(name, []))
        listed = {fv.value for fv in values}
        for fv in values:
            group.links.append(
                FacetLink(
                    fv.value,
                    _label(name, fv.value, fv.label, language),
                    fv.count,
                    fv.selected or fv.value in query.selected(name),
                    search_url(_toggled(query, name, fv.value)),
                )
            )
        for value in query.selected(name):
            if value not in listed:
                label = _label(name, value, facet_label(name, value, language), language)
                group.links.insert(0, FacetLink(value, label, 0, True, search_url(_toggled(query, name, value))))
        # Selected values first, so they stay visible above the "more" fold.
        group.links.sort(key=lambda link: not link.selected)
        if name == "keyword":
            tree_group = _gcmd_tree(group)
            if tree_group.tree:
                groups.append(tree_group)
        if group.links:
            groups.append(group)
    return groups


def _gcmd_tree(group: FacetGroup) -> FacetGroup:
    """GCMD keyword paths out of the keyword list into a tree: each path's parent is its value up to the last
    " > " (ingest indexes every ancestor, so each level's count is the number of records under it)."""
    paths = {link.value for link in group.links if GCMD_SEPARATOR in link.value}
    roots = {value.split(GCMD_SEPARATOR, 1)[0] for value in paths}
    in_tree = [link for link in group.links if link.value in paths or link.value in roots]
    group.links = [link for link in group.links if link.value not in paths and link.value not in roots]
    # A root ("EARTH SCIENCE") has no separator to tell the labels it is a GCMD level: read it here, not in capitals.
    in_tree = [
        dataclasses.replace(link, label=link.label.capitalize())
        if link.value in roots and link.label.isupper()
        else link
        for link in in_tree
    ]
    nodes = {link.value: TreeNode(link) for link in in_tree}
    top: list[TreeNode] = []
    for link in sorted(in_tree, key=lambda item: (item.value.count(GCMD_SEPARATOR), -item.count, item.label)):
        parent = link.value.rsplit(GCMD_SEPARATOR, 1)[0] if GCMD_SEPARATOR in link.value else None
        (nodes[parent].children if parent in nodes else top).append(nodes[link.value])
    return FacetGroup("gcmd", str(_("Science keywords (GCMD)")), tree=top)


def active_filters(query: SearchQuery, language: str) -> list[ActiveFilter]:
    """Each constraint of the query with a link that removes just that one."""
    page1 = query.replace(page=1)
    found = []
    if query.q:
        found.append(ActiveFilter("q", _("Text: “%(q)s”") % {"q": query.q}, search_url(page1.replace(q=""))))
    for name in ("pole", "keyword", "topic", "type", "organisation", "format", "license", "source"):
        title = str(FACET_TITLES.get(name, _("Source")))
        for value in getattr(query, name):
            label = _label(name, value, facet_label(name, value, language), language)
            text = _("%(facet)s: %(value)s") % {"facet": title, "value": label}
            found.append(ActiveFilter(name, text, search_url(query.toggled(name, value))))
    if query.has_doi is not None:
        text = _("With a DOI") if query.has_doi else _("Without a DOI")
        found.append(ActiveFilter("has_doi", text, search_url(page1.replace(has_doi=None))))
    if query.year_from is not None or query.year_to is not None:
        years = f"{query.year_from or '…'}–{query.year_to or '…'}"
        if query.year_from == query.year_to:
            years = str(query.year_from)
        without_years = search_url(page1.replace(year_from=None, year_to=None))
        found.append(ActiveFilter("year", _("Years: %(years)s") % {"years": years}, without_years))
    if query.bbox is not None:
        box = query.bbox
        corners = {"w": box.west, "s": box.south, "e": box.east, "n": box.north}
        text = _("Area: W %(w)g, S %(s)g, E %(e)g, N %(n)g") % corners
        found.append(ActiveFilter("bbox", text, search_url(page1.replace(bbox=None, bbox_relation="intersects"))))
    if query.start or query.end:
        text = _("Time: %(start)s – %(end)s") % {"start": query.start or "…", "end": query.end or "…"}
        found.append(ActiveFilter("time", text, search_url(page1.replace(start=None, end=None))))
    return found


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None = a gap ("…")
    url: str
    current: bool


def pagination(query: SearchQuery, pages: int, window: int = 2) -> dict:
    """Previous/next and a window of page numbers around the current one, with the first and last pages."""
    current = query.page
    if pages <= 1:
        return {"pages": [], "previous": "", "next": ""}
    numbers = sorted({1, pages, *range(max(1, current - window), min(pages, current + window) + 1)})
    links: list[PageLink] = []
    for number in numbers:
        if links and links[-1].number is not None and number - links[-1].number > 1:
            links.append(PageLink(None, "", False))
        links.append(PageLink(number, search_url(query.replace(page=number)), number == current))
    return {
        "pages": links,
        "previous": search_url(query.replace(page=current - 1)) if 1 < current <= pages else "",
        "next": search_url(query.replace(page=current + 1)) if current < pages else "",
    }


def hidden_inputs(query: SearchQuery, shown: set[str]) -> list[tuple[str, str]]:
    """Parameters the search form does not show as controls, carried along so a new text search keeps filters."""
    return [(name, value) for name, value in query.to_params() if name not in shown and name != "page"]


def _boxes(value) -> list[list[float]]:
    # Raw SQL through Django's psycopg 3 backend hands jsonb over as text; accept both shapes.
    boxes = json.loads(value) if isinstance(value, str) else value
    return [list(box) for box in boxes or [] if isinstance(box, list | tuple) and len(box) == 4]


def map_hits(hits) -> list[dict]:
    shown = ({"id": hit.id, "title": hit.title, "url": hit.url, "bbox": _boxes(hit.bbox)} for hit in hits)
    return [hit for hit in shown if hit["bbox"]]


def _feed_url(query: SearchQuery) -> str:
    params = query.replace(sort="relevance", page=1).to_params()
    base = reverse("catalogue:search-feed")
    return f"{base}?{urlencode(params)}" if params else base


def canonical_search_params(params) -> list[tuple[str, str]] | None:
    """The contract's parameters for a submitted form, or None when the URL is already canonical.

    The form has four plain number inputs for the area (usable without JavaScript); they become one `bbox`
    parameter, and empty fields are dropped, so the address bar shows a clean, shareable URL.
    """
    if not any(name in params for name in BOX_INPUTS):
        return None
    box = [params.get(name, "").strip() for name in BOX_INPUTS]
    canonical = [
        (name, value)
        for name in params
        if name not in BOX_INPUTS and name != "bbox"
        for value in params.getlist(name)
        if value.strip() and (name, value) not in _FORM_DEFAULTS
    ]
    if any(box):
        canonical.append(("bbox", ",".join(box)))
    elif params.get("bbox", "").strip():
        canonical.append(("bbox", params.get("bbox").strip()))
    return canonical


# Controls of the search form; every other parameter travels as a hidden input.
FORM_FIELDS = {"q", "sort", "bbox", "bbox_relation", "year_from", "year_to", "has_doi", "start", "end"}


def parameter_errors(errors: Mapping[str, str], params) -> list[dict]:
    """Each rejected parameter with what the URL said, so the reader sees what was wrong."""
    return [
        {
            "name": name,
            "message": message,
            "given": ", ".join(params.getlist(name)) if hasattr(params, "getlist") else "",
        }
        for name, message in sorted(errors.items())
    ]


def search_context(query: SearchQuery, result, errors: Mapping[str, str], language: str, params=None) -> dict:
    """Everything the search template shows, computed once here."""
    filters = active_filters(query, language)
    beyond_last_page = result.count > 0 and query.page > result.pages
    box = query.bbox
    return {
        "query": query,
        "result": result,
        "errors": parameter_errors(errors, params if params is not None else {}),
        "facet_groups": facet_groups(query, result.facets, language),
        "visible_count": FACET_VISIBLE,
        "active_filters": filters,
        "clear_filters_url": search_url(SearchQuery(q=query.q, sort=query.sort))
        if len(filters) > (1 if query.q else 0)
        else "",
        "pagination": pagination(query, result.pages),
        "sort_options": [(value, str(label), value == query.sort) for value, label in SORT_LABELS.items()],
        "hidden_inputs": hidden_inputs(query, FORM_FIELDS),
        "box_values": dict(zip(BOX_INPUTS, (box.west, box.south, box.east, box.north), strict=True)) if box else {},
        "box_json": [box.west, box.south, box.east, box.north] if box else None,
        "map_hits": map_hits(result.hits),
        "did_you_mean_url": search_url(query.replace(q=result.did_you_mean, page=1)) if result.did_you_mean else "",
        "beyond_last_page": beyond_last_page,
        "last_page_url": search_url(query.replace(page=result.pages)) if beyond_last_page else "",
        "feed_url": _feed_url(query),
        "first_result": query.offset + 1 if result.hits else 0,
        "last_result": query.offset + len(result.hits),
        **map_context(),
    }


FEED_SIZE = 30


def search_feed(query: SearchQuery, result, base_url: str, feed_url: str, language: str) -> str:
    """An Atom feed of a search's newest records, so a researcher can subscribe to "new records matching this".

    Entries are the first page of the same search sorted newest first; each entry's dates are when the catalogue
    first saw and last updated the record (what a feed reader compares), its link the record page.
    """
    from django.utils.feedgenerator import Atom1Feed
    from django.utils.html import strip_tags

    from catalogue.records.models import Record

    dates = {
        str(pk): (created, updated)
        for pk, created, updated in Record.objects.filter(pk__in=[hit.id for hit in result.hits]).values_list(
            "pk", "created_at", "updated_at"
        )
    }
    title = _("Data Terra catalogue: “%(q)s”") % {"q": query.q} if query.q else _("Data Terra catalogue: new records")
    filters = [f.label for f in active_filters(query, language) if f.name != "q"]
    feed = Atom1Feed(
        title=title,
        link=base_url + search_url(query.replace(sort="relevance", page=1)),
        description=", ".join(filters),
        language=language,
        feed_url=feed_url,
        subtitle=", ".join(filters) or None,
    )
    for hit in result.hits:
        created, updated = dates.get(str(hit.id), (None, None))
        feed.add_item(
            title=hit.title,
            link=base_url + hit.url,
            description=strip_tags(hit.snippet),
            unique_id=base_url + hit.url,
            pubdate=created,
            updateddate=updated,
            categories=list(hit.poles),
        )
    return feed.writeString("utf-8")
