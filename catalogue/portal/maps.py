"""Map settings shared by the portal pages (background tiles come from settings, never hard-coded in JS)."""

from __future__ import annotations

from django.conf import settings

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = "© OpenStreetMap contributors"


def map_context() -> dict[str, str]:
    config = getattr(settings, "LEAFLET_CONFIG", {}) or {}
    tiles = config.get("TILES", DEFAULT_TILES)
    attribution = DEFAULT_ATTRIBUTION
    if isinstance(tiles, list | tuple):  # django-leaflet form: [(name, url, {"attribution": ...}), ...]
        _, tiles, options = (list(tiles[0]) + [{}])[:3]
        attribution = options.get("attribution", attribution) if isinstance(options, dict) else attribution
    return {"map_tiles_url": tiles or "", "map_attribution": config.get("ATTRIBUTION_PREFIX", "") or attribution}
