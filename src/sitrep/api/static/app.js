// sitrep: shared page behaviour (keyboard shortcut, token memory). No inline scripts (CSP).
"use strict";
(function () {
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    if (ev.key === "/" && !typing) {
      var box = document.querySelector("[data-search]") || document.querySelector("main input");
      if (box) { ev.preventDefault(); box.focus(); }
    }
  });
  // Article page: following an event link (#ev-ID) marks its whole evidence span.
  function markEvidence() {
    var m = /^#ev-(\d+)$/.exec(window.location.hash);
    document.querySelectorAll(".text .ev.active").forEach(function (el) { el.classList.remove("active"); });
    if (!m) { return; }
    document.querySelectorAll('.text [data-events~="' + m[1] + '"]').forEach(function (el) {
      el.classList.add("active");
    });
  }
  window.addEventListener("hashchange", markEvidence);
  markEvidence();
  // The write token lives in this tab's session storage only.
  document.querySelectorAll("[data-token]").forEach(function (el) {
    var saved = sessionStorage.getItem("sitrep-token");
    if (saved) { el.value = saved; }
  });
})();

// Helpers for the drawing scripts.
var sitrep = {
  data: function (id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  },
  svg: function (name, attrs, parent) {
    var el = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(el); }
    return el;
  },
  text: function (parent, x, y, s, anchor) {
    var t = sitrep.svg("text", {x: x, y: y, "text-anchor": anchor || "start"}, parent);
    t.textContent = s;  // textContent: never parsed as markup
    return t;
  },
  // One colour per PLOVER type: cooperation blues/greens, conflict oranges/reds.
  colors: {AGREE: "#1d4ed8", CONSULT: "#60a5fa", SUPPORT: "#0ea5e9", CONCEDE: "#14b8a6",
           COOPERATE: "#16a34a", AID: "#65a30d", RETREAT: "#a3e635", REQUEST: "#a78bfa",
           ACCUSE: "#f59e0b", REJECT: "#fb923c", THREATEN: "#f97316", PROTEST: "#eab308",
           SANCTION: "#c2410c", MOBILIZE: "#ef4444", COERCE: "#b91c1c", ASSAULT: "#7f1d1d"},
  sendJSON: function (method, url, token, body) {
    var headers = {"Authorization": "Bearer " + token};
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    return fetch(url, {method: method, headers: headers, credentials: "same-origin",
                       body: body === undefined ? undefined : JSON.stringify(body)})
      .then(function (r) {
        return r.json().then(function (j) {
          if (!r.ok) { throw new Error((j.error && j.error.message) || ("HTTP " + r.status)); }
          return j;
        });
      });
  }
};
