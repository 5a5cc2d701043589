"""FieldApp: offline-first field tool for environmental emergency response teams."""

__version__ = "0.1.0"
