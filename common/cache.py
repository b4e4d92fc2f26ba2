"""A Redis cache that a Redis outage cannot turn into errors: a failing call is a cache miss.

The cache only ever holds what can be recomputed (search counts, citations, API throttle counters), so while
Redis is down pages and the API answer from the database, a little slower, instead of failing with 500. After a
failure the cache is skipped for REDIS_RETRY_SECONDS, so each request does not wait for a connect timeout; the
outages are logged once each and counted (datatera_cache_errors_total).
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from common.metrics import CACHE_ERRORS

logger = logging.getLogger(__name__)
_OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)
_MISS = object()


def _tolerant(default):
    """Wrap a cache method: on a Redis outage return `default` (or the call's own `default` argument for get)."""

    def wrap(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if time.monotonic() < self._skip_until:
                return _fallback(default, method.__name__, args, kwargs)
            try:
                result = method(self, *args, **kwargs)
            except _OUTAGE as exc:
                self._skip_until = time.monotonic() + self.retry_seconds
                CACHE_ERRORS.inc()
                if not self._down:
                    logger.warning("cache: Redis unreachable (%s); serving without the cache", exc)
                self._down = True
                return _fallback(default, method.__name__, args, kwargs)
            if self._down:
                logger.warning("cache: Redis answers again")
                self._down = False
            return result

        return call

    return wrap


def _fallback(default, name, args, kwargs):
    if default is _MISS:  # get(key, default=None): the caller's default
        return kwargs.get("default", args[1] if len(args) > 1 else None)
    return default


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})  # a copy: the settings' dict is shared by every instance
        params = {**params, "OPTIONS": options}
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5.0))
        # Short socket timeouts: a Redis that hangs must cost a page milliseconds, not seconds.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._skip_until = 0.0
        self._down = False

    get = _tolerant(_MISS)(RedisCache.get)
    set = _tolerant(None)(RedisCache.set)
    add = _tolerant(False)(RedisCache.add)
    touch = _tolerant(False)(RedisCache.touch)
    delete = _tolerant(False)(RedisCache.delete)
    get_many = _tolerant({})(RedisCache.get_many)
    set_many = _tolerant([])(RedisCache.set_many)
    delete_many = _tolerant(None)(RedisCache.delete_many)
    has_key = _tolerant(False)(RedisCache.has_key)
    incr = _tolerant(None)(RedisCache.incr)
