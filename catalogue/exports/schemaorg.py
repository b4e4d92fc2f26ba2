"""schema.org Dataset JSON-LD from a Record, following ESIP's Science-on-Schema.org Dataset guide
(what Google Dataset Search reads)."""

from __future__ import annotations

import mimetypes

from django.conf import settings

from catalogue.exports import common
from catalogue.records import reading
from catalogue.records.links import absolute, doi_url, export_url, page_url
from catalogue.records.models import Record

DOI_REGISTRY = "https://registry.identifiers.org/registry/doi"
# Namespace of each source format, for subjectOf encodingFormat (Science-on-Schema.org "metadata records").
SOURCE_NAMESPACES = {
    "iso19139": "http://www.isotc211.org/2005/gmd",
    "iso19115-3": "http://standards.iso.org/iso/19115/-3/mdb/2.0",
    "datacite": "http://datacite.org/schema/kernel-4",
    "dublincore": "http://www.openarchives.org/OAI/2.0/oai_dc/",
}
# Google's documented bounds for Dataset.description.
DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 5000


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def geo_shape(west: float, south: float, east: float, north: float) -> dict:
    """One box as schema.org geo: GeoShape box "S W N E" (west > east kept: it crosses the antimeridian);
    a point as GeoCoordinates; a box touching a pole as a polygon (a box cannot contain a pole)."""
    if west == east and south == north:
        return {"@type": "GeoCoordinates", "latitude": south, "longitude": west}
    if north >= 90 or south <= -90:
        corners = [(south, west), (south, east), (north, east), (north, west), (south, west)]
        return {"@type": "GeoShape", "polygon": " ".join(f"{_number(lat)} {_number(lon)}" for lat, lon in corners)}
    return {"@type": "GeoShape", "box": " ".join(_number(v) for v in (south, west, north, east))}


def spatial_coverage(record: Record) -> dict | None:
    shapes = [geo_shape(*box) for box in record.bboxes]
    if not shapes:
        return None
    return {"@type": "Place", "geo": shapes[0] if len(shapes) == 1 else shapes}


def _creator(creator: common.Creator) -> dict:
    if creator.organisation:
        return {"@type": "Organization", "name": creator.name}
    person: dict = {"@type": "Person", "name": creator.name}
    if creator.orcid:
        person["@id"] = creator.orcid_url
        person["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "https://registry.identifiers.org/registry/orcid",
            "value": f"orcid:{creator.orcid}",
            "url": creator.orcid_url,
        }
    if creator.given:
        person["givenName"] = creator.given
    if creator.family:
        person["familyName"] = creator.family
    if creator.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": creator.affiliation}
    return person


def description(record: Record) -> str:
    """The abstract as text, kept within Google's 50-5000 characters: a short one is completed with the record's
    own citation facts, a long one cut at a word boundary."""
    text = common.plain_text(record.abstract)
    if len(text) < DESCRIPTION_MIN:
        facts = [f"Dataset \u201c{record.title}\u201d"]
        if record.publisher:
            facts.append(f"published by {record.publisher}")
        if common.publication_year(record):
            facts.append(f"in {common.publication_year(record)}")
        suffix = " ".join(facts) + f", catalogued by {settings.CATALOGUE_TITLE}."
        text = f"{text} {suffix}".strip() if text else suffix
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0] + "\u2026"
    return text


def _distribution(record: Record) -> list[dict]:
    downloads = []
    for resource in common.download_resources(record):
        item = {"@type": "DataDownload", "contentUrl": resource.url}
        media_type = mimetypes.guess_type(resource.url)[0]
        if media_type:
            item["encodingFormat"] = media_type
        elif record.formats:
            item["encodingFormat"] = record.formats[0]
        if resource.name:
            item["name"] = resource.name
        downloads.append(item)
    return downloads


def _subject_of(record: Record) -> list[dict]:
    """The source metadata records the dataset is described by (ISO 19139 and others), as DataDownloads."""
    if not record.doi or record.pk is None:
        return []
    items = []
    for source in reading.provenance(record, live_only=True):
        url = absolute(export_url(record, "source-xml")) + f"?source={source.source_slug}"
        encodings = ["application/xml"]
        if source.format in SOURCE_NAMESPACES:
            encodings.append(SOURCE_NAMESPACES[source.format])
        items.append(
            {
                "@type": "DataDownload",
                "name": f"{source.format} metadata record from {source.source_name}",
                "contentUrl": url,
                "encodingFormat": encodings,
                "dateModified": source.datestamp.isoformat() if source.datestamp else None,
            }
        )
        items[-1] = {k: v for k, v in items[-1].items() if v}
    return items


# DataCite relation types whose target is a work this dataset cites or is documented by (schema.org "citation").
_CITATION_RELATIONS = {"cites", "references", "isdocumentedby", "issupplementto", "isderivedfrom"}


def _citations(record: Record) -> list[str]:
    cited = []
    for item in reading.read(record).related_identifiers:
        identifier = item.identifier
        if item.relation_type.lower() not in _CITATION_RELATIONS:
            continue
        is_doi = item.identifier_type.upper() == "DOI" or identifier.startswith("10.")
        cited.append(doi_url(identifier) if is_doi and not identifier.startswith("http") else identifier)
    return cited


def build(record: Record) -> dict:
    general = common.resource_type_general(record)
    data: dict = {
        "@context": "https://schema.org/",
        "@type": common.SCHEMA_ORG_TYPES.get(general, "Dataset"),
        "@id": common.identifier_url(record),
        "name": record.title,
        "description": description(record),
        "url": page_url(record),
    }
    if record.doi:
        data["sameAs"] = doi_url(record.doi)
        data["identifier"] = {
            "@id": doi_url(record.doi),
            "@type": "PropertyValue",
            "propertyID": DOI_REGISTRY,
            "value": f"doi:{record.doi}",
            "url": doi_url(record.doi),
        }
    else:
        data["identifier"] = record.identifier
    optional = {
        "version": record.version,
        "keywords": common.keywords(record),
        "license": common.license_uri(record) or common.license_text(record),
        "creator": [_creator(c) for c in reading.creators(record)],
        "publisher": {"@type": "Organization", "name": record.publisher} if record.publisher else None,
        "datePublished": (
            record.date_published.isoformat() if record.date_published else str(common.publication_year(record) or "")
        ),
        "dateModified": record.modified.isoformat() if record.modified else "",
        "inLanguage": record.language,
        "temporalCoverage": common.temporal_interval(record),
        "spatialCoverage": spatial_coverage(record),
        "distribution": _distribution(record),
        "measurementTechnique": list(record.instruments),
        "citation": _citations(record),
        "funder": [{"@type": "Organization", "name": f["funder"]} for f in reading.read(record).funding],
        "includedInDataCatalog": {"@type": "DataCatalog", "name": settings.CATALOGUE_TITLE, "url": settings.SITE_URL},
        "subjectOf": _subject_of(record),
        "provider": [{"@type": "Organization", "name": code} for code in record.pole_codes],
    }
    data.update({key: value for key, value in optional.items() if value})
    return data
