// Progressive enhancement for DOI landing pages: the page works without it (style selector is a GET form).
(function () {
  "use strict";
  // Copy button: shown only when the Clipboard API exists.
  document.querySelectorAll(".copy-citation").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.dataset.copyTarget);
      var status = button.parentElement.querySelector(".copy-status");
      navigator.clipboard.writeText(target.innerText.trim()).then(
        function () { if (status) status.textContent = "Copied"; },
        function () { if (status) status.textContent = "Copy failed: select the text instead"; }
      );
    });
  });
  // Style selector: re-format on change without pressing the button.
  var select = document.getElementById("cite-style");
  if (select) select.addEventListener("change", function () { select.form.submit(); });
})();

// Called by django-leaflet once the map exists: draw each published box; a box crossing the antimeridian
// (west > east) is drawn eastwards past 180 so it is one rectangle, not one spanning the whole globe.
window.landingMapInit = function (map) {
  var data = document.getElementById("landing-bboxes");
  if (!data) return;
  var boxes = JSON.parse(data.textContent);
  var layers = boxes.map(function (b) {
    var west = b[0], south = b[1], east = b[2], north = b[3];
    if (west > east) east += 360;
    if (west === east && south === north) return L.circleMarker([south, west], { radius: 6 });
    return L.rectangle([[south, west], [north, east]], { color: "#c0392b", weight: 2, fillOpacity: 0.15 });
  });
  var group = L.featureGroup(layers).addTo(map);
  if (layers.length) map.fitBounds(group.getBounds(), { maxZoom: 7, padding: [20, 20] });
  document.getElementById("landing-map").dataset.boxes = String(layers.length);
};
