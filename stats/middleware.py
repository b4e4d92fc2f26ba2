"""The one place usage is recorded: after the view answered, from the URL and what the view noted on the request."""

from __future__ import annotations

import logging

from django.conf import settings

from stats import recorder

logger = logging.getLogger(__name__)


class UsageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.STATS_ENABLED:
            try:
                recorder.record(request, response)
            except Exception:  # statistics must never break a page
                logger.exception("usage event not recorded for %s", request.path)
        return response
