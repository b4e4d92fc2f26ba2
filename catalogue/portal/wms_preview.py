"""OGC WMS capabilities of a record's map link, read server-side with OWSLib (shared reading, caching and failures:
catalogue.portal.map_services)."""

from __future__ import annotations

from catalogue.portal.map_services import (
    MapLayer,
    MapService,
    read_capabilities,
    service_base,
    with_parameters,
)

WMS_VERSIONS = ("1.3.0", "1.1.1")


def _parse(base: str, version: str, body: bytes) -> MapService:
    from owslib.wms import WebMapService

    wms = WebMapService(base, version=version, xml=body)
    try:
        endpoint = wms.getOperationByName("GetMap").methods[0]["url"] or base
    except (KeyError, IndexError, AttributeError):
        endpoint = base
    layers = []
    for name, layer in wms.contents.items():
        if not name or getattr(layer, "layers", None):
            continue  # groups (the server's root layer among them): their drawable children are listed
        styles = getattr(layer, "styles", {}) or {}
        legend = next((style.get("legend") for style in styles.values() if style.get("legend")), "")
        layers.append(MapLayer.from_capabilities(name, layer, legend))
    title = wms.identification.title or ""
    return MapService(url=service_base(endpoint), kind="wms", version=version, title=title, layers=layers)


def read_service(url: str) -> MapService:
    """The layers of the WMS at `url`: WMS 1.3.0, else 1.1.1 (cached)."""
    base = service_base(url)
    attempts = [
        (
            with_parameters(base, {"SERVICE": "WMS", "REQUEST": "GetCapabilities", "VERSION": version}),
            lambda body, version=version: _parse(base, version, body),
        )
        for version in WMS_VERSIONS
    ]
    return read_capabilities("wms", base, attempts)
