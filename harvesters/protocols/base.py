"""The protocol client interface: HTTP, paging and protocol errors, nothing about metadata formats.

A client yields `Page`s of raw `HarvestedDocument`s. Each page carries the checkpoint to resume *after* it, so the
job can store it with the page's data in one transaction and a killed worker resumes where it stopped.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from catalogue.records.unified import HarvestedDocument
from common.xmlsafe import UnsafeXMLError, parse_xml
from harvesters import http
from poles.models import HarvestSource

RETRY_PAGE_SIZE = 50


class ProtocolError(Exception):
    """The endpoint cannot be harvested at all (unreachable, not a CSW/OAI-PMH server, format not offered)."""


@dataclass(slots=True)
class RecordProblem:
    """A record the client could not turn into a document (e.g. an OAI header without identifier)."""

    identifier: str
    message: str
    excerpt: str = ""


@dataclass(slots=True)
class Page:
    position: str  # human-readable, e.g. "startPosition=201" or "resumptionToken=abc"
    documents: list[HarvestedDocument] = field(default_factory=list)
    checkpoint: dict = field(default_factory=dict)  # where to resume after this page
    total_expected: int | None = None  # as announced by the server
    problems: list[RecordProblem] = field(default_factory=list)
    # The page could not be fetched or read (after retries): recorded on the job, which then ends "partial".
    failure: str = ""
    failure_excerpt: str = ""


class ProtocolClient(ABC):
    """One harvest of one source. ``since`` makes it incremental; ``checkpoint`` resumes a previous run."""

    protocol: str = ""

    def __init__(
        self,
        source: HarvestSource,
        *,
        since: datetime | None = None,
        checkpoint: dict | None = None,
        log: Callable[[str], None] | None = None,
    ):
        self.source = source
        self.options = source.options
        self.since = since
        self.checkpoint = dict(checkpoint or {})
        self.log = log or (lambda message: None)
        # False when paging stopped for a reason other than "the server listed everything" (a guard fired, a page
        # could not be read): the job then refuses to infer deletions from what it did not see.
        self.listing_complete = True
        # False when the server cannot filter by date: an "incremental" run then lists everything.
        self.incremental_supported = True

    @abstractmethod
    def check(self) -> None:
        """Capabilities / Identify: raise ProtocolError when the endpoint cannot be harvested."""

    @abstractmethod
    def pages(self) -> Iterator[Page]:
        """Yield pages until the listing ends. Never loops forever; sets listing_complete honestly."""

    def record_pages(self, identifiers: list[str]) -> Iterator[Page]:
        """Fetch only these records (a retry of a job's failed records), RETRY_PAGE_SIZE to a page."""
        for start in range(0, len(identifiers), RETRY_PAGE_SIZE):
            chunk = identifiers[start : start + RETRY_PAGE_SIZE]
            page = Page(
                f"records {start + 1}-{start + len(chunk)} of {len(identifiers)}", total_expected=len(identifiers)
            )
            for identifier in chunk:
                try:
                    document = self.fetch_record(identifier)
                except (BadPageError, ProtocolError) as exc:
                    page.problems.append(RecordProblem(identifier, str(exc), getattr(exc, "excerpt", "")))
                    continue
                page.documents.append(document)
            page.checkpoint = dict(self.checkpoint)
            yield page

    def fetch_record(self, identifier: str) -> HarvestedDocument:
        """One record by its source identifier (GetRecordById, GetRecord, a file)."""
        raise ProtocolError(f"{self.protocol} cannot fetch a single record")

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""

    def incomplete(self, reason: str) -> None:
        self.listing_complete = False
        self.log(reason)


_REGISTRY: dict[str, type[ProtocolClient]] = {}


def register(cls: type[ProtocolClient]) -> type[ProtocolClient]:
    _REGISTRY[cls.protocol] = cls
    return cls


def registered_clients() -> dict[str, type[ProtocolClient]]:
    """{protocol: client class} of the clients imported so far (harvesters.protocols.registry imports them all)."""
    return dict(_REGISTRY)


def excerpt(content: bytes, limit: int = 2000) -> str:
    return content[:limit].decode("utf-8", errors="replace")


_PREFIX_CHARS = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def _uses_prefix(content: bytes, prefix: bytes) -> bool:
    """Does ``prefix:`` occur as a whole prefix (in a name, or in a value such as xsi:type="gco:Date_Type")?"""
    needle, at = prefix + b":", content.find(prefix + b":")
    while at != -1:
        if at == 0 or content[at - 1] not in _PREFIX_CHARS:
            return True
        at = content.find(needle, at + 1)
    return False


def record_bytes(element: etree._Element) -> bytes:
    """One record of a response, serialised alone, as published.

    lxml repeats on the record every namespace its envelope declares (csw, csw30, ows, fes...). Those are not the
    record's, and they differ between servers' protocol versions: kept, the same record would look changed (and be
    rewritten) when a source switches from CSW 2.0.2 to 3.0. An inherited declaration is dropped only when its prefix
    appears nowhere in the record, neither in a name nor in a value, so nothing the record refers to is lost."""
    content = etree.tostring(element, encoding="UTF-8", xml_declaration=False)
    parent = element.getparent()
    if parent is None:
        return content
    end = content.find(b">")
    head, body = content[:end], content[end:]
    for prefix, uri in parent.nsmap.items():
        if prefix is None:
            continue
        declaration = f' xmlns:{prefix}="{uri}"'.encode()
        if declaration not in head:
            continue
        rest = head.replace(declaration, b"", 1)
        if not _uses_prefix(rest, prefix.encode()) and not _uses_prefix(body, prefix.encode()):
            head = rest
    return head + body


class BadPageError(Exception):
    """A page that could not be fetched or read, after retries. Carries the start of what came back."""

    def __init__(self, message: str, excerpt: str = "", transient: bool = True):
        super().__init__(message)
        self.excerpt = excerpt
        self.transient = transient


def fetch_xml(session, url: str, *, log: Callable[[str], None], sleep=None, **request) -> etree._Element:
    """Fetch ``url`` and parse it safely. An HTML error page, malformed or truncated XML is fetched again
    (HARVEST_PAGE_RETRIES times, with backoff) before BadPageError is raised; HTTP errors follow harvesters.http."""
    import time

    from django.conf import settings

    sleep = sleep or time.sleep
    attempts = settings.HARVEST_PAGE_RETRIES + 1
    for attempt in range(1, attempts + 1):
        try:
            response = http.fetch(session, url, on_retry=log, **request)
        except http.HarvestHTTPError as exc:
            raise BadPageError(str(exc), transient=exc.transient) from exc
        try:
            root = parse_xml(response.content)
        except UnsafeXMLError as exc:
            problem = f"unreadable response ({exc})"
        else:
            if etree.QName(root).localname.lower() != "html":
                return root
            problem = "an HTML page instead of XML (error or login page)"
        if attempt == attempts:
            raise BadPageError(f"{problem}, {attempts} attempts", excerpt(response.content))
        delay = settings.HARVEST_RETRY_BACKOFF_SECONDS * (2 ** (attempt - 1))
        log(f"{problem} from {response.url}; fetching again in {delay:.1f}s")
        sleep(delay)
    raise AssertionError("unreachable")
