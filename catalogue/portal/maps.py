"""Which basemap a portal map draws. Tiles and their attribution are site-wide (datatera.context_processors).

Every map draws the Natural Earth basemap from our static files first; online tiles, when configured, go over it.
"""

from __future__ import annotations

from django.templatetags.static import static

# Coarse land for the world-wide search map, finer land for record maps zoomed to a region.
BASEMAP_WORLD = "vendor/world-atlas/land-110m.json"
BASEMAP_REGION = "vendor/world-atlas/land-50m.json"


def map_context(detail: bool = False) -> dict[str, str]:
    return {"map_basemap_url": static(BASEMAP_REGION if detail else BASEMAP_WORLD)}
