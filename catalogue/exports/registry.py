"""The export formats of a record page: name, label, media type, extension and the function that renders it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from catalogue.exports import bibtex, csl, datacite_json, datacite_xml, ris, schemaorg
from catalogue.records.models import Record


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str  # URL segment: /doi/<doi>/export/<name>
    label: str
    media_type: str  # what the export is served as (and negotiated by)
    extension: str
    render: Callable[[Record], str]


def _json(build: Callable[[Record], dict | list]) -> Callable[[Record], str]:
    return lambda record: json.dumps(build(record), ensure_ascii=False, indent=2)


def _registry() -> dict[str, ExportFormat]:
    formats = [
        ExportFormat(
            "datacite-xml", "DataCite XML", "application/vnd.datacite.datacite+xml", "xml", datacite_xml.render
        ),
        ExportFormat(
            "datacite-json",
            "DataCite JSON",
            "application/vnd.datacite.datacite+json",
            "json",
            _json(datacite_json.build),
        ),
        ExportFormat("schemaorg", "schema.org JSON-LD", "application/ld+json", "jsonld", _json(schemaorg.build)),
        ExportFormat("csl-json", "CSL JSON", "application/vnd.citationstyles.csl+json", "json", _json(csl.build)),
        ExportFormat("bibtex", "BibTeX", "application/x-bibtex", "bib", bibtex.render),
        ExportFormat("ris", "RIS", "application/x-research-info-systems", "ris", ris.render),
    ]
    return {f.name: f for f in formats}


_FORMATS: dict[str, ExportFormat] = {}


def formats() -> dict[str, ExportFormat]:
    if not _FORMATS:
        _FORMATS.update(_registry())
    return _FORMATS


# The original document as the hub published it; served from RecordSource.original_xml, not built from the Record.
SOURCE_XML = "source-xml"
