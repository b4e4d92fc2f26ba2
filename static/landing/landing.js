// Progressive enhancement for DOI landing pages: the page works without it (style selector is a GET form).
// The map is drawn by js/maps.js (data-map="record"), as on the record pages.
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
        function () { if (status) status.textContent = button.dataset.labelCopied; },
        function () { if (status) status.textContent = button.dataset.labelFailed; }
      );
    });
  });
  // Style selector: re-format on change without pressing the button.
  var select = document.getElementById("cite-style");
  if (select) select.addEventListener("change", function () { select.form.submit(); });
})();
