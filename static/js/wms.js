/* WMS and WMTS layers on a portal map (record preview and the co-visualisation map). The page lists the layers and
 * their controls in HTML; this script draws them with Leaflet's WMS layer (a tile layer for WMTS) over the offline
 * basemap of maps.js and keeps the controls, the legend and (on the map page) the address in step, so the URL always
 * reproduces the map. */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : [];
  }

  function opacityOf(spec) { return (spec.opacity === undefined ? 70 : spec.opacity) / 100; }

  function wmsLayer(spec) {
    return L.tileLayer.wms(spec.url, {
      layers: spec.name, styles: "", format: "image/png", transparent: true, version: spec.version || "1.3.0",
      opacity: opacityOf(spec), className: "wms-layer", zIndex: 10
    });
  }

  /* A WMTS layer: the server's own tile matrix of each zoom level (grid.matrices, matched server-side by scale and
   * corner), the URL template with {TileMatrix}, {TileRow} and {TileCol} left to fill. Past its deepest level the
   * tiles are scaled up; above its first one the layer is not drawn. */
  var WmtsLayer = L.TileLayer.extend({
    getTileUrl: function (coords) {
      return L.Util.template(this._url, {
        TileMatrix: this.options.matrices[String(coords.z)], TileRow: coords.y, TileCol: coords.x
      });
    }
  });

  function wmtsLayer(spec, crs) {
    var grid = spec.grids[crs];
    var zooms = Object.keys(grid.matrices).map(Number);
    return new WmtsLayer(grid.url, {
      matrices: grid.matrices, minZoom: Math.min.apply(null, zooms), maxNativeZoom: Math.max.apply(null, zooms),
      maxZoom: 18, tileSize: 256, opacity: opacityOf(spec), className: "wms-layer", zIndex: 10
    });
  }

  function mapLayer(spec, crs) {
    return spec.kind === "wmts" ? wmtsLayer(spec, crs) : wmsLayer(spec);
  }

  function drawable(spec, crs) { return spec.kind !== "wmts" || Boolean(spec.grids && spec.grids[crs]); }

  function reportFailures(layer, container) {
    var status = document.getElementById("preview-status");
    layer.on("tileerror", function () {
      if (status) { status.textContent = container.dataset.labelFailed; }
      container.classList.add("wms-failed");
    });
    // "load": every tile of the view has come (or failed), not just the first one.
    layer.on("load", function () { container.classList.add("wms-loaded"); });
  }

  function fit(map, spec) {
    if (spec && spec.bbox) { DataTerraMaps.fitTo(map, [L.rectangle(DataTerraMaps.boxBounds(spec.bbox))]); }
  }

  function initPreview(container, specs) {
    var map = DataTerraMaps.makeMap(container);
    var select = document.getElementById("wms-layer");
    var opacity = document.getElementById("wms-opacity");
    var legend = document.getElementById("wms-legend");
    var noLegend = document.getElementById("wms-no-legend");
    var item = document.getElementById("basket-item");
    var current = null;
    var crs = container.dataset.crs || "3857";
    function show(name) {
      var spec = specs.filter(function (s) { return s.name === name; })[0] || specs[0];
      if (!spec) { return; }
      if (!drawable(spec, crs)) {  // tiles in the other CRS only: the page draws it on a map of that CRS
        document.getElementById("preview-form").submit();
        return;
      }
      if (current) { map.removeLayer(current); }
      container.classList.remove("wms-loaded");
      spec.opacity = Number(opacity ? opacity.value : 70);
      current = mapLayer(spec, crs).addTo(map);
      reportFailures(current, container);
      fit(map, spec);
      if (legend && spec.legend_url) { legend.src = spec.legend_url; legend.alt = legend.alt.replace(/[^ ]+$/, spec.title); }
      if (legend) { legend.hidden = !spec.legend_url; }
      if (noLegend) { noLegend.hidden = Boolean(spec.legend_url); }
      if (item) {
        var parts = item.value.split("|");
        item.value = [parts[0], parts[1], spec.name, spec.opacity, 1].join("|");
      }
      container.dataset.layer = spec.name;
    }
    if (select) { select.addEventListener("change", function () { show(select.value); }); }
    if (opacity) {
      opacity.addEventListener("input", function () {
        if (current) { current.setOpacity(Number(opacity.value) / 100); }
        opacity.setAttribute("aria-valuetext", opacity.value + " %");
        if (item) { var p = item.value.split("|"); p[3] = opacity.value; item.value = p.join("|"); }
      });
    }
    document.querySelectorAll(".js-hidden").forEach(function (node) { node.hidden = true; });
    show(container.dataset.chosen);
  }

  function initCovis(container, specs) {
    var map = DataTerraMaps.makeMap(container);
    var layers = {};
    var drawn = [];
    var crs = container.dataset.crs || "3857";
    specs.forEach(function (spec) {
      if (spec.error || !drawable(spec, crs)) { return; }
      var layer = mapLayer(spec, crs);
      reportFailures(layer, container);
      layers[spec.id] = { layer: layer, spec: spec };
      if (spec.shown) { layer.addTo(map); }
      if (spec.bbox) { drawn.push(L.rectangle(DataTerraMaps.boxBounds(spec.bbox))); }
    });
    DataTerraMaps.fitTo(map, drawn);

    function syncUrl() {
      if (container.dataset.syncUrl !== "true") { return; }
      var params = new URLSearchParams();
      specs.forEach(function (spec) {
        var entry = layers[spec.id];
        var parts = spec.token.split("|");
        if (entry) { parts[3] = String(entry.spec.opacity); parts[4] = entry.spec.shown ? "1" : "0"; }
        params.append("l", parts.join("|"));
      });
      history.replaceState(null, "", window.location.pathname + "?" + params.toString());
    }
    document.querySelectorAll("[data-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        var entry = layers[box.dataset.toggle];
        if (!entry) { return; }
        entry.spec.shown = box.checked;
        if (box.checked) { entry.layer.addTo(map); } else { map.removeLayer(entry.layer); }
        syncUrl();
      });
    });
    document.querySelectorAll("[data-opacity]").forEach(function (range) {
      range.addEventListener("input", function () {
        var entry = layers[range.dataset.opacity];
        if (!entry) { return; }
        entry.spec.opacity = Number(range.value);
        entry.layer.setOpacity(entry.spec.opacity / 100);
        syncUrl();
      });
    });
  }

  function init() {
    if (typeof L === "undefined" || !window.DataTerraMaps) { return; }
    document.querySelectorAll("[data-map=wms]").forEach(function (container) {
      container.hidden = false;
      var specs = readJson(container.dataset.layersId);
      if (container.dataset.syncUrl === "true") { initCovis(container, specs); } else { initPreview(container, specs); }
      container.classList.add("map-ready");
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
