"""Data preview on the map: what a record's OGC WMS link offers, read server-side with OWSLib and cached.

Only URLs a record publishes are read (a link is named by record and position, never by a URL from the visitor),
private and loopback addresses are refused unless settings.WMS_PREVIEW_ALLOW_PRIVATE (tests, intranets), and every
failure becomes a plain sentence for the page ("the map server did not answer within 10 s"), cached briefly so a
dead server is not asked again on each view.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from dataclasses import asdict, dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from catalogue.records.models import Record

WMS_VERSIONS = ("1.3.0", "1.1.1")
MAX_CAPABILITIES_BYTES = 5 * 1024 * 1024
_OWN_PARAMETERS = {"service", "request", "version"}


@dataclass
class WmsLayer:
    name: str
    title: str
    bbox: list[float] | None  # west, south, east, north in degrees
    legend_url: str = ""
    abstract: str = ""


@dataclass
class WmsService:
    url: str  # the GetMap endpoint (without the WMS request parameters)
    version: str = ""
    title: str = ""
    layers: list[WmsLayer] = field(default_factory=list)
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
            "no_layer": _("This map server offers no layer to draw."),
        }
        return messages[self.error_code] % self.error_args if self.error_code else ""

    def layer(self, name: str) -> WmsLayer | None:
        return next((layer for layer in self.layers if layer.name == name), None)


def is_wms_link(resource: dict) -> bool:
    protocol = (resource.get("protocol") or "").upper()
    url = (resource.get("url") or "").lower()
    return "WMS" in protocol and "WMTS" not in protocol or ("service=wms" in url and "wmts" not in url)


def wms_links(record: Record) -> list[tuple[int, dict]]:
    """(position in online_resources, resource) of the record's WMS links."""
    return [
        (index, resource)
        for index, resource in enumerate(record.online_resources or [])
        if resource.get("url", "").lower().startswith(("http://", "https://")) and is_wms_link(resource)
    ]


def service_base(url: str) -> str:
    """The endpoint with the WMS request parameters removed (records often publish a GetCapabilities URL)."""
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _OWN_PARAMETERS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), ""))


def _refused_host(url: str) -> bool:
    if settings.WMS_PREVIEW_ALLOW_PRIVATE:
        return False
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False  # let the request fail and say so
    return any(not ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses)


def _fetch_capabilities(base: str, version: str) -> bytes:
    separator = "&" if "?" in base else "?"
    url = f"{base}{separator}{urlencode({'SERVICE': 'WMS', 'REQUEST': 'GetCapabilities', 'VERSION': version})}"
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


def _parse(base: str, version: str, body: bytes) -> WmsService:
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
        box = layer.boundingBoxWGS84
        layers.append(
            WmsLayer(
                name=name,
                title=layer.title or name,
                bbox=[float(v) for v in box[:4]] if box else None,
                legend_url=legend or "",
                abstract=(layer.abstract or "")[:500],
            )
        )
    return WmsService(url=service_base(endpoint), version=version, title=wms.identification.title or "", layers=layers)


def read_service(url: str) -> WmsService:
    """The layers of the WMS at `url` (cached: settings.WMS_CAPABILITIES_CACHE_SECONDS, failures 2 minutes)."""
    base = service_base(url)
    key = "wms-capabilities:" + hashlib.sha256(base.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return WmsService(**{**cached, "layers": [WmsLayer(**layer) for layer in cached["layers"]]})
    service = _read(base)
    seconds = settings.WMS_CAPABILITIES_CACHE_SECONDS if not service.error_code else 120
    cache.set(key, asdict(service), seconds)
    return service


def _read(base: str) -> WmsService:
    if _refused_host(base):
        return WmsService(base, error_code="private")
    failure: tuple[str, dict] = ("not_wms", {})
    for version in WMS_VERSIONS:
        try:
            service = _parse(base, version, _fetch_capabilities(base, version))
        except requests.Timeout:
            return WmsService(base, error_code="timeout", error_args={"s": int(settings.WMS_PREVIEW_TIMEOUT)})
        except requests.HTTPError as exc:
            failure = ("http", {"status": exc.response.status_code})
        except requests.RequestException:
            return WmsService(base, error_code="unreachable")
        except Exception:  # noqa: BLE001 - OWSLib raises anything on a document that is not WMS capabilities
            failure = ("not_wms", {})
        else:
            if not service.layers:
                return WmsService(base, version, service.title, error_code="no_layer")
            return service
    return WmsService(base, error_code=failure[0], error_args=failure[1])


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


def map_layers(items: list[MapItem]) -> list[dict]:
    """Each item with what the map and its list need, or the plain reason it cannot be drawn."""
    records = {str(r.pk): r for r in Record.objects.filter(pk__in=_valid_ids(items), deleted=False)}
    shown = []
    for index, item in enumerate(items[:MAX_MAP_ITEMS]):
        entry = {"id": f"layer-{index}", "token": item.token, "key": item.key, "opacity": item.opacity,
                 "shown": item.shown, "name": item.layer, "title": item.layer, "record_title": "", "record_url": "",
                 "url": "", "version": "", "legend_url": "", "bbox": None, "error": ""}  # fmt: skip
        record = records.get(item.record_id)
        links = dict(wms_links(record)) if record else {}
        if record is None or item.link not in links:
            entry["error"] = _("This record or its map link is no longer in the catalogue.")
            shown.append(entry)
            continue
        entry["record_title"], entry["record_url"] = record.title, record.get_absolute_url()
        service = read_service(links[item.link]["url"])
        layer = service.layer(item.layer)
        if service.error or layer is None:
            entry["error"] = service.error or _("The map server no longer offers this layer.")
        else:
            entry.update(url=service.url, version=service.version, title=layer.title, legend_url=layer.legend_url,
                         bbox=layer.bbox)  # fmt: skip
        shown.append(entry)
    return shown


def _valid_ids(items: list[MapItem]) -> list[str]:
    import uuid

    valid = []
    for item in items:
        try:
            valid.append(str(uuid.UUID(item.record_id)))
        except ValueError:
            continue
    return valid
