// Dyad page: stacked bars of events per period by type, and the score line.
"use strict";
(function () {
  var d = sitrep.data("chart-data");
  var box = document.getElementById("dyad-chart");
  if (!d || !box || !d.series.length) { return; }
  var W = Math.max(box.clientWidth, 600), H = 280, m = {l: 40, r: 40, t: 14, b: 46};
  var svg = sitrep.svg("svg", {viewBox: "0 0 " + W + " " + (H + 24), id: "dyad-svg"}, box);
  var n = d.series.length, bw = (W - m.l - m.r) / n;
  var maxTotal = Math.max.apply(null, d.series.map(function (s) { return s.total; }));
  var y = function (v) { return H - m.b - (H - m.t - m.b) * v / maxTotal; };
  var ys = function (v) { return m.t + (H - m.t - m.b) * (10 - v) / 20; };
  sitrep.svg("line", {x1: m.l, x2: m.l, y1: m.t, y2: H - m.b, class: "axis"}, svg).setAttribute("stroke", "#999");
  sitrep.text(svg, m.l - 4, y(maxTotal) + 4, String(maxTotal), "end");
  sitrep.text(svg, m.l - 4, H - m.b, "0", "end");
  sitrep.text(svg, W - m.r + 4, ys(10) + 4, "+10");
  sitrep.text(svg, W - m.r + 4, ys(-10), "−10");
  sitrep.svg("line", {x1: m.l, x2: W - m.r, y1: ys(0), y2: ys(0), class: "zero"}, svg);
  var every = Math.ceil(n / 16);
  var line = [];
  d.series.forEach(function (s, i) {
    var x = m.l + i * bw, acc = 0;
    d.types.forEach(function (t) {
      var c = s.counts[t] || 0;
      if (!c) { return; }
      var a = sitrep.svg("a", {href: s.type_links[t], "aria-label": s.period + " " + t + ": " + c}, svg);
      var r = sitrep.svg("rect", {x: x + bw * 0.1, width: Math.max(1, bw * 0.8), y: y(acc + c),
                                  height: y(acc) - y(acc + c), fill: sitrep.colors[t] || "#888",
                                  class: "bar", "data-type": t}, a);
      sitrep.svg("title", {}, r).textContent = s.period + " · " + t + ": " + c;
      acc += c;
    });
    if (i % every === 0) { sitrep.text(svg, x + bw / 2, H - m.b + 14, s.period, "middle"); }
    if (s.score !== null && s.score !== undefined) { line.push([x + bw / 2, ys(s.score)]); }
  });
  if (line.length) {
    sitrep.svg("polyline", {points: line.map(function (p) { return p.join(","); }).join(" "),
                            class: "score"}, svg);
    line.forEach(function (p) { sitrep.svg("circle", {cx: p[0], cy: p[1], r: 2.5, fill: "#111"}, svg); });
  }
  var lx = m.l;
  d.types.forEach(function (t) {
    sitrep.svg("rect", {x: lx, y: H + 6, width: 10, height: 10, fill: sitrep.colors[t] || "#888"}, svg);
    sitrep.text(svg, lx + 14, H + 15, t);
    lx += 18 + t.length * 7;
  });
})();
