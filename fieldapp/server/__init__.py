"""The working group's server: team bundles consolidated into PostgreSQL/PostGIS (no Qt).

    init_server(url, team=…) / open_server(url) -> PostgresBackend   (fieldapp.server.connection)
    import_bundles(db, paths) -> [Receipt]      same verification and merge rules as a laptop
    export_for_team(db, path, peer=…, …)        a signed bundle back to a team (receipts, acks)
    snapshot.pull_incident(db, code, folder)    a read-only SpatiaLite copy of one incident for
                                                the desktop app and the consolidated report
    verdicts.refresh_incident / rejudge_all     the one verdict kept for the GIS views

The merge is fieldapp.sync.merge, the same code a laptop runs; this package is its PostgreSQL
adapter (backend.py), the server's own numbered migrations (migrations/), the views GIS desks read
(docs/server.md) and `fieldapp server …` (cli.py).
"""
