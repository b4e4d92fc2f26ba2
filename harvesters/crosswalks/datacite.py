"""DataCite metadata (kernel 2.x, 3.x, every 4.x, no namespace at all, or inside an oai_datacite payload).

The element names barely changed across kernel versions, only the namespace did, so the crosswalk reads the
resource's own namespace and looks children up by ``{namespace}name``: one code path for every version.
Kernel 3 writes geoLocationBox/Point as "lat lon" strings; kernel 4 uses child elements; both are read.
"""

from __future__ import annotations

import re

from lxml import etree

from catalogue.identifiers import find_doi, normalise_doi
from catalogue.unified import BBox, Keyword, Party, RelatedIdentifier, UnifiedRecord
from harvesters.crosswalks import Crosswalk, CrosswalkError, register
from harvesters.crosswalks._common import (
    XML_LANG,
    add_box,
    bbox_of_points,
    clean,
    clean_block,
    local_name,
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
    if local_name(root) == "resource":
        return root
    if _namespace(root) == _OAI_DATACITE or local_name(root) == "oai_datacite":
        # oai_datacite puts the resource in <payload>; some DSpace versions put it straight under the envelope.
        for child in root:
            if local_name(child) == "resource":
                return child
            if local_name(child) == "payload":
                return next((grandchild for grandchild in child if local_name(grandchild) == "resource"), None)
    return None


def matches(root: etree._Element) -> bool:
    resource = find_resource(root)
    if resource is None:
        return False
    ns = _namespace(resource)
    # pycsw's OAI-PMH output drops the namespace: accept a bare <resource> that has DataCite's mandatory children.
    return ns.startswith(_KERNEL) or (ns == "" and resource.find("identifier") is not None)


class _Reader:
    """Finds children in the resource's namespace; ``self.q('titles/title')`` -> '{ns}titles/{ns}title'."""

    __slots__ = ("prefix",)

    def __init__(self, resource: etree._Element):
        ns = _namespace(resource)
        self.prefix = f"{{{ns}}}" if ns else ""

    def q(self, path: str) -> str:
        return "/".join(self.prefix + part for part in path.split("/"))


def _text(element: etree._Element | None) -> str:
    return clean(element.text) if element is not None else ""


def _strip_markup(text: str) -> str:
    # Some repositories put HTML in descriptions (<p>...</p>, escaped in the XML): keep the words only.
    return _TAG_RE.sub("", text).strip() if "<" in text else text


def convert(root: etree._Element) -> UnifiedRecord:
    resource = find_resource(root)
    if resource is None:
        raise CrosswalkError("datacite: no <resource> element found")
    r = _Reader(resource)
    issues: dict[str, str] = {}
    identifier_element = resource.find(r.q("identifier"))
    identifier = _text(identifier_element)
    language = normalise_language(resource.findtext(r.q("language")))
    record = UnifiedRecord(identifier=identifier, title="", metadata_standard="datacite", issues=issues)
    _read_titles(record, resource, r, language)
    record.language = language
    record.languages = [language] if language else []
    record.doi = find_doi(identifier) if identifier_element is None or _is_doi_type(identifier_element) else ""
    record.doi = record.doi or normalise_doi(identifier)
    record.creators = _read_creators(resource, r, issues)
    record.organisations = [
        *record.creators,
        *(
            _party(c, r, "contributorName", c.get("contributorType", ""))
            for c in resource.iterfind(r.q("contributors/contributor"))
        ),
    ]
    record.publisher = _text(resource.find(r.q("publisher")))
    year_text = _text(resource.find(r.q("publicationYear")))
    if year_text:
        year, bad = parse_date(year_text)
        record.publication_year = year.year if year else None
        note_issue(issues, "publication_year", bad)
    record.keywords = [
        Keyword(value, clean(subject.get("subjectScheme")))
        for subject in resource.iterfind(r.q("subjects/subject"))
        if (value := _text(subject))
    ]
    _read_dates(record, resource, r)
    type_element = resource.find(r.q("resourceType"))
    general = type_element.get("resourceTypeGeneral", "") if type_element is not None else ""
    record.resource_type = (general[:1].lower() + general[1:]) if general else ""
    _read_rights(record, resource, r)
    record.formats = unique(_text(f) for f in resource.iterfind(r.q("formats/format")))
    record.version = _text(resource.find(r.q("version")))
    for related in resource.iterfind(r.q("relatedIdentifiers/relatedIdentifier")):
        value = _text(related)
        if value:
            record.related_identifiers.append(
                RelatedIdentifier(value, related.get("relatedIdentifierType", ""), related.get("relationType", ""))
            )
    for alternate in resource.iterfind(r.q("alternateIdentifiers/alternateIdentifier")):
        value = _text(alternate)
        if value:
            kind = alternate.get("alternateIdentifierType", "")
            record.related_identifiers.append(RelatedIdentifier(value, kind, "IsIdenticalTo"))
            record.doi = record.doi or (normalise_doi(value) if kind.upper() == "DOI" else "")
    if not record.identifier:
        record.identifier = next(
            (x.identifier for x in record.related_identifiers if x.relation_type == "IsIdenticalTo"), ""
        )
    record.funding = [_funding(f, r) for f in resource.iterfind(r.q("fundingReferences/fundingReference"))]
    record.funding = [f for f in record.funding if f]
    for location in resource.iterfind(r.q("geoLocations/geoLocation")):
        for box in _geo_location(location, r, issues):
            add_box(record.bboxes, box)
    return record


def _is_doi_type(identifier: etree._Element) -> bool:
    return identifier.get("identifierType", "DOI").upper() == "DOI"


def _read_titles(record: UnifiedRecord, resource: etree._Element, r: _Reader, language: str) -> None:
    titles = [(t, _text(t)) for t in resource.iterfind(r.q("titles/title"))]
    main = [(t, text) for t, text in titles if text and t.get("titleType") in (None, "", "TranslatedTitle")]
    primary = next(((t, text) for t, text in main if not t.get("titleType")), main[0] if main else (None, ""))
    record.title = primary[1]
    primary_lang = language or (normalise_language(primary[0].get(XML_LANG)) if primary[0] is not None else "")
    for title, text in main:
        lang = normalise_language(title.get(XML_LANG))
        if title is not primary[0] and lang and lang != primary_lang:
            record.translations.setdefault(lang, {}).setdefault("title", text)
    descriptions = [(d, _strip_markup(clean_block(d.text))) for d in resource.iterfind(r.q("descriptions/description"))]
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


def _orcid(element: etree._Element, r: _Reader) -> str:
    for identifier in element.iterfind(r.q("nameIdentifier")):
        scheme = (identifier.get("nameIdentifierScheme") or "").upper()
        value = _text(identifier)
        if scheme == "ORCID" or "orcid.org" in value or "orcid.org" in (identifier.get("schemeURI") or ""):
            match = _ORCID_RE.search(value)
            if match:
                return match.group(1).upper()
    return ""


def _party(element: etree._Element, r: _Reader, name_tag: str, role: str) -> Party:
    name_element = element.find(r.q(name_tag))
    name = _text(name_element)
    name_type = name_element.get("nameType", "") if name_element is not None else ""
    given = _text(element.find(r.q("givenName")))
    family = _text(element.find(r.q("familyName")))
    affiliations = unique(
        _text(a) or clean(a.get("affiliationIdentifier")) for a in element.iterfind(r.q("affiliation"))
    )
    orcid = _orcid(element, r)
    if not name and (given or family):
        name = f"{family}, {given}".strip(", ")
    if name_type == "Organizational":
        return Party(organisation=name, role=role, kind="organisation", affiliation="; ".join(affiliations))
    kind = "person" if name_type == "Personal" or given or family or orcid else ""
    return Party(
        name=name,
        role=role,
        orcid=orcid,
        given_name=given,
        family_name=family,
        kind=kind,
        affiliation="; ".join(affiliations),
    )


def _read_creators(resource: etree._Element, r: _Reader, issues: dict[str, str]) -> list[Party]:
    creators = []
    for position, creator in enumerate(resource.iterfind(r.q("creators/creator")), start=1):
        names = creator.findall(r.q("creatorName"))
        if len(names) > 1:
            # Which givenName/affiliation belongs to which name is guesswork: refuse rather than invent authors.
            raise CrosswalkError(
                f"datacite: malformed creators: creator {position} holds {len(names)} creatorName elements "
                f"({'; '.join(_text(n) for n in names)}); the schema allows one per creator"
            )
        party = _party(creator, r, "creatorName", "creator")
        if party.name or party.organisation:
            creators.append(party)
    if not creators:
        note_issue(issues, "creators", "no creator given (DataCite requires at least one)")
    return creators


def _read_dates(record: UnifiedRecord, resource: etree._Element, r: _Reader) -> None:
    coverage: dict[str, str] = {}
    for element in resource.iterfind(r.q("dates/date")):
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


def _read_rights(record: UnifiedRecord, resource: etree._Element, r: _Reader) -> None:
    for rights in resource.iterfind(r.q("rightsList/rights")):
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


def _funding(element: etree._Element, r: _Reader) -> dict[str, str]:
    values = {
        "funder": _text(element.find(r.q("funderName"))),
        "funder_identifier": _text(element.find(r.q("funderIdentifier"))),
        "award": _text(element.find(r.q("awardNumber"))),
        "award_title": _text(element.find(r.q("awardTitle"))),
    }
    award = element.find(r.q("awardNumber"))
    if award is not None and award.get("awardURI"):
        values["award_uri"] = clean(award.get("awardURI"))
    return {key: value for key, value in values.items() if value}


def _numbers(text: str) -> list[float | None]:
    return [to_float(part) for part in text.split()]


def _point(element: etree._Element, r: _Reader) -> tuple[float | None, float | None]:
    """(lon, lat) of a kernel-4 point (named children) or a kernel-3 "lat lon" string."""
    if len(element):
        return to_float(element.findtext(r.q("pointLongitude"))), to_float(element.findtext(r.q("pointLatitude")))
    values = _numbers(element.text or "")
    return (values[1], values[0]) if len(values) == 2 else (None, None)


def _geo_location(location: etree._Element, r: _Reader, issues: dict[str, str]) -> list[BBox]:
    """The boxes of one geoLocation: its box and each polygon's envelope, else its point as a box of no size."""
    boxes = []
    box = location.find(r.q("geoLocationBox"))
    if box is not None:
        if len(box):  # kernel 4: named children
            names = ("westBoundLongitude", "southBoundLatitude", "eastBoundLongitude", "northBoundLatitude")
            result = make_bbox(*(to_float(box.findtext(r.q(name))) for name in names))
        else:  # kernel 3: "south west north east", latitude first
            values = _numbers(box.text or "")
            result = make_bbox(values[1], values[0], values[3], values[2]) if len(values) == 4 else None
        raw = clean(etree.tostring(box, method="text", encoding="unicode"))
        if result is None and raw:
            note_issue(issues, "bbox", raw)
        boxes.append(result)
    # geoLocationPolygon may repeat, and some writers wrap them in geoLocationPolygons.
    for polygon in location.iter(r.q("geoLocationPolygon")):
        points = [_point(point, r) for point in polygon.iterfind(r.q("polygonPoint"))]
        boxes.append(bbox_of_points([(lon, lat) for lon, lat in points if lon is not None and lat is not None]))
    point = location.find(r.q("geoLocationPoint"))
    if point is not None and not any(boxes):
        lon, lat = _point(point, r)
        if lon is not None and lat is not None:
            boxes.append(make_bbox(lon, lat, lon, lat))  # a point: a box of no size, geo.py gives it an area
    return [b for b in boxes if b is not None]


CROSSWALK = register(Crosswalk("datacite", matches, convert))
