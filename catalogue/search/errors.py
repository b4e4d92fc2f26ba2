"""Search failures every backend reports the same way, so the portal and the API answer them the same way:
400 for a query the engine refuses (too large, too complex), 503 for an engine that cannot answer now (down,
overloaded, too slow). Messages are for people, in French and English; the cause goes to the log."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class SearchError(Exception):
    status = 503
    default_message = _("Search is temporarily unavailable. Please try again in a moment.")

    def __init__(self, message=None, *, cause: str = "", request_id: str = "") -> None:
        self.message = message or self.default_message
        self.cause = cause  # what the engine said (logged, never shown)
        self.request_id = request_id  # set by the service: the 503 and its log line share it
        super().__init__(f"{self.message} ({cause})" if cause else str(self.message))


class SearchUnavailableError(SearchError):
    """The engine is down, overloaded or too slow: retry later (or fall back to PostgreSQL, SEARCH_FALLBACK)."""


class SearchTimeoutError(SearchUnavailableError):
    default_message = _("The search took too long. Please try again, or narrow it with filters.")


class SearchRejectedError(SearchError):
    """The engine refused this query as too large or too complex: the same query will fail again."""

    status = 400
    default_message = _("This search is too large or too complex. Use fewer words or filter values.")
