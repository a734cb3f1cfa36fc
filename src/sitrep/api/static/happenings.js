// Happenings: split reports off a merged happening, or rejoin an article's reports
// (token sent as a header). Results are shown with textContent only.
"use strict";
(function () {
  function show(box, msg, items) {
    box.textContent = msg;
    if (!items || !items.length) { return; }
    var ul = document.createElement("ul");
    items.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "/happenings/" + encodeURIComponent(h.id);
      a.textContent = h.type + " " + h.id;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" — " + h.n_articles + " article(s), " +
                                             h.n_sources + " source(s)"));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  function token(form) {
    var t = new FormData(form).get("token") || sessionStorage.getItem("sitrep-token") || "";
    if (t) { sessionStorage.setItem("sitrep-token", t); }
    return t;
  }
  document.querySelectorAll("input[data-token]").forEach(function (inp) {
    if (!inp.value) { inp.value = sessionStorage.getItem("sitrep-token") || ""; }
  });
  document.querySelectorAll("form.split-form").forEach(function (form) {
    var box = form.querySelector(".split-status");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var articles = new FormData(form).getAll("articles");
      if (!articles.length) { show(box, "Choose the reports to split off."); return; }
      var url = "/api/happenings/" + encodeURIComponent(form.dataset.happening) + "/split";
      sitrep.sendJSON("POST", url, token(form), {articles: articles})
        .then(function (r) { show(box, "Split. The reports now form:", r.items); })
        .catch(function (e) { show(box, "Not split: " + e.message); });
    });
  });
  document.querySelectorAll("form.rejoin-form").forEach(function (form) {
    var box = form.querySelector(".split-status");
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var url = "/api/articles/" + encodeURIComponent(form.dataset.article) + "/rejoin";
      sitrep.sendJSON("POST", url, token(form))
        .then(function (r) { show(box, "Rejoined. Its reports now belong to:", r.items); })
        .catch(function (e) { show(box, "Not rejoined: " + e.message); });
    });
  });
})();
