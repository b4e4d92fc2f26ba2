"""DataCite Metadata Schema 4.6 XML (kernel-4) from a Record.

Only values of DataCite's controlled lists are written where the schema requires them (relation types, identifier
types, contributor types); anything else is left out rather than producing an invalid document.
"""

from __future__ import annotations

from lxml import etree

from catalogue.exports import common
from catalogue.exports.xmlchars import xml_text
from catalogue.records import reading
from catalogue.records.models import Record

NS = "http://datacite.org/schema/kernel-4"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{NS} https://schema.datacite.org/meta/kernel-4.6/metadata.xsd"

RELATION_TYPES = {
    t.lower(): t
    for t in (
        "IsCitedBy Cites IsSupplementTo IsSupplementedBy IsContinuedBy Continues IsDescribedBy Describes HasMetadata "
        "IsMetadataFor HasVersion IsVersionOf IsNewVersionOf IsPreviousVersionOf IsPartOf HasPart IsPublishedIn "
        "IsReferencedBy References IsDocumentedBy Documents IsCompiledBy Compiles IsVariantFormOf IsOriginalFormOf "
        "IsIdenticalTo IsReviewedBy Reviews IsDerivedFrom IsSourceOf IsRequiredBy Requires IsObsoletedBy Obsoletes "
        "Collects IsCollectedBy HasTranslation IsTranslationOf"
    ).split()
}
RELATED_IDENTIFIER_TYPES = {
    t.lower(): t
    for t in (
        "ARK arXiv bibcode CSTR DOI EAN13 EISSN Handle IGSN ISBN ISSN ISTC LISSN LSID PMID PURL RRID UPC URL URN w3id"
    ).split()
}
# ISO CI_RoleCode -> DataCite contributorType, for the parties that are not creators.
CONTRIBUTOR_TYPES = {
    "pointOfContact": "ContactPerson",
    "distributor": "Distributor",
    "custodian": "DataCurator",
    "owner": "RightsHolder",
    "resourceProvider": "Distributor",
    "processor": "DataManager",
    "sponsor": "Sponsor",
    "funder": "Sponsor",
    "collaborator": "Researcher",
    "editor": "Editor",
    "coAuthor": "Researcher",
}


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        element.text = xml_text(text)
    return element


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def build(record: Record) -> etree._Element:
    root = etree.Element(f"{{{NS}}}resource", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    # DataCite metadata is about a DOI: landing pages (the only place exports are served) exist only for records with
    # one. A record without a DOI still gets the mandatory element, empty, and its own id as an alternate identifier.
    _sub(root, "identifier", record.doi or "", identifierType="DOI")

    creators = _sub(root, "creators")
    for creator in reading.creators(record) or [reading.Creator(name=record.publisher or ":unav", organisation=True)]:
        element = _sub(creators, "creator")
        _sub(element, "creatorName", creator.name, nameType="Organizational" if creator.organisation else "Personal")
        if creator.given:
            _sub(element, "givenName", creator.given)
        if creator.family:
            _sub(element, "familyName", creator.family)
        if creator.orcid:
            _sub(element, "nameIdentifier", creator.orcid, nameIdentifierScheme="ORCID", schemeURI="https://orcid.org")
        if creator.affiliation:
            _sub(element, "affiliation", creator.affiliation)

    titles = _sub(root, "titles")
    _sub(titles, "title", record.title)
    for language, texts in sorted(reading.read(record).translations.items()):
        if texts.get("title") and texts["title"] != record.title:
            _sub(titles, "title", texts["title"], **{XML_LANG: language, "titleType": "TranslatedTitle"})

    _sub(root, "publisher", record.publisher or ":unav")
    year = common.publication_year(record) or (record.modified or record.created_at).year
    _sub(root, "publicationYear", str(year))
    general = common.resource_type_general(record)
    _sub(root, "resourceType", record.resource_type or general, resourceTypeGeneral=general)

    _add_subjects(root, record)
    _add_contributors(root, record)
    _add_dates(root, record)
    if record.language:
        _sub(root, "language", record.language)
    if record.identifier and record.identifier.lower() != (record.doi or ""):
        alternates = _sub(root, "alternateIdentifiers")
        _sub(alternates, "alternateIdentifier", record.identifier, alternateIdentifierType="Local")
    _add_related(root, record)
    if record.formats:
        formats = _sub(root, "formats")
        for value in record.formats:
            _sub(formats, "format", value)
    if record.version:
        _sub(root, "version", record.version)
    if common.license_text(record):
        rights = _sub(root, "rightsList")
        _sub(rights, "rights", common.license_text(record), rightsURI=common.license_uri(record))
    description = common.plain_text(record.abstract)
    if description:
        descriptions = _sub(root, "descriptions")
        _sub(descriptions, "description", description, descriptionType="Abstract")
        if record.lineage:
            _sub(descriptions, "description", common.plain_text(record.lineage), descriptionType="Methods")
    _add_geolocations(root, record)
    _add_funding(root, record)
    return root


def _add_subjects(root: etree._Element, record: Record) -> None:
    keywords = reading.read(record).keywords
    if not keywords:
        return
    subjects = _sub(root, "subjects")
    for keyword in keywords:
        _sub(subjects, "subject", keyword.value, subjectScheme=keyword.thesaurus)


def _add_contributors(root: etree._Element, record: Record) -> None:
    parties = [p for p in reading.read(record).organisations if p.role in CONTRIBUTOR_TYPES]
    if not parties:
        return
    contributors = _sub(root, "contributors")
    for party in parties:
        name = reading.party_name(party)
        if not name:
            continue
        element = _sub(contributors, "contributor", contributorType=CONTRIBUTOR_TYPES[party.role])
        person = party.kind == "person" or bool(party.name and party.organisation)
        _sub(element, "contributorName", name, nameType="Personal" if person else "Organizational")
        if person and party.organisation:
            _sub(element, "affiliation", party.organisation)


def dates(record: Record) -> list[tuple[str, str]]:
    """(value, DataCite dateType) pairs; the temporal extent is a Coverage interval with an empty open end."""
    values = [
        (common.temporal_interval(record, open_end=""), "Coverage"),
        (record.date_created.isoformat() if record.date_created else "", "Created"),
        (record.date_published.isoformat() if record.date_published else "", "Issued"),
        (record.date_revised.isoformat() if record.date_revised else "", "Updated"),
    ]
    return [(value, kind) for value, kind in values if value]


def _add_dates(root: etree._Element, record: Record) -> None:
    values = dates(record)
    if values:
        element = _sub(root, "dates")
        for value, kind in values:
            _sub(element, "date", value, dateType=kind)


def related_identifiers(record: Record) -> list[tuple[str, str, str]]:
    """(identifier, relatedIdentifierType, relationType) triples, only with values of DataCite's lists."""
    related = []
    for item in reading.read(record).related_identifiers:
        identifier = item.identifier
        relation = RELATION_TYPES.get(item.relation_type.lower())
        kind = RELATED_IDENTIFIER_TYPES.get(item.identifier_type.lower())
        if not kind and identifier.startswith(("http://", "https://")):
            kind = "URL"
        if relation and kind and identifier:
            related.append((identifier, kind, relation))
    parent = record.parent_identifier.strip()
    if parent.startswith(("10.", "http://", "https://")):
        related.append((parent, "DOI" if parent.startswith("10.") else "URL", "IsPartOf"))
    return related


def _add_related(root: etree._Element, record: Record) -> None:
    related = related_identifiers(record)
    if related:
        element = _sub(root, "relatedIdentifiers")
        for identifier, kind, relation in related:
            _sub(element, "relatedIdentifier", identifier, relatedIdentifierType=kind, relationType=relation)


def _add_geolocations(root: etree._Element, record: Record) -> None:
    if not record.bboxes:
        return
    locations = _sub(root, "geoLocations")
    for west, south, east, north in record.bboxes:
        box = _sub(_sub(locations, "geoLocation"), "geoLocationBox")
        _sub(box, "westBoundLongitude", _number(west))
        _sub(box, "eastBoundLongitude", _number(east))
        _sub(box, "southBoundLatitude", _number(south))
        _sub(box, "northBoundLatitude", _number(north))


def _add_funding(root: etree._Element, record: Record) -> None:
    funded = reading.read(record).funding
    if not funded:
        return
    references = _sub(root, "fundingReferences")
    for funding in funded:
        element = _sub(references, "fundingReference")
        _sub(element, "funderName", funding["funder"])
        if funding.get("award"):
            _sub(element, "awardNumber", funding["award"])
        if funding.get("award_title"):
            _sub(element, "awardTitle", funding["award_title"])


def render(record: Record) -> str:
    return etree.tostring(build(record), pretty_print=True, xml_declaration=True, encoding="UTF-8").decode()
