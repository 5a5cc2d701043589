"""The Qt layer: adapts the core to widgets. The only package that imports PySide6."""
