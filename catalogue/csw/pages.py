"""What pycsw's record writers need beyond the view's columns, loaded once per result page.

The view gives pycsw one WKT geometry per record: the published boxes split at the antimeridian and merged into a
MultiPolygon, whose envelope is all pycsw can write (a Fiji box became -180..180). The writers in
catalogue/csw/boxes.py and catalogue/csw/datacite.py need the record as published (Record.bboxes, the whole Record
for DataCite); fetching it row by row would cost one query per record, so the first writer to ask loads the whole
page in one query.

`OutputRepository` is the repository pycsw is configured with: CatalogueRepository's queries unchanged, plus the
page link on each returned row, plus the DataCite rule (below).
"""

from __future__ import annotations

from collections.abc import Sequence

from catalogue.csw.repository import CatalogueRepository
from catalogue.exports.datacite_xml import NS as DATACITE_NS
from catalogue.models import Record

_PAGE_ATTRIBUTE = "output_page"


class PageRecords:
    """Lazily loaded per page: nothing is queried unless a writer asks."""

    def __init__(self, record_ids: Sequence):
        self.record_ids = list(dict.fromkeys(record_ids))
        self._bboxes: dict | None = None
        self._records: dict | None = None

    def bboxes(self, record_id) -> list:
        if self._bboxes is None:
            rows = Record.objects.filter(pk__in=self.record_ids).values_list("pk", "bboxes")
            self._bboxes = dict(rows)
        return self._bboxes.get(record_id) or []

    def record(self, record_id) -> Record | None:
        if self._records is None:
            # The DataCite writer reads neither the geometry (GEOS parsing per row) nor the tsvector.
            self._records = Record.objects.defer("geometry", "search_vector").in_bulk(self.record_ids)
        return self._records.get(record_id)


def link_page(rows: Sequence) -> None:
    page = PageRecords(row.record_id for row in rows)
    for row in rows:
        vars(row)[_PAGE_ATTRIBUTE] = page


def page_of(row) -> PageRecords:
    """The page `row` came in; a row that did not come through OutputRepository is a page of its own."""
    page = vars(row).get(_PAGE_ATTRIBUTE)
    if page is None:
        link_page([row])
        page = vars(row)[_PAGE_ATTRIBUTE]
    return page


class OutputRepository(CatalogueRepository):
    """CatalogueRepository plus what the output writers need.

    DataCite rule, the same as our OAI-PMH provider's: DataCite metadata is about a DOI (kernel-4 requires
    identifier/@identifierType="DOI"), so a DataCite GetRecords matches only records with a DOI (numberOfRecordsMatched
    and paging count those) and GetRecordById of a record without one finds nothing. pycsw sets `context.server`
    (the Csw object) before any query, so the requested outputSchema is read from its parsed request.
    `relation` is the view's DOI column.
    """

    def _datacite_requested(self) -> bool:
        kvp = getattr(getattr(self.context, "server", None), "kvp", None)
        return isinstance(kvp, dict) and kvp.get("outputschema") == DATACITE_NS

    def query(self, constraint, sortby=None, typenames=None, maxrecords=10, startposition=0):
        if self._datacite_requested():
            where = f"({constraint['where']}) AND relation IS NOT NULL" if "where" in constraint else None
            constraint = {**constraint, "where": where or "relation IS NOT NULL"}
            constraint.setdefault("values", [])
        total, rows = super().query(constraint, sortby, typenames, maxrecords, startposition)
        link_page(rows)
        return [total, rows]

    def query_ids(self, ids):
        rows = super().query_ids(ids)
        if self._datacite_requested():
            rows = [row for row in rows if row.relation]
        link_page(rows)
        return rows
