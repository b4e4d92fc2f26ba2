// Charts of /stats/ from the page's JSON (json_script), drawn with Chart.js served from our static files.
// The tables beside them carry the same figures and work without JavaScript.
(function () {
  "use strict";
  var source = document.getElementById("stats-chart-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var palette = ["#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#16a085"];

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
      new Chart(canvas, config);
    }
  }

  function series(block) {
    return Object.keys(block.series).map(function (name, i) {
      return { label: name, data: block.series[name], backgroundColor: palette[i % palette.length],
               borderColor: palette[i % palette.length] };
    });
  }

  draw("chart-usage", { type: "bar", data: { labels: data.usage.months, datasets: series(data.usage) },
    options: { plugins: { title: { display: true, text: data.labels.unique_investigations } },
               scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
  draw("chart-top", { type: "bar", data: { labels: data.top.labels,
    datasets: [{ label: data.labels.unique_investigations, data: data.top.values, backgroundColor: palette[0] }] },
    options: { indexAxis: "y", scales: { x: { beginAtZero: true } } } });
  draw("chart-methods", { type: "line", data: { labels: data.methods.months, datasets: [
    { label: data.labels.regular, data: data.methods.regular, borderColor: palette[0], backgroundColor: palette[0] },
    { label: data.labels.machine, data: data.methods.machine, borderColor: palette[1], backgroundColor: palette[1] }] },
    options: { scales: { y: { beginAtZero: true } } } });
  draw("chart-searches", { type: "bar", data: { labels: data.searches.months, datasets: series(data.searches) },
    options: { plugins: { title: { display: true, text: data.labels.searches } },
               scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
})();
