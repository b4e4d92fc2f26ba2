/* Maps of the portal (progressive enhancement: every page works without this file).
 *
 * - Record page: the record's boxes.
 * - Search page: the extents of the listed results, and a rectangle tool that fills the bbox inputs of the search
 *   form and submits it (the same inputs a user without JavaScript types into).
 * - Every map: a Natural Earth basemap (land and coastlines, world-atlas TopoJSON served from our own static files)
 *   in a pane under the tile pane, so the map has geography offline or behind a proxy, and the online tiles (when a
 *   tile URL is configured and they load) cover it.
 * Boxes are [west, south, east, north] in degrees; west > east means the box crosses the antimeridian, so it is
 * drawn from west to east + 360 (Leaflet repeats the world, the rectangle stays in one piece).
 */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function boxBounds(box) {
    var west = box[0], south = box[1], east = box[2], north = box[3];
    if (west > east) { east += 360; }
    return L.latLngBounds([[south, west], [north, east]]);
  }

  function wrapLongitude(lon) {
    var wrapped = ((((lon + 180) % 360) + 360) % 360) - 180;
    return (wrapped === -180 && lon > 0) ? 180 : wrapped;
  }

  function round(value) { return Math.round(value * 10000) / 10000; }

  /* Leaflet bounds (possibly beyond +-180 after panning round the world) to a [w, s, e, n] box. */
  function boundsToBox(bounds) {
    var west = bounds.getWest(), east = bounds.getEast();
    var south = Math.max(-90, bounds.getSouth()), north = Math.min(90, bounds.getNorth());
    if (east - west >= 360) { west = -180; east = 180; } else { west = wrapLongitude(west); east = wrapLongitude(east); }
    return [round(west), round(south), round(east), round(north)];
  }

  var maps = [];

  /* Lines every 30 degrees, the equator and the antimeridian stronger: orientation even when no tile server is
   * reachable (offline tests, intranets). Drawn over three world copies so panning never runs off the grid. */
  function addGraticule(map) {
    var lines = [], strong = [], lon, lat;
    for (lon = -540; lon <= 540; lon += 30) { (lon % 360 === 180 || lon % 360 === -180 ? strong : lines).push([[-90, lon], [90, lon]]); }
    for (lat = -60; lat <= 60; lat += 30) { (lat === 0 ? strong : lines).push([[lat, -540], [lat, 540]]); }
    L.polyline(lines, { color: "#8fa3b8", weight: 0.6, interactive: false }).addTo(map);
    L.polyline(strong, { color: "#5b7089", weight: 1.2, dashArray: "4 4", interactive: false }).addTo(map);
  }

  /* Natural Earth land, drawn three times (-360, 0, +360) like the graticule so that boxes across the antimeridian
   * (drawn up to east + 360) and panning round the world keep their coastlines. One fetch per URL per page. */
  var basemapCache = {};
  function loadTopology(url) {
    if (!basemapCache[url]) {
      basemapCache[url] = fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
        if (!response.ok) { throw new Error("basemap " + response.status); }
        return response.json();
      });
    }
    return basemapCache[url];
  }

  function addBasemap(map, container) {
    var url = container.dataset.basemap;
    if (!url || typeof topojson === "undefined") { return; }
    map.createPane("basemap");
    map.getPane("basemap").style.zIndex = 150;  // under the tile pane (200): online tiles cover it when they load
    map.getPane("basemap").style.pointerEvents = "none";
    loadTopology(url).then(function (topology) {
      var land = topojson.feature(topology, topology.objects.land);
      [-360, 0, 360].forEach(function (offset) {
        L.geoJSON(land, {
          pane: "basemap",
          interactive: false,
          style: { color: "#7d7a6b", weight: 0.8, fillColor: "#ece8d9", fillOpacity: 1 },
          coordsToLatLng: function (coords) { return L.latLng(coords[1], coords[0] + offset); }
        }).addTo(map);
      });
      container.classList.add("basemap-ready");
    }).catch(function () {
      container.classList.add("basemap-failed");  // the graticule still orients the reader
    });
  }

  /* data-crs="4326": a plate carrée map (Leaflet's EPSG4326), for map services whose tiles come only in EPSG:4326;
   * the online tiles (web mercator) are left out there, the basemap and graticule are drawn in any CRS. */
  function makeMap(container) {
    var geographic = container.dataset.crs === "4326";
    var map = L.map(container, {
      worldCopyJump: false, minZoom: geographic ? 0 : 1, crs: geographic ? L.CRS.EPSG4326 : L.CRS.EPSG3857
    }).setView([20, 0], 1);
    maps.push(map);
    addBasemap(map, container);
    addGraticule(map);
    if (container.dataset.tiles && !geographic) {
      L.tileLayer(container.dataset.tiles, { attribution: container.dataset.attribution || "", maxZoom: 12 }).addTo(map);
    }
    return map;
  }

  var boxStyle = { color: "#0b5fa5", weight: 1.5, fillOpacity: 0.08, className: "extent" };
  var highlightStyle = { color: "#d9480f", weight: 3, fillOpacity: 0.2 };
  var filterStyle = { color: "#d9480f", weight: 2, dashArray: "6 4", fill: false, className: "search-area" };

  /* Fit the extents, but never closer than a region: a point or a small box is shown with about CONTEXT_DEGREES
   * of land and sea around it (a dot on an empty background tells the reader nothing). */
  var CONTEXT_DEGREES = 12;
  function fitTo(map, layers) {
    if (!layers.length) { return; }
    var bounds = L.featureGroup(layers).getBounds();
    var center = bounds.getCenter();
    var halfLat = Math.max((bounds.getNorth() - bounds.getSouth()) / 2, CONTEXT_DEGREES / 2);
    var halfLon = Math.max((bounds.getEast() - bounds.getWest()) / 2, CONTEXT_DEGREES / 2);
    var context = L.latLngBounds(
      [Math.max(-85, center.lat - halfLat), center.lng - halfLon],
      [Math.min(85, center.lat + halfLat), center.lng + halfLon]
    );
    map.fitBounds(context, { padding: [12, 12], maxZoom: 7 });
  }

  function isPoint(box) { return box[0] === box[2] && box[1] === box[3]; }

  /* A point extent is a marker (a zero-area rectangle is invisible); anything else a rectangle. */
  function extentLayer(box, style) {
    if (isPoint(box)) {
      return L.circleMarker([box[1], box[0]], { radius: 7, color: style.color, weight: 2, fillOpacity: 0.5, className: "extent extent-point" });
    }
    return L.rectangle(boxBounds(box), style);
  }

  function initRecordMap(container) {
    var map = makeMap(container);
    var layers = (readJson(container.dataset.extents || "record-extents") || []).map(function (box) {
      return extentLayer(box, boxStyle).addTo(map);
    });
    fitTo(map, layers);
    container.dataset.boxes = String(layers.length);
  }

  /* A small rectangle tool: a button toggles draw mode; press, drag, release draws the box. Pointer events so it
   * works with mouse, pen and touch; Escape cancels. */
  function addDrawTool(map, container, onBox) {
    var active = false, start = null, preview = null;
    var control = L.control({ position: "topright" });
    var button, status;
    control.onAdd = function () {
      var wrapper = L.DomUtil.create("div", "leaflet-bar draw-control");
      button = L.DomUtil.create("button", "draw-button", wrapper);
      button.type = "button";
      button.textContent = container.dataset.labelDraw;
      button.setAttribute("aria-pressed", "false");
      L.DomEvent.disableClickPropagation(wrapper);
      L.DomEvent.on(button, "click", function () { setActive(!active); });
      return wrapper;
    };
    control.addTo(map);
    status = document.createElement("p");
    status.className = "map-status";
    status.setAttribute("aria-live", "polite");
    container.parentNode.insertBefore(status, container.nextSibling);

    function setActive(on) {
      active = on;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? container.dataset.labelCancel : container.dataset.labelDraw;
      status.textContent = on ? container.dataset.labelDrawing : "";
      container.classList.toggle("drawing", on);
      if (on) { map.dragging.disable(); map.boxZoom.disable(); } else { map.dragging.enable(); map.boxZoom.enable(); }
      if (!on && preview) { map.removeLayer(preview); preview = null; }
      start = null;
    }

    function latLngOf(event) { return map.mouseEventToLatLng(event); }

    container.addEventListener("pointerdown", function (event) {
      if (!active || event.target.closest(".leaflet-control")) { return; }
      event.preventDefault();
      start = latLngOf(event);
      container.setPointerCapture(event.pointerId);
    });
    container.addEventListener("pointermove", function (event) {
      if (!active || !start) { return; }
      var bounds = L.latLngBounds(start, latLngOf(event));
      if (preview) { preview.setBounds(bounds); } else { preview = L.rectangle(bounds, highlightStyle).addTo(map); }
    });
    container.addEventListener("pointerup", function (event) {
      if (!active || !start) { return; }
      var bounds = L.latLngBounds(start, latLngOf(event));
      start = null;
      if (Math.abs(bounds.getEast() - bounds.getWest()) < 1e-6 || Math.abs(bounds.getNorth() - bounds.getSouth()) < 1e-6) {
        return;  // a click, not a drag: keep drawing mode
      }
      onBox(boundsToBox(bounds));
      setActive(false);
    });
    document.addEventListener("keydown", function (event) {
      if (active && event.key === "Escape") { setActive(false); button.focus(); }
    });
  }

  function initSearchMap(container) {
    var map = makeMap(container);
    var hits = readJson("search-hits") || [];
    var current = readJson("search-bbox");
    var layersById = {};
    var all = [];
    hits.forEach(function (hit) {
      layersById[hit.id] = (hit.bbox || []).map(function (box) {
        var layer = extentLayer(box, boxStyle).addTo(map);
        var link = document.createElement("a");
        link.href = hit.url;
        link.textContent = hit.title;
        layer.bindPopup(link);
        all.push(layer);
        return layer;
      });
    });
    var filterLayer = current ? L.rectangle(boxBounds(current), filterStyle).addTo(map) : null;
    fitTo(map, filterLayer ? [filterLayer] : all);

    // Highlight a result's boxes while its list entry is hovered or focused.
    document.querySelectorAll("[data-hit-id]").forEach(function (item) {
      function style(s) { (layersById[item.dataset.hitId] || []).forEach(function (l) { l.setStyle(s); }); }
      item.addEventListener("mouseenter", function () { style(highlightStyle); });
      item.addEventListener("mouseleave", function () { style(boxStyle); });
      item.addEventListener("focusin", function () { style(highlightStyle); });
      item.addEventListener("focusout", function () { style(boxStyle); });
    });

    var form = document.getElementById(container.dataset.form);
    if (!form) { return; }
    addDrawTool(map, container, function (box) {
      ["west", "south", "east", "north"].forEach(function (name, i) { form.elements[name].value = box[i]; });
      if (filterLayer) { map.removeLayer(filterLayer); }
      filterLayer = L.rectangle(boxBounds(box), filterStyle).addTo(map);
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  }

  function init() {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-map]").forEach(function (container) {
      container.hidden = false;  // hidden in the HTML: without JavaScript there is no map, only the bbox inputs
      if (container.dataset.map === "record") { initRecordMap(container); }
      if (container.dataset.map === "search") { initSearchMap(container); }
      container.classList.add("map-ready");
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  // For the browser tests and the console: the maps on the page and the box conversions.
  window.DataTerraMaps = {
    maps: maps, boundsToBox: boundsToBox, wrapLongitude: wrapLongitude, extentLayer: extentLayer, makeMap: makeMap,
    boxBounds: boxBounds, fitTo: fitTo
  };
}());
