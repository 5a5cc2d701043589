"""What a camera or phone wrote into a photo: when (DateTimeOriginal, with its UTC offset when the
camera gives one, else the laptop's zone) and where (the GPS IFD, degrees/minutes/seconds with
N/S and E/W), read with Pillow. A picture without EXIF is fine: both are then None."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from fieldapp.core.timeutil import to_iso

if TYPE_CHECKING:                   # Pillow itself is imported when a photo is read (the main window
    from PIL import Image           # imports this module; its start does not read photos)

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
DATETIME_ORIGINAL, OFFSET_ORIGINAL, DATETIME = 0x9003, 0x9011, 0x0132
THUMB_PX = 240


class PhotoError(ValueError):
    """The file is not a picture Pillow can read; the message names it."""


@dataclass(frozen=True)
class PhotoInfo:
    taken_at: str | None          # stored ISO UTC
    lat: float | None
    lon: float | None
    width: int
    height: int
    mime: str


def _open(data: bytes) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        img.load()
        return img
    except (UnidentifiedImageError, OSError) as exc:
        raise PhotoError(f"not a picture that can be read ({exc})") from None


def _degrees(dms, ref) -> float | None:
    try:
        d, m, s = (float(x) for x in dms)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = d + m / 60 + s / 3600
    return -value if str(ref).upper() in ("S", "W") else value


def _taken_at(exif) -> str | None:
    sub = exif.get_ifd(EXIF_IFD)
    text = sub.get(DATETIME_ORIGINAL) or exif.get(DATETIME)
    if not text:
        return None
    try:
        dt = datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = str(sub.get(OFFSET_ORIGINAL) or "").strip("\x00 ")
    if len(offset) == 6 and offset[0] in "+-":
        sign = 1 if offset[0] == "+" else -1
        dt = dt.replace(tzinfo=timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))))
    return to_iso(dt)             # naive: the laptop's zone, as a camera set to local time wrote it


def read_photo(data: bytes) -> PhotoInfo:
    from PIL import Image

    img = _open(data)
    exif = img.getexif()
    gps = exif.get_ifd(GPS_IFD) if exif else {}
    lat = _degrees(gps.get(2), gps.get(1)) if gps.get(2) else None
    lon = _degrees(gps.get(4), gps.get(3)) if gps.get(4) else None
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    return PhotoInfo(_taken_at(exif) if exif else None, lat, lon, img.width, img.height,
                     Image.MIME.get(img.format or "", "application/octet-stream"))


def thumbnail(data: bytes, size: int = THUMB_PX) -> bytes:
    """A JPEG at most ``size`` px on its longer side, turned upright as the camera meant it."""
    from PIL import ImageOps

    img = ImageOps.exif_transpose(_open(data)).convert("RGB")
    img.thumbnail((size, size))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()
