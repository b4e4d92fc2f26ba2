"""OGC WMTS capabilities of a record's map link, read server-side with OWSLib's WebMapTileService (shared reading,
caching and failures: catalogue.portal.map_services).

A web map draws tiles of one pyramid only, so a layer is offered in the tile matrix sets that match one of the
map's: web mercator (EPSG:3857, the OGC GoogleMapsCompatible pyramid) or plate carrée (EPSG:4326 with two tiles of
180 degrees at level 0, OGC WorldCRS84Quad, Leaflet's EPSG4326). Each tile matrix of such a set is matched to a zoom
level by its scale denominator and top-left corner; the set's own identifiers ("00", "EPSG:3857:5"...) are kept.
"""

from __future__ import annotations

import math
import re

from catalogue.portal.map_services import (
    MapLayer,
    MapService,
    read_capabilities,
    service_base,
    with_parameters,
)

# Scale denominator of zoom level 0 and the top-left corner (x, y in the CRS's east/north order) of each map CRS.
_PYRAMIDS = {
    "3857": (559082264.0287178, (-20037508.342789244, 20037508.342789244), 1.0),
    "4326": (279541132.0143589, (-180.0, 90.0), 1e-6),
}
_WEB_MERCATOR_CODES = {"3857", "900913", "102100", "102113", "3785"}
_EPSG_CODE = re.compile(r"EPSG(?:/\d+/|:[\d.]*:|::|:)(\d+)\s*$", re.IGNORECASE)
_TILE_PLACEHOLDERS = {"TileMatrix", "TileRow", "TileCol"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def map_crs_of(crs: str) -> str:
    """ "3857" or "4326" when a tile matrix set's CRS is one of the map's, "" otherwise."""
    crs = (crs or "").strip()
    if re.search(r"CRS:?84$", crs, re.IGNORECASE):
        return "4326"
    match = _EPSG_CODE.search(crs)
    code = match.group(1) if match else ""
    return "3857" if code in _WEB_MERCATOR_CODES else "4326" if code == "4326" else ""


def zoom_levels(matrix_set, crs: str) -> dict[str, str]:
    """{Leaflet zoom: tile matrix identifier} of the matrices of `matrix_set` on the map's pyramid in `crs`."""
    scale0, (left, top), tolerance = _PYRAMIDS[crs]
    levels = {}
    for identifier, matrix in matrix_set.tilematrix.items():
        if (matrix.tilewidth, matrix.tileheight) != (256, 256) or not matrix.scaledenominator:
            continue
        corner = tuple(float(v) for v in matrix.topleftcorner)
        # EPSG:4326 is latitude first; servers write it either way.
        if not any(abs(x - left) <= tolerance and abs(y - top) <= tolerance for x, y in (corner, corner[::-1])):
            continue
        zoom = round(math.log2(scale0 / float(matrix.scaledenominator)))
        if 0 <= zoom <= 24 and abs(float(matrix.scaledenominator) * 2**zoom / scale0 - 1) < 0.005:
            levels[str(zoom)] = identifier
    return levels


def _kvp_endpoint(wmts, base: str) -> str:
    try:
        methods = wmts.getOperationByName("GetTile").methods
    except (KeyError, AttributeError):
        return base
    for method in methods:
        encodings = [v for c in method.get("constraints") or [] if c.name == "GetEncoding" for v in c.values]
        if method.get("url") and (not encodings or "KVP" in encodings):
            return method["url"]
    return "" if methods else base


def _tile_template(wmts, layer, base: str, matrix_set: str, style: str, image_format: str) -> str:
    """A tile URL with only {TileMatrix}, {TileRow} and {TileCol} left to fill, or "" when none can be made."""
    # OWSLib 0.28 reads no <Dimension>: a template that needs one (a {Time}) is left for KVP, which defaults it.
    declared = getattr(layer, "dimensions", None) or {}
    dimensions = {name: str((value or {}).get("default") or "") for name, value in declared.items()}
    for resource in layer.resourceURLs or []:
        if resource.get("resourceType") != "tile" or resource.get("format") != image_format:
            continue
        template = resource.get("template") or ""
        for name, value in {"TileMatrixSet": matrix_set, "Style": style, **dimensions}.items():
            template = template.replace("{" + name + "}", value)
        if template.startswith(("http://", "https://")) and set(_PLACEHOLDER.findall(template)) <= _TILE_PLACEHOLDERS:
            return template
    endpoint = _kvp_endpoint(wmts, base)
    if not endpoint:
        return ""
    parameters = {"SERVICE": "WMTS", "REQUEST": "GetTile", "VERSION": "1.0.0", "LAYER": layer.id, "STYLE": style,
                  "TILEMATRIXSET": matrix_set, "FORMAT": image_format, **dimensions}  # fmt: skip
    url = with_parameters(service_base(endpoint), parameters)
    return url + "&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}"


def _image_format(formats: list[str]) -> str:
    for wanted in ("image/png", "image/png8", "image/jpeg"):
        if wanted in formats:
            return wanted
    return next((f for f in formats if f.startswith("image/")), "image/png")


def _parse(base: str, body: bytes) -> MapService:
    from owslib.wmts import WebMapTileService

    wmts = WebMapTileService(base, xml=body)
    layers, without_grid = [], 0
    for name, layer in wmts.contents.items():
        styles = layer.styles or {}
        style = next((s for s, v in styles.items() if v.get("isDefault")), next(iter(styles), "default"))
        legend = (styles.get(style) or {}).get("legend") or ""
        image_format = _image_format(list(layer.formats or []))
        grids = {}
        for matrix_set in layer.tilematrixsetlinks:
            tile_matrix_set = wmts.tilematrixsets.get(matrix_set)
            crs = map_crs_of(tile_matrix_set.crs) if tile_matrix_set is not None else ""
            if not crs or crs in grids:
                continue
            levels = zoom_levels(tile_matrix_set, crs)
            template = _tile_template(wmts, layer, base, matrix_set, style, image_format) if levels else ""
            if template:
                grids[crs] = {"url": template, "matrices": levels, "matrix_set": matrix_set}
        if not grids:
            without_grid += 1
            continue
        layers.append(MapLayer.from_capabilities(name, layer, legend, grids))
    title = wmts.identification.title or ""
    error = "no_grid" if without_grid and not layers else ""
    return MapService(url=base, kind="wmts", version="1.0.0", title=title, layers=layers, error_code=error)


def read_service(url: str) -> MapService:
    """The drawable layers of the WMTS at `url`: a RESTful capabilities document as published, else KVP (cached)."""
    if url.split("?", 1)[0].lower().endswith(".xml"):
        base = url
        address = url
    else:
        base = service_base(url)
        address = with_parameters(base, {"SERVICE": "WMTS", "REQUEST": "GetCapabilities", "VERSION": "1.0.0"})
    return read_capabilities("wmts", base, [(address, lambda body: _parse(base, body))])
