"""HTTP for harvesters: one session factory and one fetch function with the policy every protocol shares.

- A clear User-Agent so hub admins can see who we are in their logs.
- Connect/read timeouts on every request.
- Transient failures (connection errors, timeouts, truncated bodies, 5xx, 429) are retried with exponential
  backoff; a Retry-After header is honoured, capped so a server cannot park a worker for hours.
- Permanent failures (4xx other than 429, a body over the size limit) are raised at once: retrying cannot help.
- The body is streamed and counted, so a 2 GB answer is refused after HARVEST_MAX_DOCUMENT_BYTES, not in memory.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class HarvestHTTPError(Exception):
    """A request that did not give a usable response. ``transient`` says whether trying later may help."""

    transient = False

    def __init__(self, message: str, *, url: str = "", status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


class TransientHTTPError(HarvestHTTPError):
    """Still failing after every retry (unreachable host, timeouts, 5xx): the next run may succeed."""

    transient = True


class PermanentHTTPError(HarvestHTTPError):
    """The server said no (404, 401, 400...) or the answer is unacceptable (too large): retrying cannot help."""


@dataclass(slots=True)
class FetchedResponse:
    url: str
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    elapsed: float = 0.0  # seconds, the whole exchange including the body

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", self.headers.get("content-type", ""))


def new_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = settings.HARVEST_USER_AGENT
    session.headers["Accept-Encoding"] = "gzip, deflate"
    # Retries are ours (fetch below) so they share one backoff policy and one log; urllib3's stay off.
    adapter = HTTPAdapter(max_retries=0, pool_connections=4, pool_maxsize=4)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def fetch(
    session: requests.Session,
    url: str,
    *,
    method: str = "GET",
    params: dict | None = None,
    data: bytes | None = None,
    headers: dict | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_retries: int | None = None,
    sleep: Callable[[float], None] | None = None,
    on_retry: Callable[[str], None] | None = None,
) -> FetchedResponse:
    """One request with the shared retry policy. Returns a 2xx response or raises HarvestHTTPError."""
    timeout = timeout if timeout is not None else settings.HARVEST_HTTP_TIMEOUT
    max_bytes = max_bytes if max_bytes is not None else settings.HARVEST_MAX_DOCUMENT_BYTES
    max_retries = max_retries if max_retries is not None else settings.HARVEST_MAX_RETRIES
    sleep = sleep or _sleep
    backoff = settings.HARVEST_RETRY_BACKOFF_SECONDS
    cap = settings.HARVEST_RETRY_AFTER_CAP_SECONDS
    attempt = 0
    while True:
        started = time.monotonic()
        wait: float | None = None
        try:
            response = _request_once(session, method, url, params, data, headers, timeout, max_bytes)
        except PermanentHTTPError:
            raise
        except HarvestHTTPError as exc:
            problem, status = str(exc), exc.status
        else:
            response.elapsed = time.monotonic() - started
            if 200 <= response.status < 300:
                return response
            status = response.status
            problem = f"HTTP {status} from {response.url}"
            if status not in RETRY_STATUSES:
                raise PermanentHTTPError(problem, url=response.url, status=status)
            wait = retry_after_seconds(response.headers.get("Retry-After"))
        if attempt >= max_retries:
            raise TransientHTTPError(
                f"{problem} (gave up after {attempt + 1} attempt{'s' if attempt else ''})", url=url, status=status
            )
        delay = min(cap, wait if wait is not None else backoff * (2**attempt))
        attempt += 1
        message = f"{problem}; retry {attempt}/{max_retries} in {delay:.1f}s"
        logger.warning(message)
        if on_retry:
            on_retry(message)
        sleep(delay)


def _request_once(session, method, url, params, data, headers, timeout, max_bytes) -> FetchedResponse:
    try:
        with session.request(
            method, url, params=params, data=data, headers=headers, timeout=timeout, stream=True
        ) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise PermanentHTTPError(
                    f"response of {int(declared):,} bytes is over the {max_bytes:,}-byte limit", url=url
                )
            chunks, size = [], 0
            for chunk in response.iter_content(chunk_size=64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise PermanentHTTPError(f"response over the {max_bytes:,}-byte limit (stopped reading)", url=url)
                chunks.append(chunk)
            return FetchedResponse(response.url, response.status_code, b"".join(chunks), dict(response.headers))
    except requests.Timeout as exc:
        raise HarvestHTTPError(f"timed out after {timeout:g}s: {url}", url=url) from exc
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
        # ChunkedEncodingError and urllib3's IncompleteRead: the connection dropped mid-body (truncated answer).
        raise HarvestHTTPError(f"connection failed: {connection_reason(exc)}", url=url) from exc
    except (
        requests.exceptions.InvalidURL,
        requests.exceptions.MissingSchema,
        requests.exceptions.InvalidSchema,
    ) as exc:
        raise PermanentHTTPError(f"invalid URL {url!r}: {_short(exc)}", url=url) from exc
    except requests.RequestException as exc:
        raise HarvestHTTPError(f"request failed: {_short(exc)}", url=url) from exc


def connection_reason(exc: Exception) -> str:
    """The root cause in a few words ("cannot resolve host x", "connection refused"), not urllib3's nested repr."""
    from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError, ProtocolError

    reason = exc.args[0] if exc.args else exc
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    if isinstance(reason, NameResolutionError):
        return f"cannot resolve host {reason.conn.host if reason.conn else ''} (DNS)".replace("  ", " ")
    if isinstance(reason, NewConnectionError):
        text = str(reason)
        return "connection refused" if "refused" in text.lower() else _short(text.split(": ", 1)[-1])
    if isinstance(reason, ProtocolError):
        return f"the connection dropped mid-response ({_short(reason)})"
    return _short(reason)


def _short(exc: Exception | str) -> str:
    text = str(exc)
    # urllib3 nests the useful reason at the end of a long repr; keep the end, it says "refused", "timed out"...
    return text if len(text) < 300 else "..." + text[-300:]
