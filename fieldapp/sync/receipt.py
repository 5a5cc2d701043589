"""What an import did: added, updated, conflicted, unchanged, stale (older than held), refused, and
renamed (a code made unique after the merge)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

KINDS = ("added", "updated", "conflicted", "unchanged", "stale", "refused", "renamed")
DETAIL_LIMIT = 500  # per kind: a receipt for a million readings lists counts, not every row


@dataclass
class Receipt:
    bundle_id: str
    sender_team: str
    sender_device: str
    sender_code: str
    status: str = "imported"  # imported | already imported
    note: str = ""
    counts: dict = field(default_factory=dict)  # table -> {kind: n}
    items: dict = field(default_factory=lambda: {k: [] for k in KINDS})  # kind -> [{table, uuid, why}]

    def add(self, kind: str, table: str, uuid: str | None = None, why: str = "", n: int = 1) -> None:
        t = self.counts.setdefault(table, {k: 0 for k in KINDS})
        t[kind] += n
        if uuid and kind not in ("unchanged",) and len(self.items[kind]) < DETAIL_LIMIT:
            self.items[kind].append({"table": table, "uuid": uuid, "why": why})

    def add_many(self, kind: str, table: str, uuids: list[str]) -> None:
        """Count many records at once (the bulk path); details only up to DETAIL_LIMIT."""
        if not uuids:
            return
        t = self.counts.setdefault(table, {k: 0 for k in KINDS})
        t[kind] += len(uuids)
        room = DETAIL_LIMIT - len(self.items[kind])
        self.items[kind].extend({"table": table, "uuid": u, "why": ""} for u in uuids[:max(room, 0)])

    def total(self, kind: str) -> int:
        return sum(c[kind] for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return any(self.total(k) for k in ("added", "updated", "conflicted"))

    def to_dict(self) -> dict:
        return {**asdict(self), "totals": {k: self.total(k) for k in KINDS}}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def to_text(self) -> str:
        lines = [(f"Bundle {self.bundle_id} from {self.sender_team} / {self.sender_device} "
                 f"(key {self.sender_code}): {self.status}")]
        if self.note:
            lines.append(self.note)
        lines.append("  ".join(f"{k}: {self.total(k)}" for k in KINDS))
        for table, c in sorted(self.counts.items()):
            parts = [f"{k} {c[k]}" for k in KINDS if c[k]]
            if parts:
                lines.append(f"  {table}: " + ", ".join(parts))
        for kind in ("conflicted", "refused", "renamed"):
            for it in self.items[kind]:
                lines.append(f"  {kind.upper()} {it['table']} {it['uuid']}: {it['why']}")
        return "\n".join(lines)

    def write(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(self.to_json() if path.suffix == ".json" else self.to_text() + "\n", encoding="utf-8")
        return path
