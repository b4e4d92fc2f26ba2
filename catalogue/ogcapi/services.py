"""OGC API - Records over the catalogue's one search service: request parameters to a SearchQuery, records to
GeoJSON record features (OGC API - Records Part 1, requirements class "Record Core").

Parameters of /collections/records/items: bbox (CRS84 minx,miny,maxx,maxy), datetime (RFC 3339 instant or
interval, ".." or empty for an open end), q (free text; comma-separated terms are searched together), type (resource
type), limit (1..OGCAPI_MAX_LIMIT, larger values are reduced to it as the standard allows), offset (from 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from catalogue.records import language as record_language
from catalogue.records import reading
from catalogue.records.links import absolute, doi_url, page_url, record_path
from catalogue.records.models import Record
from catalogue.records.unified import BBox
from catalogue.search import SearchQuery, search
from catalogue.search.query import MAX_PAGE_SIZE

RECORD_CORE = "http://www.opengis.net/spec/ogcapi-records-1/1.0/req/record-core"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/landing-page",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/json",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/record-core",
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/record-collection",
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/record-api",
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/json",
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/oas30",
]
COLLECTION_ID = "records"


class ParameterError(ValueError):
    """A query parameter we cannot read: the message says which and why (shown to the client, 400)."""


@dataclass(frozen=True)
class ItemsRequest:
    query: SearchQuery
    limit: int
    offset: int


def _bbox(text: str) -> BBox:
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        raise ParameterError(_("bbox must be four numbers: minx,miny,maxx,maxy (longitude, latitude).")) from None
    if len(numbers) == 6:  # a 3D box: its horizontal part
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4:
        raise ParameterError(_("bbox must be four numbers: minx,miny,maxx,maxy (longitude, latitude)."))
    west, south, east, north = numbers
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ParameterError(_("bbox is outside -180..180 / -90..90 or its south is north of its north."))
    return BBox(west, south, east, north)


def _instant(text: str, name: str) -> date | None:
    text = text.strip()
    if text in ("", ".."):
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ParameterError(
            _("%(name)s is not an RFC 3339 date or date-time: %(value)s") % {"name": name, "value": text}
        ) from None


def _datetime(text: str) -> tuple[date | None, date | None]:
    if "/" in text:
        start_text, _sep, end_text = text.partition("/")
        start, end = _instant(start_text, "datetime"), _instant(end_text, "datetime")
        if start and end and start > end:
            raise ParameterError(_("datetime: the interval's start is after its end."))
        return start, end
    instant = _instant(text, "datetime")
    return instant, instant


def _whole(text: str, name: str, minimum: int) -> int:
    if not text.strip().isdigit() or int(text) < minimum:
        raise ParameterError(
            _("%(name)s must be a whole number from %(minimum)d.") % {"name": name, "minimum": minimum}
        )
    return int(text)


def items_request(params) -> ItemsRequest:
    """The GET parameters of /items as a search; unknown parameters are refused (OGC API - Features §7.14.2)."""
    known = {"bbox", "datetime", "q", "type", "limit", "offset", "f", "lang"}
    unknown = sorted(set(params) - known)
    if unknown:
        raise ParameterError(_("Unknown parameter: %(names)s.") % {"names": ", ".join(unknown)})
    limit = min(_whole(params.get("limit", str(settings.OGCAPI_DEFAULT_LIMIT)), "limit", 1), settings.OGCAPI_MAX_LIMIT)
    offset = _whole(params.get("offset", "0"), "offset", 0)
    start, end = _datetime(params["datetime"]) if params.get("datetime") else (None, None)
    words = " ".join(part.strip() for part in params.get("q", "").split(",") if part.strip())
    types = [t.strip() for t in params.get("type", "").split(",") if t.strip()]
    query = SearchQuery(
        q=words,
        bbox=_bbox(params["bbox"]) if params.get("bbox") else None,
        start=start,
        end=end,
        type=types,
    )
    return ItemsRequest(query, limit, offset)


def run(request: ItemsRequest, language: str) -> tuple[int, list[Record]]:
    """(number matched, the records of [offset, offset + limit)) through the search service, in its order."""
    ids: list[str] = []
    matched = 0
    # The search pages by page/page_size (at most MAX_PAGE_SIZE): read the pages covering the window.
    size = min(request.limit, MAX_PAGE_SIZE)
    first_page = request.offset // size + 1
    page = first_page
    while len(ids) < request.offset - (first_page - 1) * size + request.limit:
        result = search(request.query.replace(page=page, page_size=size), language, facets=False)
        matched = result.count
        ids += [hit.id for hit in result.hits]
        if len(result.hits) < size:
            break
        page += 1
    skip = request.offset - (first_page - 1) * size
    window = ids[skip : skip + request.limit]
    by_id = {str(pk): record for pk, record in Record.objects.public().defer("search_vector").in_bulk(window).items()}
    return matched, [by_id[i] for i in window if i in by_id]


def _polygon(box: list) -> list:
    west, south, east, north = box
    if west > east:  # across the antimeridian: GeoJSON (RFC 7946 §3.1.9) splits it in two
        return [_polygon([west, south, 180.0, north])[0], _polygon([-180.0, south, east, north])[0]]
    return [[[[west, south], [east, south], [east, north], [west, north], [west, south]]]]


def geometry(record: Record) -> dict | None:
    polygons = [polygon for box in record.bboxes or [] if len(box) == 4 for polygon in _polygon(box)]
    if not polygons:
        return None
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def _contacts(record: Record) -> list[dict]:
    contacts = []
    unified = reading.read(record)
    for party in [*unified.creators, *unified.organisations]:
        if not party.name and not party.organisation:
            continue
        contact: dict = {"roles": [party.role or "pointOfContact"]}
        if party.name:
            contact["name"] = party.name
        if party.organisation:
            contact["organization"] = party.organisation
        if party.email:
            contact["emails"] = [{"value": party.email}]
        if party.orcid:
            contact["identifier"] = f"https://orcid.org/{party.orcid}"
        if contact not in contacts:
            contacts.append(contact)
    return contacts


def record_feature(record: Record, base: str, language: str = "") -> dict:
    """One record as an OGC API - Records GeoJSON record, its title and description in `language` (records.language:
    the reader's language by default)."""
    item_url = f"{base}/collections/{COLLECTION_ID}/items/{record.pk}"
    text = record_language.text(record, language or record_language.reader_language())
    properties: dict = {
        "type": record.resource_type or "dataset",
        "title": text.title,
        "description": text.abstract,
        "keywords": [k.value for k in reading.read(record).keywords],
        "language": {"code": record.language} if record.language else None,
        "contacts": _contacts(record),
        "created": record.date_created.isoformat() if record.date_created else None,
        "updated": (record.modified or record.updated_at).isoformat().replace("+00:00", "Z"),
        "license": record.license or None,
        "formats": [{"name": name} for name in record.formats or []],
        "externalIds": [{"scheme": "default", "value": record.identifier}]
        + ([{"scheme": "https://doi.org", "value": record.doi}] if record.doi else []),
        "themes": [
            {"concepts": [{"id": code} for code in record.topic_categories],
             "scheme": "https://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_TopicCategoryCode"}
        ] if record.topic_categories else [],
        "hubs": list(record.pole_codes or []),
    }  # fmt: skip
    links = [
        {"href": item_url, "rel": "self", "type": "application/geo+json", "title": text.title},
        {"href": f"{item_url}?f=html", "rel": "alternate", "type": "text/html", "title": text.title},
        {"href": f"{base}/collections/{COLLECTION_ID}", "rel": "collection", "type": "application/json"},
        {"href": page_url(record), "rel": "describedby", "type": "text/html", "title": _("Record page")},
        {"href": absolute(record_path(record.pk)), "rel": "alternate", "type": "text/turtle",
         "title": "DCAT-AP"},
    ]  # fmt: skip
    if record.doi:
        links.append({"href": doi_url(record.doi), "rel": "cite-as", "type": "text/html", "title": "DOI"})
    for resource in reading.read(record).online_resources:
        if resource.url:
            links.append(
                {
                    "href": resource.url,
                    # The record page's "Download" links (reading.link_function) are the data: enclosures.
                    "rel": "enclosure" if reading.is_download(resource) else "related",
                    "title": resource.name or resource.description or resource.url,
                }
            )
    feature = {
        "id": str(record.pk),
        "type": "Feature",
        "conformsTo": [RECORD_CORE],
        "geometry": geometry(record),
        "time": None,
        "properties": {key: value for key, value in properties.items() if value not in (None, [], "")},
        "links": links,
    }
    if record.temporal_start or record.temporal_end:
        start = record.temporal_start.isoformat() if record.temporal_start else ".."
        end = record.temporal_end.isoformat() if record.temporal_end else ".."
        feature["time"] = {"interval": [start, end]}
    return feature


def collection(base: str) -> dict:
    from django.db.models import Max, Min

    extent = Record.objects.public().aggregate(start=Min("temporal_start"), end=Max("temporal_end"))
    return {
        "id": COLLECTION_ID,
        "type": "Collection",
        "itemType": "record",
        "title": _("Data Terra catalogue records"),
        "description": _("Every live record of the Data Terra federated catalogue (AERIS, Form@ter, ODATIS, THEIA)."),
        "extent": {
            "spatial": {"bbox": [[-180.0, -90.0, 180.0, 90.0]], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
            "temporal": {
                "interval": [[
                    extent["start"].isoformat() if extent["start"] else None,
                    extent["end"].isoformat() if extent["end"] else None,
                ]],
                "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
            },
        },
        "links": [
            {"href": f"{base}/collections/{COLLECTION_ID}", "rel": "self", "type": "application/json"},
            {"href": f"{base}/collections/{COLLECTION_ID}?f=html", "rel": "alternate", "type": "text/html"},
            {"href": f"{base}/collections/{COLLECTION_ID}/items", "rel": "items", "type": "application/geo+json"},
            {"href": f"{base}/collections/{COLLECTION_ID}/items?f=html", "rel": "items", "type": "text/html"},
            {"href": f"{settings.SITE_URL}/dcat/catalog", "rel": "alternate", "type": "text/turtle",
             "title": "DCAT-AP"},
        ],
    }  # fmt: skip
