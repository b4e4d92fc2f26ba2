"""The layers a reader puts on maps: one record link's service read by its protocol, and the co-visualisation map
made of layers of several records (the "add to map" basket). Its state is its URL: ?l=record|link|layer|opacity|shown
repeated; the session's basket only remembers what the reader added, to offer the map from any page.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _

from catalogue.portal import wms_preview, wmts_preview
from catalogue.portal.map_services import MapLayer, MapService, link_kind, preview_links
from catalogue.records.models import Record


def read_service(resource: dict) -> MapService:
    """The layers of the map service a record's link names, read by the module of its protocol."""
    reader = wmts_preview.read_service if link_kind(resource) == "wmts" else wms_preview.read_service
    return reader(resource["url"])


def image_origins(service: MapService) -> list[str]:
    """Where a page showing this service loads images from (the page's CSP must allow them: ops.security)."""
    urls = [service.url]
    for layer in service.layers:
        urls += [layer.legend_url, *(grid["url"] for grid in layer.grids.values())]
    return [url for url in urls if url]


def layer_spec(service: MapService, layer: MapLayer, opacity: int = 70) -> dict:
    """What the map script draws a layer with (static/js/wms.js)."""
    return {**asdict(layer), "kind": service.kind, "url": service.url, "version": service.version, "opacity": opacity}


@dataclass
class MapItem:
    """One layer on the co-visualisation map, as the map page's URL names it: record|link|layer|opacity|shown."""

    record_id: str
    link: int
    layer: str
    opacity: int = 70  # percent
    shown: bool = True

    @property
    def token(self) -> str:
        return f"{self.record_id}|{self.link}|{self.layer}|{self.opacity}|{int(self.shown)}"

    @property
    def key(self) -> str:
        return f"{self.record_id}|{self.link}|{self.layer}"

    @classmethod
    def parse(cls, token: str) -> MapItem | None:
        head = token.split("|", 2)
        if len(head) != 3 or not head[1].isdigit():
            return None
        layer, opacity, shown = head[2], "70", "1"
        parts = head[2].rsplit("|", 2)
        if len(parts) == 3 and parts[1].isdigit() and parts[2] in ("0", "1"):
            layer, opacity, shown = parts
        return cls(head[0], int(head[1]), layer, max(0, min(100, int(opacity))), shown == "1")


MAX_MAP_ITEMS = 12


@dataclass
class CovisMap:
    crs: str  # "3857" or "4326"
    layers: list[dict]  # each with what the map and its list need, or the plain reason it cannot be drawn
    origins: list[str]  # image origins for the page's CSP


def map_layers(items: list[MapItem]) -> CovisMap:
    """The co-visualisation map of these items. Its CRS is web mercator unless every tiled (WMTS) layer on it comes
    only in EPSG:4326; WMS layers are drawn in either. A tiled layer without tiles in the map's CRS says so."""
    records = {str(r.pk): r for r in Record.objects.public().filter(pk__in=_valid_ids(items))}
    found: list[tuple[dict, MapService | None, MapLayer | None]] = []
    for index, item in enumerate(items[:MAX_MAP_ITEMS]):
        entry = {"id": f"layer-{index}", "token": item.token, "key": item.key, "opacity": item.opacity,
                 "shown": item.shown, "name": item.layer, "title": item.layer, "record_title": "", "record_url": "",
                 "kind": "", "url": "", "version": "", "legend_url": "", "bbox": None, "grids": {},
                 "error": ""}  # fmt: skip
        record = records.get(item.record_id)
        links = preview_links(record) if record else {}
        if record is None or item.link not in links:
            entry["error"] = _("This record or its map link is no longer in the catalogue.")
            found.append((entry, None, None))
            continue
        entry["record_title"], entry["record_url"] = record.title, record.get_absolute_url()
        service = read_service(links[item.link])
        layer = service.layer(item.layer)
        if service.error or layer is None:
            entry["error"] = service.error or _("The map server no longer offers this layer.")
            found.append((entry, None, None))
        else:
            entry.update(layer_spec(service, layer, item.opacity), name=item.layer)
            found.append((entry, service, layer))
    tiled = [layer for _entry, service, layer in found if service is not None and service.kind == "wmts"]
    only_geographic = tiled and all("3857" not in layer.grids for layer in tiled)
    crs = "4326" if only_geographic and all("4326" in layer.grids for layer in tiled) else "3857"
    origins = []
    for entry, service, layer in found:
        if service is None:
            continue
        if service.kind == "wmts" and crs not in layer.grids:
            entry["error"] = _("The tiles of this layer are in a grid this map cannot draw with the other layers.")
            continue
        origins += [entry["url"], entry["legend_url"], *(grid["url"] for grid in layer.grids.values())]
    return CovisMap(crs, [entry for entry, _service, _layer in found], [url for url in origins if url])


def _valid_ids(items: list[MapItem]) -> list[str]:
    valid = []
    for item in items:
        try:
            valid.append(str(uuid.UUID(item.record_id)))
        except ValueError:
            continue
    return valid
