"""What pycsw's record writers need beyond the view's columns, loaded once per result page.

A result page of the repository (catalogue/csw/repository.py) shares one ResultPage: the first row whose writer
asks for its ISO 19139 document (gmd output) or its Record (DataCite output) loads them for the whole page in one
query, instead of one query per record.
"""

from __future__ import annotations

from collections.abc import Iterable

from catalogue.exports.iso19139_documents import iso19139_documents
from catalogue.records.models import Record


class ResultPage:
    """Lazily loaded per page: nothing is queried unless a writer asks."""

    def __init__(self, record_ids: Iterable):
        self.record_ids = list(dict.fromkeys(record_ids))
        self._iso: dict | None = None
        self._originals: dict | None = None
        self._records: dict | None = None

    def iso_xml(self, record_id) -> bytes | None:
        if self._iso is None:
            self._iso = iso19139_documents(self.record_ids)
        return self._iso.get(record_id)

    def original_xml(self, record_id) -> bytes | None:
        """The stored ISO original as it came (gmi:MI_Metadata kept), else the same as iso_xml."""
        if self._originals is None:
            self._originals = iso19139_documents(self.record_ids, original=True)
        return self._originals.get(record_id)

    def record(self, record_id) -> Record | None:
        if self._records is None:
            # The DataCite writer reads neither the geometry (GEOS parsing per row) nor the tsvector.
            self._records = Record.objects.defer("geometry", "search_vector").in_bulk(self.record_ids)
        return self._records.get(record_id)
