"""A record read where it stands in its response page gives exactly what its bytes alone give.

Harvest jobs crosswalk the element the CSW or OAI-PMH client already parsed (catalogue.records.unified.HarvestedDocument
.element) instead of parsing each record's bytes again. That must not change a single field, nor an error: checked
on every record of the real CSW and OAI-PMH responses of the shared corpus, split as the clients split them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings

from catalogue.records.unified import HarvestedDocument, to_plain
from common.xmlsafe import UnsafeXMLError, parse_xml
from harvesters.crosswalks import CrosswalkError, parse_document, parse_harvested
from harvesters.protocols.base import record_bytes

CSW_RESULTS = {
    "{http://www.opengis.net/cat/csw/2.0.2}SearchResults",
    "{http://www.opengis.net/cat/csw/3.0}SearchResults",
}
CSW_BY_ID = {
    "{http://www.opengis.net/cat/csw/2.0.2}GetRecordByIdResponse",
    "{http://www.opengis.net/cat/csw/3.0}GetRecordByIdResponse",
}
OAI = "{http://www.openarchives.org/OAI/2.0/}"


def _records_in(root) -> list:
    """The record elements of a response, as harvesters/protocols/csw.py and oaipmh.py take them out."""
    records = []
    for results in root.iter(*CSW_RESULTS):
        records.extend(child for child in results if isinstance(child.tag, str))
    if root.tag in CSW_BY_ID:
        records.extend(child for child in root if isinstance(child.tag, str))
    for metadata in root.iter(f"{OAI}metadata"):
        records.extend([child for child in metadata if isinstance(child.tag, str)][:1])
    return records


def _outcome(parse, *args):
    try:
        name, record = parse(*args)
    except CrosswalkError as exc:
        return ("error", str(exc))
    return (name, to_plain(record))


def _pages(corpus_dir: Path) -> list[Path]:
    return sorted([*(corpus_dir / "csw").glob("*.xml"), *(corpus_dir / "oaipmh").glob("*.xml")])


def test_every_record_of_the_corpus_pages_reads_the_same_in_place_and_alone(corpus_dir):
    compared = 0
    for path in _pages(corpus_dir):
        try:
            root = parse_xml(path.read_bytes())
        except UnsafeXMLError:
            continue  # broken pages are the page-retry tests' business
        for element in _records_in(root):
            content = record_bytes(element)
            in_place = _outcome(parse_harvested, HarvestedDocument("x", content, element=element))
            alone = _outcome(parse_document, content)
            assert in_place == alone, f"{path.name}: {element.tag}"
            compared += 1
    assert compared >= 20  # the corpus holds dozens of records in pages: a glob gone wrong must not pass silently


@override_settings(HARVEST_MAX_DOCUMENT_BYTES=1000)
def test_the_per_document_size_limit_still_applies_to_a_record_read_in_place(corpus_dir):
    root = parse_xml((corpus_dir / "csw" / "pycsw__apiso__post_GetRecords-all.xml").read_bytes(), max_bytes=10**8)
    element = _records_in(root)[0]
    content = record_bytes(element)
    assert len(content) > 1000
    with pytest.raises(CrosswalkError, match="over the 1,000-byte limit"):
        parse_harvested(HarvestedDocument("x", content, element=element))
