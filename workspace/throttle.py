"""Failed-login throttle, kept in the shared cache (Redis) so every server process counts the same failures.

After LOGIN_FAILURE_LIMIT failures for one user name, or from one client address, within
LOGIN_FAILURE_WINDOW_SECONDS, further attempts are refused (even with the right password) until the window
passes. A successful login clears the user name's count. Counting per address too stops one client from trying
many user names; counting per user name stops many clients from trying one account.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(username: str, address: str) -> list[str]:
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return [f"login-failures:user:{name}", f"login-failures:addr:{address}"]


def is_blocked(username: str, address: str) -> bool:
    counts = cache.get_many(_keys(username, address))
    return any(count >= settings.LOGIN_FAILURE_LIMIT for count in counts.values())


def record_failure(username: str, address: str) -> None:
    for key in _keys(username, address):
        # add() starts the window at the first failure; incr() keeps its expiry.
        if not cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def clear(username: str) -> None:
    cache.delete(_keys(username, "")[0])


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"
