/* Search page enhancements (the page works without them):
 * - a new sort order applies at once (without JavaScript the form's Search button applies it);
 * - the facets panel (a <details>) opens on wide screens in browsers without ::details-content support, and stays
 *   closed on phones so the results come first. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var sort = document.getElementById("sort");
  if (form && sort) {
    sort.addEventListener("change", function () {
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    });
  }
  var panel = document.getElementById("facets-panel");
  if (panel && panel.dataset.openFrom) {
    var wide = window.matchMedia("(min-width: " + panel.dataset.openFrom + ")");
    var sync = function () { if (wide.matches) { panel.open = true; } };
    sync();
    if (wide.addEventListener) { wide.addEventListener("change", sync); }
  }
}());
