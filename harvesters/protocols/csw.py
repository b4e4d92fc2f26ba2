"""CSW 2.0.2 client: GetCapabilities check, then GetRecords pages by startPosition.

Written with requests + lxml rather than OWSLib's CatalogueServiceWeb because a harvester needs the raw bytes of each
record (kept verbatim as provenance), our own HTTP policy (size limit while streaming, retries, User-Agent) and a
paging loop that distrusts the server; OWSLib fetches capabilities with its own HTTP in the constructor and parses
every record into objects (~340 ISO docs/s, a tenth of lxml) which we would throw away.

Paging does not trust the server: it advances by the records actually received and stops on an empty page, a
nextRecord of 0, a nextRecord that goes backwards or repeats, a page that repeats the previous one, or when
numberOfRecordsMatched is reached. Every stop that is not "the server listed everything" marks the listing
incomplete, so the job will not infer deletions from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from catalogue.unified import HarvestedDocument
from harvesters import http
from harvesters.protocols.base import BadPageError, Page, ProtocolClient, ProtocolError, fetch_xml, register
from poles.options import CSW_RECORD_SCHEMA, ISO19139_SCHEMA

NS = {
    "csw": "http://www.opengis.net/cat/csw/2.0.2",
    "ows": "http://www.opengis.net/ows",
    "ows11": "http://www.opengis.net/ows/1.1",
}
# A hard ceiling whatever the server announces, so a lying numberOfRecordsMatched cannot keep us forever.
MAX_PAGES = 100_000
_FORMAT_HINTS = {ISO19139_SCHEMA: "iso19139", CSW_RECORD_SCHEMA: "dublincore"}
# The record's own identifier, whatever the schema: ISO 19139 fileIdentifier, ISO 19115-3 metadataIdentifier code,
# csw:Record dc:identifier. Local names keep this independent of prefixes (and of the crosswalks).
_RECORD_ID = etree.XPath(
    "string((./*[local-name()='fileIdentifier']/*"
    " | ./*[local-name()='metadataIdentifier']//*[local-name()='code']/*"
    " | ./*[local-name()='identifier'])[1])"
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

    def check(self) -> None:
        params = {"service": "CSW", "request": "GetCapabilities", "AcceptVersions": "2.0.2,3.0.0"}
        try:
            root = fetch_xml(self.session, self.source.url, params=params, log=self.log)
        except BadPageError as exc:
            raise ProtocolError(f"GetCapabilities failed: {exc}") from None
        if etree.QName(root).localname != "Capabilities":
            raise ProtocolError(f"{self.source.url} is not a CSW endpoint: GetCapabilities returned <{root.tag}>")
        getrecords = root.xpath(".//*[local-name()='Operation'][@name='GetRecords']")
        if not getrecords:
            raise ProtocolError("the server's capabilities do not offer GetRecords")
        operation = getrecords[0]
        schemas = _values(operation, "Parameter", "outputSchema")
        if schemas and self.output_schema not in schemas and "output_schema" not in self.checkpoint:
            if self.options["fallback_to_dublin_core"] and CSW_RECORD_SCHEMA in schemas:
                self.log(f"the server does not offer {self.output_schema}; falling back to csw:Record (Dublin Core)")
                self._fall_back_to_dublin_core()
            else:
                raise ProtocolError(f"the server does not offer {self.output_schema} (offers: {sorted(schemas)})")
        queryables = _values(operation, "Constraint", "SupportedISOQueryables") | _values(
            operation, "Constraint", "SupportedDublinCoreQueryables"
        )
        for name in ("apiso:Modified", "dct:modified"):
            if name in queryables:
                self.modified_queryable = name
                break
        if self.since and not self.modified_queryable:
            self.incremental_supported = False
            self.log("the server has no apiso:Modified queryable: listing everything (unchanged records are skipped)")

    def _fall_back_to_dublin_core(self) -> None:
        self.output_schema, self.type_names = CSW_RECORD_SCHEMA, "csw:Record"

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
            next_record = _int(results.get("nextRecord"))
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
            message = " ".join(t.strip() for t in root.itertext() if t.strip())[:500]
            can_fall_back = self.output_schema != CSW_RECORD_SCHEMA and self.options["fallback_to_dublin_core"]
            if can_fall_back and start == 1:
                self.log(f"GetRecords in {self.output_schema} refused ({message}); falling back to csw:Record")
                self._fall_back_to_dublin_core()
                return self._get_records(start)
            raise BadPageError(
                f"the server answered with an exception: {message}", etree.tostring(root)[:2000].decode()
            )
        results = root.find("csw:SearchResults", NS)
        if results is None:
            raise BadPageError(
                f"no csw:SearchResults in the response (<{root.tag}>)", etree.tostring(root)[:2000].decode()
            )
        return results

    def get_records_request(self, start: int) -> str:
        constraint = self._constraint()
        return (
            '<csw:GetRecords xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:ogc="http://www.opengis.net/ogc"'
            ' xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:apiso="http://www.opengis.net/cat/csw/apiso/1.0"'
            ' xmlns:dct="http://purl.org/dc/terms/"'
            f' service="CSW" version="2.0.2" resultType="results" startPosition="{start}"'
            f" maxRecords={quoteattr(str(self.page_size))} outputSchema={quoteattr(self.output_schema)}>"
            f"<csw:Query typeNames={quoteattr(self.type_names)}>"
            f"<csw:ElementSetName>{escape(self.options['element_set'])}</csw:ElementSetName>"
            f"{constraint}</csw:Query></csw:GetRecords>"
        )

    def _constraint(self) -> str:
        clauses = []
        if self.options["constraint"]:
            clauses.append(f"({self.options['constraint']})")
        if self.since and self.modified_queryable:
            stamp = self.since.strftime("%Y-%m-%dT%H:%M:%SZ")
            clauses.append(f"{self.modified_queryable} >= '{stamp}'")
        if not clauses:
            return ""
        cql = escape(" AND ".join(clauses))
        return f'<csw:Constraint version="1.1.0"><csw:CqlText>{cql}</csw:CqlText></csw:Constraint>'

    def _document(self, element: etree._Element) -> HarvestedDocument:
        return HarvestedDocument(
            source_identifier=_RECORD_ID(element).strip(),
            content=etree.tostring(element, encoding="UTF-8", xml_declaration=False),
            format_hint=_FORMAT_HINTS.get(self.output_schema, ""),
        )

    def close(self) -> None:
        self.session.close()


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
