"""DataCite Metadata Schema 4.x (kernel-4) writer, the shape AERIS, Form@ter and SEANOE DOIs are registered in."""

from __future__ import annotations

from .spec import GCMD, GCMD_URL, LICENCES, NOW, SPDX, Spec
from .xmlbuild import Builder, serialise

KERNEL4 = "http://datacite.org/schema/kernel-4"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CREATOR_ROLES = {"author", "originator", "principalInvestigator"}
CONTRIBUTOR_TYPES = {
    "pointOfContact": "ContactPerson",
    "custodian": "DataManager",
    "distributor": "Distributor",
    "resourceProvider": "HostingInstitution",
    "processor": "Producer",
    "funder": "Sponsor",
    "owner": "RightsHolder",
}
# ISO scope -> DataCite resourceType text and resourceTypeGeneral
RESOURCE_TYPES = {
    "dataset": ("Dataset", "Dataset"),
    "series": ("Dataset series", "Collection"),
    "nonGeographicDataset": ("Non-geographic dataset", "Dataset"),
}
# Typical sizes of the demo datasets, picked by the slug so the files stay deterministic.
SIZES = ["1.2 GB", "350 MB", "48 GB", "12 MB", "2.7 TB"]


def write(spec: Spec) -> bytes:
    b = Builder({"dc": KERNEL4}, default_prefix="dc")
    root = b.root("dc:resource", f"{KERNEL4} https://schema.datacite.org/meta/kernel-4/metadata.xsd")
    b.el(root, "dc:identifier", spec.doi, identifierType="DOI")
    creators = b.el(root, "dc:creators")
    for contact in [c for c in spec.contacts if c.role in CREATOR_ROLES] or spec.contacts[:1]:
        creator = b.el(creators, "dc:creator")
        _name(b, creator, "dc:creatorName", contact)
    titles = b.el(root, "dc:titles")
    b.el(titles, "dc:title", spec.title).set(XML_LANG, spec.lang)
    if spec.title_alt:
        alt = b.el(titles, "dc:title", spec.title_alt, titleType="TranslatedTitle")
        alt.set(XML_LANG, "en" if spec.lang == "fr" else "fr")
    publisher = next((c.organisation for c in spec.contacts if c.role == "publisher"), "")
    b.el(root, "dc:publisher", publisher or spec.contacts[0].organisation).set(XML_LANG, "en")
    b.el(root, "dc:publicationYear", spec.published[:4])
    label, general = RESOURCE_TYPES.get(spec.level, ("Dataset", spec.resource_type))
    b.el(root, "dc:resourceType", label, resourceTypeGeneral=general)
    subjects = b.el(root, "dc:subjects")
    for group in spec.keywords:
        attrs = {}
        if group.thesaurus:
            attrs["subjectScheme"] = group.thesaurus
            if group.thesaurus_url:
                attrs["schemeURI"] = group.thesaurus_url
        for value in group.values:
            b.el(subjects, "dc:subject", value, **attrs)
    if not len(subjects):
        b.el(subjects, "dc:subject", "EARTH SCIENCE", subjectScheme=GCMD, schemeURI=GCMD_URL)
    others = [c for c in spec.contacts if c.role not in CREATOR_ROLES and c.role in CONTRIBUTOR_TYPES]
    if others:
        contributors = b.el(root, "dc:contributors")
        for contact in others:
            contributor = b.el(contributors, "dc:contributor", contributorType=CONTRIBUTOR_TYPES[contact.role])
            _name(b, contributor, "dc:contributorName", contact)
    dates = b.el(root, "dc:dates")
    for kind, value in (("Created", spec.created), ("Issued", spec.published), ("Updated", spec.revised)):
        if value:
            b.el(dates, "dc:date", value, dateType=kind)
    if spec.start is not None:
        coverage = spec.start if spec.instant else f"{spec.start}/{'' if spec.end == NOW else spec.end or ''}"
        b.el(dates, "dc:date", coverage, dateType="Collected")
    b.el(root, "dc:language", spec.lang)
    if spec.parent or spec.related:
        related = b.el(root, "dc:relatedIdentifiers")
        if spec.parent:
            b.el(related, "dc:relatedIdentifier", spec.parent, relatedIdentifierType="DOI", relationType="IsPartOf")
        for identifier, kind, relation in spec.related:
            b.el(related, "dc:relatedIdentifier", identifier, relatedIdentifierType=kind, relationType=relation)
    b.path(root, "dc:sizes", "dc:size", text=SIZES[sum(map(ord, spec.slug)) % len(SIZES)])
    if spec.formats:
        formats = b.el(root, "dc:formats")
        for name, _version in spec.formats:
            b.el(formats, "dc:format", name)
    if spec.version:
        b.el(root, "dc:version", spec.version)
    text, url, _restricted = LICENCES[spec.license]
    rights_attrs = {"rightsURI": url} if url else {}
    if spec.license in SPDX:
        rights_attrs.update(
            rightsIdentifier=SPDX[spec.license], rightsIdentifierScheme="SPDX", schemeURI="https://spdx.org/licenses/"
        )
    b.el(b.el(root, "dc:rightsList"), "dc:rights", text, **rights_attrs)
    descriptions = b.el(root, "dc:descriptions")
    b.el(descriptions, "dc:description", spec.abstract, descriptionType="Abstract").set(XML_LANG, spec.lang)
    if spec.abstract_alt:
        alt = b.el(descriptions, "dc:description", spec.abstract_alt, descriptionType="Abstract")
        alt.set(XML_LANG, "en" if spec.lang == "fr" else "fr")
    if spec.lineage:
        b.el(descriptions, "dc:description", spec.lineage, descriptionType="Methods").set(XML_LANG, spec.lang)
    if spec.boxes or spec.place:
        locations = b.el(root, "dc:geoLocations")
        for index, (west, south, east, north) in enumerate(spec.boxes or [None]):
            location = b.el(locations, "dc:geoLocation")
            if spec.place and index == 0:
                b.el(location, "dc:geoLocationPlace", spec.place)
            if west is None:
                continue
            if west == east and south == north:
                point = b.el(location, "dc:geoLocationPoint")
                b.el(point, "dc:pointLongitude", str(west))
                b.el(point, "dc:pointLatitude", str(south))
            else:
                box = b.el(location, "dc:geoLocationBox")
                for name, value in (
                    ("westBoundLongitude", west),
                    ("eastBoundLongitude", east),
                    ("southBoundLatitude", south),
                    ("northBoundLatitude", north),
                ):
                    b.el(box, f"dc:{name}", str(value))
    if spec.funding:
        funding = b.el(root, "dc:fundingReferences")
        for funder, award in spec.funding:
            reference = b.el(funding, "dc:fundingReference")
            b.el(reference, "dc:funderName", funder)
            if award:
                b.el(reference, "dc:awardNumber", award)
    return serialise(root)


def _name(b: Builder, parent, tag: str, contact) -> None:
    if contact.person:
        b.el(parent, tag, contact.person, nameType="Personal")
        family, _, given = contact.person.partition(", ")
        if given:
            b.el(parent, "dc:givenName", given)
            b.el(parent, "dc:familyName", family)
        if contact.orcid:
            b.el(
                parent,
                "dc:nameIdentifier",
                f"https://orcid.org/{contact.orcid}",
                nameIdentifierScheme="ORCID",
                schemeURI="https://orcid.org",
            )
        b.el(parent, "dc:affiliation", contact.organisation)
    else:
        b.el(parent, tag, contact.organisation, nameType="Organizational")
