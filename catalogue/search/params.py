"""Request parameters -> SearchQuery. Invalid parameters are dropped and reported; everything valid is kept,
so the portal can run "the rest" of a query and the API can answer 400 with the reasons."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime

from django.utils.translation import gettext as _

from catalogue.records.unified import BBox
from catalogue.search.query import (
    BBOX_RELATIONS,
    MAX_PAGE_SIZE,
    POLE_CODES,
    REPEATABLE_PARAMS,
    SORTS,
    SearchQuery,
)

MAX_QUERY_CHARS = 500
MAX_VALUES_PER_PARAM = 20
MAX_VALUE_CHARS = 300
MAX_PAGE = 500  # deep pages cost an OFFSET scan; nobody reads page 501 of a catalogue (narrow the query instead)
MIN_YEAR, MAX_YEAR = 1000, 2999
_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}


class _Params:
    """Read str or list values from a QueryDict or a plain dict."""

    def __init__(self, params: Mapping):
        self._params = params

    def all(self, name: str) -> list[str]:
        if hasattr(self._params, "getlist"):
            values = self._params.getlist(name)
        else:
            value = self._params.get(name)
            values = [] if value is None else (list(value) if isinstance(value, list | tuple) else [value])
        return [str(v) for v in values]

    def one(self, name: str) -> str:
        """The last non-empty value (a repeated scalar parameter: the last one wins, like in forms)."""
        values = [v.strip() for v in self.all(name) if v.strip()]
        return values[-1] if values else ""


def parse_search_params(params: Mapping) -> tuple[SearchQuery, dict[str, str]]:
    p = _Params(params)
    errors: dict[str, str] = {}
    values: dict = {}

    q = " ".join(p.one("q").replace("\x00", " ").split())
    if len(q) > MAX_QUERY_CHARS:
        errors["q"] = _("The search text is too long (at most %(max)d characters).") % {"max": MAX_QUERY_CHARS}
    else:
        values["q"] = q

    for name in REPEATABLE_PARAMS:
        items = list(dict.fromkeys(v.strip().replace("\x00", "") for v in p.all(name) if v.strip()))
        if len(items) > MAX_VALUES_PER_PARAM or any(len(v) > MAX_VALUE_CHARS for v in items):
            errors[name] = _("Too many or too long values (at most %(n)d values of %(chars)d characters).") % {
                "n": MAX_VALUES_PER_PARAM,
                "chars": MAX_VALUE_CHARS,
            }
            continue
        if name == "pole":
            items = [v.upper() for v in items]
            unknown = [v for v in items if v not in POLE_CODES]
            if unknown:
                errors[name] = _("Unknown hub %(value)s: use one of %(codes)s.") % {
                    "value": ", ".join(unknown),
                    "codes": ", ".join(POLE_CODES),
                }
                items = [v for v in items if v in POLE_CODES]
        values[name] = items

    has_doi = p.one("has_doi").lower()
    if has_doi in _TRUE:
        values["has_doi"] = True
    elif has_doi in _FALSE:
        values["has_doi"] = False
    elif has_doi:
        errors["has_doi"] = _("has_doi must be true or false.")

    for name in ("year_from", "year_to"):
        _whole_number(p, name, MIN_YEAR, MAX_YEAR, values, errors)
    if values.get("year_from") is not None and values.get("year_to") is not None:
        if values["year_from"] > values["year_to"]:
            errors["year_to"] = _("The end year is before the start year.")
            del values["year_to"]

    raw_bbox = p.one("bbox")
    if raw_bbox:
        bbox, message = _parse_bbox(raw_bbox)
        if message:
            errors["bbox"] = message
        else:
            values["bbox"] = bbox
    relation = p.one("bbox_relation").lower()
    if relation:
        if relation in BBOX_RELATIONS:
            values["bbox_relation"] = relation
        else:
            errors["bbox_relation"] = _("bbox_relation must be intersects or within.")

    for name in ("start", "end"):
        raw = p.one(name)
        if raw:
            parsed = _parse_date(raw, end=name == "end")
            if parsed is None:
                errors[name] = _("Use an ISO date such as 2020-01-31 (or 2020, 2020-01).")
            else:
                values[name] = parsed
    if values.get("start") and values.get("end") and values["start"] > values["end"]:
        errors["end"] = _("The end of the time window is before its start.")
        del values["end"]

    sort = p.one("sort").lower()
    if sort:
        if sort in SORTS:
            values["sort"] = sort
        else:
            errors["sort"] = _("sort must be one of %(sorts)s.") % {"sorts": ", ".join(SORTS)}

    _whole_number(p, "page", 1, MAX_PAGE, values, errors)
    _whole_number(p, "page_size", 1, MAX_PAGE_SIZE, values, errors)

    return SearchQuery(**values), errors


def _whole_number(p: _Params, name: str, low: int, high: int, values: dict, errors: dict) -> None:
    raw = p.one(name)
    if not raw:
        return
    try:
        number = int(raw)
    except ValueError:
        errors[name] = _("%(name)s must be a whole number.") % {"name": name}
        return
    if not low <= number <= high:
        errors[name] = _("%(name)s must be between %(low)d and %(high)d.") % {"name": name, "low": low, "high": high}
        return
    values[name] = number


def _parse_bbox(raw: str) -> tuple[BBox | None, str]:
    parts = raw.split(",")
    if len(parts) != 4:
        return None, _("bbox is west,south,east,north in degrees, e.g. -10,40,10,52.")
    try:
        west, south, east, north = (float(v) for v in parts)
    except ValueError:
        return None, _("bbox is west,south,east,north in degrees, e.g. -10,40,10,52.")
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        return None, _("bbox is west,south,east,north in degrees, e.g. -10,40,10,52.")
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        return None, _("bbox longitudes must be between -180 and 180 (west > east crosses the antimeridian).")
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        return None, _("bbox latitudes must be between -90 and 90.")
    if south > north:
        return None, _("bbox south is above north.")
    return BBox(west=west, south=south, east=east, north=north), ""


def _parse_date(raw: str, end: bool) -> date | None:
    """ISO date; a bare year or year-month means its whole span (first day for a start, last day for an end)."""
    try:
        if len(raw) == 4 and raw.isdigit():
            year = int(raw)
            return date(year, 12, 31) if end else date(year, 1, 1)
        if len(raw) == 7 and raw[4] == "-":
            year, month = int(raw[:4]), int(raw[5:])
            if end:
                following = date(year + (month == 12), month % 12 + 1, 1)
                return date.fromordinal(following.toordinal() - 1)
            return date(year, month, 1)
        if len(raw) > 10 and "T" in raw:
            return datetime.fromisoformat(raw).date()
        return date.fromisoformat(raw)
    except ValueError:
        return None
