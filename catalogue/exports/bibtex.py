"""BibTeX from a Record, following DataCite's bolognese BibTeX writer: @misc keyed by the DOI URL, the DOI
lower-cased, organisations wrapped in braces so BibTeX does not split them into first/last names."""

from __future__ import annotations

from catalogue.exports import common
from catalogue.records import reading
from catalogue.records.models import Record

# Characters with a meaning in (La)TeX; braces are escaped so every field stays balanced.
_ESCAPES = str.maketrans(
    {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_"}
)


def _escape(value: str) -> str:
    return " ".join(value.split()).translate(_ESCAPES)


def _author(creator: common.Creator) -> str:
    if creator.organisation or not creator.family:
        return "{" + _escape(creator.name) + "}"
    return _escape(f"{creator.family}, {creator.given}" if creator.given else creator.family)


def render(record: Record) -> str:
    fields = [
        ("doi", record.doi or ""),
        ("url", common.identifier_url(record)),
        ("author", " and ".join(_author(c) for c in reading.creators(record))),
        ("keywords", _escape(", ".join(common.keywords(record)))),
        ("language", _escape(record.language)),
        ("title", _escape(record.title)),
        ("publisher", _escape(record.publisher)),
        ("year", str(common.publication_year(record) or "")),
        ("version", _escape(record.version)),
        ("copyright", _escape(common.license_text(record))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{common.identifier_url(record)},\n{body}\n}}\n"
