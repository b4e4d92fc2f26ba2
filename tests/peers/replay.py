"""A small OAI-PMH server replaying real captured responses (../shared/corpus/oaipmh, datacite), for the formats and
behaviours pycsw does not serve: DataCite paged with resumptionTokens, deleted records, badResumptionToken,
noRecordsMatch, 503 + Retry-After.

Two kinds of answers:
- captured responses served verbatim (Identify, ListMetadataFormats, error responses, whole ListRecords pages);
- ListRecords pages assembled from captured OAI `<record>` elements (the b2find DataCite records are single records
  as harvested), chained with our own tokens `p2`, `p3`... so a real paging loop can run over real records.
It runs behind `FaultInjector` (the same middleware as the pycsw peer), so tests can expire a token, answer 503 or
an HTML page, and count requests.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

from lxml import etree

from tests.peers.pycsw_peer import FaultInjector, _QuietHandler, _ThreadingServer

OAI = "http://www.openarchives.org/OAI/2.0/"
_ENVELOPE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
    "<responseDate>2026-01-01T00:00:00Z</responseDate><request>{url}</request><ListRecords>{records}{token}"
    "</ListRecords></OAI-PMH>"
)


def record_element(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


def record_identifier(record: etree._Element) -> str:
    return record.findtext(f"{{{OAI}}}header/{{{OAI}}}identifier").strip()


def deleted_version(record: etree._Element, datestamp: str = "2026-01-01") -> bytes:
    """The same record as a repository reports it once deleted: header with status="deleted", no metadata."""
    return (
        f'<record xmlns="{OAI}"><header status="deleted"><identifier>{record_identifier(record)}</identifier>'
        f"<datestamp>{datestamp}</datestamp></header></record>"
    ).encode()


class OAIReplay:
    """An OAI-PMH endpoint made of captured responses. Thread-served on an ephemeral port; a context manager."""

    def __init__(
        self,
        corpus_dir: Path,
        *,
        identify: str = "sickle__Identify.xml",
        formats: str = "pycsw__oaipmh__get_ListMetadataFormats.xml",
    ):
        self.oai_dir = Path(corpus_dir) / "oaipmh"
        self.identify = (self.oai_dir / identify).read_bytes()
        self.formats = (self.oai_dir / formats).read_bytes()
        self.pages: dict[str, bytes] = {}  # resumptionToken ("" = first request) -> response body
        self.no_records_match_from: str | None = None  # a `from` at or after which nothing matches
        self.faults = FaultInjector(self.app)
        self.server = make_server(
            "127.0.0.1", 0, self.faults, server_class=_ThreadingServer, handler_class=_QuietHandler
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}/oai"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def captured(self, name: str) -> bytes:
        return (self.oai_dir / name).read_bytes()

    def serve_pages(self, pages: list[list[bytes]], complete_list_size: int | None = None) -> None:
        """ListRecords pages made of captured `<record>` elements, chained by tokens p2, p3, ..."""
        self.pages.clear()
        size = complete_list_size if complete_list_size is not None else sum(len(p) for p in pages)
        for number, records in enumerate(pages, start=1):
            token = ""
            if number < len(pages):
                token = f'<resumptionToken completeListSize="{size}">p{number + 1}</resumptionToken>'
            self.pages["" if number == 1 else f"p{number}"] = _ENVELOPE.format(
                url=self.url, records=b"".join(records).decode(), token=token
            ).encode()

    def app(self, environ, start_response):
        query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        verb = query.get("verb", "")
        if verb == "Identify":
            body = self.identify
        elif verb == "ListMetadataFormats":
            body = self.formats
        elif verb == "ListRecords":
            token = query.get("resumptionToken", "")
            from_ = query.get("from", "")
            if token and token not in self.pages:
                body = self.captured("sickle__badResumptionToken.xml")
            elif not token and from_ and self.no_records_match_from and from_ >= self.no_records_match_from:
                body = self.captured("sickle__noRecordsMatch.xml")
            else:
                body = self.pages[token]
        else:
            body = self.captured("pycsw__oaipmh__get_bad_verb.xml")
        start_response("200 OK", [("Content-Type", "text/xml; charset=UTF-8"), ("Content-Length", str(len(body)))])
        return [body]

    def __enter__(self) -> OAIReplay:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
