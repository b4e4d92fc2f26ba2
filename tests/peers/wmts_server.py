"""A real WMTS server for the map preview tests: MapProxy (PyPI `MapProxy`) serving, as WMTS, the layers of the
MapServer WMS of `tests.peers.wms_server` (its WMS source), cached in tiles on disk.

`MapProxyWmts(folder, wms_url).start()` writes mapproxy.yaml and serves MapProxy's WSGI application on
127.0.0.1:<free port>, in threads. Three layers (`layers=` picks some):

- "sst" on the web-mercator grid (EPSG:3857, the OGC GoogleMapsCompatible pyramid), with a legend (the WMS's
  GetLegendGraphic);
- "sst_geo" on a world grid in EPSG:4326 whose level 0 is two tiles of 180 degrees (Leaflet's EPSG4326 zoom levels);
- "sst_utm" on a grid in EPSG:32631 only (UTM 31N): a tile matrix set no web map can draw, for the refusal path.

`.kvp_url` is the KVP endpoint a record would publish (`.../service?SERVICE=WMTS&REQUEST=GetCapabilities`),
`.restful_url` the RESTful capabilities document. Requests are recorded in `.requests` (path and query).
"""

from __future__ import annotations

import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

LAYERS = {
    "sst": """  - name: sst
    title: Sea surface temperature (tiles)
    sources: [sst_cache]
    wmts_kvp_legendurl: "{legend}"
    wmts_rest_legendurl: "{legend}"
""",
    "sst_geo": """  - name: sst_geo
    title: Sea surface temperature (geographic tiles)
    sources: [sst_geo_cache]
""",
    "sst_utm": """  - name: sst_utm
    title: Sea surface temperature (UTM tiles)
    sources: [sst_utm_cache]
""",
}

CONFIG = """
services:
  wmts:
    restful: true
    kvp: true
    md:
      title: Data Terra test WMTS
      abstract: Tiles of the test WMS, cached by MapProxy
layers:
{layers}caches:
  sst_cache:
    grids: [GLOBAL_WEBMERCATOR]
    sources: [sst_wms]
    format: image/png
    meta_size: [1, 1]
    meta_buffer: 0
    cache: {{type: file, directory: "{folder}/cache/sst"}}
  sst_geo_cache:
    grids: [leaflet_geographic]
    sources: [sst_wms]
    format: image/png
    meta_size: [1, 1]
    meta_buffer: 0
    cache: {{type: file, directory: "{folder}/cache/sst_geo"}}
  sst_utm_cache:
    grids: [utm31]
    sources: [sst_wms]
    format: image/png
    cache: {{type: file, directory: "{folder}/cache/sst_utm"}}
sources:
  sst_wms:
    type: wms
    supported_srs: ["EPSG:4326", "EPSG:3857"]
    coverage: {{bbox: [-10, 40, 10, 52], srs: "EPSG:4326"}}
    req:
      url: "{wms}"
      layers: sst
      transparent: true
grids:
  leaflet_geographic:
    srs: "EPSG:4326"
    bbox: [-180, -90, 180, 90]
    origin: nw
    tile_size: [256, 256]
    res: [0.703125, 0.3515625, 0.17578125, 0.087890625, 0.0439453125, 0.02197265625, 0.010986328125,
          0.0054931640625, 0.00274658203125]
  utm31:
    srs: "EPSG:32631"
    bbox: [166021, 0, 833978, 9329005]
    origin: nw
    num_levels: 8
globals:
  cache:
    base_dir: "{folder}/cache"
    lock_dir: "{folder}/locks"
  image:
    paletted: false
"""


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # quiet test output
        return


class MapProxyWmts:
    def __init__(self, folder: Path, wms_url: str, layers: tuple[str, ...] = tuple(LAYERS)):
        self.folder = Path(folder)
        self.wms_url = wms_url
        self.layers = layers
        self.requests: list[str] = []
        self._server: WSGIServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def url(self) -> str:
        """The KVP endpoint."""
        return f"{self.base}/service"

    @property
    def kvp_url(self) -> str:
        return f"{self.base}/service?SERVICE=WMTS&REQUEST=GetCapabilities"

    @property
    def restful_url(self) -> str:
        return f"{self.base}/wmts/1.0.0/WMTSCapabilities.xml"

    def start(self) -> MapProxyWmts:
        from mapproxy.wsgiapp import make_wsgi_app

        self.folder.mkdir(parents=True, exist_ok=True)
        # Written into the capabilities as given: already escaped for XML, as MapProxy's own legend URLs are.
        parameters = ["VERSION=1.3.0", "REQUEST=GetLegendGraphic", "SLD_VERSION=1.1.0", "FORMAT=image/png", "LAYER=sst"]
        legend = "&amp;".join([f"{self.wms_url}?SERVICE=WMS", *parameters])
        config = self.folder / "mapproxy.yaml"
        layers = "".join(LAYERS[name].format(legend=legend) for name in self.layers)
        config.write_text(CONFIG.format(folder=self.folder, wms=self.wms_url, layers=layers), encoding="utf-8")
        application = make_wsgi_app(str(config))
        peer = self

        def recorded(environ, start_response):
            peer.requests.append(environ.get("PATH_INFO", "") + "?" + environ.get("QUERY_STRING", ""))
            return application(environ, start_response)

        self._server = make_server("127.0.0.1", 0, recorded, server_class=_ThreadingServer, handler_class=_QuietHandler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
