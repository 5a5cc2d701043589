"""Data leaving the app in formats other tools read: CSV (Excel-safe UTF-8), GeoJSON, KML, GeoPackage.

``tables.export_layers`` reads the incident's layers once (typed rows with geometry); each writer
turns them into its format. A drill is refused unless the caller includes drills. Everything is core (no Qt) and runs from the CLI.
"""
