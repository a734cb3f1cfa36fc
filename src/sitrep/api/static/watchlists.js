// Watchlists: save a query and mark a watchlist as seen (token sent as a header).
"use strict";
(function () {
  var status = document.getElementById("watch-status");
  function say(msg) { if (status) { status.textContent = msg; } }
  var form = document.getElementById("watch-form");
  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var fd = new FormData(form);
      var token = fd.get("token");
      sessionStorage.setItem("sitrep-token", token);
      var query = {types: fd.getAll("types")};
      ["dyad", "context", "country", "text"].forEach(function (k) {
        var v = (fd.get(k) || "").trim();
        if (v) { query[k] = v; }
      });
      sitrep.sendJSON("POST", "/api/watchlists", token, {name: fd.get("name"), query: query})
        .then(function (w) { say("Saved “" + w.name + "”."); window.location.reload(); })
        .catch(function (e) { say("Not saved: " + e.message); });
    });
  }
  var seen = document.getElementById("seen-form");
  if (seen) {
    seen.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var token = new FormData(seen).get("token");
      sessionStorage.setItem("sitrep-token", token);
      sitrep.sendJSON("POST", "/api/watchlists/" + encodeURIComponent(seen.dataset.id) + "/seen", token)
        .then(function () { say("Marked as seen."); window.location.reload(); })
        .catch(function (e) { say("Not marked: " + e.message); });
    });
  }
})();
