"""A real, standalone pycsw 2.6.2 server as a harvest peer (CSW 2.0.2/3.0 and, with mode=oaipmh, OAI-PMH).

- `build_repository(db_path, documents)` creates pycsw's SQLite repository with pycsw's own admin function and
  loads ISO 19139 documents through pycsw's own record parser (one transaction, so 10k records load in seconds
  rather than pycsw-admin's one commit per record).
- `PycswPeer(db_path)` serves it over HTTP on an ephemeral port in a thread, behind `FaultInjector`, a thin WSGI
  middleware that records every request and can answer chosen ones with an error, an HTML page, a delay, a
  truncated body, or a rewritten request/response. `python -m tests.peers.pycsw_peer DB` serves it in a process.

pycsw needs SQLAlchemy 1.4 for this (dev extras) and must not be exposed with its own wsgi module (NOTES.md §3).
"""

from __future__ import annotations

import io
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

TABLE = "records"


def pycsw_config(db_path: Path, url: str = "http://127.0.0.1/", maxrecords: int = 100) -> dict:
    return {
        "server": {
            "home": ".",
            "url": url,
            "mimetype": "application/xml; charset=UTF-8",
            "encoding": "UTF-8",
            "language": "en-US",
            "maxrecords": str(maxrecords),  # also the OAI-PMH page size
            "pretty_print": "false",
            "profiles": "apiso",
        },
        "manager": {"transactions": "false", "allowed_ips": "127.0.0.1"},
        "metadata:main": {
            "identification_title": "Test peer catalogue",
            "identification_abstract": "pycsw peer for harvest tests",
            "identification_keywords": "test",
            "identification_keywords_type": "theme",
            "identification_fees": "None",
            "identification_accessconstraints": "None",
            "provider_name": "Data Terra tests",
            "provider_url": "https://example.org/",
            "contact_name": "Tests",
            "contact_position": "Tests",
            "contact_address": "-",
            "contact_city": "-",
            "contact_stateorprovince": "-",
            "contact_postalcode": "-",
            "contact_country": "France",
            "contact_phone": "-",
            "contact_fax": "-",
            "contact_email": "tests@example.org",
            "contact_url": "https://example.org/",
            "contact_hours": "-",
            "contact_instructions": "-",
            "contact_role": "pointOfContact",
        },
        "repository": {"database": f"sqlite:///{db_path}", "table": TABLE},
        "metadata:inspire": {"enabled": "false"},
    }


def _context():
    from pycsw.core import config

    context = config.StaticContext()
    return context


def build_repository(db_path: Path, documents: Iterable[bytes]) -> int:
    """Create a pycsw SQLite repository at ``db_path`` holding ``documents``. Returns the number loaded."""
    from pycsw.core import admin

    db_path = Path(db_path)
    if db_path.exists():
        db_path.unlink()
    database = f"sqlite:///{db_path}"
    admin.setup_db(database, TABLE, ".", create_plpythonu_functions=False)
    return upsert_records(db_path, documents)


def _repository(db_path: Path):
    from pycsw.core import repository

    context = _context()
    return context, repository.Repository(f"sqlite:///{db_path}", context, table=TABLE)


def upsert_records(db_path: Path, documents: Iterable[bytes]) -> int:
    """Insert or replace records (by identifier) in one transaction, through pycsw's own parser."""
    from lxml import etree
    from pycsw.core import metadata, util

    context, repo = _repository(Path(db_path))
    count = 0
    now = util.get_today_and_now()
    repo.session.begin()
    for document in documents:
        for record in metadata.parse_record(context, etree.fromstring(document, context.parser), repo):
            if isinstance(record.xml, bytes):
                record.xml = record.xml.decode()
            record.insert_date = now
            repo.session.merge(record)
            count += 1
    repo.session.commit()
    repo.session.close()
    return count


def delete_records(db_path: Path, identifiers: Iterable[str]) -> None:
    context, repo = _repository(Path(db_path))
    repo.session.begin()
    repo.session.query(repo.dataset).filter(repo.dataset.identifier.in_(list(identifiers))).delete(
        synchronize_session=False
    )
    repo.session.commit()
    repo.session.close()


def pycsw_app(db_path: Path, maxrecords: int = 100) -> Callable:
    """pycsw's WSGI application for one repository (the configuration is ours, never taken from the query)."""
    from pycsw import server

    def application(environ, start_response):
        port = environ.get("SERVER_PORT", "80")
        config = pycsw_config(Path(db_path), f"http://127.0.0.1:{port}/", maxrecords)
        environ["local.app_root"] = "."
        csw = server.Csw(config, environ)
        status, contents = csw.dispatch_wsgi()
        start_response(status, [("Content-Type", str(csw.contenttype)), ("Content-Length", str(len(contents)))])
        return [contents]

    return application


@dataclass
class PeerRequest:
    method: str
    query: dict[str, str]
    body: bytes
    start_position: int | None = None  # CSW GetRecords
    verb: str = ""  # OAI-PMH
    resumption_token: str = ""


@dataclass
class Fault:
    """What to do with matching requests. ``times`` limits how many requests it affects (None: all)."""

    match: Callable[[PeerRequest], bool]
    status: int = 0  # answer with this HTTP status instead of forwarding
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0  # sleep before answering (timeouts)
    truncate: bool = False  # announce the full length, send half the body, close
    rewrite_request: Callable[[bytes], bytes] | None = None
    rewrite_response: Callable[[bytes], bytes] | None = None
    times: int | None = None
    hits: int = 0


HTML_ERROR_PAGE = (
    b"<!DOCTYPE html><html><head><title>502 Proxy Error</title></head><body><h1>Proxy Error</h1></body></html>"
)


class FaultInjector:
    """WSGI middleware in front of the real peer: records requests, injects the faults a test asks for."""

    def __init__(self, app: Callable):
        self.app = app
        self.requests: list[PeerRequest] = []
        self.faults: list[Fault] = []
        self.lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        with self.lock:
            self.faults.append(fault)
        return fault

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()
            self.requests.clear()

    def get_records_starts(self) -> list[int]:
        return [r.start_position for r in self.requests if r.start_position is not None]

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        query = {k.lower(): v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        request = PeerRequest(environ["REQUEST_METHOD"], query, body)
        found = re.search(rb'startPosition="(\d+)"', body)
        if found:
            request.start_position = int(found.group(1))
        elif "getrecords" == query.get("request", "").lower():
            request.start_position = int(query.get("startposition", 1))
        request.verb = query.get("verb", "")
        request.resumption_token = query.get("resumptiontoken", "")
        with self.lock:
            self.requests.append(request)
            fault = next((f for f in self.faults if (f.times is None or f.hits < f.times) and f.match(request)), None)
            if fault:
                fault.hits += 1
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.status:
            headers = list(fault.headers)
            if not any(k.lower() == "content-type" for k, _ in headers):
                headers.append(("Content-Type", "text/html"))
            start_response(f"{fault.status} Injected", [*headers, ("Content-Length", str(len(fault.body)))])
            return [fault.body]
        if fault and fault.rewrite_request:
            body = fault.rewrite_request(body)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        content = b"".join(self.app(environ, capture))
        if fault and fault.rewrite_response:
            content = fault.rewrite_response(content)
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        if fault and fault.truncate:
            start_response(captured["status"], [*headers, ("Content-Length", str(len(content)))])
            return [content[: len(content) // 2]]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(content)))])
        return [content]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class PycswPeer:
    """A pycsw server on 127.0.0.1:<ephemeral port>, in a thread. Use as a context manager."""

    def __init__(self, db_path: Path, maxrecords: int = 100):
        self.db_path = Path(db_path)
        self.faults = FaultInjector(pycsw_app(self.db_path, maxrecords))
        self.server = make_server(
            "127.0.0.1", 0, self.faults, server_class=_ThreadingServer, handler_class=_QuietHandler
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def oai_url(self) -> str:
        return f"{self.url}?mode=oaipmh"

    def __enter__(self) -> PycswPeer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def main(argv: list[str]) -> None:
    """Serve a repository in this process: prints the URL, serves until killed (used by the benchmark)."""
    db_path = Path(argv[0])
    server = make_server(
        "127.0.0.1",
        int(argv[1]) if len(argv) > 1 else 0,
        pycsw_app(db_path),
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )
    print(f"http://127.0.0.1:{server.server_port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
