"""What differs between CSW 2.0.2 and CSW 3.0.0 for a harvester, as data: namespaces, the Dublin Core schema and
type, the filter encoding, and the GetRecords request built from them. The paging loop (csw.py) is the same for both.

Which version to speak is decided from the capabilities (`offered_versions`, `choose_version`): `auto` takes 3.0.0
when the server lists it (ows ServiceTypeVersion, a `version` parameter, or a csw30:Capabilities document), else
2.0.2. Request encodings follow what pycsw 2.6.2 parses (pycsw/ogc/csw/csw3.py): a 3.0 GetRecords has no
resultType, its Query/Constraint holds an fes:Filter (FES 2.0, fes:ValueReference) or a csw30:CqlText, and the body
must not mention the 2.0.2 namespace at all (pycsw picks the version by searching the body for "cat/csw/2.0.2").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

OWS_NAMESPACES = ("http://www.opengis.net/ows", "http://www.opengis.net/ows/1.1", "http://www.opengis.net/ows/2.0")


@dataclass(frozen=True, slots=True)
class CSWVersion:
    number: str  # as sent in version="..." and AcceptVersions
    namespace: str  # of GetRecords, SearchResults, Capabilities
    prefix: str
    record_schema: str  # the outputSchema of its Dublin Core record
    record_type: str  # the typeNames of its Dublin Core record
    root_attributes: str  # attributes only this version's GetRecords has
    filter_namespace: str  # OGC Filter 1.1 (2.0.2) or FES 2.0 (3.0)
    filter_prefix: str
    filter_property: str  # the element naming a queryable in a comparison
    filter_version: str

    def get_records(
        self,
        *,
        start: int,
        page_size: int,
        output_schema: str,
        type_names: str,
        element_set: str,
        cql: str,
        modified_queryable: str,
        since: datetime | None,
    ) -> str:
        """The GetRecords POST body for one page."""
        p = self.prefix
        return (
            f'<{p}:GetRecords xmlns:{p}="{self.namespace}" xmlns:{self.filter_prefix}="{self.filter_namespace}"'
            ' xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:apiso="http://www.opengis.net/cat/csw/apiso/1.0"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dct="http://purl.org/dc/terms/"'
            f' service="CSW" version="{self.number}"{self.root_attributes} startPosition="{start}"'
            f" maxRecords={quoteattr(str(page_size))} outputSchema={quoteattr(output_schema)}>"
            f"<{p}:Query typeNames={quoteattr(type_names)}>"
            f"<{p}:ElementSetName>{escape(element_set)}</{p}:ElementSetName>"
            f"{self._constraint(cql, modified_queryable, since)}</{p}:Query></{p}:GetRecords>"
        )

    def _constraint(self, cql: str, modified_queryable: str, since: datetime | None) -> str:
        stamp = since.strftime("%Y-%m-%dT%H:%M:%SZ") if since and modified_queryable else ""
        p, f = self.prefix, self.filter_prefix
        if cql:
            # The source's own constraint is CQL text: the date joins it in CQL (a Constraint holds one language).
            text = f"({cql}) AND {modified_queryable} >= '{stamp}'" if stamp else cql
            return f'<{p}:Constraint version="1.1.0"><{p}:CqlText>{escape(text)}</{p}:CqlText></{p}:Constraint>'
        if not stamp:
            return ""
        return (
            f'<{p}:Constraint version="{self.filter_version}"><{f}:Filter><{f}:PropertyIsGreaterThanOrEqualTo>'
            f"<{f}:{self.filter_property}>{escape(modified_queryable)}</{f}:{self.filter_property}>"
            f"<{f}:Literal>{stamp}</{f}:Literal></{f}:PropertyIsGreaterThanOrEqualTo></{f}:Filter></{p}:Constraint>"
        )


CSW202 = CSWVersion(
    number="2.0.2",
    namespace="http://www.opengis.net/cat/csw/2.0.2",
    prefix="csw",
    record_schema="http://www.opengis.net/cat/csw/2.0.2",
    record_type="csw:Record",
    root_attributes=' resultType="results"',
    filter_namespace="http://www.opengis.net/ogc",
    filter_prefix="ogc",
    filter_property="PropertyName",
    filter_version="1.1.0",
)
CSW300 = CSWVersion(
    number="3.0.0",
    namespace="http://www.opengis.net/cat/csw/3.0",
    prefix="csw30",
    record_schema="http://www.opengis.net/cat/csw/3.0",
    record_type="csw30:Record",
    root_attributes="",
    filter_namespace="http://www.opengis.net/fes/2.0",
    filter_prefix="fes",
    filter_property="ValueReference",
    filter_version="2.0.0",
)
VERSIONS = {v.number: v for v in (CSW202, CSW300)}
RECORD_SCHEMAS = frozenset(v.record_schema for v in VERSIONS.values())
RECORD_TYPES = frozenset(v.record_type for v in VERSIONS.values())

# AcceptVersions per option. `auto` asks in the order every server understands (pycsw 2.6.2 answers
# "3.0.0,2.0.2" with VersionNegotiationFailed), then upgrades when the answer lists 3.0.0.
ACCEPT_VERSIONS = {"auto": "2.0.2,3.0.0", "2.0.2": "2.0.2", "3.0.0": "3.0.0"}


def capabilities_version(root: etree._Element) -> CSWVersion | None:
    """The version a Capabilities document is written in (by its namespace), None if not a CSW one."""
    return next((v for v in VERSIONS.values() if root.tag == f"{{{v.namespace}}}Capabilities"), None)


def offered_versions(root: etree._Element) -> set[str]:
    """Every CSW version a Capabilities document says the server speaks."""
    offered = set()
    own = capabilities_version(root)
    if own:
        offered.add(own.number)
    for ows in OWS_NAMESPACES:
        offered.update(
            (e.text or "").strip() for e in root.iterfind(f"{{{ows}}}ServiceIdentification/{{{ows}}}ServiceTypeVersion")
        )
        for parameter in root.iterfind(f"{{{ows}}}OperationsMetadata//{{{ows}}}Parameter[@name='version']"):
            offered.update((v.text or "").strip() for v in parameter.iter(f"{{{ows}}}Value"))
    return offered & set(VERSIONS)


def choose_version(option: str, offered: set[str]) -> CSWVersion:
    """The version to harvest with: the one the option forces, or for `auto` 3.0.0 when offered, else 2.0.2."""
    if option in VERSIONS:
        return VERSIONS[option]
    return CSW300 if CSW300.number in offered else CSW202
