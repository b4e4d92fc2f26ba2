"""Dublin Core: oai_dc:dc, csw:Record / SummaryRecord / BriefRecord (CSW 2.0.2 and 3.0), bare DC in OAI <metadata>.

One pass over the children, dispatched by tag. Boxes come from ows:BoundingBox / ows:WGS84BoundingBox and from
dct:spatial / dc:coverage text (DCMI Box, "North x, South y...", points). Axis order: WGS84BoundingBox and CRS84 are
lon/lat; an EPSG:4326 BoundingBox is lat/lon in CSW 2.0.2, but GeoNetwork writes lon/lat there, so when the
declared order gives an impossible box (latitude beyond ±90, lower corner north of upper) the other order is used.
"""

from __future__ import annotations

import re

from lxml import etree

from catalogue.records.identifiers import find_doi
from catalogue.records.unified import BBox, Keyword, OnlineResource, Party, RelatedIdentifier, UnifiedRecord
from harvesters.crosswalks import Crosswalk, register
from harvesters.crosswalks._common import (
    XML_LANG,
    add_box,
    clean,
    clean_block,
    looks_like_licence,
    make_bbox,
    normalise_language,
    note_issue,
    parse_date,
    parse_datetime,
    to_float,
    unique,
    year_of,
)

DC = "{http://purl.org/dc/elements/1.1/}"
DCT = "{http://purl.org/dc/terms/}"
_OWS = ("{http://www.opengis.net/ows}", "{http://www.opengis.net/ows/2.0}")
_ROOTS = frozenset(
    f"{{{ns}}}{name}"
    for ns in ("http://www.opengis.net/cat/csw/2.0.2", "http://www.opengis.net/cat/csw/3.0")
    for name in ("Record", "SummaryRecord", "BriefRecord")
) | {"{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"}
_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"
_NAMED_LIMIT = re.compile(rf"\b(north|south|east|west)(?:limit)?\s*[=:]?\s*({_NUMBER})", re.I)
_NUMBERS = re.compile(_NUMBER)
_GRANT = re.compile(r"^info:eu-repo/grantAgreement/([^/]*)/([^/]*)/([^/]*)(?:/([^/]*))?(?:/([^/]*))?(?:/(.*))?$")


def matches(root: etree._Element) -> bool:
    if root.tag in _ROOTS:
        return True
    # OAI <metadata> holding DC elements without the oai_dc:dc wrapper (seen at the Danish heritage agency).
    return any(isinstance(child.tag, str) and child.tag.startswith(DC) for child in root)


def _corner(element: etree._Element, name: str) -> list[float | None]:
    for ows in _OWS:
        text = element.findtext(f"{ows}{name}")
        if text is not None:
            return [to_float(v) for v in text.split()]
    return []


def _box_from_corners(lower: list, upper: list, lat_first: bool) -> BBox | None:
    """LowerCorner/UpperCorner in the declared axis order, or swapped when that order is impossible."""
    if len(lower) < 2 or len(upper) < 2 or None in lower[:2] or None in upper[:2]:
        return None
    orders = (True, False) if lat_first else (False, True)
    for lat_lon in orders:
        (s, w), (n, e) = (lower[:2], upper[:2]) if lat_lon else (lower[1::-1], upper[1::-1])
        if -90 <= s <= n <= 90:
            return make_bbox(w, s, e, n)
    return None


def _ows_box(element: etree._Element, wgs84: bool) -> BBox | None:
    crs = (element.get("crs") or "").upper()
    lat_first = not wgs84 and "CRS84" not in crs and ("4326" in crs or not crs)
    return _box_from_corners(_corner(element, "LowerCorner"), _corner(element, "UpperCorner"), lat_first)


def _text_box(text: str) -> BBox | None:
    """dct:spatial / dc:coverage as text: DCMI Box, 'North x, South y, ...', a DCMI/WKT point or four numbers."""
    limits = {key.lower(): to_float(value) for key, value in _NAMED_LIMIT.findall(text)}
    if {"north", "south", "east", "west"} <= limits.keys():
        return make_bbox(limits["west"], limits["south"], limits["east"], limits["north"])
    if {"east", "north"} <= limits.keys():  # DCMI Point: east=..; north=..
        return make_bbox(limits["east"], limits["north"], limits["east"], limits["north"])
    numbers = [to_float(n.replace(",", ".")) for n in re.findall(r"[-+]?\d+(?:\.\d+)?", text)]
    if len(numbers) == 2 and None not in numbers:  # a point, written lon,lat (WKT and dcterms:POINT order)
        lon, lat = numbers
        return make_bbox(lon, lat, lon, lat) if -90 <= lat <= 90 else make_bbox(lat, lon, lat, lon)
    if len(numbers) == 4 and None not in numbers:  # "south west north east" like a GML envelope
        return _box_from_corners(numbers[:2], numbers[2:], lat_first=True)
    return None


def _temporal(record: UnifiedRecord, text: str) -> None:
    """DCMI Period (start=..; end=..), 'a/b' intervals or a single date; anything else is kept raw in issues."""
    period = dict(re.findall(r"\b(start|end)\s*=\s*([^;]+)", text, re.I))
    period = {key.lower(): value for key, value in period.items()}
    if not period:
        start, _, end = text.partition("/")
        period = {"start": start, "end": end if _ else start}
    start, bad_start = parse_date(period.get("start"))
    end, bad_end = parse_date(period.get("end"))
    if bad_start or bad_end:
        note_issue(record.issues, "temporal", text)
        return
    if start and (record.temporal_start is None or start < record.temporal_start):
        record.temporal_start = start
    if end and (record.temporal_end is None or end > record.temporal_end):
        record.temporal_end = end


def _funding(relation: str) -> dict[str, str] | None:
    """OpenAIRE grant references: info:eu-repo/grantAgreement/EC/FP7/312463/EU//FIXO3."""
    match = _GRANT.match(relation)
    if not match:
        return None
    funder, programme, award, _jurisdiction, title, acronym = match.groups()
    values = {"funder": "/".join(p for p in (funder, programme) if p), "award": award or ""}
    values["award_title"] = title or acronym or ""
    return {key: value for key, value in values.items() if value}


def _set_date(record: UnifiedRecord, field: str, raw: str) -> None:
    value, bad = parse_date(raw)
    note_issue(record.issues, field, bad)
    if value is not None and getattr(record, field) is None:
        setattr(record, field, value)


def convert(root: etree._Element) -> UnifiedRecord:
    record = UnifiedRecord(identifier="", title="", metadata_standard="dublincore")
    identifiers, titles, abstracts, descriptions, rights = [], [], [], [], []
    for element in root:
        tag = element.tag
        if not isinstance(tag, str):
            continue
        text = clean(element.text)
        if tag in (f"{DC}identifier",):
            identifiers.append(text)
        elif tag == f"{DC}title":
            titles.append((normalise_language(element.get(XML_LANG)), text))
        elif tag == f"{DCT}abstract":
            abstracts.append(clean_block(element.text))
        elif tag == f"{DC}description":
            descriptions.append(clean_block(element.text))
        elif tag == f"{DC}subject" and text:
            record.keywords.append(Keyword(text, clean(element.get("scheme"))))
        elif tag == f"{DC}creator" and text:
            record.creators.append(Party(name=text, role="creator"))
        elif tag in (f"{DC}contributor", f"{DC}publisher") and text:
            role = "publisher" if tag == f"{DC}publisher" else "contributor"
            record.organisations.append(Party(name=text, role=role))
            record.publisher = record.publisher or (text if role == "publisher" else "")
        elif tag == f"{DC}date" or tag == f"{DCT}issued":
            _set_date(record, "date_published", text)
        elif tag == f"{DCT}created":
            _set_date(record, "date_created", text)
        elif tag == f"{DCT}modified":
            _set_date(record, "date_revised", text)
            record.modified = record.modified or parse_datetime(text)[0]
        elif tag == f"{DC}type" and text:
            record.source_types = unique([*record.source_types, text])  # served by CSW as given
            if not record.resource_type:
                kind = text.rstrip("/").rsplit("/", 1)[-1]
                record.resource_type = kind[:1].lower() + kind[1:]
        elif tag in (f"{DC}rights", f"{DCT}license", f"{DCT}accessRights", f"{DCT}rights") and text:
            rights.append((tag, text))
        elif tag == f"{DC}language" and text:
            record.languages = unique([*record.languages, normalise_language(text)])
        elif tag == f"{DC}format" and text:
            record.formats = unique([*record.formats, text])
        elif tag in (f"{DC}relation", f"{DC}source") and text:
            funding = _funding(text) if tag == f"{DC}relation" else None
            if funding:
                record.funding.append(funding)
            else:
                relation = "IsDerivedFrom" if tag == f"{DC}source" else ""
                kind = "DOI" if find_doi(text) else ("URL" if text.startswith(("http://", "https://")) else "")
                record.related_identifiers.append(RelatedIdentifier(text, kind, relation))
        elif tag in (f"{DC}URI", f"{DCT}references") and text:
            record.online_resources.append(
                OnlineResource(
                    url=text,
                    protocol=clean(element.get("protocol")),
                    name=clean(element.get("name")),
                    description=clean(element.get("description")),
                )
            )
        elif tag in (f"{DCT}spatial", f"{DC}coverage") and text:
            box = _text_box(text)
            add_box(record.bboxes, box)
            if box is None and tag == f"{DCT}spatial":
                record.keywords.append(Keyword(text, "", "place"))
        elif tag == f"{DCT}temporal" and text:
            _temporal(record, text)
        elif tag.endswith("}BoundingBox") or tag.endswith("}WGS84BoundingBox"):
            box = _ows_box(element, wgs84=tag.endswith("}WGS84BoundingBox"))
            if box is None:
                note_issue(record.issues, "bbox", clean(etree.tostring(element, method="text", encoding="unicode")))
            add_box(record.bboxes, box)
    record.identifier = next((value for value in identifiers if value), "")
    record.doi = find_doi(*identifiers, *(r.url for r in record.online_resources))
    record.language = record.languages[0] if record.languages else ""
    primary = next(((lang, t) for lang, t in titles if t and lang in ("", record.language)), None)
    primary = primary or next(((lang, t) for lang, t in titles if t), ("", ""))
    record.title = primary[1]
    for lang, text in titles:
        if text and lang and text != record.title and lang != (primary[0] or record.language):
            record.translations.setdefault(lang, {}).setdefault("title", text)
    record.abstract = next((text for text in [*abstracts, *descriptions] if text), "")
    record.organisations = [*record.creators, *record.organisations]
    for _tag, text in rights:
        if not record.license and looks_like_licence(text):
            record.license = text
        if text.startswith(("http://", "https://")) and not record.license_url and looks_like_licence(text):
            record.license_url = text
    record.constraints = unique(text for _tag, text in rights)
    record.publication_year = year_of(record.date_published, record.date_created)
    return record


CROSSWALK = register(Crosswalk("dublincore", matches, convert))
