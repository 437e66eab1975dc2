// Copy buttons: each button[data-copy-text] puts its text on the
// clipboard. The buttons are hidden in the page and shown here, so a
// visitor without JavaScript never meets a button that does nothing; the
// text itself is on the page, selectable, either way.
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");

  function say(button, message) {
    if (status) {
      status.textContent = "";
      // A fresh text node each time, so a second copy is announced again.
      window.setTimeout(function () { status.textContent = message; }, 50);
    }
    var label = button.querySelector("[data-copy-label]");
    if (!label) return;
    var before = label.getAttribute("data-copy-idle") || label.textContent;
    label.setAttribute("data-copy-idle", before);
    label.textContent = message;
    window.clearTimeout(button._copyTimer);
    button._copyTimer = window.setTimeout(function () { label.textContent = before; }, 2500);
  }

  // fallback copies where the Clipboard API is missing or refused (a page
  // served over plain http): through a selected, off-screen text area.
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(button) {
    var text = button.getAttribute("data-copy-text") || "";
    var done = button.getAttribute("data-copy-done") || "Copied";
    var failed = button.getAttribute("data-copy-failed") || "Select the text to copy it";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { say(button, done); },
        function () { say(button, fallback(text) ? done : failed); });
      return;
    }
    say(button, fallback(text) ? done : failed);
  }

  document.querySelectorAll("button[data-copy-text]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
