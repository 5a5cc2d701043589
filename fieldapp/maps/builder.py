"""Build the incident map as an HTML file that renders with no network.

folium assembles the page (map, feature groups, layer control, scale bar, optional local basemap);
its default CDN assets are replaced by Leaflet inlined from the local copies (``fieldapp.maps.assets``),
so the page is one self-contained file that renders anywhere, offline. The
layers themselves are drawn by one script over a JSON blob (see ``map_js``), so a 10,000-point map
costs one element, and the sampling points use a canvas renderer past ``CANVAS_THRESHOLD``.

Every piece of user text (names, codes, roles, values, attributes, layer names) is HTML-escaped here
before it reaches the page: Leaflet inserts popup and tooltip strings as HTML.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
import uuid
from pathlib import Path
from typing import Callable, Mapping

from fieldapp.core.gcpause import no_gc
from fieldapp.maps import assets
from fieldapp.maps.basemap import Basemap
from fieldapp.maps.canvas_layer import FAST_POINTS_JS
from fieldapp.maps.map_js import CSS, SCRIPT
from fieldapp.maps.mapdata import SITE_COLOURS, SOURCE_COLOUR, MapData, SamplingPoint
from fieldapp.maps.plan_layer_js import PLAN_CSS, PLAN_LAYER_JS
from fieldapp.vocab.verdict import COLOURS as STATUS_COLORS, RANK, STATUS_WORDS

CANVAS_THRESHOLD = 300      # above this many points, draw them on one canvas instead of SVG paths
LABEL_THRESHOLD = 60        # at most this many points get a permanent code label
LEGEND_ALWAYS = ("exceeded", "within", "none")   # other statuses appear in the legend when present
RIVER_COLOUR = "#2c7fb8"

TEXT = {
    "zh": {"points": "采样点", "rivers": "河流", "intake": "饮用水取水口", "facility": "应急设施点位",
           "warehouse": "应急物资库", "no_data": "暂无监测数据", "stock": "库存物资", "source": "污染源",
           "demo": "演示数据", "legend": "图例", "river_line": "河流",
           "gate": "水闸", "dam": "拦河坝", "reservoir": "水库", "pond": "坑塘", "ditch": "沟渠", "bridge": "桥梁",
           "temporary_dam": "临时筑坝点", "other": "其他设施"},
    "en": {"points": "Sampling points", "rivers": "Rivers", "intake": "Drinking-water intakes",
           "facility": "Emergency facilities", "warehouse": "Material warehouses", "no_data": "No measurements yet",
           "stock": "Stock", "source": "Pollution source", "demo": "DEMO DATA", "legend": "Legend",
           "river_line": "River", "gate": "Gate", "dam": "Dam", "reservoir": "Reservoir", "pond": "Pond",
           "ditch": "Ditch", "bridge": "Bridge", "temporary_dam": "Temporary dam", "other": "Other facility"},
}
# One-glyph marks drawn inside the site icons (same in both languages: they are map symbols).
GLYPHS = {"intake": "取", "warehouse": "仓", "gate": "闸", "dam": "坝", "reservoir": "库", "pond": "塘",
          "ditch": "渠", "bridge": "桥", "temporary_dam": "堵", "other": "设"}

StatusSource = Mapping[str, "str | None"] | Callable[[SamplingPoint], "str | None"] | None


# Braces too: folium re-reads every element's rendered script as a Jinja template, so user text
# reaching it must never contain "{{" or "{%" (it would be evaluated: template injection).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
                          "{": "&#123;", "}": "&#125;"})


def esc(value: object) -> str:
    """HTML-escape any value for the page (None -> empty): html.escape(quote=True) plus braces, in
    one C-level pass (a 10,000-point map escapes ~200,000 strings)."""
    return "" if value is None else str(value).translate(_ESCAPES)


def script_json(obj: object) -> str:
    """JSON that can sit inside <script> without closing it or opening a comment."""
    return _script_safe(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))


def _script_safe(text: str) -> str:
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _status_of(point: SamplingPoint, statuses: StatusSource) -> str:
    if statuses is None:
        st = point.status
    elif callable(statuses):
        st = statuses(point)
    else:
        st = statuses.get(point.uuid, point.status)
    return st if st in STATUS_COLORS else "none"


def _status_words(lang: str) -> dict:
    return {k: w[1 if lang.startswith("en") else 0] for k, w in STATUS_WORDS.items()}


def _site_css() -> str:
    """Site symbol colours from the one table (the PDF site map uses the same)."""
    rules = "".join(f".fieldapp-site-{k} {{ background: {c}; }} .fieldapp-site-{k}:after {{ border-top-color: {c}; }}"
                    for k, c in SITE_COLOURS.items())
    return f"<style>{rules} .fieldapp-source {{ background: {SOURCE_COLOUR}; }}</style>"


def _legend_html(t: dict, data: MapData, shown: set, lang: str) -> str:
    """Every symbol on this map, drawn with the same classes as the symbols themselves."""
    parts = [f"<b>{esc(t['legend'])}</b>"]
    words = _status_words(lang)
    for key in STATUS_COLORS:
        if key in LEGEND_ALWAYS or key in shown:
            parts.append(f'<i style="background:{STATUS_COLORS[key]}"></i>{esc(words[key])}')
    if data.source:
        parts.append(f'<span class="fieldapp-site fieldapp-source fieldapp-lg"><span>!</span></span>{esc(t["source"])}')
    if data.rivers:
        parts.append(f'<i class="ln" style="background:{RIVER_COLOUR}"></i>{esc(t["river_line"])}')
    kinds = {s.kind for s in data.sites}
    for kind in ("intake", "warehouse"):
        if kind in kinds:
            parts.append(f'<span class="fieldapp-site fieldapp-site-{kind} fieldapp-lg"><span>{esc(GLYPHS[kind])}'
                         f'</span></span>{esc(t[kind])}')
    ftypes = sorted({s.facility_type or "other" for s in data.sites if s.kind == "facility"})
    for ft in ftypes:
        parts.append(f'<span class="fieldapp-site fieldapp-site-facility fieldapp-lg"><span>'
                     f'{esc(GLYPHS.get(ft, "设"))}</span></span>{esc(t.get(ft, ft))}')
    return "<br>".join(parts)


def _point_json(p: SamplingPoint, status: str, memo: dict) -> dict:
    # memo: parameter names, units, times and labels repeat across thousands of points; escape once
    def m(text):
        out = memo.get(text)
        if out is None:
            out = memo[text] = esc(text)
        return out

    return {"u": p.uuid, "c": esc(p.code), "n": esc(p.name), "x": round(p.lon, 7), "y": round(p.lat, 7),
            "s": status, "r": m(p.role_text or p.role), "src": 1 if p.role == "source" else 0,
            "wi": 1 if p.role == "water_intake" else 0,
            "i": [[m(a), esc(b)] for a, b in p.info], "pics": p.photos,
            "l": [[m(par), esc(val), m(words), m(when)] for par, val, words, when in p.latest]}


def _site_json(s, t: dict) -> dict:
    kind_text = t.get(s.kind, s.kind)
    if s.kind == "facility":
        kind_text = t.get(s.facility_type or "other", s.facility_type)
        glyph = GLYPHS.get(s.facility_type or "other", "设")
    else:
        glyph = GLYPHS.get(s.kind, "?")
    attrs = [[esc(k), esc(v)] for k, v in s.attributes.items() if k != "stock" and not isinstance(v, (list, dict))]
    return {"u": s.uuid, "kind": s.kind, "n": esc(s.name), "x": round(s.lon, 7),
            "y": round(s.lat, 7), "t": esc(kind_text), "g": esc(glyph), "a": attrs,
            "k": [[esc(m), esc(q) + (" " + esc(u) if u else "")] for m, q, u in s.stock]}


def _overlay_json(fc: dict) -> dict:
    """An overlay with its text escaped (labels may carry a user's parameter name)."""
    props = fc.get("properties") or {}
    feats = [{"type": "Feature", "geometry": f["geometry"],
              "properties": {"color": esc(f["properties"].get("color", "#000")),
                             "label": esc(f["properties"].get("label", "")), "point": f["geometry"]["type"] == "Point"}}
             for f in fc.get("features", [])]
    return {"name": esc(props.get("name", "")), "summary": esc(props.get("summary", "")),
            "geojson": {"type": "FeatureCollection", "features": feats}}


def build_map_html(data: MapData, out_path: Path | str, *, statuses: StatusSource = None,
                   lang: str = "zh", basemap: Basemap | None = None,
                   view: tuple[float, float, int] | None = None, overlays: list[dict] | None = None) -> Path:
    """Write the map page for ``data`` to ``out_path`` and return the path.

    statuses: overrides each point's own ``status`` (a verdict status or 'none'), as a dict
    point_uuid -> status or a callable(point); by default the status the loader put on the point. view: (lat, lon, zoom) to open at,
    overriding the view the page remembered (the Qt panel passes the current view when it reloads).
    overlays: GeoJSON FeatureCollections drawn over the layers by the page script (e.g.
    fieldapp.plume.overlay's predicted front), styled by each feature's ``color`` and labelled by its
    ``label``. The page is self-contained: Leaflet is inlined (assets.page_assets), so the file works
    wherever it is copied.
    """
    import folium  # imported here: ~0.4-0.9 s, only paid when a map is built

    t = TEXT.get(lang, TEXT["zh"])
    head_assets = assets.page_assets()        # fails early, with the fix, when setup has not run
    b = data.bounds()
    center = [(b[1] + b[3]) / 2, (b[0] + b[2]) / 2] if b else [35.0, 105.0]   # China when empty
    canvas = len(data.points) > CANVAS_THRESHOLD
    m = folium.Map(location=center, zoom_start=12 if b else 4, tiles=None, control_scale=False,
                   prefer_canvas=False, max_zoom=basemap.max_zoom + 3 if basemap else 19,
                   zoom_snap=0.25, zoom_delta=0.5)  # fractional zoom: fitBounds fills the view
    m.default_js, m.default_css = [], []     # Leaflet goes in inline, after rendering (see below)
    asset_token = f"<!--fieldapp-assets-{uuid.uuid4().hex}-->"
    m.get_root().header.add_child(folium.Element(asset_token))
    m.get_root().header.add_child(folium.Element(CSS + _site_css() + (PLAN_CSS if data.plan_view else "")))
    if basemap is not None:
        folium.TileLayer(tiles=basemap.url_template, attr=esc(basemap.attribution), name=esc(basemap.name),
                         min_zoom=0, max_native_zoom=basemap.max_zoom, max_zoom=basemap.max_zoom + 3,
                         overlay=False, control=True).add_to(m)

    groups = {}
    for key in ("rivers", "facility", "warehouse", "intake", "points"):
        groups[key] = folium.FeatureGroup(name=esc(t[key]), show=True).add_to(m)

    payload = {
        "points": [],
        "rivers": [{"n": esc(r.name), "xy": [[round(la, 7), round(lo, 7)] for lo, la in r.coords]}
                   for r in data.rivers if len(r.coords) >= 2],
        "sites": [_site_json(s, t) for s in data.sites],
        "colors": STATUS_COLORS,
        "rank": RANK,
        "statusText": {k: esc(w) for k, w in _status_words(lang).items()},
        "noData": esc(t["no_data"]), "stockTitle": esc(t["stock"]), "sourceText": esc(t["source"]),
        "canvas": canvas, "labels": len(data.points) <= LABEL_THRESHOLD,
        "legend": _legend_html(t, data, {_status_of(p, statuses) for p in data.points}, lang),
        "title": (f"<b>{esc(data.title)}</b>" + (f' <span class="fieldapp-demo">{esc(t["demo"])}</span>'
                                                   if data.is_demo else "")) if data.title else "",
        "source": list(data.source) if data.source else None,
        "bounds": list(b) if b else None,
        "view": list(view) if view else None,
        "viewKey": data.incident_uuid or "default",
        "overlays": [_overlay_json(o) for o in overlays or []],
        "planView": data.plan_view,
        "kindText": {k: esc(t[k]) for k in ("intake", "facility", "warehouse", "gate", "dam", "reservoir", "pond",
                                              "ditch", "bridge", "temporary_dam", "other")},
    }
    # The data goes in AFTER folium renders, through a random token: folium lexes rendered scripts as
    # Jinja templates, which would cost ~0.2 s per 10,000 points and evaluate any "{{ }}" in user text.
    token = f"__fieldapp_data_{uuid.uuid4().hex}__"
    layer = _DataLayer(token, {k: g.get_name() for k, g in groups.items()})
    layer.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    page = m.get_root().render()
    if page.count(token) != 1:
        raise RuntimeError("map template lost its data placeholder")
    head = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    if not head.startswith('{"points":[]'):
        raise RuntimeError("map payload must start with its points list")
    before, after = page.split(token)
    if before.count(asset_token) != 1:
        raise RuntimeError("map template lost its asset placeholder")
    before = before.replace(asset_token, head_assets)
    # Written piece by piece, each point serialised as it is written: holding every point's dict or
    # JSON (and the joined page) at once made the build's peak memory ~8x the page size.
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    memo: dict = {}
    # write then rename, so a Qt view reloading the file never reads half a page
    fd, tmp = tempfile.mkstemp(dir=out_path.parent, prefix=".map-", suffix=".html")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh, no_gc():   # no cycles made: skip GC passes
            fh.write(before)
            fh.write('{"points":[')
            for i, p in enumerate(data.points):
                if i:
                    fh.write(",")
                fh.write(_script_safe(dump(_point_json(p, _status_of(p, statuses), memo))))
            fh.write("]" + _script_safe(head[len('{"points":[]'):]))
            fh.write(after)
        os.replace(tmp, out_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return out_path


_DATA_LAYER_CLASS = None


def _data_layer_class():
    """The folium element class, made once: compiling its Jinja template costs ~20 ms per build."""
    global _DATA_LAYER_CLASS
    if _DATA_LAYER_CLASS is not None:
        return _DATA_LAYER_CLASS
    from branca.element import MacroElement
    from jinja2 import Template

    class DataLayer(MacroElement):
        _template = Template(SCRIPT)

        def __init__(self, token: str, groups: dict):
            super().__init__()
            self._name = "FieldappData"
            self.data_json = token
            self.groups = groups
            self.fast_points_js = FAST_POINTS_JS
            self.plan_layer_js = PLAN_LAYER_JS

    _DATA_LAYER_CLASS = DataLayer
    return DataLayer


def _DataLayer(token: str, groups: dict):   # noqa: N802 - factory keeps branca/jinja imports lazy
    return _data_layer_class()(token, groups)
