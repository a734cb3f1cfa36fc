// Network page: a small deterministic force layout drawn as SVG.
"use strict";
(function () {
  var d = sitrep.data("network-data");
  var box = document.getElementById("network");
  if (!d || !box || !d.nodes.length) { return; }
  var W = Math.max(box.clientWidth, 600), H = 460, N = d.nodes.length;
  var index = {};
  var nodes = d.nodes.map(function (n, i) {
    index[n.id] = i;
    var a = 2 * Math.PI * i / N;
    return {id: n.id, count: n.count, x: W / 2 + Math.cos(a) * W / 3, y: H / 2 + Math.sin(a) * H / 3};
  });
  var edges = d.edges.map(function (e) { return {s: index[e.a], t: index[e.b], w: e.count}; });
  var maxW = Math.max.apply(null, edges.map(function (e) { return e.w; }));
  for (var it = 0; it < 300; it++) {           // repulsion, springs, gravity; cooling step
    var step = 1 - it / 300;
    nodes.forEach(function (a, i) {
      a.dx = (W / 2 - a.x) * 0.01; a.dy = (H / 2 - a.y) * 0.01;
      nodes.forEach(function (b, j) {
        if (i === j) { return; }
        var vx = a.x - b.x, vy = a.y - b.y, dd = vx * vx + vy * vy + 0.01;
        a.dx += vx * 1800 / dd; a.dy += vy * 1800 / dd;
      });
    });
    edges.forEach(function (e) {
      var a = nodes[e.s], b = nodes[e.t], vx = b.x - a.x, vy = b.y - a.y;
      var k = 0.02 * (0.5 + e.w / maxW);
      a.dx += vx * k; a.dy += vy * k; b.dx -= vx * k; b.dy -= vy * k;
    });
    nodes.forEach(function (a) {
      a.x = Math.min(W - 30, Math.max(30, a.x + Math.max(-20, Math.min(20, a.dx)) * step));
      a.y = Math.min(H - 20, Math.max(20, a.y + Math.max(-20, Math.min(20, a.dy)) * step));
    });
  }
  var svg = sitrep.svg("svg", {viewBox: "0 0 " + W + " " + H, id: "network-svg"}, box);
  edges.forEach(function (e) {
    var a = nodes[e.s], b = nodes[e.t];
    var l = sitrep.svg("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge",
                                "stroke-width": 1 + 6 * Math.sqrt(e.w / maxW)}, svg);
    sitrep.svg("title", {}, l).textContent = a.id + " – " + b.id + ": " + e.w;
  });
  var maxC = Math.max.apply(null, nodes.map(function (n) { return n.count; }));
  var isCountry = d.level === "country";
  nodes.forEach(function (n) {
    var href = isCountry ? "/events?country=" + encodeURIComponent(n.id)
                         : "/events?actor=" + encodeURIComponent(n.id);
    var a = sitrep.svg("a", {href: href, "aria-label": n.id + ": " + n.count + " events"}, svg);
    var c = sitrep.svg("circle", {cx: n.x, cy: n.y, r: 5 + 14 * Math.sqrt(n.count / maxC), class: "node"}, a);
    sitrep.svg("title", {}, c).textContent = n.id + ": " + n.count;
    sitrep.text(a, n.x, n.y - 8 - 14 * Math.sqrt(n.count / maxC), n.id, "middle");
  });
})();
