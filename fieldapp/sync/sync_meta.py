"""Format identity shared by the writer and the reader."""
FORMAT_NAME = "fieldapp-bundle"
# Bump when a reader of the previous version could misread a newer bundle.
# 2: geometries as WKB hex (1 had 6-decimal WKT), bundle serials and acknowledgements in the manifest.
FORMAT_VERSION = 2
