"""Photos of points, samples and log entries (no Qt): EXIF time and GPS read with Pillow, a
thumbnail made once, the bytes kept in the store as an attachment (synced like any record).
Hooks for the map popup (``thumbnail_uris``) and the reports (``report_photos``) live here."""
from .exif import PhotoError, PhotoInfo, read_photo, thumbnail
from .store import add_photo, list_photos, report_photos, set_in_report, thumbnail_uris

__all__ = ["PhotoError", "PhotoInfo", "add_photo", "list_photos", "read_photo", "report_photos", "set_in_report",
           "thumbnail", "thumbnail_uris"]
