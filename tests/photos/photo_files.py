"""A JPEG with EXIF time and GPS, written with Pillow as a phone writes it (tests only)."""
from __future__ import annotations

from PIL import Image


def jpeg_with_exif(path, lat=24.651234, lon=108.332211, when="2026:11:29 13:20:05", offset="+08:00", size=(1600, 1200)):
    img = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = when
    sub[0x9011] = offset

    def dms(v):
        v = abs(v)
        d = int(v)
        m = int((v - d) * 60)
        return (float(d), float(m), round((v - d - m / 60) * 3600, 4))
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N" if lat >= 0 else "S", 2: dms(lat), 3: "E" if lon >= 0 else "W", 4: dms(lon)})
    img.save(path, "JPEG", exif=exif)
    return path
