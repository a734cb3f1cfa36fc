// Map page: Natural Earth countries (world-atlas TopoJSON, served locally) in an
// equirectangular projection, and one circle per event location.
"use strict";
(function () {
  var d = sitrep.data("map-data");
  var box = document.getElementById("map");
  if (!d || !box || typeof topojson === "undefined") { return; }
  var W = Math.max(box.clientWidth, 600), H = W / 2;
  var px = function (lon) { return (lon + 180) / 360 * W; };
  var py = function (lat) { return (90 - lat) / 180 * H; };
  var svg = sitrep.svg("svg", {viewBox: "0 0 " + W + " " + H, id: "map-svg"}, box);
  var land = sitrep.svg("g", {class: "countries"}, svg);
  var pts = sitrep.svg("g", {class: "points"}, svg);
  // A ring crossing the antimeridian (a jump of over 180° in longitude) is drawn
  // with its western longitudes shifted by 360°, so it is not smeared across the map.
  function ring(coords) {
    var crosses = coords.some(function (c, i) { return i && Math.abs(c[0] - coords[i - 1][0]) > 180; });
    return "M" + coords.map(function (c) {
      var lon = crosses && c[0] < 0 ? c[0] + 360 : c[0];
      return px(lon).toFixed(1) + "," + py(c[1]).toFixed(1);
    }).join("L") + "Z";
  }
  function pathOf(geom) {
    if (!geom) { return ""; }
    var polys = geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
    return polys.map(function (p) { return p.map(ring).join(""); }).join("");
  }
  fetch("/static/vendor/world-atlas-countries-110m.json").then(function (r) { return r.json(); })
    .then(function (topo) {
      topojson.feature(topo, topo.objects.countries).features.forEach(function (f) {
        var p = sitrep.svg("path", {d: pathOf(f.geometry), class: "land"}, land);
        sitrep.svg("title", {}, p).textContent = (f.properties && f.properties.name) || "";
      });
      box.setAttribute("data-loaded", "true");
    });
  var maxC = Math.max.apply(null, d.points.map(function (p) { return p.count; }).concat([1]));
  d.points.forEach(function (p) {
    var c = sitrep.svg("circle", {cx: px(p.lon), cy: py(p.lat), r: 3 + 12 * Math.sqrt(p.count / maxC),
                                  class: "pt"}, pts);
    sitrep.svg("title", {}, c).textContent = (p.name || "?") + ": " + p.count;
  });
})();
