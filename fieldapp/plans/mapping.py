"""Field mapping: which source column holds the app's name, id, kind, type, stock, quantity…

A province's plan files keep the same columns from one year to the next, so the mapping a user
confirmed is saved per source (``plan_mappings``: by the source name they gave, and by a
fingerprint of the column names) and the next file of that source imports in one step.

``guess_mapping`` proposes one from the column names (Chinese or English synonyms below); the
user may change any field, and map words in the kind/type columns the vocabulary does not know
(``values``: '泵站' -> 'facility/other').
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from fieldapp.core.timeutil import now_iso

LAYER_KINDS = ("auto", "river", "intake", "facility", "warehouse", "items")
# app field -> column names that mean it (compared lower-case, without spaces/underscores)
FIELD_WORDS = {
    "id": ("id", "code", "编号", "代码", "编码", "设施编号", "点位编号", "物资库编号", "仓库编号", "站点编号"),
    "name": ("name", "名称", "设施名称", "点位名称", "物资库名称", "仓库名称", "名字", "取水口名称"),
    "kind": ("kind", "category", "类别", "大类", "设施类别", "点位类别"),
    "type": ("type", "facilitytype", "类型", "设施类型", "小类", "点位类型"),
    "lon": ("lon", "lng", "long", "longitude", "x", "经度", "东经"),
    "lat": ("lat", "latitude", "y", "纬度", "北纬"),
    "river": ("river", "河流", "河流名称", "所在河流", "所属河流"),
    "stock": ("stock", "库存", "储备物资", "materials", "物资清单"),
    "contact": ("contact", "phone", "tel", "联系人", "联系电话", "电话", "值守电话", "负责人电话"),
    "warehouse": ("warehouseid", "warehouse", "物资库编号", "仓库编号", "所属物资库", "物资库", "库编号", "所属仓库", "仓库"),
    "material": ("material", "物资名称", "物资", "品名", "物资品名"),
    "quantity": ("quantity", "qty", "数量", "储备数量", "库存量", "库存数量"),
    "unit": ("unit", "单位", "计量单位"),
}
# Which fields each layer kind reads (the preview lists these, in this order).
KIND_FIELDS = {
    "river": ("id", "name"),
    "intake": ("id", "name", "river", "contact", "lon", "lat"),
    "facility": ("id", "name", "type", "river", "contact", "lon", "lat"),
    "warehouse": ("id", "name", "stock", "contact", "lon", "lat"),
    "auto": ("id", "name", "kind", "type", "stock", "contact", "lon", "lat"),
    "items": ("warehouse", "material", "quantity", "unit", "contact"),
}


def _key(col: str) -> str:
    return str(col).strip().lower().replace(" ", "").replace("_", "").replace("-", "")


@dataclass
class FieldMapping:
    layer_kind: str = "auto"
    fields: dict = field(default_factory=dict)      # app field -> source column
    values: dict = field(default_factory=dict)      # word in the kind/type column -> 'kind[/type]'

    def column(self, app_field: str) -> str | None:
        return self.fields.get(app_field) or None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> FieldMapping:
        d = json.loads(text)
        return cls(d.get("layer_kind", "auto"), dict(d.get("fields") or {}), dict(d.get("values") or {}))


def guess_kind(layer_name: str, has_geometry: bool, geometry_type: str | None, fields: list[str]) -> str:
    from fieldapp.maps import vocab

    keys = {_key(f) for f in fields}
    if geometry_type and "line" in geometry_type.lower():
        return "river"
    if not has_geometry and not (keys & set(FIELD_WORDS["lon"])) and keys & set(FIELD_WORDS["material"]):
        return "items"
    if any(w in str(layer_name).lower() for w in ("item", "物资清单", "物资明细", "储备物资")) and not has_geometry:
        return "items"
    named = vocab.site_kind(layer_name) if layer_name else None
    if named in ("intake", "warehouse"):
        return named
    if any(w in str(layer_name) for w in ("河流", "水系", "river")):
        return "river"
    return "auto"


def guess_mapping(fields: list[str], layer_kind: str) -> FieldMapping:
    taken: set[str] = set()
    out: dict[str, str] = {}
    wanted = KIND_FIELDS.get(layer_kind, KIND_FIELDS["auto"])
    for app_field in wanted:
        words = FIELD_WORDS[app_field]
        for w in words:                         # the order of words is the preference
            hit = next((f for f in fields if _key(f) == _key(w) and f not in taken), None)
            if hit:
                out[app_field] = hit
                taken.add(hit)
                break
    if layer_kind == "items" and "material" not in out:
        name = next((f for f in fields if _key(f) in FIELD_WORDS["name"] and f not in taken), None)
        if name:
            out["material"] = name
    return FieldMapping(layer_kind, out, {})


def fingerprint(fields: list[str], fmt: str) -> str:
    return hashlib.sha1(("|".join(sorted(_key(f) for f in fields)) + "|" + fmt).encode()).hexdigest()[:16]


def saved_mapping(store, source_key: str | None, fp: str) -> FieldMapping | None:
    """The mapping saved for this source name, else for a file with exactly these columns."""
    row = None
    if source_key:
        row = store.conn.execute("SELECT mapping FROM plan_mappings WHERE source_key = ?", (source_key,)).fetchone()
    if row is None:
        row = store.conn.execute("SELECT mapping FROM plan_mappings WHERE fingerprint = ? "
                                 "ORDER BY updated_at DESC LIMIT 1", (fp,)).fetchone()
    return FieldMapping.from_json(row[0]) if row else None


def save_mapping(store, source_key: str | None, fp: str, mapping: FieldMapping) -> None:
    """Remember the mapping (inside the caller's transaction: an import that fails saves none)."""
    store.conn.execute(
        "INSERT INTO plan_mappings(source_key, fingerprint, mapping, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(source_key) DO UPDATE SET fingerprint = excluded.fingerprint, mapping = excluded.mapping, "
        "updated_at = excluded.updated_at", (source_key or fp, fp, mapping.to_json(), now_iso()))
