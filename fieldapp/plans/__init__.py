"""Plans ("one river, one policy, one map") as data: import through GDAL, the river network, and
national-scale answers from SpatiaLite indexes.

Pipeline, each step usable alone (issue 19's PostGIS loader reuses the first three):
  source.py   open a file through GDAL (pyogrio): formats, sidecar files, encodings, size limit
  coords.py   the source's CRS -> WGS 84 lon/lat (PROJ), GCJ-02 conversion
  mapping.py  source columns -> the app's fields, guessed and saved per source
  prepare.py  validated rows ready to store, problems and warnings, the preview
  network.py  chainage along river lines, snapping sites, confluences (numpy/shapely, no store)
  write.py    the SpatiaLite writer: one transaction per import
  query.py    downstream/upstream along the network, nearest material, what can intercept
  viewport.py what the map needs for one view (clusters or points, simplified rivers)
  fixture.py  a generated national-scale plan for tests and benches
"""

# Here rather than in network.py, so that code needing only the number (the spatial answers'
# defaults, opened with the main window) does not import numpy, shapely and pyproj with it.
SNAP_M = 2_000          # a site further than this from every river line is "off the network"
