"""The COUNTER Code of Practice for Research Data (release RD1) as plain functions, one per rule.

Rule numbers (ST-xx) are those of ../shared/reference/landing-pages-and-stats.md §2. Nothing here touches the
database, Redis or Django: the recording middleware, the log importer and the daily aggregation all call these, so
the rules are written (and tested) once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from importlib.resources import files
from itertools import groupby

# ST-06: the same user on the same URL within 30 s is one access; exactly 30 s still counts (counter-processor).
DOUBLE_CLICK_SECONDS = 30
# ST-05: only successful accesses count.
COUNTED_STATUSES = frozenset({200, 304})
# An outbound click answers a redirect: the click is the access (ST-11), its target is never seen by us.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class Activity(StrEnum):
    """ST-01: Investigations are any activity on a dataset; Requests retrieve its content (and are Investigations)."""

    INVESTIGATION = "investigation"
    REQUEST = "request"


class AccessMethod(StrEnum):
    """ST-04: Regular (people) and Machine (scripts) are reported apart; robots are not reported at all."""

    REGULAR = "regular"
    MACHINE = "machine"
    ROBOT = "robot"


def _pattern(filename: str) -> re.Pattern[str]:
    lines = (files("counter_robots") / "data" / filename).read_text(encoding="utf-8").splitlines()
    # Lists are matched against a lower-cased agent, so the patterns are too (some are written "Wget", "PHP\/").
    return re.compile("|".join(line for line in lines if line.strip()), re.IGNORECASE)


_MACHINE = _pattern("machine.txt")
_ROBOT = _pattern("robot.txt")


@lru_cache(maxsize=8192)
def classify_agent(user_agent: str) -> AccessMethod:
    """ST-04/ST-08. The machine list is tested first: curl, wget and python match both lists in counter-robots, and
    research tools must be counted as Machine, never dropped as robots."""
    agent = (user_agent or "").strip().lower()
    if _MACHINE.search(agent):
        return AccessMethod.MACHINE
    if _ROBOT.search(agent):
        return AccessMethod.ROBOT
    return AccessMethod.REGULAR


def is_counted_status(status: int, *, outbound: bool = False) -> bool:
    """ST-05: HTTP 200 and 304 count; for an outbound click the redirect we answered is the access."""
    return status in COUNTED_STATUSES or (outbound and status in REDIRECT_STATUSES)


def outbound_activity(url: str, served_prefixes: Iterable[str]) -> Activity:
    """ST-11: a click out to a hub's data is an Investigation, unless the bytes are served by the portal itself."""
    return (
        Activity.REQUEST
        if any(url.startswith(prefix) for prefix in served_prefixes if prefix)
        else Activity.INVESTIGATION
    )


def user_identity(
    *, user_id: str = "", user_cookie: str = "", session_cookie: str = "", ip: str = "", user_agent: str = ""
) -> str:
    """ST-06: username > user cookie > session cookie > IP + User-Agent."""
    if user_id:
        return f"user:{user_id}"
    if user_cookie:
        return f"cookie:{user_cookie}"
    if session_cookie:
        return f"session:{session_cookie}"
    return f"{ip}|{user_agent}"


def session_key(identity: str, when: datetime) -> str:
    """ST-07: a session is a user in one clock hour of one day; for anonymous users `IP|UA|YYYY-MM-DD|HH`."""
    return f"{identity}|{when:%Y-%m-%d}|{when:%H}"


def attributed_hub(pole_codes: Iterable[str], primary_pole: str = "") -> str:
    """ST-09: a dataset several hubs publish is counted for ONE hub: the hub of the source whose version the portal
    shows (the primary source), else the first hub code in alphabetical order, so the choice is stable."""
    codes = sorted(set(pole_codes))
    if primary_pole and (primary_pole in codes or not codes):
        return primary_pole
    return codes[0] if codes else ""


@dataclass(frozen=True, slots=True)
class Hit:
    """One access as the rules see it (already hashed: no IP or agent here)."""

    timestamp: datetime
    session: str
    url: str
    dataset: str
    hub: str
    activity: Activity
    method: AccessMethod
    status: int = 200
    outbound: bool = False


def is_countable(hit: Hit) -> bool:
    """ST-04 robots out, ST-05 failures out."""
    return hit.method != AccessMethod.ROBOT and is_counted_status(hit.status, outbound=hit.outbound)


def remove_double_clicks(hits: Iterable[Hit]) -> list[Hit]:
    """ST-06 within one user-session: of accesses to the same URL within 30 s the earlier is removed and the later
    kept, chained (0 s, 20 s, 40 s keeps only the last). Sessions are per clock hour, so 10:59:50 and 11:00:05 are
    two sessions and both count (§2.4 #9/#10). Returns the kept hits in time order."""
    kept: list[Hit] = []
    by_url = sorted(hits, key=lambda hit: (hit.session, hit.url, hit.timestamp))
    for _, group in groupby(by_url, key=lambda hit: (hit.session, hit.url)):
        accesses = list(group)
        for current, following in zip(accesses, [*accesses[1:], None], strict=True):
            if (
                following is not None
                and (following.timestamp - current.timestamp).total_seconds() <= DOUBLE_CLICK_SECONDS
            ):
                continue
            kept.append(current)
    kept.sort(key=lambda hit: hit.timestamp)
    return kept


@dataclass(slots=True)
class Counts:
    """The four RD1 metrics of one dataset, hub and access method."""

    total_investigations: int = 0
    unique_investigations: int = 0
    total_requests: int = 0
    unique_requests: int = 0

    def add(self, other: Counts) -> None:
        self.total_investigations += other.total_investigations
        self.unique_investigations += other.unique_investigations
        self.total_requests += other.total_requests
        self.unique_requests += other.unique_requests


CountKey = tuple[str, str, AccessMethod]  # dataset, hub, access method


def count_session(hits: Iterable[Hit]) -> dict[CountKey, Counts]:
    """ST-01/ST-02 for the hits of ONE session: Totals after the double-click filter; Unique_* +1 at most per dataset
    in the session; every Request is also an Investigation."""
    counts: dict[CountKey, Counts] = {}
    seen_investigation: set[CountKey] = set()
    seen_request: set[CountKey] = set()
    for hit in remove_double_clicks(hit for hit in hits if is_countable(hit)):
        key = (hit.dataset, hit.hub, hit.method)
        entry = counts.setdefault(key, Counts())
        entry.total_investigations += 1
        if key not in seen_investigation:
            seen_investigation.add(key)
            entry.unique_investigations += 1
        if hit.activity == Activity.REQUEST:
            entry.total_requests += 1
            if key not in seen_request:
                seen_request.add(key)
                entry.unique_requests += 1
    return counts


def aggregate(hits_by_session: Iterable[Hit]) -> dict[CountKey, Counts]:
    """All sessions of a period. Input must arrive grouped by session (ORDER BY session): then only one session's
    hits are held at a time, and memory depends on the number of datasets, not of events."""
    totals: dict[CountKey, Counts] = {}
    for _, session_hits in groupby(hits_by_session, key=lambda hit: hit.session):
        for key, counts in count_session(session_hits).items():
            totals.setdefault(key, Counts()).add(counts)
    return totals


def sorted_by_session(hits: Iterable[Hit]) -> Iterator[Hit]:
    """For small inputs (tests, one log file) that do not come from an ordered query."""
    return iter(sorted(hits, key=lambda hit: (hit.session, hit.timestamp)))
