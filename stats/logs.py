"""Web-server access logs (nginx/Apache "combined") through the same rules, so a hub can count traffic that never
reached Django: its own file server, or our portal's logs from before recording started.

Portal URLs are recognised by our URL patterns (record pages, landing pages, exports, /go/, CSW, OAI-PMH, API);
other lines count only when they match --request-pattern (files of a dataset, with a named group `doi` or
`record`), as Requests. Raw addresses are hashed with the day's salt as they are read and never stored.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from stats import intake
from stats.counter import Activity, classify_agent, outbound_activity, session_key, user_identity
from stats.models import EventKind
from stats.privacy import salted_hash
from stats.resolve import accesses_for

COMBINED = re.compile(
    r'^(?P<ip>\S+) \S+ (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<method>[A-Z]+) (?P<target>\S+)(?: [^"]*)?" '
    r'(?P<status>\d{3}) \S+(?: "(?P<referer>[^"]*)" "(?P<agent>[^"]*)")?'
)


@dataclass
class ImportResult:
    lines: int = 0
    events: int = 0
    skipped: int = 0  # lines of other URLs
    malformed: int = 0
    days: set[date] = field(default_factory=set)


def _event_id(line: str) -> str:
    # Re-importing a file writes nothing twice; keyed with the secret so the id does not reveal the address.
    return str(uuid.UUID(bytes=hmac.new(settings.SECRET_KEY.encode(), line.encode(), hashlib.sha256).digest()[:16]))


def _portal_accesses(path: str, query: str):
    try:
        match = resolve(path)
    except Resolver404:
        return []
    params = dict(parse_qsl(query, keep_blank_values=True))
    if match.view_name == "stats:go":
        target = params.get("url", "")
        return [
            (
                EventKind.OUTBOUND,
                outbound_activity(target, settings.STATS_SERVED_URL_PREFIXES),
                {"record_id": str(match.kwargs["record_id"])},
                True,
            )
        ]
    return [
        (access.kind, access.activity, access.ref, False)
        for access in accesses_for(match.view_name, match.kwargs, params)
    ]


def parse_lines(lines: Iterable[str], request_pattern: re.Pattern[str] | None, result: ImportResult) -> Iterator[dict]:
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        result.lines += 1
        match = COMBINED.match(line)
        if not match:
            result.malformed += 1
            continue
        try:
            when = datetime.strptime(match["time"], "%d/%b/%Y:%H:%M:%S %z")
        except ValueError:
            result.malformed += 1
            continue
        parts = urlsplit(match["target"])
        found = _portal_accesses(parts.path, parts.query)
        if not found and request_pattern is not None:
            hit = request_pattern.search(match["target"])
            if hit:
                ref = {"doi": hit["doi"]} if "doi" in hit.groupdict() else {"record_id": hit["record"]}
                found = [(EventKind.FILE, Activity.REQUEST, ref, False)]
        if not found:
            result.skipped += 1
            continue
        agent = match["agent"] or ""
        user = match["user"] if match["user"] != "-" else ""
        identity = user_identity(user_id=user, ip=match["ip"], user_agent=agent)
        when_utc = when.astimezone(UTC)
        day = when_utc.date()
        result.days.add(day)
        status = int(match["status"])
        for index, (kind, activity, ref, _outbound) in enumerate(found):
            result.events += 1
            yield {
                "type": "usage",
                "id": _event_id(f"{index}:{line}"),
                "ts": when_utc.isoformat(),
                "method": classify_agent(agent).value,
                "session": salted_hash(session_key(identity, when_utc), day),
                "visitor": salted_hash(identity, day),
                "status": status,  # a logged /go/ redirect counts on its 302 like one recorded live (kind outbound)
                "kind": str(kind),
                "activity": activity.value,
                "ref": ref,
                "url": match["target"][:2000],
                "source": "log",
            }


def import_log(lines: Iterable[str], request_pattern: str = "", batch_size: int = 2000) -> ImportResult:
    """Parse, hash and write the events of a log (in batches); the caller re-aggregates result.days."""
    pattern = re.compile(request_pattern) if request_pattern else None
    result = ImportResult()
    batch: list[dict] = []
    for payload in parse_lines(lines, pattern, result):
        batch.append(payload)
        if len(batch) >= batch_size:
            intake.write_events(batch)
            batch = []
    if batch:
        intake.write_events(batch)
    return result
