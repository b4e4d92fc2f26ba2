"""The real-world corpus (settings.SHARED_CORPUS_DIR) as a catalogue: every record it holds, through ingest.

Single-record files are read as they are; CSW GetRecords responses and OAI-PMH ListRecords pages are split into
their records first, as a harvester would. Files that are not records (capabilities, exceptions, broken XML)
are skipped: the crosswalk tests cover their errors. Used by the geometry tests and bench/bench_geometry.py.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings
from lxml import etree

from catalogue.records.ingest import IngestItem, ingest_batch
from catalogue.records.unified import HarvestedDocument, UnifiedRecord
from common.xmlsafe import UnsafeXMLError, parse_xml
from harvesters.crosswalks import CrosswalkError, parse_document
from poles.models import HarvestSource

OAI = "{http://www.openarchives.org/OAI/2.0/}"


def corpus_files(corpus_dir: Path | None = None) -> list[Path]:
    corpus_dir = Path(corpus_dir or settings.SHARED_CORPUS_DIR)
    with (corpus_dir / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return [corpus_dir / row["local_file"] for row in csv.DictReader(handle, delimiter="\t")]


def _documents(path: Path) -> list[bytes]:
    """The record documents of one file: the file itself, or the records of a protocol page."""
    content = path.read_bytes()
    try:
        root = parse_xml(content)
    except (UnsafeXMLError, etree.XMLSyntaxError, ValueError):
        return [content]  # the crosswalk reports it (and is skipped below)
    if root.tag == f"{OAI}OAI-PMH":
        records = root.findall(f"{OAI}ListRecords/{OAI}record")
        return [etree.tostring(r) for r in records] if records else [content]
    results = next((child for child in root if str(child.tag).endswith("}SearchResults")), None)
    if results is not None:
        return [etree.tostring(child) for child in results if isinstance(child.tag, str)]
    return [content]


def corpus_records(corpus_dir: Path | None = None) -> list[tuple[str, bytes, str, UnifiedRecord]]:
    """(document id, bytes, format, unified record) of every record the corpus holds."""
    records = []
    for path in corpus_files(corpus_dir):
        if not path.name.endswith(".xml"):
            continue
        for number, content in enumerate(_documents(path)):
            try:
                format_name, record = parse_document(content)
            except CrosswalkError:
                continue
            records.append((f"{path.parent.name}/{path.name}#{number}", content, format_name, record))
    return records


def load_corpus(source_slug: str = "demo-formater", corpus_dir: Path | None = None) -> int:
    """Ingest every corpus record into ``source_slug``; returns how many documents were written."""
    source = HarvestSource.objects.get(slug=source_slug)
    items = [
        IngestItem(HarvestedDocument(doc_id, content), record, format_name)
        for doc_id, content, format_name, record in corpus_records(corpus_dir)
    ]
    ingest_batch(source, items)
    return len(items)
