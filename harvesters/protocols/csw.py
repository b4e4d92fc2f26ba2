"""CSW 2.0.2 and 3.0.0 client: GetCapabilities check (and version choice), then GetRecords pages by startPosition.

Written with requests + lxml rather than OWSLib's CatalogueServiceWeb because a harvester needs the raw bytes of each
record (kept verbatim as provenance), our own HTTP policy (size limit while streaming, retries, User-Agent) and a
paging loop that distrusts the server; OWSLib fetches capabilities with its own HTTP in the constructor and parses
every record into objects (~340 ISO docs/s, a tenth of lxml) which we would throw away.

The source option `version` (auto | 2.0.2 | 3.0.0) picks the protocol version; what differs between the two is data
in csw_versions.py. Paging is one loop for both and does not trust the server: it advances by the records actually
received and stops on an empty page, a nextRecord of 0 (or a 3.0 status "complete"), a nextRecord that goes
backwards or repeats, a page that repeats the previous one, or when numberOfRecordsMatched is reached. Every stop
that is not "the server listed everything" marks the listing incomplete, so the job will not infer deletions from it.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from catalogue.records.unified import HarvestedDocument
from harvesters import http
from harvesters.protocols.base import (
    BadPageError,
    Page,
    ProtocolClient,
    ProtocolError,
    fetch_xml,
    record_bytes,
    register,
)
from harvesters.protocols.csw_versions import (
    ACCEPT_VERSIONS,
    CSW202,
    CSW300,
    RECORD_SCHEMAS,
    RECORD_TYPES,
    VERSIONS,
    CSWVersion,
    capabilities_version,
    choose_version,
    offered_versions,
)
from poles.options import ISO19139_SCHEMA

# A hard ceiling whatever the server announces, so a lying numberOfRecordsMatched cannot keep us forever.
MAX_PAGES = 100_000
_FORMAT_HINTS = {ISO19139_SCHEMA: "iso19139"} | dict.fromkeys(RECORD_SCHEMAS, "dublincore")
# The record's own identifier, whatever the schema: ISO 19139 fileIdentifier, ISO 19115-3 metadataIdentifier code,
# csw:Record dc:identifier. Local names keep this independent of prefixes (and of the crosswalks).
_RECORD_ID = etree.XPath(
    "string((./*[local-name()='fileIdentifier']/*"
    " | ./*[local-name()='metadataIdentifier']//*[local-name()='code']/*"
    " | ./*[local-name()='identifier'])[1])"
)
# Modification-date queryables, preferred first. CSW 3.0 lists the Dublin Core ones as "CoreQueryables" at the
# OperationsMetadata level, 2.0.2 as "SupportedDublinCoreQueryables" under GetRecords: any *Queryables counts.
_MODIFIED_QUERYABLES = ("apiso:Modified", "dct:modified")
_QUERYABLES = etree.XPath(
    ".//*[local-name()='OperationsMetadata']//*[local-name()='Constraint']"
    "[substring(@name, string-length(@name) - 9) = 'Queryables']//*[local-name()='Value']/text()"
)


def _values(operation: etree._Element, kind: str, name: str) -> set[str]:
    return {
        (v.text or "").strip()
        for v in operation.xpath(
            f"./*[local-name()='{kind}'][@name='{name}']//*[local-name()='Value']",
        )
    }


@register
class CSWClient(ProtocolClient):
    protocol = "csw"

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session or http.new_session()
        self.output_schema = self.checkpoint.get("output_schema") or self.options["output_schema"]
        self.type_names = self.checkpoint.get("type_names") or self.options["type_names"]
        self.page_size = int(self.options["page_size"])
        self.modified_queryable = ""
        self._schema_mismatch_logged = False
        # Until check() has chosen: a resumed run keeps the version it started with.
        self.version: CSWVersion = VERSIONS.get(self.checkpoint.get("version", ""), CSW202)

    def check(self) -> None:
        option = self.checkpoint.get("version") or self.options["version"]
        root = self._capabilities(ACCEPT_VERSIONS[option], must_be=CSW300 if option == CSW300.number else None)
        offered = offered_versions(root)
        self.version = choose_version(option, offered)
        if self.version is CSW300 and capabilities_version(root) is not CSW300:
            # `auto`, and 3.0 listed in a 2.0.2 document (pycsw answers AcceptVersions=2.0.2,3.0.0 in 2.0.2): the
            # 3.0 capabilities say what GetRecords accepts there (output schemas, queryables).
            try:
                root = self._capabilities(CSW300.number, must_be=CSW300)
            except ProtocolError as exc:
                self.log(f"CSW 3.0.0 is listed but its capabilities are unusable ({exc}); staying with CSW 2.0.2")
                self.version = CSW202
        self.log(
            f"speaking CSW {self.version.number} (source option version={option}; "
            f"the server offers {', '.join(sorted(offered)) or 'no version list'})"
        )
        self._adapt_schema_to_version()
        getrecords = root.xpath(".//*[local-name()='Operation'][@name='GetRecords']")
        if not getrecords:
            raise ProtocolError("the server's capabilities do not offer GetRecords")
        schemas = _values(getrecords[0], "Parameter", "outputSchema")
        if schemas and self.output_schema not in schemas and "output_schema" not in self.checkpoint:
            if self.options["fallback_to_dublin_core"] and self.version.record_schema in schemas:
                self.log(f"the server does not offer {self.output_schema}; falling back to csw:Record (Dublin Core)")
                self._fall_back_to_dublin_core()
            else:
                raise ProtocolError(f"the server does not offer {self.output_schema} (offers: {sorted(schemas)})")
        queryables = {q.strip() for q in _QUERYABLES(root)}
        self.modified_queryable = next((q for q in _MODIFIED_QUERYABLES if q in queryables), "")
        if self.since and not self.modified_queryable:
            self.incremental_supported = False
            self.log("the server has no apiso:Modified queryable: listing everything (unchanged records are skipped)")

    def _capabilities(self, accept_versions: str, must_be: CSWVersion | None = None) -> etree._Element:
        params = {"service": "CSW", "request": "GetCapabilities", "AcceptVersions": accept_versions}
        try:
            root = fetch_xml(self.session, self.source.url, params=params, log=self.log)
        except BadPageError as exc:
            raise ProtocolError(f"GetCapabilities failed: {exc}") from None
        if etree.QName(root).localname != "Capabilities":
            if must_be and etree.QName(root).localname == "ExceptionReport":
                raise ProtocolError(f"the server refused CSW {must_be.number}: {_exception_text(root)}")
            raise ProtocolError(f"{self.source.url} is not a CSW endpoint: GetCapabilities returned <{root.tag}>")
        if must_be and capabilities_version(root) != must_be:
            raise ProtocolError(f"the server does not speak CSW {must_be.number} (it answered <{root.tag}>)")
        return root

    def _adapt_schema_to_version(self) -> None:
        """Dublin Core is named differently in each version (and pycsw takes a 3.0 request naming the 2.0.2
        namespace for a 2.0.2 one): a source asking for csw:Record gets the chosen version's record."""
        if self.output_schema in RECORD_SCHEMAS:
            self.output_schema = self.version.record_schema
        if self.type_names in RECORD_TYPES:
            self.type_names = self.version.record_type

    def _fall_back_to_dublin_core(self) -> None:
        self.output_schema, self.type_names = self.version.record_schema, self.version.record_type

    def pages(self) -> Iterator[Page]:
        start = int(self.checkpoint.get("start_position", 1))
        matched = self.checkpoint.get("matched")
        previous_ids: set[str] = set()
        seen_next: set[int] = set()
        for _ in range(MAX_PAGES):
            if matched is not None and start > matched:
                return  # numberOfRecordsMatched reached: the listing is complete
            position = f"startPosition={start}"
            try:
                results = self._get_records(start)
            except BadPageError as exc:
                if matched is None:
                    # Without numberOfRecordsMatched we cannot know where to continue: stop here.
                    self.incomplete(f"{position}: {exc}; stopping (the size of the listing is unknown)")
                    yield Page(
                        position,
                        checkpoint=self._checkpoint(start, matched),
                        failure=str(exc),
                        failure_excerpt=exc.excerpt,
                    )
                    return
                # Skip the unreadable page and go on: its records stay as they were, the run ends "partial".
                self.incomplete(f"{position}: {exc}; skipping this page")
                start += self.page_size
                yield Page(
                    position, checkpoint=self._checkpoint(start, matched), failure=str(exc), failure_excerpt=exc.excerpt
                )
                continue
            matched_now = _int(results.get("numberOfRecordsMatched"))
            if matched_now is not None:
                matched = matched_now if matched is None else max(matched, matched_now)
            documents = [self._document(element) for element in results if isinstance(element.tag, str)]
            if not documents:
                if matched is not None and start <= matched:
                    self.incomplete(f"{position}: empty page although {matched} records are announced; stopping")
                return
            ids = {d.source_identifier for d in documents if d.source_identifier}
            if ids and ids <= previous_ids:
                self.incomplete(f"{position}: the server repeated the previous page; stopping")
                return
            previous_ids = ids
            next_record = _next_record(results)
            received_next = start + len(documents)
            yield Page(position, documents, self._checkpoint(received_next, matched), total_expected=matched)
            if next_record is not None:
                if next_record == 0:
                    if matched is not None and received_next <= matched:
                        self.incomplete(f"{position}: nextRecord=0 before the {matched} announced records; stopping")
                    return
                if next_record <= start or next_record in seen_next:
                    self.incomplete(f"{position}: nextRecord={next_record} goes backwards or repeats; stopping")
                    return
                seen_next.add(next_record)
                if next_record != received_next:
                    self.log(f"{position}: server says nextRecord={next_record}, we received up to {received_next - 1}")
            start = received_next
        self.incomplete(f"stopped after {MAX_PAGES} pages (safety limit)")

    def _checkpoint(self, start: int, matched: int | None) -> dict:
        return {
            "start_position": start,
            "matched": matched,
            "output_schema": self.output_schema,
            "type_names": self.type_names,
            "version": self.version.number,
        }

    def _get_records(self, start: int) -> etree._Element:
        root = fetch_xml(
            self.session,
            self.source.url,
            method="POST",
            data=self.get_records_request(start).encode(),
            headers={"Content-Type": "application/xml"},
            log=self.log,
        )
        if etree.QName(root).localname == "ExceptionReport":
            message = _exception_text(root)
            can_fall_back = self.output_schema != self.version.record_schema and self.options["fallback_to_dublin_core"]
            if can_fall_back and start == 1:
                self.log(f"GetRecords in {self.output_schema} refused ({message}); falling back to csw:Record")
                self._fall_back_to_dublin_core()
                return self._get_records(start)
            raise BadPageError(
                f"the server answered with an exception: {message}", etree.tostring(root)[:2000].decode()
            )
        results = root.find(f"{{{self.version.namespace}}}SearchResults")
        if results is None:
            raise BadPageError(
                f"no {self.version.prefix}:SearchResults in the response (<{root.tag}>)",
                etree.tostring(root)[:2000].decode(),
            )
        answered = results.get("recordSchema")  # CSW 3.0 says which schema it used; the crosswalk detects anyway
        if answered and answered != self.output_schema and not self._schema_mismatch_logged:
            self._schema_mismatch_logged = True
            self.log(f"asked for records in {self.output_schema}, the server says it answered in {answered}")
        return results

    def get_records_request(self, start: int) -> str:
        return self.version.get_records(
            start=start,
            page_size=self.page_size,
            output_schema=self.output_schema,
            type_names=self.type_names,
            element_set=self.options["element_set"],
            cql=self.options["constraint"],
            modified_queryable=self.modified_queryable,
            since=self.since,
        )

    def _document(self, element: etree._Element) -> HarvestedDocument:
        return HarvestedDocument(
            source_identifier=_RECORD_ID(element).strip(),
            content=record_bytes(element),
            format_hint=_FORMAT_HINTS.get(self.output_schema, ""),
            element=element,
        )

    def fetch_record(self, identifier: str) -> HarvestedDocument:
        params = {
            "service": "CSW",
            "version": self.version.number,
            "request": "GetRecordById",
            "id": identifier,
            "outputSchema": self.output_schema,
            "elementSetName": "full",
        }
        root = fetch_xml(self.session, self.source.url, params=params, log=self.log)
        name = etree.QName(root).localname
        if name == "ExceptionReport":
            raise BadPageError(f"GetRecordById refused: {_exception_text(root)}", etree.tostring(root)[:2000].decode())
        # CSW 2.0.2 wraps the record in GetRecordByIdResponse; CSW 3.0 answers with the record itself.
        records = [child for child in root if isinstance(child.tag, str)] if name == "GetRecordByIdResponse" else [root]
        if not records:
            raise BadPageError(f"GetRecordById: the server has no record {identifier!r} any more")
        document = self._document(records[0])
        document.source_identifier = document.source_identifier or identifier
        return document

    def close(self) -> None:
        self.session.close()


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _next_record(results: etree._Element) -> int | None:
    """nextRecord as announced; a CSW 3.0 server may say it with status="complete" (or "none") alone."""
    announced = _int(results.get("nextRecord"))
    if announced is None and results.get("status") in ("complete", "none"):
        return 0
    return announced


def _exception_text(root: etree._Element) -> str:
    return " ".join(t.strip() for t in root.itertext() if t.strip())[:500]
