"""What a view tells the stats middleware about the request it answered (`request.usage = ...`).

Faces set these and import nothing else from stats; most pages need not even do that: the middleware resolves
record pages, landing pages, exports and the API/CSW/OAI-PMH record accesses from the URL itself (stats.resolve).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stats.counter import Activity

# Query parameters that do not make a new result set (ST-10): paging and sort order only re-show the same set.
_NOT_FILTERS = {"q", "page", "page_size", "sort"}


@dataclass(frozen=True)
class SearchHint:
    """ST-10: a search that returned a result set."""

    query: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    hubs: tuple[str, ...] = ()
    result_count: int = 0
    new_result_set: bool = True

    @classmethod
    def of(cls, query, result_count: int) -> SearchHint:
        """From a catalogue.search.SearchQuery (anything with .q, .page, .pole and .to_params())."""
        filters: dict[str, list[str]] = {}
        for name, value in query.to_params():
            if name not in _NOT_FILTERS:
                filters.setdefault(name, []).append(value)
        return cls(
            query=query.q,
            filters=filters,
            hubs=tuple(query.pole),
            result_count=result_count,
            # Browsing the first page of everything is not a search; page 2 of a search is the same result set.
            new_result_set=query.page == 1 and bool(query.q or filters),
        )


@dataclass(frozen=True)
class OutboundHint:
    """ST-11: a click from the portal to the data (an Investigation unless the portal serves the bytes)."""

    record_id: str
    target: str
    activity: Activity = Activity.INVESTIGATION
