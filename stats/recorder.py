"""Turn an answered request into queued events: hash the visitor, classify the agent, push to Redis.

No database query and no raw IP or agent leaves this module; the batch writer (stats.intake) resolves records.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from stats import intake
from stats.counter import AccessMethod, classify_agent, session_key, user_identity
from stats.hints import SearchHint
from stats.privacy import salted_hash
from stats.resolve import accesses


def clock() -> datetime:
    """The recording time (tests replace it to replay a day)."""
    return datetime.now(UTC)


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address the trusted reverse proxies saw (STATS_TRUSTED_PROXIES of them)."""
    hops = settings.STATS_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        chain = [part.strip() for part in forwarded.split(",") if part.strip()]
        if chain:
            return chain[max(len(chain) - hops, 0)]
    return request.META.get("REMOTE_ADDR", "")


def _identity(request: HttpRequest, ip: str, agent: str) -> str:
    user = getattr(request, "user", None)
    user_id = str(user.pk) if user is not None and user.is_authenticated else ""
    return user_identity(
        user_id=user_id,
        session_cookie=request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""),
        ip=ip,
        user_agent=agent,
    )


def events_for(request: HttpRequest, response: HttpResponse, when: datetime) -> list[dict]:
    """The queue payloads of one request (usually none). HEAD and OPTIONS transfer nothing: not accesses."""
    if request.method not in ("GET", "POST"):
        return []
    hint = getattr(request, "usage", None)
    found = accesses(request)
    if not found and not isinstance(hint, SearchHint):
        return []
    agent = request.META.get("HTTP_USER_AGENT", "")
    method = classify_agent(agent)
    identity = _identity(request, client_ip(request), agent)
    day = when.date()
    session = salted_hash(session_key(identity, when), day)
    common = {"ts": when.isoformat(), "method": method.value, "session": session, "status": response.status_code}
    if isinstance(hint, SearchHint):
        if not hint.new_result_set or method == AccessMethod.ROBOT:
            return []
        return [
            {
                "type": "search",
                "id": str(uuid.uuid4()),
                **common,
                "query": hint.query[:500],
                "filters": hint.filters,
                "hubs": list(hint.hubs),
                "results": hint.result_count,
            }
        ]
    visitor = salted_hash(identity, day)
    url = request.get_full_path()[:2000]
    return [
        {
            "type": "usage",
            "id": str(uuid.uuid4()),
            **common,
            "kind": str(access.kind),
            "activity": access.activity.value,
            "ref": access.ref,
            "url": url,
            "visitor": visitor,
        }
        for access in found
    ]


def record(request: HttpRequest, response: HttpResponse) -> None:
    for payload in events_for(request, response, clock()):
        intake.enqueue(payload)
