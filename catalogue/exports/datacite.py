"""DataCite Metadata Schema 4 from a unified Record (records with a DOI only: DataCite describes DOIs)."""

from __future__ import annotations

from lxml import etree

from catalogue.exports import xml_text
from catalogue.models import Record

KERNEL = "http://datacite.org/schema/kernel-4"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{KERNEL} http://schema.datacite.org/meta/kernel-4/metadata.xsd"
RESOURCE_TYPES = {"dataset": "Dataset", "series": "Collection", "service": "Service", "software": "Software"}


def _sub(parent: etree._Element, name: str, text: str = "", **attrib) -> etree._Element:
    element = etree.SubElement(parent, f"{{{KERNEL}}}{name}", {k: v for k, v in attrib.items() if v})
    if text:
        element.text = xml_text(text)
    return element


def _creator(parent: etree._Element, party: dict) -> None:
    creator = _sub(parent, "creator")
    kind = "Organizational" if party.get("kind") == "organisation" else ("Personal" if party.get("kind") else "")
    _sub(creator, "creatorName", party.get("name") or party.get("organisation") or "(:unav)", nameType=kind)
    if party.get("given_name"):
        _sub(creator, "givenName", party["given_name"])
    if party.get("family_name"):
        _sub(creator, "familyName", party["family_name"])
    if party.get("orcid"):
        _sub(creator, "nameIdentifier", party["orcid"], nameIdentifierScheme="ORCID", schemeURI="https://orcid.org")
    if party.get("affiliation") or (party.get("name") and party.get("organisation")):
        _sub(creator, "affiliation", party.get("affiliation") or party["organisation"])


def build_datacite(record: Record) -> etree._Element:
    if not record.doi:
        raise ValueError(f"record {record.pk} has no DOI")
    root = etree.Element(f"{{{KERNEL}}}resource", nsmap={None: KERNEL, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    _sub(root, "identifier", record.doi.upper(), identifierType="DOI")
    creators = _sub(root, "creators")
    for party in record.creators or [{"organisation": record.publisher or "Data Terra", "kind": "organisation"}]:
        _creator(creators, party)
    titles = _sub(root, "titles")
    _sub(titles, "title", record.title)
    for lang, texts in (record.translations or {}).items():
        if isinstance(texts, dict) and texts.get("title"):
            _sub(
                titles,
                "title",
                texts["title"],
                titleType="TranslatedTitle",
                **{"{http://www.w3.org/XML/1998/namespace}lang": lang},
            )
    _sub(root, "publisher", record.publisher or ", ".join(record.organisation_names or []) or "Data Terra")
    year = record.publication_year or (record.date_published.year if record.date_published else None)
    _sub(root, "publicationYear", str(year or (record.created_at.year if record.created_at else "")))
    resource_type = RESOURCE_TYPES.get(record.resource_type, record.resource_type or "Dataset")
    _sub(root, "resourceType", record.resource_type or "Dataset", resourceTypeGeneral=resource_type)
    keywords = [k for k in record.keywords or [] if isinstance(k, dict) and k.get("value")]
    if keywords:
        subjects = _sub(root, "subjects")
        for keyword in keywords:
            _sub(subjects, "subject", keyword["value"], subjectScheme=keyword.get("thesaurus", ""))
    dates = [(record.date_created, "Created"), (record.date_published, "Issued"), (record.date_revised, "Updated")]
    coverage = ""
    if record.temporal_start or record.temporal_end:
        start = record.temporal_start.isoformat() if record.temporal_start else ""
        end = record.temporal_end.isoformat() if record.temporal_end else ""
        coverage = f"{start}/{end}"
    if any(value for value, _ in dates) or coverage:
        dates_el = _sub(root, "dates")
        for value, kind in dates:
            if value:
                _sub(dates_el, "date", value.isoformat(), dateType=kind)
        if coverage:
            _sub(dates_el, "date", coverage, dateType="Collected")
    if record.language:
        _sub(root, "language", record.language)
    alternate = _sub(root, "alternateIdentifiers")
    _sub(alternate, "alternateIdentifier", record.identifier, alternateIdentifierType="local")
    related = [r for r in record.related_identifiers or [] if isinstance(r, dict) and r.get("identifier")]
    if related:
        related_el = _sub(root, "relatedIdentifiers")
        for item in related:
            _sub(
                related_el,
                "relatedIdentifier",
                item["identifier"],
                relatedIdentifierType=item.get("identifier_type") or "URL",
                relationType=item.get("relation_type") or "References",
            )
    if record.formats:
        formats = _sub(root, "formats")
        for fmt in record.formats:
            _sub(formats, "format", fmt)
    if record.version:
        _sub(root, "version", record.version)
    if record.license or record.license_url or record.constraints:
        rights = _sub(root, "rightsList")
        if record.license or record.license_url:
            _sub(rights, "rights", record.license or record.license_url, rightsURI=record.license_url)
        for text in record.constraints or []:
            _sub(rights, "rights", str(text))
    descriptions = _sub(root, "descriptions")
    _sub(descriptions, "description", record.abstract or record.title, descriptionType="Abstract")
    if record.lineage:
        _sub(descriptions, "description", record.lineage, descriptionType="Methods")
    if record.bboxes:
        locations = _sub(root, "geoLocations")
        for west, south, east, north in record.bboxes:
            box = _sub(_sub(locations, "geoLocation"), "geoLocationBox")
            for name, value in (
                ("westBoundLongitude", west),
                ("eastBoundLongitude", east),
                ("southBoundLatitude", south),
                ("northBoundLatitude", north),
            ):
                _sub(box, name, repr(float(value)))
    funding = [f for f in record.funding or [] if isinstance(f, dict) and f.get("funder")]
    if funding:
        refs = _sub(root, "fundingReferences")
        for item in funding:
            ref = _sub(refs, "fundingReference")
            _sub(ref, "funderName", item["funder"])
            if item.get("award"):
                _sub(ref, "awardNumber", item["award"])
            if item.get("award_title"):
                _sub(ref, "awardTitle", item["award_title"])
    return root
