"""Crosswalks: one module per metadata format, each turning bytes into a UnifiedRecord.

A crosswalk knows one format and nothing about HTTP or Django. The registry picks one by the root element's
namespace and name (or by an explicit format name); `parse_harvested` is the entry point harvest jobs use,
`parse_document` the one for bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from catalogue.records.unified import HarvestedDocument, UnifiedRecord
from common.xmlsafe import UnsafeXMLError, parse_xml, within_size_limit


class CrosswalkError(ValueError):
    """A document that cannot become a record (malformed, unknown format, no identifier). Says why."""


@dataclass(frozen=True, slots=True)
class Crosswalk:
    name: str  # iso19139, iso19115-3, datacite, dublincore
    matches: Callable[[etree._Element], bool]  # does this root element belong to the format?
    convert: Callable[[etree._Element], UnifiedRecord]


_REGISTRY: dict[str, Crosswalk] = {}


def register(crosswalk: Crosswalk) -> Crosswalk:
    _REGISTRY[crosswalk.name] = crosswalk
    return crosswalk


def registered() -> dict[str, Crosswalk]:
    _load_builtin()
    return dict(_REGISTRY)


def detect(root: etree._Element) -> Crosswalk:
    _load_builtin()
    for crosswalk in _REGISTRY.values():
        if crosswalk.matches(root):
            return crosswalk
    raise CrosswalkError(f"unknown metadata format: root element {root.tag}")


_OAI = "{http://www.openarchives.org/OAI/2.0/}"
_CSW_BY_ID = frozenset(
    {
        "{http://www.opengis.net/cat/csw/2.0.2}GetRecordByIdResponse",
        "{http://www.opengis.net/cat/csw/3.0}GetRecordByIdResponse",
    }
)


def unwrap(root: etree._Element) -> tuple[etree._Element, str]:
    """The metadata element inside a one-record envelope, and the envelope's identifier (fallback id).

    Accepts an OAI-PMH GetRecord response, an OAI-PMH <record> (as ListRecords pages contain and b2find stores) and
    a CSW GetRecordByIdResponse. Envelopes holding several records must be split by the protocol client first.
    """
    envelope_id = ""
    for _ in range(3):  # OAI-PMH > GetRecord > record > metadata: a bounded walk, never a loop
        tag = root.tag
        if tag == f"{_OAI}OAI-PMH":
            error = root.find(f"{_OAI}error")
            if error is not None:
                raise CrosswalkError(f"OAI-PMH error {error.get('code', '')}: {(error.text or '').strip()}")
            records = root.findall(f"{_OAI}*/{_OAI}record")
            if len(records) != 1:
                raise CrosswalkError(f"OAI-PMH response with {len(records)} records: split it into records first")
            root = records[0]
        elif tag == f"{_OAI}record":
            header = root.find(f"{_OAI}header")
            if header is not None:
                envelope_id = (header.findtext(f"{_OAI}identifier") or "").strip()
                if header.get("status") == "deleted":
                    raise CrosswalkError(f"OAI-PMH record {envelope_id} is deleted: it has no metadata")
            metadata = root.find(f"{_OAI}metadata")
            if metadata is None:
                raise CrosswalkError(f"OAI-PMH record {envelope_id} has no metadata element")
            children = [child for child in metadata if isinstance(child.tag, str)]
            # Some repositories put Dublin Core elements straight into <metadata>, without an oai_dc:dc wrapper.
            return (children[0] if len(children) == 1 else metadata), envelope_id
        elif tag in _CSW_BY_ID:
            children = [child for child in root if isinstance(child.tag, str)]
            if len(children) != 1:
                raise CrosswalkError(f"GetRecordByIdResponse with {len(children)} records: expected one")
            return children[0], envelope_id
        elif tag.endswith("}GetRecordsResponse"):
            results = next((child for child in root if str(child.tag).endswith("}SearchResults")), None)
            count = len([c for c in results if isinstance(c.tag, str)]) if results is not None else 0
            raise CrosswalkError(f"CSW GetRecordsResponse with {count} records: split it into records first")
        elif tag.endswith("}ExceptionReport"):
            message = " ".join(" ".join(root.itertext()).split())
            raise CrosswalkError(f"OWS exception report: {message[:300]}")
        else:
            break
    return root, envelope_id


# The key of Record.issues that marks a record harvested without a title.
MISSING_TITLE = "missing_title"


def parse_element(
    root: etree._Element, format_name: str = "", envelope_identifier: str = ""
) -> tuple[str, UnifiedRecord]:
    """``envelope_identifier``: the record's id in the harvest protocol (OAI-PMH header), used when the metadata
    has none. An envelope inside the document itself (an OAI-PMH <record>) gives one too, and wins."""
    root, envelope_id = unwrap(root)
    envelope_id = envelope_id or envelope_identifier.strip()
    _load_builtin()
    crosswalk = _REGISTRY.get(format_name) if format_name else None  # the registry itself: no copy per record
    if crosswalk is None or not crosswalk.matches(root):
        crosswalk = detect(root)
    try:
        record = crosswalk.convert(root)
    except CrosswalkError:
        raise
    except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        raise CrosswalkError(f"{crosswalk.name}: {type(exc).__name__}: {exc}") from exc
    if not record.identifier.strip() and envelope_id:
        record.identifier = envelope_id
    if not record.identifier.strip():
        raise CrosswalkError(f"{crosswalk.name}: record has no identifier")
    if not record.title.strip():
        # Kept, not refused: a catalogue harvested from a peer must hold every record the peer has. The record
        # stays untitled (its identifier is its label) and the gap is a quality issue the hub and the API show.
        record.title = ""
        record.issues[MISSING_TITLE] = f"{crosswalk.name}: the record has no title"
    return crosswalk.name, record


def parse_document(content: bytes, format_name: str = "", envelope_identifier: str = "") -> tuple[str, UnifiedRecord]:
    """Bytes to (format name, UnifiedRecord). Raises CrosswalkError with a precise message."""
    try:
        root = parse_xml(content)
    except UnsafeXMLError as exc:
        raise CrosswalkError(str(exc)) from None
    return parse_element(root, format_name, envelope_identifier)


def parse_harvested(document: HarvestedDocument) -> tuple[str, UnifiedRecord]:
    """A harvested document to (format name, UnifiedRecord): read from the element its client already parsed when
    there is one (the page it came in was parsed safely; the per-document size limit still applies), else parsed
    from its bytes."""
    if document.element is not None and within_size_limit(document.content):
        return parse_element(document.element, document.format_hint, document.envelope_identifier)
    return parse_document(document.content, document.format_hint, document.envelope_identifier)


def _load_builtin() -> None:
    # Imported lazily so each format module can register itself without import cycles.
    if _REGISTRY:
        return
    from importlib import import_module

    for module in ("iso19139", "iso19115_3", "datacite", "dublincore"):
        try:
            import_module(f"harvesters.crosswalks.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"harvesters.crosswalks.{module}":
                raise
