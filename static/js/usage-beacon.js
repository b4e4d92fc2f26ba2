// Tells the statistics that a citation was copied (COUNTER Investigation): a beacon, no cookie, no page delay.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-usage-beacon]");
    if (!button || !navigator.sendBeacon) {
      return;
    }
    navigator.sendBeacon(button.getAttribute("data-usage-beacon"));
  });
})();
