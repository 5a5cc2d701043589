"""Format identity shared by the writer and the reader."""
FORMAT_NAME = "fieldapp-bundle"
FORMAT_VERSION = 1  # bump when a reader of this version could misread a newer bundle
