"""A Leaflet layer that paints thousands of sampling points on one canvas (our own JS).

Leaflet's own circle markers cost a JS object, an options object and event wiring per point: fine
for tens of points, ~100 µs and ~2 KB each at 10,000. Past the builder's CANVAS_THRESHOLD the points
are instead painted by this layer straight from the data array: one pre-rendered sprite per status
stamped with drawImage (exceedances painted last so they stay on top), one paint per animation
frame however many view events fire, and hit-testing on click/hover by a scan of the projected
positions kept from the last paint.

Contract with map_js.SCRIPT: ``new FieldappFastPoints(points, colors, rank)``; ``.hit(containerPoint)``
returns the point under the cursor or null; ``.painted`` counts points painted in the last redraw.
"""

FAST_POINTS_JS = r"""
var FieldappFastPoints = L.Layer.extend({
  initialize: function (points, colors, rank) {
    // rank: the core's verdict ranking (fieldapp.vocab.verdict.RANK): worse statuses paint on top
    this._pts = points; this._colors = colors; this._rank = rank; this.painted = 0;
    var n = points.length;
    this._xs = new Float32Array(n); this._ys = new Float32Array(n); this._vis = new Uint8Array(n);
    // Web Mercator position of each point in world units (0..1), computed once: a redraw is then two
    // multiply-adds per point instead of a latLngToContainerPoint call with its temporary objects.
    this._mx = new Float64Array(n); this._my = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      var lat = Math.max(-85.0511287798, Math.min(85.0511287798, points[i].y)) * Math.PI / 180;
      this._mx[i] = (points[i].x + 180) / 360;
      this._my[i] = 0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI);
    }
  },
  onAdd: function (map) {
    this._canvas = L.DomUtil.create('canvas', 'fieldapp-fastpoints leaflet-zoom-hide');
    this._canvas.style.position = 'absolute';
    this._canvas.style.pointerEvents = 'none';   // clicks reach the map; we hit-test there
    map.getPanes().overlayPane.appendChild(this._canvas);
    map.on('moveend zoomend resize viewreset', this._schedule, this);
    this._schedule();     // on the next frame: the initial view is usually still being set
  },
  onRemove: function (map) {
    map.off('moveend zoomend resize viewreset', this._schedule, this);
    L.DomUtil.remove(this._canvas);
    this.painted = 0;
  },
  _schedule: function () {
    // one view change fires viewreset, zoomend and moveend: paint once, on the next frame
    if (this._frame) return;
    var self = this;
    this._frame = L.Util.requestAnimFrame(function () { self._frame = null; self.redraw(); });
  },
  redraw: function () {
    var map = this._map;
    if (!map) return;
    var size = map.getSize(), dpr = window.devicePixelRatio || 1, cv = this._canvas;
    L.DomUtil.setPosition(cv, map.containerPointToLayerPoint([0, 0]));
    cv.width = Math.round(size.x * dpr); cv.height = Math.round(size.y * dpr);
    cv.style.width = size.x + 'px'; cv.style.height = size.y + 'px';
    var ctx = cv.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    var pts = this._pts, n = pts.length, xs = this._xs, ys = this._ys, vis = this._vis, r = 6;
    var rank = this._rank, painted = 0;
    var order = Object.keys(this._colors).sort(function (a, b) { return rank[a] - rank[b]; });
    if (!(map.options.crs === L.CRS.EPSG3857)) throw new Error('FieldappFastPoints needs EPSG:3857');
    var scale = 256 * Math.pow(2, map.getZoom()), origin = map.getPixelOrigin();
    var l0 = map.containerPointToLayerPoint([0, 0]), ox = origin.x + l0.x, oy = origin.y + l0.y;
    for (var i = 0; i < n; i++) {
      var cx = this._mx[i] * scale - ox, cy = this._my[i] * scale - oy;
      xs[i] = cx; ys[i] = cy;
      vis[i] = (cx > -r && cy > -r && cx < size.x + r && cy < size.y + r) ? 1 : 0;
    }
    // one pre-rendered sprite per status, stamped with drawImage: far cheaper than 10,000 arcs
    var sprites = this._sprites(dpr, r);
    for (var k = 0; k < order.length; k++) {
      var img = sprites[order[k]];
      for (var j = 0; j < n; j++) {
        if (!vis[j] || pts[j].s !== order[k]) continue;
        ctx.drawImage(img, xs[j] - r - 2, ys[j] - r - 2, 2 * r + 4, 2 * r + 4);
        painted++;
      }
    }
    this.painted = painted;
  },
  _sprites: function (dpr, r) {
    if (this._spr && this._sprDpr === dpr) return this._spr;
    var out = {}, size = Math.ceil((2 * r + 4) * dpr);
    for (var st in this._colors) {
      var c = document.createElement('canvas'); c.width = c.height = size;
      var g = c.getContext('2d'); g.scale(dpr, dpr);
      g.beginPath(); g.arc(r + 2, r + 2, r, 0, 2 * Math.PI);
      g.fillStyle = this._colors[st]; g.fill(); g.lineWidth = 1.5; g.strokeStyle = '#ffffff'; g.stroke();
      out[st] = c;
    }
    this._spr = out; this._sprDpr = dpr;
    return out;
  },
  hit: function (cp) {
    // the topmost (last painted: worst status) point within 8 px of the container point
    var best = null, bestRank = -1, bestD = 64, rank = this._rank;
    for (var i = 0; i < this._pts.length; i++) {
      if (!this._vis[i]) continue;
      var dx = this._xs[i] - cp.x, dy = this._ys[i] - cp.y, d = dx * dx + dy * dy;
      if (d > 64) continue;
      var rk = rank[this._pts[i].s];
      if (rk > bestRank || (rk === bestRank && d < bestD)) { best = this._pts[i]; bestRank = rk; bestD = d; }
    }
    return best;
  }
});
"""
