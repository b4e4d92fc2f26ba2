"""Cross-check of the ISO 19139 crosswalk against OWSLib's MD_Metadata (which we chose not to use: see the bench).

OWSLib reads only the first extent and is ~5x slower, but where both read a value they must agree.
"""

from __future__ import annotations

import warnings

import pytest
from lxml import etree
from owslib.iso import MD_Metadata

from catalogue.records.unified import BBox
from common.xmlsafe import parse_xml
from harvesters.crosswalks import CrosswalkError, parse_element, unwrap
from tests.crosswalks.test_crosswalk_corpus import RECORD_FILES

ISO_FILES = [name for name in RECORD_FILES if name.startswith("iso19139/")]


def _owslib(root: etree._Element) -> MD_Metadata:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return MD_Metadata(root)


@pytest.mark.parametrize("name", ISO_FILES)
def test_crosswalk_agrees_with_owslib(corpus_dir, name):
    root, _ = unwrap(parse_xml((corpus_dir / name).read_bytes()))
    try:
        _, record = parse_element(root)
    except CrosswalkError as error:  # pragma: no cover - every ISO record converts (test_crosswalk_corpus)
        pytest.fail(str(error))
    md = _owslib(root)
    if md.identifier:
        assert record.identifier == md.identifier.strip()
    identification = md.identification  # OWSLib keeps the first identification only
    if identification is None:
        return
    if identification.title:
        # OWSLib returns the CharacterString; we return the same, or the primary-language PT_FreeText text.
        assert record.title == " ".join(identification.title.split())
    box = identification.bbox
    if box is not None and None not in (box.minx, box.miny, box.maxx, box.maxy):
        west, south, east, north = (float(v) for v in (box.minx, box.miny, box.maxx, box.maxy))
        if all(-180 <= v <= 180 for v in (west, east)):
            assert BBox(west, min(south, north), east, max(south, north)) in record.bboxes
    assert len(record.bboxes) >= (1 if box is not None and box.minx not in (None, "") else 0)
