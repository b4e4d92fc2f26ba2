"""Reading an ISO identification section (MD_DataIdentification / SV_ServiceIdentification) in one pass.

Children are dispatched by local name, which is the same in ISO 19139 and ISO 19115-3 at this level: parties,
keywords, topic categories, languages, constraints and licences, extents (every box, time periods), relations.
"""

from __future__ import annotations

import re

from lxml import etree

from catalogue.records.unified import BBox, Keyword, Party, RelatedIdentifier, UnifiedRecord
from harvesters.crosswalks._common import (
    LOCAL_NAMES,
    XLINK_HREF,
    add_box,
    clean,
    looks_like_licence,
    make_bbox,
    note_issue,
    parse_date,
    to_float,
    unique,
)
from harvesters.crosswalks._gml import covers, envelope, geometry_points
from harvesters.crosswalks._iso_text import (
    NOT_AN_IDENTIFIER,
    child_code,
    child_text,
    citation_title,
    doi_in,
    first_element,
    identifier_type,
    language_of,
    prop_block,
    prop_href,
    prop_text,
)

# CI_RoleCode values of the people and organisations a citation credits as authors (DataCite "creators").
CREATOR_ROLES = frozenset({"originator", "author", "principalInvestigator", "coAuthor", "creator"})

# Keyword sets bigger than this are cut (one real record carried 34,866 keywords and crashed CKAN's harvester).
MAX_KEYWORDS = 1000

# Field readers below dispatch on the children's local names: element names are the same in 19139 and
# 19115-3 at these places, and one pass over a few children is 3-5x cheaper than one XPath call per field.
_SIDES = {"westBoundLongitude": 0, "southBoundLatitude": 1, "eastBoundLongitude": 2, "northBoundLatitude": 3}

_URL_RE = re.compile(r"https?://[^\s<>\"')]+", re.IGNORECASE)


def add_parties(record: UnifiedRecord, parties: list[Party]) -> None:
    known = {(p.name, p.organisation, p.role) for p in record.organisations}
    for party in parties:
        key = (party.name, party.organisation, party.role)
        if key in known or not (party.name or party.organisation):
            continue
        known.add(key)
        record.organisations.append(party)
        if party.role in CREATOR_ROLES:
            record.creators.append(party)
        elif party.role == "publisher" and not record.publisher:
            record.publisher = party.organisation or party.name
        elif party.role == "funder":
            funder = {"funder": party.organisation or party.name}
            if funder not in record.funding:
                record.funding.append(funder)


_IDENTIFICATION_FIELDS = frozenset(
    {
        "pointOfContact", "descriptiveKeywords", "topicCategory", "language", "defaultLocale", "otherLocale",
        "resourceConstraints", "extent", "aggregationInfo", "associatedResource", "operatesOn",
    }
)  # fmt: skip


def read_identification(record, paths, ident, locales, read_parties) -> list[BBox]:
    """One pass over an identification's children, dispatched by local name (the same in 19139 and 19115-3).

    Returns the envelopes of its bounding polygons: whether one adds a box depends on the boxes of every
    identification, so the caller decides once all are read (``add_polygon_boxes``).
    """
    language = record.language
    if not record.doi:
        record.doi = doi_in(*paths.citation_urls(ident))
    parties, groups, constraints, periods, polygons = [], [], [], [], []
    names = LOCAL_NAMES
    for child in ident[:]:
        name = names[child.tag]
        if name not in _IDENTIFICATION_FIELDS:  # citation, abstract, status, graphicOverview...: read elsewhere or not
            continue
        if name == "pointOfContact":
            party = first_element(child)
            if party is not None:
                parties.extend(read_parties(party, locales, language))
        elif name == "descriptiveKeywords":
            group = first_element(child)
            if group is not None:
                groups.append(group)
        elif name == "topicCategory":
            value = clean(getattr(first_element(child), "text", ""))
            if value and value not in record.topic_categories:
                record.topic_categories.append(value)
        elif name == "language":  # 19139: a LanguageCode or a CharacterString
            _add_language(record, language_of(child))
        elif name in ("defaultLocale", "otherLocale"):  # 19115-3: a PT_Locale
            for part in first_element(child)[:] if len(child) else ():
                if LOCAL_NAMES[part.tag] == "language":
                    _add_language(record, language_of(part))
        elif name == "resourceConstraints":
            constraint = first_element(child)
            if constraint is not None:
                constraints.append(constraint)
        elif name == "extent":
            _read_extent(record, first_element(child), periods, polygons)
        elif name in ("aggregationInfo", "associatedResource"):
            _read_related(record, first_element(child))
        elif name == "operatesOn":
            for reference in unique(((child.get("uuidref") or "").strip(), (child.get(XLINK_HREF) or "").strip())):
                related = RelatedIdentifier(reference, identifier_type(reference), "operatesOn")
                if related not in record.related_identifiers:
                    record.related_identifiers.append(related)
    add_parties(record, parties)
    _read_keywords(record, groups)
    _read_constraints(record, constraints)
    _read_temporal(record, periods)
    return polygons


def _add_language(record: UnifiedRecord, language: str) -> None:
    if language and language not in record.languages:
        record.languages.append(language)


def _read_extent(record: UnifiedRecord, extent: etree._Element | None, periods: list, polygons: list) -> None:
    """Boxes go straight to the record (every one of them); time periods are collected for _read_temporal,
    bounding polygons' envelopes for add_polygon_boxes."""
    for part in extent[:] if extent is not None else ():
        name = LOCAL_NAMES[part.tag]
        if name == "geographicElement":
            box = first_element(part)
            kind = LOCAL_NAMES[box.tag] if box is not None else ""
            if kind == "EX_GeographicBoundingBox":
                _read_box(record, box)
            elif kind == "EX_BoundingPolygon":
                _read_polygon(record, box, polygons)
        elif name == "temporalElement":
            for sub in first_element(part)[:] if len(part) else ():
                if LOCAL_NAMES[sub.tag] == "extent":
                    period = first_element(sub)
                    if period is not None:
                        periods.append(period)


def _read_box(record: UnifiedRecord, box: etree._Element) -> None:
    raw = ["", "", "", ""]  # west, south, east, north
    for child in box[:]:
        side = _SIDES.get(LOCAL_NAMES[child.tag])
        if side is not None:
            raw[side] = child_text(child)
    west, south, east, north = raw
    bbox = make_bbox(to_float(west), to_float(south), to_float(east), to_float(north))
    if bbox is None and any(raw):
        note_issue(record.issues, "bbox", " ".join(raw))
    add_box(record.bboxes, bbox)


def _read_polygon(record: UnifiedRecord, element: etree._Element, polygons: list[BBox]) -> None:
    """The envelope of an EX_BoundingPolygon's geometries, unless extentTypeCode says the area is excluded."""
    for child in element[:]:
        name = LOCAL_NAMES[child.tag]
        if name == "extentTypeCode" and child_text(child).lower() in ("false", "0"):
            return  # an area the resource does NOT cover: no box for it
        if name == "polygon":
            for geometry in child[:]:
                if not LOCAL_NAMES[geometry.tag]:
                    continue
                lons, lats, bad = geometry_points(geometry)
                box = envelope(lons, lats)
                if bad or (lons and box is None):
                    note_issue(record.issues, "bbox", f"polygon {geometry.get('srsName') or ''}".strip())
                if box is not None and box not in polygons:
                    polygons.append(box)


def add_polygon_boxes(record: UnifiedRecord, polygons: list[BBox]) -> None:
    """A polygon's envelope becomes a box when no EX_GeographicBoundingBox of the record already covers it."""
    boxes = list(record.bboxes)
    for polygon in polygons:
        if not any(covers(box, polygon) for box in boxes):
            add_box(record.bboxes, polygon)


def _citation_code(citation: etree._Element | None) -> str:
    """The identifier code (or its Anchor's href) of a CI_Citation: the id of an associated resource."""
    for child in citation[:] if citation is not None else ():
        if LOCAL_NAMES[child.tag] == "identifier":
            for part in first_element(child)[:] if len(child) else ():
                if LOCAL_NAMES[part.tag] == "code":
                    return prop_text(part) or prop_href(part)
    return ""


def _read_related(record: UnifiedRecord, element: etree._Element | None) -> None:
    """gmd:MD_AggregateInformation or mri:MD_AssociatedResource -> a related identifier with its association."""
    code = relation = ""
    for child in element[:] if element is not None else ():
        name = LOCAL_NAMES[child.tag]
        if name == "aggregateDataSetIdentifier":  # 19139: an MD_Identifier
            for part in first_element(child)[:] if len(child) else ():
                if LOCAL_NAMES[part.tag] == "code":
                    code = code or prop_text(part) or prop_href(part)
        elif name in ("name", "metadataReference"):  # 19115-3: a CI_Citation
            code = code or _citation_code(first_element(child))
        elif name == "associationType":
            relation = child_code(child)
    if code:
        kind = "DOI" if doi_in(code) else identifier_type(code)
        record.related_identifiers.append(RelatedIdentifier(code, kind, relation))


def _read_keywords(record, groups: list[etree._Element]) -> None:
    seen = {(k.value, k.thesaurus, k.type) for k in record.keywords} if record.keywords else set()
    names = LOCAL_NAMES
    for group in groups:
        kind = thesaurus = ""
        values = []
        for child in group[:]:
            name = names[child.tag]
            if name == "keyword":
                values.append(prop_text(child))
            elif name == "type":
                kind = child_code(child)
            elif name == "thesaurusName":
                thesaurus = citation_title(child)
        for value in values:
            if not value or (value, thesaurus, kind) in seen:
                continue
            if len(record.keywords) >= MAX_KEYWORDS:
                note_issue(record.issues, "keywords", f"more than {MAX_KEYWORDS} keywords, the rest dropped")
                return
            seen.add((value, thesaurus, kind))
            record.keywords.append(Keyword(value, thesaurus, kind))
            if kind == "platform" and value not in record.platforms:
                record.platforms.append(value)
            elif kind == "instrument" and value not in record.instruments:
                record.instruments.append(value)


_LONGEST_PLACEHOLDER = max(map(len, NOT_AN_IDENTIFIER))


def _read_constraints(record, constraints: list[etree._Element]) -> None:
    """useLimitation / otherConstraints texts (and Anchor URLs), restriction codes, 19115-3 licence references."""
    texts, urls, codes = [], [], []

    def add_text(prop: etree._Element) -> None:
        text = prop_block(prop)
        href = prop_href(prop)
        if len(text) <= _LONGEST_PLACEHOLDER and text.lower() in NOT_AN_IDENTIFIER:  # "None", "N/A": placeholders
            text = ""
        if text:
            texts.append(text)
        if not (href or not record.license):
            return  # nothing below would use the licence test: use-limitation paragraphs can be long
        licence = looks_like_licence(text)
        if href and (licence or looks_like_licence(href)):
            urls.append(href)
        if not record.license and licence:
            record.license = text

    for constraint in constraints:
        for child in constraint[:]:
            name = LOCAL_NAMES[child.tag]
            if name in ("useLimitation", "otherConstraints"):
                add_text(child)
            elif name in ("accessConstraints", "useConstraints"):
                codes.append(child_code(child))
            elif name == "reference":  # 19115-3: the licence as a cited document, often with its URL
                for part in first_element(child)[:] if len(child) else ():
                    if LOCAL_NAMES[part.tag] == "title":
                        add_text(part)
                    elif LOCAL_NAMES[part.tag] == "onlineResource":
                        for link in first_element(part)[:] if len(part) else ():
                            if LOCAL_NAMES[link.tag] == "linkage":
                                urls.append(child_text(link))
    record.constraints = unique([*record.constraints, *texts, *(c for c in codes if c != "otherRestrictions")])
    if record.license:
        urls += [u for u in _URL_RE.findall(record.license) if looks_like_licence(u) or u == record.license]
    if not record.license_url:
        record.license_url = next((url for url in urls if url), "")
    if not record.license and record.license_url:
        record.license = record.license_url


def _read_temporal(record: UnifiedRecord, periods: list[etree._Element]) -> None:
    starts, ends, open_end = [], [], False
    for period in periods:
        begin, end = _time_positions(period)
        for side, (raw, indeterminate), bucket in (("temporal_start", begin, starts), ("temporal_end", end, ends)):
            value, bad = parse_date(raw)
            if bad:
                note_issue(record.issues, side, bad)
            if value is not None:
                bucket.append(value)
            elif side == "temporal_end" and not bad and (indeterminate in ("now", "unknown") or not raw.strip()):
                open_end = True
    if starts:
        record.temporal_start = min(starts)
    if ends and not open_end:
        record.temporal_end = max(ends)


def _time_positions(period: etree._Element) -> tuple[tuple[str, str], tuple[str, str]]:
    """((begin text, indeterminatePosition), (end text, ...)) of a gml TimePeriod or TimeInstant (GML 3.1 or 3.2).

    A period writes beginPosition/endPosition, or begin/end holding a TimeInstant with a timePosition.
    """
    if LOCAL_NAMES[period.tag] == "TimeInstant":
        position = _instant_position(period)
        return position, position
    begin = end = ("", "")
    for child in period[:]:
        name = LOCAL_NAMES[child.tag]
        if name == "beginPosition":
            begin = _position(child)
        elif name == "endPosition":
            end = _position(child)
        elif name in ("begin", "end"):
            position = next((_instant_position(instant) for instant in child if isinstance(instant.tag, str)), ("", ""))
            begin, end = (position, end) if name == "begin" else (begin, position)
    return begin, end


def _position(element: etree._Element) -> tuple[str, str]:
    return (element.text or "").strip(), (element.get("indeterminatePosition") or "").strip()


def _instant_position(instant: etree._Element) -> tuple[str, str]:
    for child in instant[:]:
        if LOCAL_NAMES[child.tag] == "timePosition":
            return _position(child)
    return "", ""
