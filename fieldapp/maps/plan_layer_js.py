"""The page script that shows plans on the incident map from viewport answers (our own JS).

The page holds only what the current view needs: on every settled view (moveend, debounced) it
asks the Qt bridge ``planView(id, west, south, east, north, zoom)``; the map tab computes the
answer on a worker (fieldapp.plans.viewport) and hands it back with ``fieldapp.planReceive(id,
data)``. Answers to older requests are dropped. Clusters are canvas circles sized by count with a
count label; single sites are canvas circles coloured by kind with one shared popup; rivers are
canvas polylines simplified to the view's scale. One canvas renderer for all of it: thousands of
SVG nodes are what make a map stiff.

Contract with map_js.SCRIPT: ``FieldappPlanLayer.start(FA, map, D)`` once the bridge is ready
when ``D.planView`` is set; ``FA.planStats`` says what was drawn (tests, benchmarks).
"""

PLAN_LAYER_JS = r"""
var FieldappPlanLayer = {
  start: function (FA, map, D) {
    var renderer = L.canvas({padding: 0.3});
    var group = L.layerGroup().addTo(map), labels = L.layerGroup().addTo(map);
    var colors = {intake: '#1f78b4', facility: '#b15928', warehouse: '#6a3d9a'};
    var kinds = ['intake', 'facility', 'warehouse'];
    var seq = 0, timer = null, asked = 0;
    FA.planStats = {requests: 0, answers: 0, clusters: 0, points: 0, rivers: 0, mode: 'waiting', ms: null};
    var popup = L.popup({maxWidth: 320});
    function esc(s) {
      return String(s).replace(/[&<>"'{}]/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
    }
    function ask() {
      var b = map.getBounds();
      seq += 1; asked = performance.now(); FA.planStats.requests += 1;
      FA.bridge.planView(seq, b.getWest(), b.getSouth(), b.getEast(), b.getNorth(), Math.round(map.getZoom()));
    }
    // one request per settled view: moveend already fires once at the end of a drag or a zoom
    function later() { if (timer) return; timer = requestAnimationFrame(function () { timer = null; ask(); }); }
    FA.planReceive = function (id, data) {
      if (id !== seq) return false;                 // a newer view was asked for meanwhile
      var got = performance.now();
      group.clearLayers(); labels.clearLayers();
      data.rivers.forEach(function (r) {
        L.polyline(r[1], {renderer: renderer, color: '#2c7fb8', weight: 2, opacity: 0.7, interactive: false})
          .addTo(group);
      });
      data.clusters.forEach(function (c) {
        var most = 0;
        for (var k = 1; k < 3; k++) if (c[3 + k] > c[3 + most]) most = k;
        var r = 7 + 4 * Math.log(c[2]) / Math.LN10;
        L.circleMarker([c[1], c[0]], {renderer: renderer, radius: r, color: '#fff', weight: 1.5,
                                      fillColor: colors[kinds[most]], fillOpacity: 0.75})
          .on('click', function () { map.setView([c[1], c[0]], Math.min(map.getZoom() + 2, 18)); })
          .addTo(group);
        if (c[2] > 1) L.marker([c[1], c[0]], {interactive: false, icon: L.divIcon({className: 'fieldapp-cluster',
          html: '<span>' + c[2] + '</span>', iconSize: [30, 14]})}).addTo(labels);
      });
      data.points.forEach(function (p) {
        L.circleMarker([p[5], p[4]], {renderer: renderer, radius: p[2] === 'intake' ? 6 : 4.5, color: '#fff',
                                      weight: 1, fillColor: colors[p[2]] || '#555', fillOpacity: 0.95})
          .on('click', function () {
            popup.setLatLng([p[5], p[4]]).setContent('<div class="fieldapp-popup"><b>' + esc(p[1]) + '</b><div>' +
              esc((D.kindText || {})[p[3] || p[2]] || p[3] || p[2]) + '</div></div>').openOn(map);
            FA.selected(p[0]);
          }).addTo(group);
      });
      FA.planStats.answers += 1;
      FA.planStats.mode = data.mode; FA.planStats.count = data.count;
      FA.planStats.clusters = data.clusters.length; FA.planStats.points = data.points.length;
      FA.planStats.rivers = data.rivers.length; FA.planStats.ms = performance.now() - asked;
      FA.planStats.wait = got - asked;             // the bridge round trip and the answer
      return true;
    };
    map.on('moveend', later);
    ask();
  }
};
"""

PLAN_CSS = """
<style>
.fieldapp-cluster { display: flex; align-items: center; justify-content: center; pointer-events: none; }
.fieldapp-cluster span { font-size: 10px; font-weight: bold; color: #fff; text-shadow: 0 0 2px #000; }
</style>
"""
