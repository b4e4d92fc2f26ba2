"""OAI-PMH 2.0 client: Identify, ListMetadataFormats, then ListRecords with the resumptionToken loop.

Written with requests + lxml rather than Sickle: Sickle parses with lxml's default parser (entities resolved, no size
limit), retries only on 503, and hides resumption tokens inside its iterator, while a resumable job must store the
token of every page it committed and recover from badResumptionToken itself. The protocol is six verbs of plain
XML; owning the loop costs less than working around a client.

- `from` is sent in the repository's granularity (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ) for incremental runs.
- `status="deleted"` headers become tombstones; `noRecordsMatch` is a normal, complete, empty listing.
- badResumptionToken (tokens expire mid-harvest, sickle#19): the listing is restarted once from the run's own
  `from`; unchanged records are then skipped by hash, so a restart costs reads, not writes. A second expiry fails
  the page clearly and the run ends "partial".
- HTTP 503 with Retry-After is honoured by harvesters.http.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

from dateutil import parser as dateparser
from lxml import etree

from catalogue.records.unified import HarvestedDocument
from harvesters import http
from harvesters.protocols.base import (
    BadPageError,
    Page,
    ProtocolClient,
    ProtocolError,
    RecordProblem,
    excerpt,
    fetch_xml,
    register,
)

OAI = "http://www.openarchives.org/OAI/2.0/"
NS = {"oai": OAI}
MAX_PAGES = 1_000_000
MAX_TOKEN_RESTARTS = 1
# metadataPrefix -> crosswalk name (a hint only: the crosswalk registry still checks the root element).
FORMAT_HINTS = {
    "oai_datacite": "datacite",
    "datacite": "datacite",
    "datacite3": "datacite",
    "datacite4": "datacite",
    "iso19139": "iso19139",
    "iso19139.xml": "iso19139",
    "iso19115-3.2018": "iso19115-3",
    "iso19115-3": "iso19115-3",
    "oai_dc": "dublincore",
}


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code


def oai_errors(root: etree._Element) -> list[OAIError]:
    return [OAIError(e.get("code", ""), " ".join((e.text or "").split())) for e in root.findall("oai:error", NS)]


@register
class OAIPMHClient(ProtocolClient):
    protocol = "oaipmh"

    def __init__(self, *args, session=None, sleep=time.sleep, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session or http.new_session()
        self.sleep = sleep
        self.prefix = self.options["metadata_prefix"]
        self.granularity = "YYYY-MM-DDThh:mm:ssZ"
        self.deleted_record_policy = ""
        self.prefix_with_token = bool(self.checkpoint.get("prefix_with_token"))

    def _request(self, params: dict) -> etree._Element:
        root = fetch_xml(self.session, self.source.url, params=params, log=self.log, sleep=self.sleep)
        if etree.QName(root) != etree.QName(OAI, "OAI-PMH"):
            raise BadPageError(f"not an OAI-PMH response: root element <{root.tag}>", excerpt(etree.tostring(root)))
        return root

    def check(self) -> None:
        try:
            identify = self._request({"verb": "Identify"})
        except BadPageError as exc:
            raise ProtocolError(f"Identify failed: {exc}") from None
        if errors := oai_errors(identify):
            raise ProtocolError(f"Identify failed: {errors[0]}")
        self.granularity = (identify.findtext("oai:Identify/oai:granularity", "", NS) or self.granularity).strip()
        self.deleted_record_policy = identify.findtext("oai:Identify/oai:deletedRecord", "", NS).strip()
        self.log(f"repository granularity {self.granularity}, deletedRecord={self.deleted_record_policy or '?'}")
        if self.since and self.deleted_record_policy not in ("persistent", "transient"):
            self.log("the repository does not report deletions: only a full run can detect removed records")
        try:
            formats = self._request({"verb": "ListMetadataFormats"})
        except BadPageError as exc:
            raise ProtocolError(f"ListMetadataFormats failed: {exc}") from None
        offered = [p.strip() for p in formats.xpath("//oai:metadataPrefix/text()", namespaces=NS)]
        if offered and self.prefix not in offered:
            raise ProtocolError(f"the repository does not offer metadataPrefix {self.prefix!r} (offers: {offered})")

    def from_value(self) -> str:
        if not self.since:
            return ""
        since = self.since.astimezone(UTC)
        if self.granularity == "YYYY-MM-DD":
            return since.strftime("%Y-%m-%d")  # a whole day of overlap: re-read records are skipped by hash
        return since.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _first_request(self) -> dict:
        params = {"verb": "ListRecords", "metadataPrefix": self.prefix}
        if self.options["set"]:
            params["set"] = self.options["set"]
        if from_ := self.from_value():
            params["from"] = from_
        return params

    def pages(self) -> Iterator[Page]:
        token = self.checkpoint.get("resumption_token") or ""
        restarts = int(self.checkpoint.get("token_restarts", 0))
        received = int(self.checkpoint.get("received", 0))  # records listed so far in this listing
        tokens_seen: set[str] = set()
        delay = float(self.options.get("page_delay_seconds") or 0)
        for page_number in range(MAX_PAGES):
            if page_number and delay:
                self.sleep(delay)
            params = {"verb": "ListRecords", "resumptionToken": token} if token else self._first_request()
            if token and self.prefix_with_token:
                params["metadataPrefix"] = self.prefix
            position = f"resumptionToken={token}" if token else "first page"
            try:
                root = self._request(params)
            except BadPageError as exc:
                # Without this page's token there is no way to the next one: the listing ends here.
                self.incomplete(f"{position}: {exc}; the listing stops here")
                yield Page(
                    position,
                    checkpoint=self._checkpoint(token, restarts, received),
                    failure=str(exc),
                    failure_excerpt=exc.excerpt,
                )
                return
            if errors := oai_errors(root):
                codes = {e.code for e in errors}
                if "noRecordsMatch" in codes:
                    return  # nothing (new) to harvest: a complete, empty listing
                if "badArgument" in codes and token and not self.prefix_with_token:
                    # pycsw 2.6 wants metadataPrefix next to resumptionToken (OAI-PMH 2.0 says exclusive): oblige.
                    self.prefix_with_token = True
                    self.log(f"{position}: {errors[0]}; sending metadataPrefix with the resumptionToken")
                    continue
                if "badResumptionToken" in codes and token and restarts < MAX_TOKEN_RESTARTS:
                    restarts, received = restarts + 1, 0
                    tokens_seen.clear()
                    self.log(f"{position}: {errors[0]}; restarting the listing from its first request")
                    token = ""
                    continue
                message = "; ".join(str(e) for e in errors)
                self.incomplete(f"{position}: {message}; the listing stops here")
                yield Page(
                    position,
                    checkpoint=self._checkpoint(token, restarts, received),
                    failure=f"OAI-PMH error {message}",
                    failure_excerpt=excerpt(etree.tostring(root)),
                )
                return
            page = self._page(root, position)
            next_token_el = root.find("oai:ListRecords/oai:resumptionToken", NS)
            next_token = (next_token_el.text or "").strip() if next_token_el is not None else ""
            if next_token_el is not None:
                page.total_expected = _int(next_token_el.get("completeListSize"))
            received += len(page.documents) + len(page.problems)
            if next_token and page.total_expected and received >= page.total_expected:
                # pycsw, for one, ends every list with resumptionToken "0", which would start it over.
                self.log(f"{position}: a resumptionToken after all {page.total_expected} announced records; done")
                next_token = ""
            page.checkpoint = self._checkpoint(next_token, restarts, received)
            yield page
            if not next_token:
                return
            if next_token in tokens_seen or next_token == token:
                self.incomplete(f"{position}: the server sent the same resumptionToken again; stopping")
                return
            tokens_seen.add(next_token)
            token = next_token
        self.incomplete(f"stopped after {MAX_PAGES} pages (safety limit)")

    def _checkpoint(self, token: str, restarts: int, received: int) -> dict:
        return {
            "resumption_token": token,
            "token_restarts": restarts,
            "received": received,
            "prefix_with_token": self.prefix_with_token,
        }

    def fetch_record(self, identifier: str) -> HarvestedDocument:
        root = self._request({"verb": "GetRecord", "identifier": identifier, "metadataPrefix": self.prefix})
        if errors := oai_errors(root):
            raise BadPageError(f"GetRecord failed: {errors[0]}", excerpt(etree.tostring(root)))
        page = self._page(root, f"GetRecord {identifier}", path="oai:GetRecord/oai:record")
        if page.problems:
            problem = page.problems[0]
            raise BadPageError(problem.message, problem.excerpt)
        if not page.documents:
            raise BadPageError(f"GetRecord: no record {identifier!r} in the answer", excerpt(etree.tostring(root)))
        return page.documents[0]

    def _page(self, root: etree._Element, position: str, path: str = "oai:ListRecords/oai:record") -> Page:
        page = Page(position)
        hint = FORMAT_HINTS.get(self.prefix, "")
        for record in root.iterfind(path, NS):
            header = record.find("oai:header", NS)
            identifier = (header.findtext("oai:identifier", "", NS) if header is not None else "").strip()
            if not identifier:
                page.problems.append(
                    RecordProblem(
                        position, "record header without an identifier: skipped", excerpt(etree.tostring(record))
                    )
                )
                continue
            datestamp = _datestamp(header.findtext("oai:datestamp", "", NS))
            if header.get("status") == "deleted":
                page.documents.append(
                    HarvestedDocument(identifier, datestamp=datestamp, deleted=True, format_hint=hint)
                )
                continue
            metadata = record.find("oai:metadata", NS)
            payload = (
                next((child for child in metadata if isinstance(child.tag, str)), None)
                if metadata is not None
                else None
            )
            if payload is None:
                page.problems.append(
                    RecordProblem(identifier, "record without metadata", excerpt(etree.tostring(record)))
                )
                continue
            page.documents.append(
                HarvestedDocument(
                    identifier,
                    content=etree.tostring(payload, encoding="UTF-8"),
                    datestamp=datestamp,
                    format_hint=hint,
                    envelope_identifier=identifier,  # the payload alone may have no identifier (RADAR)
                    element=payload,
                )
            )
        return page

    def close(self) -> None:
        self.session.close()


def _datestamp(value: str | None) -> datetime | None:
    if not value or not value.strip():
        return None
    try:
        parsed = dateparser.isoparse(value.strip())
    except (ValueError, OverflowError):
        return None
    if not isinstance(parsed, datetime):
        parsed = datetime(parsed.year, parsed.month, parsed.day, tzinfo=UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
