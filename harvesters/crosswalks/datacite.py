"""DataCite metadata (kernel 2.x, 3.x, every 4.x, no namespace at all, or inside an oai_datacite payload).

The element names barely changed across kernel versions, only the namespace did, so the crosswalk reads children
by local name in one pass over the resource: one code path for every version, and no find() per property.
Kernel 3 writes geoLocationBox/Point as "lat lon" strings; kernel 4 uses child elements; both are read.
"""

from __future__ import annotations

import re

from lxml import etree

from catalogue.records.identifiers import find_doi, normalise_doi
from catalogue.records.unified import BBox, Keyword, Party, RelatedIdentifier, UnifiedRecord
from harvesters.crosswalks import Crosswalk, CrosswalkError, register
from harvesters.crosswalks._common import (
    LOCAL_NAMES,
    XML_LANG,
    add_box,
    bbox_of_points,
    clean,
    clean_block,
    make_bbox,
    normalise_language,
    note_issue,
    parse_date,
    to_float,
    unique,
)

_KERNEL = "http://datacite.org/schema/kernel-"
_OAI_DATACITE = "http://schema.datacite.org/oai/oai-1.0/"
_ORCID_RE = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]{1,200}>")
_TEMPORAL_DATE_TYPES = ("Coverage", "Collected", "Valid")
# info:eu-repo/semantics/openAccess and friends state access rights, not a licence.
_ACCESS_RIGHTS_PREFIX = "info:eu-repo/semantics/"


def _namespace(element: etree._Element) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def find_resource(root: etree._Element) -> etree._Element | None:
    """The DataCite <resource>: the root itself, or the one inside an oai_datacite <payload>."""
    if LOCAL_NAMES[root.tag] == "resource":
        return root
    if _namespace(root) == _OAI_DATACITE or LOCAL_NAMES[root.tag] == "oai_datacite":
        # oai_datacite puts the resource in <payload>; some DSpace versions put it straight under the envelope.
        for child in root:
            if LOCAL_NAMES[child.tag] == "resource":
                return child
            if LOCAL_NAMES[child.tag] == "payload":
                return next((grandchild for grandchild in child if LOCAL_NAMES[grandchild.tag] == "resource"), None)
    return None


def matches(root: etree._Element) -> bool:
    resource = find_resource(root)
    if resource is None:
        return False
    ns = _namespace(resource)
    # pycsw's OAI-PMH output drops the namespace: accept a bare <resource> that has DataCite's mandatory children.
    return ns.startswith(_KERNEL) or (ns == "" and resource.find("identifier") is not None)


def _text(element: etree._Element | None) -> str:
    return clean(element.text) if element is not None else ""


def _strip_markup(text: str) -> str:
    # Some repositories put HTML in descriptions (<p>...</p>, escaped in the XML): keep the words only.
    return _TAG_RE.sub("", text).strip() if "<" in text else text


def convert(root: etree._Element) -> UnifiedRecord:
    resource = find_resource(root)
    if resource is None:
        raise CrosswalkError("datacite: no <resource> element found")
    issues: dict[str, str] = {}
    # One pass over the resource's children (a find() per property costs more than the whole pass).
    sections: dict[str, etree._Element] = {}
    names = LOCAL_NAMES
    for child in resource[:]:
        name = names[child.tag]
        if name not in sections:
            sections[name] = child
    identifier_element = sections.get("identifier")
    identifier = _text(identifier_element)
    language = normalise_language(_text(sections.get("language")))
    record = UnifiedRecord(identifier=identifier, title="", metadata_standard="datacite", issues=issues)
    _read_titles(record, sections, language)
    record.language = language
    record.languages = [language] if language else []
    record.doi = find_doi(identifier) if identifier_element is None or _is_doi_type(identifier_element) else ""
    record.doi = record.doi or normalise_doi(identifier)
    record.creators = _read_creators(sections, issues)
    record.organisations = [
        *record.creators,
        *(_party(c, c.get("contributorType", "")) for c in _children(sections, "contributors", "contributor")),
    ]
    record.publisher = _text(sections.get("publisher"))
    year_text = _text(sections.get("publicationYear"))
    if year_text:
        year, bad = parse_date(year_text)
        record.publication_year = year.year if year else None
        note_issue(issues, "publication_year", bad)
    record.keywords = [
        Keyword(value, clean(subject.get("subjectScheme")))
        for subject in _children(sections, "subjects", "subject")
        if (value := _text(subject))
    ]
    _read_dates(record, sections)
    type_element = sections.get("resourceType")
    general = type_element.get("resourceTypeGeneral", "") if type_element is not None else ""
    record.resource_type = (general[:1].lower() + general[1:]) if general else ""
    _read_rights(record, sections)
    record.formats = unique(_text(f) for f in _children(sections, "formats", "format"))
    record.version = _text(sections.get("version"))
    for related in _children(sections, "relatedIdentifiers", "relatedIdentifier"):
        value = _text(related)
        if value:
            record.related_identifiers.append(
                RelatedIdentifier(value, related.get("relatedIdentifierType", ""), related.get("relationType", ""))
            )
    for alternate in _children(sections, "alternateIdentifiers", "alternateIdentifier"):
        value = _text(alternate)
        if value:
            kind = alternate.get("alternateIdentifierType", "")
            record.related_identifiers.append(RelatedIdentifier(value, kind, "IsIdenticalTo"))
            record.doi = record.doi or (normalise_doi(value) if kind.upper() == "DOI" else "")
    if not record.identifier:
        record.identifier = next(
            (x.identifier for x in record.related_identifiers if x.relation_type == "IsIdenticalTo"), ""
        )
    record.funding = [f for f in map(_funding, _children(sections, "fundingReferences", "fundingReference")) if f]
    for location in _children(sections, "geoLocations", "geoLocation"):
        for box in _geo_location(location, issues):
            add_box(record.bboxes, box)
    return record


def _children(sections: dict[str, etree._Element], container: str, name: str):
    """The ``name`` children of the resource's ``container`` property (creators/creator...)."""
    parent = sections.get(container)
    if parent is None:
        return ()
    names = LOCAL_NAMES
    return [child for child in parent[:] if names[child.tag] == name]  # a list: cheaper than a generator here


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element[:]:
        if LOCAL_NAMES[child.tag] == name:
            return child
    return None


def _is_doi_type(identifier: etree._Element) -> bool:
    return identifier.get("identifierType", "DOI").upper() == "DOI"


def _read_titles(record: UnifiedRecord, sections: dict, language: str) -> None:
    titles = [(t, _text(t)) for t in _children(sections, "titles", "title")]
    main = [(t, text) for t, text in titles if text and t.get("titleType") in (None, "", "TranslatedTitle")]
    primary = next(((t, text) for t, text in main if not t.get("titleType")), main[0] if main else (None, ""))
    record.title = primary[1]
    primary_lang = language or (normalise_language(primary[0].get(XML_LANG)) if primary[0] is not None else "")
    for title, text in main:
        lang = normalise_language(title.get(XML_LANG))
        if title is not primary[0] and lang and lang != primary_lang:
            record.translations.setdefault(lang, {}).setdefault("title", text)
    descriptions = [(d, _strip_markup(clean_block(d.text))) for d in _children(sections, "descriptions", "description")]
    abstracts = [(d, text) for d, text in descriptions if text and d.get("descriptionType") == "Abstract"]
    candidates = abstracts or [(d, text) for d, text in descriptions if text]
    in_primary = [pair for pair in candidates if normalise_language(pair[0].get(XML_LANG)) in ("", primary_lang)]
    chosen = (in_primary or candidates or [(None, "")])[0]
    record.abstract = chosen[1]
    for description, text in abstracts:
        lang = normalise_language(description.get(XML_LANG))
        if description is not chosen[0] and lang and lang != primary_lang:
            record.translations.setdefault(lang, {}).setdefault("abstract", text)
    record.lineage = next((text for d, text in descriptions if text and d.get("descriptionType") == "Methods"), "")


def _orcid(identifier: etree._Element) -> str:
    scheme = (identifier.get("nameIdentifierScheme") or "").upper()
    value = _text(identifier)
    if scheme == "ORCID" or "orcid.org" in value or "orcid.org" in (identifier.get("schemeURI") or ""):
        match = _ORCID_RE.search(value)
        if match:
            return match.group(1).upper()
    return ""


def _party(element: etree._Element, role: str, name_elements: list | None = None) -> Party:
    """A creator or contributor: one pass over its children (name, given/family names, identifiers...).

    ``name_elements``, when given, receives every creatorName element met (a creator must have exactly one).
    """
    name = name_type = given = family = orcid = ""
    affiliations = []
    for child in element[:]:
        tag = LOCAL_NAMES[child.tag]
        if tag in ("creatorName", "contributorName"):
            name, name_type = _text(child), child.get("nameType", "")
            if name_elements is not None and tag == "creatorName":
                name_elements.append(child)
        elif tag == "givenName":
            given = _text(child)
        elif tag == "familyName":
            family = _text(child)
        elif tag == "nameIdentifier":
            orcid = orcid or _orcid(child)
        elif tag == "affiliation":
            affiliations.append(_text(child) or clean(child.get("affiliationIdentifier")))
    affiliation = "; ".join(unique(affiliations))
    if not name and (given or family):
        name = f"{family}, {given}".strip(", ")
    if name_type == "Organizational":
        return Party(organisation=name, role=role, kind="organisation", affiliation=affiliation)
    kind = "person" if name_type == "Personal" or given or family or orcid else ""
    return Party(
        name=name, role=role, orcid=orcid, given_name=given, family_name=family, kind=kind, affiliation=affiliation
    )


def _read_creators(sections: dict, issues: dict[str, str]) -> list[Party]:
    creators = []
    for position, creator in enumerate(_children(sections, "creators", "creator"), start=1):
        names: list[etree._Element] = []
        party = _party(creator, "creator", names)
        if len(names) > 1:
            # Which givenName/affiliation belongs to which name is guesswork: refuse rather than invent authors.
            raise CrosswalkError(
                f"datacite: malformed creators: creator {position} holds {len(names)} creatorName elements "
                f"({'; '.join(_text(n) for n in names)}); the schema allows one per creator"
            )
        if party.name or party.organisation:
            creators.append(party)
    if not creators:
        note_issue(issues, "creators", "no creator given (DataCite requires at least one)")
    return creators


def _read_dates(record: UnifiedRecord, sections: dict) -> None:
    coverage: dict[str, str] = {}
    for element in _children(sections, "dates", "date"):
        kind = element.get("dateType", "")
        raw = _text(element)
        if not raw:
            continue
        if kind in _TEMPORAL_DATE_TYPES:
            coverage.setdefault(kind, raw)
            continue
        field = {"Created": "date_created", "Issued": "date_published", "Updated": "date_revised"}.get(kind)
        if field is None:
            continue
        value, bad = parse_date(raw.split("/", 1)[0])  # a range: its start
        if bad:
            note_issue(record.issues, field, raw)
        if value is not None and getattr(record, field) is None:
            setattr(record, field, value)
    if record.publication_year is None:
        issued = record.date_published or record.date_created
        record.publication_year = issued.year if issued else None
    raw = next((coverage[k] for k in _TEMPORAL_DATE_TYPES if k in coverage), "")
    if raw:
        start_raw, slash, end_raw = raw.partition("/")
        if not slash:
            end_raw = start_raw  # a single date: the data cover that day
        start, bad_start = parse_date(start_raw)
        end, bad_end = parse_date(end_raw)
        note_issue(record.issues, "temporal_start", bad_start)
        note_issue(record.issues, "temporal_end", bad_end)
        record.temporal_start, record.temporal_end = start, end


def _read_rights(record: UnifiedRecord, sections: dict) -> None:
    for rights in _children(sections, "rightsList", "rights"):
        text = _text(rights)
        uri = clean(rights.get("rightsURI"))
        spdx = (
            clean(rights.get("rightsIdentifier"))
            if (rights.get("rightsIdentifierScheme") or "").upper() == "SPDX"
            else ""
        )
        if uri.startswith(_ACCESS_RIGHTS_PREFIX) or (not uri and not spdx and "access" in text.lower()):
            record.constraints = unique([*record.constraints, text or uri.removeprefix(_ACCESS_RIGHTS_PREFIX)])
            continue
        if not record.license and (text or spdx or uri):
            record.license = spdx or text or uri
            record.license_url = uri if uri.startswith(("http://", "https://")) else ""
        record.constraints = unique([*record.constraints, text])


def _funding(element: etree._Element) -> dict[str, str]:
    values = {}
    for child in element[:]:
        tag = LOCAL_NAMES[child.tag]
        key = {"funderName": "funder", "funderIdentifier": "funder_identifier", "awardNumber": "award"}.get(tag)
        key = key or ("award_title" if tag == "awardTitle" else "")
        if key and _text(child):
            values[key] = _text(child)
        if tag == "awardNumber" and child.get("awardURI"):
            values["award_uri"] = clean(child.get("awardURI"))
    return values


def _numbers(text: str) -> list[float | None]:
    return [to_float(part) for part in text.split()]


def _named_numbers(element: etree._Element) -> dict[str, float | None]:
    return {LOCAL_NAMES[child.tag]: to_float(child.text) for child in element if isinstance(child.tag, str)}


def _point(element: etree._Element, issues: dict[str, str]) -> tuple[float | None, float | None]:
    """(lon, lat) of a kernel-4 point (named children) or a kernel-3 "latitude longitude" string."""
    children = element[:]
    if children:
        return _named_point(children)
    values = _numbers(element.text or "")
    if len(values) != 2 or None in values:
        return None, None
    lat, lon = values
    if abs(lat) > 90.0 >= abs(lon):
        # Not a latitude, so the writer put the longitude first (as GeoJSON does): read it that way, say so.
        note_issue(issues, "bbox", f"geoLocationPoint {clean(element.text)} read as longitude latitude")
        lat, lon = lon, lat
    return lon, lat


def _polygon_points(polygon: etree._Element, issues: dict[str, str]) -> list[tuple[float | None, float | None]]:
    """(lon, lat) of each polygonPoint (polygons have hundreds of points: no dict, no generator per point)."""
    names = LOCAL_NAMES
    points = []
    for point in polygon[:]:
        if names[point.tag] != "polygonPoint":
            continue
        children = point[:]
        points.append(_named_point(children) if children else _point(point, issues))
    return points


def _named_point(children: list[etree._Element]) -> tuple[float | None, float | None]:
    """(lon, lat) from a kernel-4 point's pointLongitude/pointLatitude children (a loop, not a dict per point)."""
    lon = lat = None
    for child in children:
        name = LOCAL_NAMES[child.tag]
        if name == "pointLongitude":
            lon = to_float(child.text)
        elif name == "pointLatitude":
            lat = to_float(child.text)
    return lon, lat


def _kernel3_box(box: etree._Element, issues: dict[str, str]) -> BBox | None:
    """A kernel-3 geoLocationBox string: "south west north east" (lower-left then upper-right, latitude first)."""
    values = _numbers(box.text or "")
    if len(values) != 4 or None in values:
        return None
    south, west, north, east = values
    result = make_bbox(west, south, east, north)
    if result is None and max(abs(south), abs(north)) > 90.0 >= max(abs(west), abs(east)):
        # Latitudes out of range but valid read the other way round: "west south east north" (longitude first).
        result = make_bbox(south, west, north, east)
        if result is not None:
            note_issue(issues, "bbox", f"geoLocationBox {clean(box.text)} read as longitude latitude")
    return result


def _note_unreadable(element: etree._Element, issues: dict[str, str]) -> None:
    raw = clean(etree.tostring(element, method="text", encoding="unicode"))
    if raw:
        note_issue(issues, "bbox", raw)


def _geo_location(location: etree._Element, issues: dict[str, str]) -> list[BBox]:
    """The boxes of one geoLocation: its box and each polygon's envelope, else its point as a box of no size."""
    boxes = []
    box = _child(location, "geoLocationBox")
    if box is not None:
        if len(box):  # kernel 4: named children
            names = ("westBoundLongitude", "southBoundLatitude", "eastBoundLongitude", "northBoundLatitude")
            values = _named_numbers(box)
            result = make_bbox(*(values.get(name) for name in names))
        else:  # kernel 3: "south west north east", latitude first
            result = _kernel3_box(box, issues)
        if result is None:
            _note_unreadable(box, issues)
        boxes.append(result)
    # geoLocationPolygon may repeat, and some writers wrap them in geoLocationPolygons.
    for polygon in location.iter(
        f"{{{_namespace(location)}}}geoLocationPolygon" if _namespace(location) else "geoLocationPolygon"
    ):
        points = _polygon_points(polygon, issues)
        boxes.append(bbox_of_points([(lon, lat) for lon, lat in points if lon is not None and lat is not None]))
    point = _child(location, "geoLocationPoint")
    if point is not None and not any(boxes):
        lon, lat = _point(point, issues)
        # A point: a box of no size, geo.py gives it an area.
        result = make_bbox(lon, lat, lon, lat) if lon is not None and lat is not None else None
        if result is None:
            _note_unreadable(point, issues)
        boxes.append(result)
    return [b for b in boxes if b is not None]


CROSSWALK = register(Crosswalk("datacite", matches, convert))
