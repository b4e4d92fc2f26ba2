"""DataCite JSON (the attribute layout of DataCite's REST API and of crosscite content negotiation) from a Record.

Built from the same DataCite XML tree values (common helpers + the XML module's controlled lists), so the two
DataCite serialisations cannot drift apart.
"""

from __future__ import annotations

from catalogue.exports import common, datacite_xml
from catalogue.exports.datacite_xml import CONTRIBUTOR_TYPES
from catalogue.records import reading
from catalogue.records.links import doi_url, page_url
from catalogue.records.models import Record


def _creator(creator: reading.Creator) -> dict:
    value: dict = {"nameType": "Organizational" if creator.organisation else "Personal", "name": creator.name}
    if creator.given:
        value["givenName"] = creator.given
    if creator.family:
        value["familyName"] = creator.family
    value["nameIdentifiers"] = (
        [{"nameIdentifier": creator.orcid_url, "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}]
        if creator.orcid
        else []
    )
    value["affiliation"] = [{"name": creator.affiliation}] if creator.affiliation else []
    return value


def build(record: Record) -> dict:
    general = common.resource_type_general(record)
    unified = reading.read(record)
    data: dict = {
        "id": doi_url(record.doi) if record.doi else page_url(record),
        "doi": record.doi or None,
        "url": page_url(record),
        "types": {
            "resourceTypeGeneral": general,
            "resourceType": record.resource_type or general,
            "schemaOrg": common.SCHEMA_ORG_TYPES.get(general, "CreativeWork"),
            "citeproc": common.CSL_TYPES.get(general, "article"),
            "bibtex": "misc",
            "ris": common.RIS_TYPES.get(general, "GEN"),
        },
        "creators": [_creator(c) for c in reading.creators(record)],
        "titles": [{"title": record.title}]
        + [
            {"title": t["title"], "lang": lang, "titleType": "TranslatedTitle"}
            for lang, t in sorted(unified.translations.items())
            if t.get("title") and t["title"] != record.title
        ],
        "publisher": record.publisher or None,
        "publicationYear": common.publication_year(record),
        "subjects": [
            {"subject": k.value, **({"subjectScheme": k.thesaurus} if k.thesaurus else {})} for k in unified.keywords
        ],
        "contributors": [
            {"name": reading.party_name(p), "contributorType": CONTRIBUTOR_TYPES[p.role]}
            for p in unified.organisations
            if p.role in CONTRIBUTOR_TYPES and reading.party_name(p)
        ],
        "dates": _dates(record),
        "language": record.language or None,
        "version": record.version or None,
        "rightsList": (
            [
                {
                    "rights": common.license_text(record),
                    **({"rightsUri": common.license_uri(record)} if common.license_uri(record) else {}),
                }
            ]
            if common.license_text(record)
            else []
        ),
        "descriptions": (
            [{"description": common.plain_text(record.abstract), "descriptionType": "Abstract"}]
            if record.abstract
            else []
        ),
        "geoLocations": [
            {
                "geoLocationBox": {
                    "westBoundLongitude": west,
                    "eastBoundLongitude": east,
                    "southBoundLatitude": south,
                    "northBoundLatitude": north,
                }
            }
            for west, south, east, north in record.bboxes
        ],
        "fundingReferences": [
            {
                "funderName": f["funder"],
                **({"awardNumber": f["award"]} if f.get("award") else {}),
                **({"awardTitle": f["award_title"]} if f.get("award_title") else {}),
            }
            for f in unified.funding
        ],
        "relatedIdentifiers": _related(record),
        "formats": list(record.formats),
        "schemaVersion": "http://datacite.org/schema/kernel-4",
    }
    return data


def _dates(record: Record) -> list[dict]:
    return [{"date": value, "dateType": kind} for value, kind in datacite_xml.dates(record)]


def _related(record: Record) -> list[dict]:
    return [
        {"relatedIdentifier": identifier, "relatedIdentifierType": kind, "relationType": relation}
        for identifier, kind, relation in datacite_xml.related_identifiers(record)
    ]
