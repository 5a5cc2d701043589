"""Delivery tracking: which of a sender's changes we hold, gaps, and acknowledgements.

Protocol (docs/bundle-format.md, "Delivery"):
* A bundle covers the sender's change sequence ``changes.from_seq .. to_seq``; a full bundle starts at 1.
* The receiver holds, per sending installation, the contiguous range 1..N it has imported
  (``coverage``). An incremental bundle that starts after N + 1 is refused: a bundle in between was
  lost, and importing this one would silently skip its changes forever.
* Every bundle's manifest carries ``holds``: the coverage its sender has of each installation it
  imported from. That is the acknowledgement travelling back: the receiver of a bundle learns what
  the sender holds of *its* changes (``sync_acks``), and ``bundle export --resend`` starts there.
* By default an incremental export starts after the last bundle *written* to that peer (small
  bundles even when nothing comes back); a lost one is caught by the gap check and recovered with
  ``--resend`` (from the acknowledgement), ``--since N`` or a full bundle.
"""
from __future__ import annotations

from fieldapp.core.timeutil import now_iso

from .backend import as_backend
from .errors import BundleGap


def coverage(conn, device_id: str) -> int:
    """Highest N such that every change 1..N of ``device_id`` arrived in an imported bundle.
    ``conn``: a SQLite connection or a Backend (anything whose execute() takes ? placeholders)."""
    held = 0
    for f, t in conn.execute("SELECT from_seq, to_seq FROM sync_imports WHERE sender_device_id = ? "
                             "ORDER BY from_seq, to_seq", (device_id,)).fetchall():
        if f > held + 1:
            break
        held = max(held, t)
    return held


def holds(conn) -> dict[str, int]:
    """device id -> coverage, for every installation we imported from (the manifest's ``holds``)."""
    devices = [r[0] for r in conn.execute("SELECT DISTINCT sender_device_id FROM sync_imports ORDER BY 1").fetchall()]
    return {d: coverage(conn, d) for d in devices if d}


def check_continues(store, man: dict, sender_label: str) -> None:
    """Refuse an incremental bundle that does not continue what we hold from its sender."""
    store = as_backend(store)
    ch = man["changes"]
    device = man["sender"].get("device_id", "")
    if ch["from_seq"] <= 1 or not device:
        return
    if device == store.require_identity().device_id:
        return  # our own changes coming back (a restore): we hold them all
    held = coverage(store, device)
    if ch["from_seq"] <= held + 1:
        return
    serial, peer = man.get("serial", 0), man.get("peer", "")
    last = store.execute("SELECT MAX(serial) FROM sync_imports WHERE sender_device_id = ? AND peer = ?",
                              (device, peer)).fetchone()[0] or 0
    if serial > 1 and serial - 1 > last:
        which = f"bundle {serial - 1}" if serial - 1 == last + 1 else f"bundles {last + 1}–{serial - 1}"
    else:
        which = "an earlier bundle"
    raise BundleGap(f"{which} from {sender_label} is missing: ask for it or for a full bundle (this is bundle "
                    f"{serial or '?'} with changes {ch['from_seq']}–{ch['to_seq']}; we hold that team's changes "
                    f"only up to {held}. On the sending laptop: fieldapp bundle export FILE --peer "
                    f"{peer or 'NAME'} --since {held}, or --resend)")


def record_ack(store, man: dict, sender_team: str) -> None:
    """Remember what the sender says it holds of our changes (inside the import transaction)."""
    store = as_backend(store)
    mine = store.require_identity().device_id
    held = (man.get("holds") or {}).get(mine)
    if held is None:
        return
    store.execute(
        "INSERT INTO sync_acks(device_id, team, holds_seq, bundle_id, reported_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(device_id) DO UPDATE SET team = excluded.team, bundle_id = excluded.bundle_id, "
        "reported_at = excluded.reported_at, "
        f"holds_seq = {store.greatest('sync_acks.holds_seq', 'excluded.holds_seq')}",
        (man["sender"].get("device_id", ""), sender_team, held, man["bundle_id"], now_iso()))


def peer_device(store, peer: str) -> str | None:
    """The installation a peer name stands for: a trusted key's team, device name or code, if unique."""
    from . import keys

    want = keys.normalise_code(peer)
    found = {k["device_id"] for k in keys.trusted_keys(store)
             if k["device_id"] and (peer in (k["team"], k["device"]) or keys.normalise_code(k["code"]) == want)}
    found |= {r[0] for r in as_backend(store).execute("SELECT device_id FROM sync_acks WHERE team = ?",
                                                      (peer,)).fetchall()}
    return found.pop() if len(found) == 1 else None


def acknowledged(store, peer: str) -> int | None:
    """What ``peer`` confirmed holding of our changes, or None when it never told us."""
    device = peer_device(store, peer)
    if device is None:
        return None
    row = as_backend(store).execute("SELECT holds_seq FROM sync_acks WHERE device_id = ?", (device,)).fetchone()
    return int(row[0]) if row else None


def peer_status(store) -> list[dict]:
    """Per peer: bundles written, last written position, and what it confirmed (for `bundle peers`)."""
    out = []
    for r in as_backend(store).query("SELECT peer, last_sent_seq, last_sent_at, sent_count FROM sync_peers "
                                     "ORDER BY peer"):
        r["confirmed_seq"] = acknowledged(store, r["peer"])
        out.append(r)
    return out
