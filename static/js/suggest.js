/* Search suggestions (titles and keywords) in a native <datalist>: the browser's own accessible autocomplete.
 * Progressive enhancement: without this script the search box is a plain text field. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = document.createElement("datalist");
    var timer = null, last = "", controller = null;
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var prefix = input.value.trim();
        if (prefix.length < 2 || prefix === last) { return; }
        last = prefix;
        if (controller) { controller.abort(); }
        controller = new AbortController();
        var url = input.dataset.suggestUrl + "?limit=8&q=" + encodeURIComponent(prefix);
        fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, (data.suggestions || []).map(function (item) {
              var option = document.createElement("option");
              option.value = item.text;
              return option;
            }));
          })
          .catch(function () { /* aborted or offline: keep the plain text field */ });
      }, 150);
    });
  });
}());
