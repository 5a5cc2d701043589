"""Data leaving the app in formats other tools read: CSV (Excel-safe UTF-8), GeoJSON, KML, GeoPackage.

``tables.export_rows`` reads the incident's points, samples and measurements once; each writer turns
those three tables into its format. Everything is core (no Qt) and runs from the CLI.
"""
