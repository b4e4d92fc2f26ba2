"""DataCite 4 as a pycsw output schema (outputSchema=http://datacite.org/schema/kernel-4), CSW 2.0.2 and 3.0.

pycsw 2.6.2 has no DataCite writer. Its output schemas are plain modules with NAMESPACE, NAMESPACES, XPATH_MAPPINGS
and write_record(result, esn, context, url), found through `pycsw.plugins.outputschemas.__all__` and kept per
request in `Csw.outputschemas` {namespace: module}. catalogue/csw/engine.py adds this module to that dict after
Csw() is built and before dispatch, which is all pycsw needs: GetCapabilities then lists the namespace among
GetRecords' and GetRecordById's outputSchema values, and both operations call write_record per result. Nothing in
site-packages changes.

Each record is one <resource> (our DataCite exporter, catalogue/exports/datacite_xml.py) inside csw:SearchResults.
ElementSetName follows DataCite's own property obligations, so every level is a valid kernel-4 document:
- brief:   the mandatory properties (identifier, creators, titles, publisher, publicationYear, resourceType)
- summary: brief + the recommended ones (subjects, contributors, dates, relatedIdentifiers, descriptions,
           geoLocations)
- full:    the whole resource (also when a client names elements instead of a set).
Records without a DOI are not served in DataCite (catalogue/csw/repository.py, `_datacite_requested`).

DescribeRecord is left as pycsw has it: it describes the type names a client queries (csw:Record, gmd:MD_Metadata),
and DataCite is an output representation of those, not a queryable type (pycsw's own DIF, FGDC and Atom writers are
the same).
"""

from __future__ import annotations

from lxml import etree

from catalogue.exports import datacite_xml

NAMESPACE = datacite_xml.NS
NAMESPACES = {"datacite": NAMESPACE}

# pycsw only reads these for Transaction updates by XPath (transactions are off); they document the mapping.
XPATH_MAPPINGS = {
    "pycsw:Identifier": "datacite:identifier",
    "pycsw:Title": "datacite:titles/datacite:title",
    "pycsw:Creator": "datacite:creators/datacite:creator/datacite:creatorName",
    "pycsw:Publisher": "datacite:publisher",
    "pycsw:Keywords": "datacite:subjects/datacite:subject",
    "pycsw:Abstract": "datacite:descriptions/datacite:description",
    "pycsw:Format": "datacite:formats/datacite:format",
    "pycsw:AccessConstraints": "datacite:rightsList/datacite:rights",
    "pycsw:ResourceLanguage": "datacite:language",
}

MANDATORY = frozenset(("identifier", "creators", "titles", "publisher", "publicationYear", "resourceType"))
RECOMMENDED = frozenset(("subjects", "contributors", "dates", "relatedIdentifiers", "descriptions", "geoLocations"))
ELEMENT_SETS = {"brief": MANDATORY, "summary": MANDATORY | RECOMMENDED}


def write_record(result, esn, context, url=None) -> etree._Element:
    """The <resource> of one pycsw result row (rows carry `record_id`; the page's Records load in one query)."""
    record = result.page.record(result.record_id)
    if record is None or not record.doi:
        # The repository never returns these for DataCite; pycsw turns this into an OWS NoApplicableCode report.
        raise ValueError(f"no DataCite metadata for {result.identifier!r}: the record has no DOI")
    resource = datacite_xml.build(record)
    keep = ELEMENT_SETS.get(esn)
    if keep is not None:
        for child in list(resource):
            if etree.QName(child).localname not in keep:
                resource.remove(child)
    return resource
