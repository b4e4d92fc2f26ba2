"""Helpers every crosswalk shares: compiled XPath, text cleaning, tolerant dates, languages, boxes.

Nothing here knows a metadata format. Dates never raise: a value we cannot read comes back with its raw text so
the crosswalk can keep it in ``UnifiedRecord.issues`` instead of failing the whole record.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta, timezone

from lxml import etree

from catalogue.records.geo import normalise_longitude
from catalogue.records.unified import BBox

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


_PREFIX = re.compile(r"([A-Za-z_][\w.-]*):(?!:)")


def xpath(expression: str, namespaces: dict[str, str]) -> etree.XPath:
    """Compile once at import: a compiled XPath is several times faster than ``element.xpath(str)``.

    lxml registers the namespaces and (unless regexp=False) the EXSLT regular-expression functions on every
    call: with only the prefixes the expression uses and no EXSLT, a call costs 0.64 us instead of 0.93 us,
    and a record makes some thirty calls. None of our expressions uses EXSLT.
    """
    used = set(_PREFIX.findall(expression))
    return etree.XPath(
        expression,
        namespaces={prefix: uri for prefix, uri in namespaces.items() if prefix in used},
        smart_strings=False,
        regexp=False,
    )


class _LocalNames(dict):
    """'{ns}name' -> 'name' ('' for comments and processing instructions, whose tag is a function).

    Read as ``LOCAL_NAMES[element.tag]``: a dict subscript that hits costs a third of a function call, and the
    crosswalks name ~90 elements a record. Only a tag never seen before goes through ``__missing__``.
    """

    def __missing__(self, tag) -> str:
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if len(self) < 10_000:  # bounded: a hostile document cannot grow it without limit
            self[tag] = name
        return name


LOCAL_NAMES = _LocalNames()


def local_name(element: etree._Element) -> str:
    return LOCAL_NAMES[element.tag]


def unmangle(text: str) -> str:
    """Repair UTF-8 read as Latin-1 ("PatiÃ±o" -> "Patiño"), a common fault of exports; anything else unchanged."""
    if "Ã" not in text and "Â" not in text:
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:  # genuine Latin-1 text (or not mojibake at all): keep it
        return text


def clean(text: str | None) -> str:
    """One line of text: surrounding space removed, inner runs of whitespace collapsed."""
    if not text:
        return ""
    if text.isprintable() and "  " not in text:
        # No whitespace but single ASCII spaces (isprintable is False for newlines, tabs, NBSP and other spaces):
        # the collapse below would only strip. Most values take this path, at half the cost.
        text = text.strip()
    else:
        text = " ".join(text.split())
    # unmangle's test inlined: clean runs ~40 times a record and the repair is almost never needed.
    return unmangle(text) if "Ã" in text or "Â" in text else text


def clean_block(text: str | None) -> str:
    """A paragraph (abstract, lineage): line breaks kept, blank surroundings dropped."""
    if not text:
        return ""
    return unmangle(text.strip())


def element_text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return clean(element.text)


def unique(values) -> list:
    """Order-preserving de-duplication, empty values dropped."""
    seen: set = set()
    out = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out


# --- dates ----------------------------------------------------------------------------------------------------

# Years, months, days, optional time and zone: 2019 | 2019-05 | 2019-05-03 | 2019-05-03T10:00:00.123Z | 20190503
_DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-?(?P<m>\d{2})(?:-?(?P<d>\d{2}))?)?"
    r"(?:[T ](?P<H>\d{2})(?::?(?P<M>\d{2})(?::?(?P<S>\d{2})(?:[.,]\d+)?)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
# Values that mean "no date" rather than "a bad date": an open end of a period, placeholders.
OPEN_DATE_WORDS = frozenset({"", "now", "unknown", "present", "ongoing", "current", "open", "..", "none", "null"})


def _match_date(raw: str | None) -> tuple[re.Match | None, str]:
    """The shared first half of parse_date/parse_datetime: (match, "") when readable, (None, "") for an empty or
    open value, (None, text) for a value we could not read."""
    if raw is None:
        return None, ""
    text = raw.strip()
    if text.lower() in OPEN_DATE_WORDS:
        return None, ""
    match = _DATE_RE.match(text)
    return (match, "") if match else (None, text)


def parse_date(raw: str | None) -> tuple[date | None, str]:
    """Read a date leniently. Returns (date, "") when understood, (None, "") for an empty/open value,
    and (None, raw) for a value we could not read (caller keeps it in ``issues``)."""
    match, bad = _match_date(raw)
    if match is None:
        return None, bad
    try:
        return date(int(match["y"]), int(match["m"] or 1), int(match["d"] or 1)), ""
    except ValueError:
        return None, match.string


def parse_datetime(raw: str | None) -> tuple[datetime | None, str]:
    """Like ``parse_date`` but keeps the time; naive values are taken as UTC (metadata rarely says otherwise)."""
    match, bad = _match_date(raw)
    if match is None:
        return None, bad
    text = match.string
    zone = match["tz"]
    tz = UTC
    if zone and zone != "Z":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        tz = timezone(timedelta(minutes=minutes if zone[0] == "+" else -minutes))
    try:
        value = datetime(
            int(match["y"]),
            int(match["m"] or 1),
            int(match["d"] or 1),
            int(match["H"] or 0),
            int(match["M"] or 0),
            int(match["S"] or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None, text
    return value.astimezone(UTC), ""


def year_of(*values: date | None) -> int | None:
    for value in values:
        if value is not None:
            return value.year
    return None


# --- languages ------------------------------------------------------------------------------------------------

# ISO 639-2 (bibliographic and terminology codes) and English names to ISO 639-1, for the languages we meet.
_LANGUAGES = {
    "fre": "fr", "fra": "fr", "french": "fr", "français": "fr", "francais": "fr",
    "eng": "en", "english": "en", "anglais": "en",
    "ger": "de", "deu": "de", "german": "de", "deutsch": "de",
    "ita": "it", "italian": "it", "roh": "rm", "spa": "es", "spanish": "es", "por": "pt", "dut": "nl", "nld": "nl",
    "gre": "el", "ell": "el", "dan": "da", "swe": "sv", "nor": "no", "nob": "nb", "fin": "fi", "pol": "pl",
    "cze": "cs", "ces": "cs", "slv": "sl", "slo": "sk", "slk": "sk", "hun": "hu", "rum": "ro", "ron": "ro",
    "bul": "bg", "hrv": "hr", "est": "et", "lav": "lv", "lit": "lt", "gle": "ga", "wel": "cy", "cym": "cy",
    "ice": "is", "isl": "is", "rus": "ru", "ukr": "uk", "tur": "tr", "jpn": "ja", "chi": "zh", "zho": "zh",
    "cat": "ca", "baq": "eu", "eus": "eu", "glg": "gl", "mlt": "mt", "ltz": "lb",
}  # fmt: skip


def normalise_language(value: str | None) -> str:
    """'fre', 'fra', 'FR', 'fr-FR', 'eng; CAN', 'French' -> ISO 639-1 ('fr', 'en'); unknown codes kept lower-case."""
    if not value:
        return ""
    try:
        return _NORMALISED_LANGUAGES[value]  # a handful of distinct values ("fre", "eng; CAN") in a harvest
    except KeyError:
        pass
    normalised = _normalise_language(value)
    if len(_NORMALISED_LANGUAGES) < 1000:  # bounded: a hostile feed cannot grow it without limit
        _NORMALISED_LANGUAGES[value] = normalised
    return normalised


_NORMALISED_LANGUAGES: dict[str, str] = {}
_LANGUAGE_SEPARATORS = re.compile(r"[;,\s_]")


def _normalise_language(value: str) -> str:
    text = clean(value).lower()
    if not text:
        return ""
    token = _LANGUAGE_SEPARATORS.split(text, maxsplit=1)[0]
    if "-" in token and len(token.split("-", 1)[0]) in (2, 3):
        token = token.split("-", 1)[0]
    if len(token) == 2 and token.isalpha():
        return token
    return _LANGUAGES.get(token, token)


# --- licences -------------------------------------------------------------------------------------------------

# Words that mark a licence statement or URL (lower case). Substring tests: a case-insensitive regex with these
# alternatives cost 30 us a record on long use-limitation paragraphs.
_LICENCE_MARKS = (
    "licen", "lizenz", "creative commons", "creativecommons", "cc-by", "cc by", "cc0", "cc-0", "cc zero",
    "etalab", "odbl", "open data commons", "opendatacommons", "public domain", "spdx.org",
)  # fmt: skip


def looks_like_licence(text: str) -> bool:
    if not text:
        return False
    lowered = text.lower()
    for mark in _LICENCE_MARKS:  # a plain loop: any() over a generator costs more than the tests themselves
        if mark in lowered:
            return True
    return False


# --- boxes ----------------------------------------------------------------------------------------------------


def to_float(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def make_bbox(west: float | None, south: float | None, east: float | None, north: float | None) -> BBox | None:
    """A box in -180..180 / -90..90, or None when a coordinate is missing or impossible.

    West > east is kept: it means the box crosses the antimeridian. 0..360 longitudes are wrapped; a box as wide
    as the world (0..360, or the inverted 180..-180 some catalogues write) becomes -180..180.
    """
    if west is None or south is None or east is None or north is None:
        return None
    if not (-90.0 <= south <= 90.0 and -90.0 <= north <= 90.0):
        return None
    if not (-360.0 <= west <= 360.0 and -360.0 <= east <= 360.0):
        return None
    if east - west >= 360.0 or (west == 180.0 and east == -180.0):
        west, east = -180.0, 180.0
    elif not (-180.0 <= west <= 180.0 and -180.0 <= east <= 180.0):  # the common case needs no wrapping
        west, east = normalise_longitude(west), normalise_longitude(east)
    if south > north:
        south, north = north, south
    return BBox(west=west, south=south, east=east, north=north)


def add_box(boxes: list[BBox], box: BBox | None) -> None:
    """Keep every distinct box: a record with several areas (or dataset + service blocks) lists them all once."""
    if box is not None and box not in boxes:
        boxes.append(box)


def bbox_of_points(points: list[tuple[float, float]]) -> BBox | None:
    """The box around (lon, lat) points: a polygon's envelope or a point's degenerate box."""
    if not points:
        return None
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    return make_bbox(min(lons), min(lats), max(lons), max(lats))


def note_issue(issues: dict[str, str], key: str, raw: str) -> None:
    """Remember a value we could not read; several bad values under one key are joined, none is lost."""
    if not raw:
        return
    if key in issues and raw not in issues[key].split(" | "):
        issues[key] = f"{issues[key]} | {raw}"
    else:
        issues[key] = raw
