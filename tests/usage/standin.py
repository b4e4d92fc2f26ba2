"""A real local HTTP server standing in for DataCite (usage-report POSTs and event-data GETs): it records what it
receives and answers what the test tells it. DataCite itself is not reachable from here."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class StandIn:
    def __init__(self) -> None:
        self.received: list[dict] = []
        self.post_status = 201
        self.events: dict[str, list[dict]] = {}  # "subj-id=<url>" or "obj-id=<url>" -> events
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                self._answer(outer.post_status, {"report": {"id": f"report-{len(outer.received)}"}})

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                outer.received.append({"path": self.path, "headers": dict(self.headers), "body": b""})
                for side in ("subj-id", "obj-id"):
                    if side in query:
                        events = outer.events.get(f"{side}={query[side][0]}", [])
                        self._answer(200, {"data": events, "meta": {"total": len(events)}, "links": {}})
                        return
                self._answer(400, {"errors": [{"title": "subj-id or obj-id needed"}]})

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
