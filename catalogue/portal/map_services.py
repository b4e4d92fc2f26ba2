"""Data preview on the map: what a record's map service (OGC WMS or WMTS) offers, read server-side and cached, and
the co-visualisation map made of layers of several records.

Only URLs a record publishes are read (a link is named by record and position, never by a URL from the visitor),
private and loopback addresses are refused unless settings.WMS_PREVIEW_ALLOW_PRIVATE (tests, intranets), and every
failure becomes a plain sentence for the page ("the map server did not answer within 10 s"), cached briefly so a
dead server is not asked again on each view. Reading each protocol's capabilities is its own module
(`wms_preview`, `wmts_preview`); this one holds what they share.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from catalogue.records.models import Record

MAX_CAPABILITIES_BYTES = 5 * 1024 * 1024
_OWN_PARAMETERS = {"service", "request", "version", "acceptversions"}
# The map's coordinate systems: Leaflet's web mercator (the default) and its plate carrée (EPSG:4326).
MAP_CRS = ("3857", "4326")


@dataclass
class MapLayer:
    name: str
    title: str
    bbox: list[float] | None  # west, south, east, north in degrees
    legend_url: str = ""
    abstract: str = ""
    # WMTS only: for each map CRS the layer's tiles fit ("3857", "4326"), the tile URL template (placeholders
    # {TileMatrix}, {TileRow}, {TileCol}) and the tile matrix of each Leaflet zoom level ({"3": "03", ...}).
    grids: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def from_capabilities(cls, name: str, layer, legend_url: str, grids: dict[str, dict] | None = None) -> MapLayer:
        """A layer as OWSLib reads it from WMS or WMTS capabilities (the same title, box and abstract rules)."""
        box = layer.boundingBoxWGS84
        return cls(
            name=name,
            title=layer.title or name,
            bbox=[float(v) for v in box[:4]] if box else None,
            legend_url=legend_url or "",
            abstract=(layer.abstract or "")[:500],
            grids=grids or {},
        )


@dataclass
class MapService:
    url: str  # the endpoint (without the request parameters)
    kind: str = "wms"  # "wms" or "wmts"
    version: str = ""
    title: str = ""
    layers: list[MapLayer] = field(default_factory=list)
    # Why the layers could not be read ("" when they were): a code, so the cache holds no language and each reader
    # gets the sentence in theirs (`error`).
    error_code: str = ""
    error_args: dict = field(default_factory=dict)

    @property
    def error(self) -> str:
        messages = {
            "private": _("This map server is on a private network: it cannot be previewed here."),
            "timeout": _("The map server did not answer within %(s)d s."),
            "http": _("The map server answered with an error (HTTP %(status)s)."),
            "unreachable": _("The map server could not be reached."),
            "not_wms": _("The map server's answer is not a WMS capabilities document."),
            "not_wmts": _("The map server's answer is not a WMTS capabilities document."),
            "no_layer": _("This map server offers no layer to draw."),
            "no_grid": _(
                "This map server offers its tiles only in grids a web map cannot draw (it needs EPSG:3857 or "
                "EPSG:4326 tiles of 256 pixels)."
            ),
        }
        return messages[self.error_code] % self.error_args if self.error_code else ""

    def layer(self, name: str) -> MapLayer | None:
        return next((layer for layer in self.layers if layer.name == name), None)

    def map_crs(self, layer: MapLayer | None) -> str:
        """The CRS a map showing `layer` uses: web mercator unless the layer's tiles come only in EPSG:4326."""
        if self.kind == "wmts" and layer is not None and "3857" not in layer.grids and "4326" in layer.grids:
            return "4326"
        return "3857"


def is_wmts_link(resource: dict) -> bool:
    protocol = (resource.get("protocol") or "").upper()
    url = (resource.get("url") or "").lower()
    return "WMTS" in protocol or "service=wmts" in url or "wmtscapabilities.xml" in url


def is_wms_link(resource: dict) -> bool:
    protocol = (resource.get("protocol") or "").upper()
    url = (resource.get("url") or "").lower()
    return not is_wmts_link(resource) and ("WMS" in protocol or "service=wms" in url)


def link_kind(resource: dict) -> str:
    """ "wms", "wmts", or "" for a link that is not a map service the portal can preview."""
    if not (resource.get("url") or "").lower().startswith(("http://", "https://")):
        return ""
    return "wmts" if is_wmts_link(resource) else "wms" if is_wms_link(resource) else ""


def preview_links(record: Record) -> dict[int, dict]:
    """{position in online_resources: resource} of the record's map service links (WMS and WMTS)."""
    return {index: resource for index, resource in enumerate(record.online_resources or []) if link_kind(resource)}


def service_base(url: str) -> str:
    """The endpoint with the OGC request parameters removed (records often publish a GetCapabilities URL)."""
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _OWN_PARAMETERS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))


def with_parameters(base: str, parameters: dict[str, str]) -> str:
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}{urlencode(parameters)}" if parameters else base


def refused_host(url: str) -> bool:
    if settings.WMS_PREVIEW_ALLOW_PRIVATE:
        return False
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False  # let the request fail and say so
    return any(not ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses)


def fetch_capabilities(url: str) -> bytes:
    with requests.get(
        url,
        timeout=settings.WMS_PREVIEW_TIMEOUT,
        headers={"User-Agent": settings.HARVEST_USER_AGENT, "Accept": "application/xml, text/xml"},
        stream=True,
    ) as response:
        response.raise_for_status()
        body = response.raw.read(MAX_CAPABILITIES_BYTES + 1, decode_content=True)
    if len(body) > MAX_CAPABILITIES_BYTES:
        raise ValueError("capabilities too large")
    return body


# One way of asking a server its capabilities: the URL to fetch, and how to read the answer into a MapService.
Attempt = tuple[str, Callable[[bytes], MapService]]


def read_capabilities(kind: str, base: str, attempts: list[Attempt]) -> MapService:
    """The first attempt that gives a service with layers, or the plain reason none did (cached:
    settings.WMS_CAPABILITIES_CACHE_SECONDS, failures 2 minutes)."""
    key = f"{kind}-capabilities:" + hashlib.sha256(base.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return MapService(**{**cached, "layers": [MapLayer(**layer) for layer in cached["layers"]]})
    service = _read(kind, base, attempts)
    seconds = settings.WMS_CAPABILITIES_CACHE_SECONDS if not service.error_code else 120
    cache.set(key, asdict(service), seconds)
    return service


def _read(kind: str, base: str, attempts: list[Attempt]) -> MapService:
    if refused_host(base):
        return MapService(base, kind, error_code="private")
    failure: tuple[str, dict] = (f"not_{kind}", {})
    for url, parse in attempts:
        try:
            service = parse(fetch_capabilities(url))
        except requests.Timeout:
            return MapService(base, kind, error_code="timeout", error_args={"s": int(settings.WMS_PREVIEW_TIMEOUT)})
        except requests.HTTPError as exc:
            failure = ("http", {"status": exc.response.status_code})
        except requests.RequestException:
            return MapService(base, kind, error_code="unreachable")
        except Exception:  # noqa: BLE001 - OWSLib raises anything on a document that is not capabilities
            failure = (f"not_{kind}", {})
        else:
            if service.error_code or not service.layers:
                error = service.error_code or "no_layer"
                return MapService(base, kind, service.version, service.title, error_code=error)
            return service
    return MapService(base, kind, error_code=failure[0], error_args=failure[1])
