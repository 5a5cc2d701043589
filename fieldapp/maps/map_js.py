"""The JavaScript and CSS the incident map page runs (our own code, on top of plain Leaflet).

One script draws every layer from a JSON blob (one element per map, not one folium element per
marker: building 10,000 folium objects is what makes large maps slow), and installs the hooks the
Qt panel uses:

* ``window.fieldapp.panTo(uuid)`` / ``window.fieldappPanTo(uuid)``: pan to a sampling point or site.
* map clicks call ``bridge.mapClicked(lat, lon)`` and marker clicks ``bridge.pointSelected(uuid)``
  on the QWebChannel object registered as ``fieldapp`` when ``qt.webChannelTransport`` exists
  (qwebchannel.js comes from Qt's own resources, so nothing is fetched from outside).
* the view (centre, zoom) is kept in localStorage per incident and restored on reload, unless the
  page was built with an explicit view; ``window.fieldapp.getView()`` returns it for the Qt side.
* ``window.fieldapp.stats()`` reports what was drawn, for tests and diagnostics.

All user text reaching this script is already HTML-escaped by the builder (it is inserted with
Leaflet's innerHTML-based popups and tooltips), and the JSON is made safe for a <script> block.
"""

CSS = """
<style>
.folium-map.leaflet-container { background: #eef2f5; font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC",
  "Microsoft YaHei", sans-serif; }
.leaflet-tooltip.fieldapp-label { background: rgba(255,255,255,0.85); border: 0; box-shadow: none; padding: 0 3px;
  font-size: 11px; color: #222; }
.leaflet-tooltip.fieldapp-label:before { display: none; }
.fieldapp-site { display: flex; align-items: center; justify-content: center; border-radius: 4px;
  font-size: 12px; font-weight: bold; color: #fff; border: 1px solid #fff; position: relative;
  box-shadow: 0 0 2px rgba(0,0,0,0.6); box-sizing: border-box; }
/* sites are pins: the body stands above the location on a tail, so a sampling point's circle at
   the same place stays visible (an intake and its monitoring point often coincide) */
.fieldapp-site:after { content: ""; position: absolute; left: 50%; bottom: -7px; margin-left: -5px;
  border: 5px solid transparent; border-bottom: 0; border-top: 7px solid #888; }
.fieldapp-site-intake { border-radius: 50%; }
/* a diamond by clipping, not rotation: Leaflet positions markers with their own transform */
.fieldapp-source { border: 0; border-radius: 0; clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%); }
.fieldapp-source:after { display: none; }
.fieldapp-lg { display: inline-flex; width: 15px; height: 15px; font-size: 10px; margin: 0 6px 2px 0;
  vertical-align: middle; }
.fieldapp-lg:after { display: none; }
.fieldapp-legend .fieldapp-source.fieldapp-lg { width: 15px; height: 15px; }
.fieldapp-popup table { border-collapse: collapse; font-size: 12px; }
.fieldapp-popup td { padding: 1px 4px; border-bottom: 1px solid #eee; }
.fieldapp-popup .st { font-weight: bold; }
.fieldapp-legend, .fieldapp-title { background: rgba(255,255,255,0.92); padding: 6px 8px;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 12px; line-height: 18px;
  max-width: 230px; }
.fieldapp-legend i { display: inline-block; width: 12px; height: 12px; margin-right: 5px;
  vertical-align: -2px; border-radius: 50%; border: 1px solid #fff; }
.fieldapp-legend i.sq { border-radius: 2px; }
.fieldapp-legend i.ln { height: 3px; border: 0; border-radius: 0; vertical-align: 3px; }
.fieldapp-title b { font-size: 14px; }
.fieldapp-demo { color: #c00; font-weight: bold; }
</style>
"""

# Jinja macro body; `this` is the builder's DataLayer element.
SCRIPT = r"""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var D = {{ this.data_json }};
  var FA = window.fieldapp = window.fieldapp || {};
  FA.map = map; FA.markers = {}; FA.drawn = {points: 0, rivers: 0, sites: 0};
  var G = {
    points: {{ this.groups.points }}, rivers: {{ this.groups.rivers }},
    intake: {{ this.groups.intake }}, facility: {{ this.groups.facility }},
    warehouse: {{ this.groups.warehouse }}
  };
{{ this.fast_points_js }}
{{ this.plan_layer_js }}

  function rows(list, cls) {
    if (!list || !list.length) return '';
    var h = '<table class="' + cls + '">';
    list.forEach(function (r) { h += '<tr><td>' + r.join('</td><td>') + '</td></tr>'; });
    return h + '</table>';
  }
  function pointPopup(p) {
    return '<div class="fieldapp-popup"><b>' + p.c + '</b> ' + p.n +
      '<div class="st" style="color:' + D.colors[p.s] + '">' + D.statusText[p.s] + '</div>' +
      (p.r ? '<div>' + p.r + '</div>' : '') + rows(p.i, 'info') +
      (p.l && p.l.length ? rows(p.l, 'latest') : '<div>' + D.noData + '</div>') +
      (p.pics && p.pics.length ? '<div>' + p.pics.map(thumb).join('') + '</div>' : '') +
      '</div>';
  }
  function thumb(u) {       // a photo thumbnail (a data: URI: the page stays self-contained)
    var img = document.createElement('img');
    img.style.cssText = 'max-width:96px;max-height:96px;margin:2px';
    img.src = u;
    return img.outerHTML;
  }
  function sitePopup(s) {
    return '<div class="fieldapp-popup"><b>' + s.n + '</b><div>' + s.t + '</div>' +
      rows(s.a, 'attrs') + (s.k && s.k.length ? '<div>' + D.stockTitle + '</div>' + rows(s.k, 'stock') : '') +
      '</div>';
  }
  FA.selected = function (uuid) {
    if (FA.bridge && FA.bridge.pointSelected) FA.bridge.pointSelected(uuid);
  };

  D.rivers.forEach(function (r) {
    var line = L.polyline(r.xy, {color: '#2c7fb8', weight: 4, opacity: 0.85, className: 'fieldapp-river',
                                 bubblingMouseEvents: true});
    line.bindTooltip(r.n, {sticky: true});
    line.addTo(G.rivers); FA.drawn.rivers++;
  });

  // SVG circle markers for ordinary incidents (countable DOM paths, permanent code labels); past
  // CANVAS_THRESHOLD the FieldappFastPoints canvas layer. Either way one popup, one hover tooltip
  // and one click handler for the whole layer: per-marker popup/tooltip objects cost most.
  FA.points = {};
  function openPoint(p) {
    L.popup({maxWidth: 340}).setLatLng([p.y, p.x]).setContent(pointPopup(p)).openOn(map);
  }
  var hover = L.tooltip({direction: 'top', offset: [0, -6]});
  function showHover(p) { map.openTooltip(hover.setLatLng([p.y, p.x]).setContent(p.c + ' ' + p.n)); }
  D.points.forEach(function (p) { FA.points[p.u] = p; });
  if (D.canvas) {
    FA.fast = new FieldappFastPoints(D.points, D.colors, D.rank);
    G.points.addLayer(FA.fast);
    map.on('mousemove', function (e) {
      var p = FA.fast._map ? FA.fast.hit(e.containerPoint) : null;
      map.getContainer().style.cursor = p ? 'pointer' : '';
      if (p) showHover(p); else map.closeTooltip(hover);
    });
  } else {
    D.points.forEach(function (p) {
      var m = L.circleMarker([p.y, p.x], {
        radius: p.src ? 9 : 7, color: p.src ? '#000' : '#fff', weight: p.src ? 2.5 : 1.5,
        fillColor: D.colors[p.s], fillOpacity: 0.95, bubblingMouseEvents: false,
        className: 'fieldapp-point fieldapp-st-' + p.s});
      m._fa = p;
      if (D.labels) m.bindTooltip(p.c, {permanent: true, direction: 'right', offset: [10, 0],
                                        className: 'fieldapp-label'});
      G.points.addLayer(m); FA.markers[p.u] = m;
    });
    G.points.on('click', function (e) {
      var m = e.propagatedFrom || e.layer;
      if (m && m._fa) { openPoint(m._fa); FA.selected(m._fa.u); }
    });
    if (!D.labels) {
      G.points.on('mouseover', function (e) { var m = e.propagatedFrom || e.layer; if (m && m._fa) showHover(m._fa); });
      G.points.on('mouseout', function () { map.closeTooltip(hover); });
    }
  }
  FA.drawn.points = D.canvas ? 0 : D.points.length;

  D.sites.forEach(function (s) {
    var icon = L.divIcon({className: 'fieldapp-site fieldapp-site-' + s.kind, html: '<span>' + s.g + '</span>',
                          iconSize: [20, 20], iconAnchor: [10, 27], popupAnchor: [0, -26]});
    var m = L.marker([s.y, s.x], {icon: icon, bubblingMouseEvents: false, title: s.n});
    m.bindPopup(function () { return sitePopup(s); }, {maxWidth: 340});
    m.on('click', function () { FA.selected(s.u); });
    m.addTo(G[s.kind]); FA.markers[s.u] = m; FA.drawn.sites++;
  });

  // overlays (e.g. the predicted plume front): GeoJSON styled by each feature's colour
  FA.drawn.overlays = 0;
  (D.overlays || []).forEach(function (o) {
    L.geoJSON(o.geojson, {
      style: function (f) { return {color: f.properties.color, weight: 9, opacity: 0.75, className: 'fieldapp-overlay'}; },
      pointToLayer: function (f, ll) {
        return L.circleMarker(ll, {radius: 8, color: '#000', weight: 3, fillColor: '#fff', fillOpacity: 1});
      },
      onEachFeature: function (f, layer) { layer.bindTooltip(o.name + '<br>' + f.properties.label + '<br>' + o.summary); }
    }).addTo(map);
    FA.drawn.overlays++;
  });

  if (D.source) {   // in its own pane above the site icons: the source is never hidden
    map.createPane('fieldappSource').style.zIndex = 640;
    var icon = L.divIcon({className: 'fieldapp-site fieldapp-source', html: '<span>!</span>', iconSize: [22, 22]});
    FA.source = L.marker([D.source[1], D.source[0]], {icon: icon, title: D.sourceText, interactive: true,
                                                      pane: 'fieldappSource'})
      .bindTooltip(D.sourceText).addTo(G.points);
  }

  // Permanent code labels must not overlap each other or a symbol: each label (the source and
  // intakes first) takes the first free side (right, left, above, below); one with no free side is
  // hidden and shown on hover instead. Run again after every zoom.
  var SIDES = [['right', [1, 0]], ['left', [-1, 0]], ['top', [0, -1]], ['bottom', [0, 1]]];
  function rectOf(el) { var r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }
  function hits(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]) return true;
    }
    return false;
  }
  FA.declutter = function () {
    if (!D.labels || D.canvas) return {hidden: 0};
    var taken = [], hidden = 0;
    document.querySelectorAll('.fieldapp-site, .leaflet-interactive.fieldapp-point').forEach(function (el) {
      if (!el.closest('.fieldapp-legend')) taken.push(rectOf(el));
    });
    var ms = Object.keys(FA.markers).map(function (k) { return FA.markers[k]; })
      .filter(function (m) { return m._fa && m.getTooltip(); });
    ms.sort(function (a, b) { return (b._fa.src || b._fa.wi || 0) - (a._fa.src || a._fa.wi || 0); });
    ms.forEach(function (m) {
      var tip = m.getTooltip(), placed = false;
      var d = (m.options.radius || 7) + (m.options.weight || 1) + 2;   // clear of the point's own circle
      for (var i = 0; i < SIDES.length && !placed; i++) {
        tip.options.direction = SIDES[i][0]; tip.options.offset = L.point(SIDES[i][1][0] * d, SIDES[i][1][1] * d);
        tip.update();
        var el = tip.getElement();
        if (!el) break;
        el.style.visibility = '';
        var r = rectOf(el);
        if (!hits(r, taken)) { taken.push(r); placed = true; }
      }
      var el2 = tip.getElement();
      if (!placed && el2) { el2.style.visibility = 'hidden'; hidden++; }
      m._faHidden = !placed;
    });
    FA.hiddenLabels = hidden;
    return {hidden: hidden};
  };
  G.points.on('mouseover', function (e) {
    var m = e.propagatedFrom || e.layer;
    if (m && m._faHidden && m._fa) showHover(m._fa);
  });
  G.points.on('mouseout', function () { if (D.labels) map.closeTooltip(hover); });
  map.on('zoomend', function () { setTimeout(FA.declutter, 0); });

  L.control.scale({imperial: false, position: 'bottomleft'}).addTo(map);
  var legend = L.control({position: 'bottomleft'});
  legend.onAdd = function () { var d = L.DomUtil.create('div', 'fieldapp-legend'); d.innerHTML = D.legend; return d; };
  legend.addTo(map);
  if (D.title) {
    var title = L.control({position: 'topleft'});
    title.onAdd = function () { var d = L.DomUtil.create('div', 'fieldapp-title'); d.innerHTML = D.title; return d; };
    title.addTo(map);
  }

  // --- view: explicit view > saved view > fit to everything drawn. Never animated: a zoom
  // animation still running when the Qt side calls panTo() would snap the map back at its end. ---
  var KEY = 'fieldapp.view.' + D.viewKey;
  var saved = null;
  try { saved = JSON.parse(window.localStorage.getItem(KEY)); } catch (e) { saved = null; }
  if (D.view) map.setView([D.view[0], D.view[1]], D.view[2], {animate: false});
  else if (saved && isFinite(saved.lat) && isFinite(saved.lng)) map.setView([saved.lat, saved.lng], saved.zoom, {animate: false});
  else if (D.bounds) map.fitBounds([[D.bounds[1], D.bounds[0]], [D.bounds[3], D.bounds[2]]], {paddingTopLeft: [250, 60], paddingBottomRight: [40, 30], maxZoom: 15,
                                                                         animate: false});
  FA.getView = function () { var c = map.getCenter(); return {lat: c.lat, lng: c.lng, zoom: map.getZoom()}; };
  map.on('moveend zoomend', function () {
    try { window.localStorage.setItem(KEY, JSON.stringify(FA.getView())); } catch (e) { /* storage off */ }
  });

  FA.panTo = function (uuid) {
    var p = FA.points[uuid], m = FA.markers[uuid];
    if (!p && !m) return false;
    map.setView(p ? [p.y, p.x] : m.getLatLng(), Math.max(map.getZoom(), 14), {animate: false});
    if (p) openPoint(p); else m.openPopup();
    return true;
  };
  window.fieldappPanTo = FA.panTo;

  map.on('click', function (e) {
    var hit = FA.fast && FA.fast._map ? FA.fast.hit(e.containerPoint) : null;
    if (hit) { openPoint(hit); FA.selected(hit.u); return; }   // a point, not a new-point click
    FA.lastClick = {lat: e.latlng.lat, lon: e.latlng.lng};
    if (FA.bridge && FA.bridge.mapClicked) FA.bridge.mapClicked(e.latlng.lat, e.latlng.lng);
  });

  function connectQt() {
    if (typeof qt === 'undefined' || !qt.webChannelTransport) return;
    function go() {
      new QWebChannel(qt.webChannelTransport, function (ch) {
        FA.bridge = ch.objects.fieldapp || null; FA.bridgeReady = true;
        if (FA.bridge && FA.bridge.mapReady) FA.bridge.mapReady();
        // plans arrive per view through the bridge (plan_layer_js), never inside this file
        if (D.planView && FA.bridge && FA.bridge.planView) FieldappPlanLayer.start(FA, map, D);
      });
    }
    if (typeof QWebChannel !== 'undefined') { go(); return; }
    var s = document.createElement('script');
    s.src = 'qrc:///qtwebchannel/qwebchannel.js';
    s.onload = go;
    s.onerror = function () { FA.bridgeError = 'qwebchannel.js could not be loaded'; };
    document.head.appendChild(s);
  }
  connectQt();

  FA.stats = function () {
    return {points: FA.fast ? FA.fast.painted : FA.drawn.points, rivers: FA.drawn.rivers, sites: FA.drawn.sites,
            overlays: FA.drawn.overlays, canvas: !!FA.fast, zoom: map.getZoom()};
  };
  FA.colors = D.colors;
  FA.declutter();
  FA.ready = true;
})();
{% endmacro %}
"""
