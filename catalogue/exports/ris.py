"""RIS from a Record (bolognese's RIS writer): CRLF line ends, "TAG  - value", TY first and "ER  - " last."""

from __future__ import annotations

from catalogue.exports import common
from catalogue.records import reading
from catalogue.records.links import page_url
from catalogue.records.models import Record


def render(record: Record) -> str:
    lines = [("TY", common.RIS_TYPES.get(common.resource_type_general(record), "GEN")), ("T1", record.title)]
    lines += [("AU", creator.name) for creator in reading.creators(record)]
    lines += [
        ("DO", record.doi or ""),
        ("UR", page_url(record)),
        ("AB", " ".join(common.plain_text(record.abstract).split())),
    ]
    lines += [("KW", keyword) for keyword in common.keywords(record)]
    lines += [
        ("PY", str(common.publication_year(record) or "")),
        ("PB", record.publisher),
        ("ET", record.version),
        ("LA", record.language),
    ]
    text = "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"
