"""What every page's chrome needs: the header's links to the machine interfaces, and the map tile settings."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

# (label, path, query string). The paths are contracts (BRIEF.md); each face may move between modules, so they are
# checked with resolve() rather than reversed by a name, and a face not served (yet) is simply not listed.
_SERVICES = (
    (_("API documentation"), "/api/docs/", ""),
    (_("CSW"), "/csw", "?service=CSW&request=GetCapabilities"),
    (_("OAI-PMH"), "/oaipmh", "?verb=Identify"),
    (_("OpenSearch"), "/opensearch", ""),
)


@cache
def _served(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def portal_chrome(request) -> dict:
    services = [(label, path + query) for label, path, query in _SERVICES if _served(path)]
    return {
        "service_links": services,
        "map_tiles_url": settings.MAP_TILES_URL,
        "map_attribution": settings.MAP_TILES_ATTRIBUTION if settings.MAP_TILES_URL else "",
    }
