"""Crosswalks: one module per metadata format, each turning bytes into a UnifiedRecord.

A crosswalk knows one format and nothing about HTTP or Django. The registry picks one by the root element's
namespace and name (or by an explicit format name); `parse_document` is the single entry point harvesters use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from catalogue.unified import UnifiedRecord
from harvesters.xmlsafe import UnsafeXMLError, parse_xml


class CrosswalkError(ValueError):
    """A document that cannot become a record (malformed, unknown format, no title/identifier). Says why."""


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
    for crosswalk in registered().values():
        if crosswalk.matches(root):
            return crosswalk
    raise CrosswalkError(f"unknown metadata format: root element {root.tag}")


def parse_element(root: etree._Element, format_name: str = "") -> tuple[str, UnifiedRecord]:
    crosswalks = registered()
    crosswalk = crosswalks.get(format_name) if format_name else None
    if crosswalk is None or not crosswalk.matches(root):
        crosswalk = detect(root)
    try:
        record = crosswalk.convert(root)
    except CrosswalkError:
        raise
    except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        raise CrosswalkError(f"{crosswalk.name}: {type(exc).__name__}: {exc}") from exc
    if not record.title.strip():
        raise CrosswalkError(f"{crosswalk.name}: record has no title")
    if not record.identifier.strip():
        raise CrosswalkError(f"{crosswalk.name}: record has no identifier")
    return crosswalk.name, record


def parse_document(content: bytes, format_name: str = "") -> tuple[str, UnifiedRecord]:
    """Bytes to (format name, UnifiedRecord). Raises CrosswalkError with a precise message."""
    try:
        root = parse_xml(content)
    except UnsafeXMLError as exc:
        raise CrosswalkError(str(exc)) from None
    return parse_element(root, format_name)


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
