"""`fieldapp bundle …` and `fieldapp keys …`: sync bundles and team keys from the command line.

    fieldapp bundle export FILE [--peer NAME] [--incremental | --resend | --since N] [--encrypt-to KEYFILE|HEX]
                         [--include-drills]
    fieldapp bundle import FILE [--receipt FILE.json|.txt]
    fieldapp bundle verify FILE          every check an import does, without importing
    fieldapp bundle inspect FILE         the manifest (sender, code, counts, ranges); no trust needed
    fieldapp bundle peers                bundles written to each peer and what each confirmed holding
    fieldapp bundle conflicts [--all] | keep ID | take ID [--version N]
    fieldapp keys show | export FILE | import FILE (--code CODE | --unverified) | trust CODE --from FILE | list
"""
from __future__ import annotations

import json


from .errors import KeyError_


def _store(args):
    from fieldapp.cliutil import open_store_from_args

    return open_store_from_args(args)


def _key_hex(value: str) -> str:
    from pathlib import Path

    from . import keys

    if Path(value).is_file():
        return keys.read_key_file(value)["public_key"]
    return value.strip()


def cmd_export(args) -> int:
    from .export import export_bundle

    with _store(args) as st:
        man = export_bundle(st, args.file, peer=args.peer, incremental=args.incremental,
                            seal_to=_key_hex(args.encrypt_to) if args.encrypt_to else None,
                            since=args.since, resend=args.resend, include_drills=args.include_drills)
    total = sum(man["counts"].values())
    print(f"{args.file}: {man['kind']} bundle, {total} records, changes {man['changes']['from_seq']}.."
          f"{man['changes']['to_seq']}, key {man['sender']['code']}"
          + (" (encrypted)" if args.encrypt_to else ""))
    return 0


def cmd_import(args) -> int:
    from .merge import import_bundle

    with _store(args) as st:
        rc = import_bundle(st, args.file, receipt_path=args.receipt)
    print(rc.to_text())
    return 0


def cmd_verify(args) -> int:
    from .verify import verify_bundle

    with _store(args) as st:
        vb = verify_bundle(args.file, st)
        vb.close()
    print(f"OK: signature, trust, every member hash, count and record verified (key "
          f"{vb.manifest['sender']['code']}, {vb.manifest['sender']['team']})")
    return 0


def cmd_inspect(args) -> int:
    from .verify import verify_bundle

    st = _store(args) if getattr(args, "store", None) else None  # needed only for sealed bundles
    try:
        vb = verify_bundle(args.file, st, require_trust=False)
    finally:
        if st:
            st.close()
    vb.close()
    man = dict(vb.manifest)
    man["members"] = f"{len(man['members'])} members"
    print(json.dumps(man, ensure_ascii=False, indent=1))
    return 0


def cmd_keys(args) -> int:
    from . import keys

    with _store(args) as st:
        if args.keys_command == "show":
            d = keys.key_file_data(st)
            print(f"team: {d['team']}  device: {d['device']}\ncode: {d['code']}\npublic key: {d['public_key']}")
        elif args.keys_command == "export":
            print(keys.export_key(st, args.file))
        elif args.keys_command == "import":
            if not args.code and not args.unverified:
                raise KeyError_(f"{args.file}: give the code the sender reads aloud (--code CODE); trusting a key "
                                "without it is possible only with --unverified")
            r = keys.import_key_file(st, args.file, expected_code=args.code, how="file" if args.code else "unverified")
            print(f"trusted key {r['code']} ({r['team']} / {r['device']})"
                  + ("" if args.code else "  UNVERIFIED: compare the code with the sender"))
        elif args.keys_command == "trust":
            pub, meta = _key_from(args.source)
            r = keys.trust(st, pub, expected_code=args.code, how="code", **meta)
            print(f"trusted key {r['code']} ({r['team']} / {r['device']})")
        elif args.keys_command == "untrust":
            print(f"removed {keys.untrust(st, args.code)} key(s)")
        else:
            rows = keys.trusted_keys(st)
            if not rows:
                print("(no trusted team keys yet)")
            for r in rows:
                print(f"{r['code']}  {r['team']}  {r['device']}  added {r['added_at'][:16]} ({r['how']})")
    return 0


def cmd_peers(args) -> int:
    from .delivery import peer_status

    with _store(args) as st:
        rows = peer_status(st)
    if not rows:
        print("(no bundle written to a named peer yet)")
    for r in rows:
        conf = "never confirmed" if r["confirmed_seq"] is None else f"confirmed holding up to {r['confirmed_seq']}"
        print(f"{r['peer']}: {r['sent_count']} bundle(s) written, last up to change {r['last_sent_seq']} "
              f"({r['last_sent_at'][:16]}); {conf}")
    return 0


def cmd_conflicts(args) -> int:
    from . import conflicts

    with _store(args) as st:
        if args.action in ("keep", "take"):
            if not args.ref:
                raise KeyError_("give the record id (or its first characters) shown by `fieldapp bundle conflicts`")
            c = conflicts.find(st, args.ref, args.version)
            if args.action == "keep":
                conflicts.keep_current(st, c)
                print(f"{c['table_name']} {c['uuid']}: current value kept, version {c['version']} marked reviewed")
            else:
                conflicts.take_kept(st, c)
                print(f"{c['table_name']} {c['uuid']}: version {c['version']} ({c['created_by_team']}) is current "
                      "again (a new edit, sent with the next bundle)")
            return 0
        rows = conflicts.pending(st, include_reviewed=args.all)
    if not rows:
        print("(no conflicts waiting for review)")
    for c in rows:
        print(f"{c['table_name']} {c['uuid']}  kept version {c['version']} by "
              f"{c['updated_by_device'][:8]} ({c['updated_at'][:16]}){'  reviewed' if c['reviewed'] else ''}")
        for field, cur, kept in c["changes"]:
            print(f"    {field}: current {cur!r}  kept {kept!r}")
    return 0


def _key_from(path: str) -> tuple[str, dict]:
    """Public key and who from a key file or from a bundle's manifest (signature checked, not trust)."""
    from . import keys
    from .errors import KeyError_
    from .verify import verify_bundle

    try:
        d = keys.read_key_file(path)
        return d["public_key"], {"team": d.get("team", ""), "device": d.get("device", ""),
                                 "device_id": d.get("device_id", "")}
    except KeyError_:
        vb = verify_bundle(path, None, require_trust=False)
        vb.close()
        s = vb.manifest["sender"]
        return s["public_key"], {"team": s.get("team", ""), "device": s.get("device", ""),
                                 "device_id": s.get("device_id", "")}


def add_parser(sub, common) -> None:
    b = sub.add_parser("bundle", parents=[common], help="export, import, verify or inspect sync bundles")
    bs = b.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    p = bs.add_parser("export", parents=[common], help="write a signed bundle for a peer or the working group")
    p.add_argument("file")
    p.add_argument("--peer", help="recipient name; incremental exports start where the last one to it ended")
    p.add_argument("--incremental", action="store_true", help="only changes since the last bundle to --peer")
    p.add_argument("--encrypt-to", help="recipient's key file or public key (hex): only it can open the bundle")
    p.add_argument("--resend", action="store_true",
                   help="everything since what --peer last confirmed holding (recovers a lost bundle)")
    p.add_argument("--since", type=int, metavar="N", help="only changes after change number N (the receiver's "
                                                          "refusal message says which N)")
    p.add_argument("--include-drills", action="store_true", help="also send drills (exercises are left out otherwise)")
    p.set_defaults(func=cmd_export)
    p = bs.add_parser("import", parents=[common], help="verify and merge a bundle (one transaction)")
    p.add_argument("file")
    p.add_argument("--receipt", help="write the receipt to this file (.json or text)")
    p.set_defaults(func=cmd_import)
    p = bs.add_parser("verify", parents=[common], help="run every import check without importing")
    p.add_argument("file")
    p.set_defaults(func=cmd_verify)
    p = bs.add_parser("inspect", parents=[common], help="show the manifest (checks integrity, not trust)")
    p.add_argument("file")
    p.set_defaults(func=cmd_inspect)
    p = bs.add_parser("peers", parents=[common], help="bundles written to each peer and what each confirmed")
    p.set_defaults(func=cmd_peers)
    p = bs.add_parser("conflicts", parents=[common], help="list conflict versions; keep the current value or "
                                                          "take the kept one")
    p.add_argument("action", nargs="?", choices=["list", "keep", "take"], default="list")
    p.add_argument("ref", nargs="?", help="record id (its first characters are enough)")
    p.add_argument("--version", type=int, help="which kept version, when a record has several")
    p.add_argument("--all", action="store_true", help="include the ones already reviewed")
    p.set_defaults(func=cmd_conflicts)

    k = sub.add_parser("keys", parents=[common], help="this installation's key and the trusted team keys")
    ks = k.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    ks.add_parser("show", parents=[common], help="show this installation's key and read-aloud code")
    p = ks.add_parser("export", parents=[common], help="write this installation's public key file")
    p.add_argument("file")
    p = ks.add_parser("import", parents=[common], help="trust the key in a key file")
    p.add_argument("file")
    p.add_argument("--code", help="the code the sender read aloud; refused if it differs")
    p.add_argument("--unverified", action="store_true", help="trust without checking the code (not recommended)")
    p = ks.add_parser("trust", parents=[common], help="trust the key of a key file or bundle after checking its code")
    p.add_argument("code", help="the code the sender read aloud, e.g. K7QF-2MZA-XR4D-PW6B-NC3T")
    p.add_argument("--from", dest="source", required=True, help="key file or bundle carrying the key")
    p = ks.add_parser("untrust", parents=[common], help="remove a trusted key (by code)")
    p.add_argument("code")
    ks.add_parser("list", parents=[common], help="list the trusted team keys")
    k.set_defaults(func=cmd_keys)

