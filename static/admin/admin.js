// Staff area enhancements. Every page works without this script; with it,
// Markdown fields show a live preview rendered by the server exactly as the
// public pages render it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var timers = new WeakMap();
  function render(area, pane) {
    fetch("/admin/markdown", {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: area.value,
      credentials: "same-origin",
    })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        pane.querySelector(".preview-body").innerHTML = html;
        pane.hidden = area.value.trim() === "";
      })
      .catch(function () { /* the Preview formatting button still works */ });
  }
  document.querySelectorAll("textarea[data-markdown]").forEach(function (area) {
    var pane = document.querySelector('[data-preview-for="' + area.id + '"]');
    if (!pane) return;
    render(area, pane);
    area.addEventListener("input", function () {
      clearTimeout(timers.get(area));
      timers.set(area, setTimeout(function () { render(area, pane); }, 250));
    });
  });
})();
