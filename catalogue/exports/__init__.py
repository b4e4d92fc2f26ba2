"""Exports of a Record: one module per format, each a plain function Record -> str or dict.

Every format is built from the unified Record through the helpers of `common`, so the same creators, title,
year, licence and DOI appear in all of them. The registry below is what the landing page, its export URLs,
content negotiation and signposting all read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from catalogue.records.models import Record

# Characters XML 1.0 cannot carry; harvested text sometimes has them, lxml refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value) -> str:
    return _NOT_XML.sub("", str(value))


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
    from catalogue.exports import bibtex, csl, datacite_json, datacite_xml, ris, schemaorg

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
