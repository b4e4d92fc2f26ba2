"""Property tests (hypothesis): arbitrary XML trees through every crosswalk, and arbitrary parameter strings
through the search parameter parser, never raise anything but the documented errors.

Crosswalks: each real fixture record is mutated (elements dropped, duplicated, emptied, their text and attributes
replaced with arbitrary strings, foreign elements inserted) so the generated trees reach deep into each format's
reading code, plus wholly random trees. Documented outcome: a UnifiedRecord, or CrosswalkError.
Search parameters: any mapping of strings gives a SearchQuery and a dict of messages; never an exception.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from catalogue.records.unified import UnifiedRecord
from catalogue.search.params import parse_search_params
from catalogue.search.query import REPEATABLE_PARAMS, SearchQuery
from harvesters.crosswalks import CrosswalkError, parse_document, parse_element

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "crosswalks"
RECORDS = [
    "iso19139_odatis_fr_en.xml",
    "iso19139_polygons.xml",
    "iso19115_3_polygon.xml",
    "iso19115_3_theia_fr_en.xml",
    "datacite45_aeris.xml",
    "datacite3_geolocations.xml",
    "csw_record_formater.xml",
]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)

# Text that has broken parsers before: numbers at their edges, dates, coordinates, markup, controls, far planes.
tricky_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "nan",
            "inf",
            "-inf",
            "1e309",
            "-0",
            "0x1F",
            "999999999999999999999",
            "2024-02-30",
            "2024-13-01",
            "0000-00-00",
            "-180 -90 180 90",
            "1 2 3",
            "NaN NaN",
            "181",
            "-91",
            "10.1234/x y",
            "http://",
            "javascript:",
            "\u202e",
            "\ufeff",
            "𝔘𝔫𝔦",
            "a" * 5000,
        ]
    ),
)


def _tree(name: str) -> etree._Element:
    return etree.fromstring((FIXTURES / name).read_bytes())


@st.composite
def mutated_record(draw):
    root = copy.deepcopy(_tree(draw(st.sampled_from(RECORDS))))
    elements = list(root.iter(etree.Element))
    for _ in range(draw(st.integers(1, 12))):
        element = elements[draw(st.integers(0, len(elements) - 1))]
        action = draw(st.sampled_from(["text", "drop", "duplicate", "empty", "attribute", "insert"]))
        parent = element.getparent()
        if action == "text":
            element.text = _clean(draw(tricky_text))
        elif action == "drop" and parent is not None:
            parent.remove(element)
        elif action == "duplicate" and parent is not None:
            parent.insert(parent.index(element), copy.deepcopy(element))
        elif action == "empty":
            for child in list(element):
                element.remove(child)
            element.text = None
        elif action == "attribute" and element.attrib:
            key = draw(st.sampled_from(sorted(element.attrib)))
            element.set(key, _clean(draw(tricky_text)))
        elif action == "insert":
            child = etree.SubElement(element, element.tag if draw(st.booleans()) else "{urn:x}foreign")
            child.text = _clean(draw(tricky_text))
    return root


def _clean(text: str) -> str:
    """XML 1.0 cannot hold these characters at all; lxml refuses them before any crosswalk runs."""
    return "".join(
        c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
    )


@st.composite
def random_tree(draw, depth: int = 0):
    namespaces = [
        "http://www.isotc211.org/2005/gmd",
        "http://standards.iso.org/iso/19115/-3/mdb/2.0",
        "http://datacite.org/schema/kernel-4",
        "http://www.openarchives.org/OAI/2.0/",
        "http://purl.org/dc/elements/1.1/",
        "",
    ]
    names = ["MD_Metadata", "resource", "record", "metadata", "title", "identifier", "fileIdentifier", "dc", "x"]
    namespace, name = draw(st.sampled_from(namespaces)), draw(st.sampled_from(names))
    element = etree.Element(f"{{{namespace}}}{name}" if namespace else name)
    element.text = _clean(draw(tricky_text))
    if depth < 3:
        for child in draw(st.lists(random_tree(depth + 1), max_size=3)):
            element.append(child)
    return element


def _assert_documented(call) -> None:
    try:
        result = call()
    except CrosswalkError as error:
        assert str(error), "a CrosswalkError must say why"
        return
    name, record = result
    assert isinstance(record, UnifiedRecord) and record.identifier.strip()
    # An untitled record is kept and flagged (issue 16), never silently titled with nothing.
    assert record.title.strip() or "missing_title" in record.issues
    assert name in ("iso19139", "iso19115-3", "datacite", "dublincore")


@FAST
@given(mutated_record())
def test_mutated_real_records_become_records_or_a_crosswalk_error(root):
    _assert_documented(lambda: parse_element(root))
    # The same tree as bytes, through the safe parser, behaves the same way.
    _assert_documented(lambda: parse_document(etree.tostring(root)))


@FAST
@given(random_tree())
def test_random_trees_become_records_or_a_crosswalk_error(root):
    _assert_documented(lambda: parse_element(root))


@FAST
@given(st.binary(max_size=300))
def test_arbitrary_bytes_become_records_or_a_crosswalk_error(content):
    _assert_documented(lambda: parse_document(b"<?xml version='1.0'?>" + content))


PARAM_NAMES = sorted(
    {
        *REPEATABLE_PARAMS,
        "q",
        "has_doi",
        "year_from",
        "year_to",
        "bbox",
        "bbox_relation",
        "start",
        "end",
        "sort",
        "page",
        "page_size",
        "unknown",
    }
)
param_value = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"-?\d{1,4}(\.\d{1,3})?(,-?\d{1,4}(\.\d{1,3})?){0,4}", fullmatch=True),  # bbox-like
    st.from_regex(r"\d{4}(-\d{1,2}(-\d{1,2})?)?", fullmatch=True),  # date-like
    st.sampled_from(["true", "false", "0", "1e400", "NaN", "-1", "999999999999999999999", "ODATIS", "within"]),
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.dictionaries(st.sampled_from(PARAM_NAMES), st.lists(param_value, max_size=25), max_size=8))
def test_any_search_parameters_give_a_query_and_messages_never_an_exception(params):
    query, errors = parse_search_params(params)
    assert isinstance(query, SearchQuery)
    assert isinstance(errors, dict) and all(isinstance(k, str) and str(v) for k, v in errors.items())
    assert 1 <= query.page and 1 <= query.page_size <= 100
    if query.bbox is not None:
        assert -90 <= query.bbox.south <= query.bbox.north <= 90
    # What the parser accepted round-trips: the query's own parameters parse to the same query without errors.
    again, again_errors = parse_search_params({k: v for k, v in _as_lists(query.to_params())})
    assert again_errors == {} and again == query, (query.to_params(), again_errors)


def _as_lists(pairs):
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped.items()


@pytest.mark.parametrize("name", RECORDS)
def test_the_unmutated_fixtures_are_records(name):
    """The starting points are real records: the mutations start from something the crosswalks accept."""
    format_name, record = parse_element(_tree(name))
    assert record.title and record.identifier
