"""A generated national-scale plan (fictional, made by code, never committed) for tests and benches.

Shaped like the real compilation: 2,365 rivers as lines forming networks (trunks flowing roughly
east, tributaries whose last vertex lies on the river they join), 200,000 facility points along
them (intakes, gates, dams, reservoirs, ponds, ditches, bridges, temporary dams), 7,600 material
warehouses and 126,000 material items, with Chinese column names and values, in CGCS2000
(EPSG:4490), written as one GeoPackage with four layers (河流, 设施点位, 物资库, 物资清单).
Deterministic for a given seed. Sizes are parameters, so tests use a small plan of the same shape.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

NATIONAL = {"rivers": 2365, "facilities": 200_000, "warehouses": 7_600, "items": 126_000}
STEP_DEG = 0.03              # ~3 km between river vertices
# (type word in the file, share of facilities)
TYPES = (("取水口", 0.06), ("水闸", 0.15), ("拦河坝", 0.12), ("水库", 0.08), ("坑塘", 0.15), ("沟渠", 0.10),
         ("桥梁", 0.22), ("临时筑坝点", 0.12))
MATERIALS = (("生石灰", "t"), ("熟石灰", "t"), ("石灰", "kg"), ("聚合氯化铝", "t"), ("PAC", "kg"), ("聚合硫酸铁", "t"),
             ("活性炭", "t"), ("粉末活性炭", "kg"), ("氢氧化钠", "t"), ("片碱", "kg"), ("聚丙烯酰胺", "kg"),
             ("高锰酸钾", "kg"), ("沙袋", "个"), ("编织袋", "个"), ("围油栏", "m"), ("吸油毡", "kg"),
             ("铁锹", "把"), ("防护服", "套"), ("橡皮艇", "艘"), ("应急照明灯", "台"))


@dataclass
class Fixture:
    path: Path
    counts: dict
    rivers: list[np.ndarray]      # (n, 2) lon/lat, upstream -> downstream


def _walk(rng, start, heading, n):
    turn = np.cumsum(rng.normal(0, 0.25, n - 1)) * 0.3 + heading
    steps = np.column_stack([np.cos(turn), np.sin(turn)]) * STEP_DEG
    pts = np.vstack([start, start + np.cumsum(steps, axis=0)])
    pts[:, 0] = np.clip(pts[:, 0], 76.0, 132.0)
    pts[:, 1] = np.clip(pts[:, 1], 19.0, 52.0)
    return pts


def make_rivers(rng, count: int) -> tuple[list[np.ndarray], list[int]]:
    """Trunks (about one river in 40) and tributaries ending exactly on a vertex of an earlier river."""
    trunks = max(1, count // 40)
    rivers, parent = [], []
    for _ in range(trunks):
        start = np.array([rng.uniform(88, 118), rng.uniform(22, 46)])
        rivers.append(_walk(rng, start, rng.uniform(-0.5, 0.3), int(rng.uniform(100, 400))))
        parent.append(-1)
    while len(rivers) < count:
        p = int(rng.integers(0, len(rivers)))
        host = rivers[p]
        if len(host) < 6:
            continue
        at = host[int(rng.integers(1, len(host) - 3))]
        n = int(rng.uniform(8, 60))
        back = _walk(rng, at, rng.uniform(0, 2 * np.pi), n)     # walked away from the confluence
        back[0] = at
        rivers.append(back[::-1].copy())                        # upstream -> downstream, ends on the host
        parent.append(p)
    return rivers, parent


def _along(rng, rivers, count, spread_m):
    lengths = np.array([len(r) - 1 for r in rivers], dtype=float)
    which = rng.choice(len(rivers), size=count, p=lengths / lengths.sum())
    out = np.empty((count, 2))
    for ri in np.unique(which):
        sel = np.flatnonzero(which == ri)
        r = rivers[ri]
        t = rng.uniform(0, len(r) - 1, len(sel))
        k = np.minimum(t.astype(int), len(r) - 2)
        f = (t - k)[:, None]
        out[sel] = r[k] * (1 - f) + r[k + 1] * f
    off = rng.normal(0, spread_m, (count, 2)) / 111_000.0
    off[:, 0] /= np.cos(np.radians(out[:, 1]))
    return out + off, which


def make_fixture(out: Path | str, *, rivers: int = NATIONAL["rivers"], facilities: int = NATIONAL["facilities"],
                 warehouses: int = NATIONAL["warehouses"], items: int = NATIONAL["items"], seed: int = 18) -> Fixture:
    import pyogrio.raw as raw

    out = Path(out)
    out.unlink(missing_ok=True)
    rng = np.random.default_rng(seed)
    lines, parent = make_rivers(rng, rivers)
    names = [f"第{i + 1}号河" for i in range(len(lines))]
    basin = []
    for i, p in enumerate(parent):
        basin.append(basin[p] if p >= 0 else f"第{i + 1}流域")
    obj = lambda seq: np.array(list(seq), dtype=object)   # noqa: E731
    raw.write(str(out), shapely.to_wkb(np.array([shapely.linestrings(r) for r in lines], dtype=object)),
              [obj(f"R{i + 1:05d}" for i in range(len(lines))), obj(names), obj(basin)], ["编号", "名称", "所属流域"],
              layer="河流", driver="GPKG", geometry_type="LineString", crs="EPSG:4490")
    pos, which = _along(rng, lines, facilities, 120.0)
    words = [w for w, _s in TYPES]
    kinds = rng.choice(len(TYPES), size=facilities, p=np.array([s for _w, s in TYPES]) / sum(s for _w, s in TYPES))
    raw.write(str(out), shapely.to_wkb(shapely.points(pos)),
              [obj(f"F{i + 1:07d}" for i in range(facilities)),
               obj(f"{names[w]}{i % 97 + 1}号{words[k]}" for i, (w, k) in enumerate(zip(which, kinds))),
               obj(words[k] for k in kinds), obj(names[w] for w in which),
               obj(f"0771-{rng.integers(1000000, 9999999)}" if i % 5 == 0 else "" for i in range(facilities))],
              ["编号", "名称", "类型", "所在河流", "联系电话"], layer="设施点位", driver="GPKG", geometry_type="Point",
              crs="EPSG:4490")
    wpos, _w = _along(rng, lines, warehouses, 8_000.0)
    raw.write(str(out), shapely.to_wkb(shapely.points(wpos)),
              [obj(f"W{i + 1:05d}" for i in range(warehouses)), obj(f"第{i + 1}号应急物资库" for i in range(warehouses)),
               obj(f"值班室 0771-{rng.integers(1000000, 9999999)}" for _ in range(warehouses))],
              ["编号", "名称", "联系电话"], layer="物资库", driver="GPKG", geometry_type="Point", crs="EPSG:4490")
    owner = rng.integers(0, warehouses, items)
    mat = rng.integers(0, len(MATERIALS), items)
    qty = np.round(rng.gamma(2.0, 20.0, items), 1)
    raw.write(str(out), None,
              [obj(f"W{o + 1:05d}" for o in owner), obj(MATERIALS[m][0] for m in mat), qty,
               obj(MATERIALS[m][1] for m in mat)],
              ["物资库编号", "物资名称", "数量", "单位"], layer="物资清单", driver="GPKG")
    return Fixture(out, {"rivers": len(lines), "facilities": facilities, "warehouses": warehouses, "items": items},
                   lines)
