"""What every page's chrome needs: the header's links to the machine interfaces, and the map tile settings."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

# (label, url name or path, query string). Paths that another app may not serve yet are checked with resolve().
_SERVICES = (
    (_("API documentation"), "api:docs", ""),
    (_("CSW"), "csw:csw", "?service=CSW&request=GetCapabilities"),
    (_("OAI-PMH"), "csw:oaipmh", "?verb=Identify"),
    (_("OpenSearch"), "csw:opensearch", ""),
)
_STATISTICS = "/stats/"


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _served(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def portal_chrome(request) -> dict:
    services = [(label, _url(name) + query) for label, name, query in _SERVICES if _url(name)]
    return {
        "service_links": services,
        "statistics_url": _STATISTICS if _served(_STATISTICS) else "",
        "map_tiles_url": settings.MAP_TILES_URL,
        "map_attribution": settings.MAP_TILES_ATTRIBUTION if settings.MAP_TILES_URL else "",
    }
