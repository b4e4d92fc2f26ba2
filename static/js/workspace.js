// Hub workspace: live progress of a harvest job (the page works without it: a <noscript> refresh and a link),
// and, in the source form, only the chosen protocol's settings shown.
(function () {
  "use strict";

  function pollJob(section) {
    var url = section.getAttribute("data-progress-url");
    var bar = document.getElementById("job-bar");
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (progress) {
          section.querySelectorAll("[data-count]").forEach(function (node) {
            var value = progress[node.getAttribute("data-count")];
            if (value === null || value === undefined) { return; }
            node.textContent = typeof value === "number" && !Number.isInteger(value) ? value.toFixed(1) : value;
          });
          if (bar && progress.share !== null) { bar.max = 100; bar.value = Math.round(progress.share * 100); }
          var status = document.getElementById("job-status");
          if (status && status.getAttribute("data-status") !== progress.status) {
            status.setAttribute("data-status", progress.status);
            status.textContent = progress.status_label;
          }
          if (progress.finished) {
            window.location.reload();  // the finished page shows the result, the errors and the log
          } else {
            window.setTimeout(tick, 1000);
          }
        })
        .catch(function () { window.setTimeout(tick, 5000); });
    }
    window.setTimeout(tick, 1000);
  }

  function protocolFieldsets(form) {
    var select = form.querySelector("select[name=protocol]");
    if (!select) { return; }
    function show() {
      form.querySelectorAll("fieldset[data-protocol]").forEach(function (fieldset) {
        fieldset.hidden = fieldset.getAttribute("data-protocol") !== select.value;
      });
    }
    select.addEventListener("change", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var section = document.getElementById("job-progress");
    if (section && section.getAttribute("data-finished") === "0") { pollJob(section); }
    var form = document.querySelector("form.source-form");
    if (form) { protocolFieldsets(form); }
  });
})();
