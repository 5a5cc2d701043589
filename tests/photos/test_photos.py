"""Photos: EXIF time and GPS read from a real JPEG (written here with Pillow, as a phone writes
it), a thumbnail, stored and synced as an attachment, offered in the map popup and, when chosen,
printed in the report; the Photos tab attaches by file and shows them."""
from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image

from fieldapp.photos import PhotoError, add_photo, list_photos, read_photo, report_photos, set_in_report, thumbnail
from fieldapp.photos.store import thumbnail_uris
from fieldapp.store import ValidationError
from photo_files import jpeg_with_exif


def test_exif_time_and_position_are_read_and_a_thumbnail_made(tmp_path):
    data = jpeg_with_exif(tmp_path / "IMG_0001.jpg").read_bytes()
    info = read_photo(data)
    assert info.taken_at == "2026-11-29T05:20:05.000Z"            # 13:20 at +08:00
    assert info.lat == pytest.approx(24.651234, abs=1e-5) and info.lon == pytest.approx(108.332211, abs=1e-5)
    assert (info.width, info.height, info.mime) == (1600, 1200, "image/jpeg")
    thumb = Image.open(io.BytesIO(thumbnail(data)))
    assert max(thumb.size) == 240 and thumb.format == "JPEG"
    south = read_photo(jpeg_with_exif(tmp_path / "s.jpg", lat=-5.5, lon=-70.25).read_bytes())
    assert south.lat == pytest.approx(-5.5) and south.lon == pytest.approx(-70.25)
    plain = tmp_path / "plain.png"
    Image.new("RGB", (50, 40)).save(plain)
    assert read_photo(plain.read_bytes()).taken_at is None and read_photo(plain.read_bytes()).lat is None
    with pytest.raises(PhotoError):
        read_photo(b"not a picture")


def test_photos_are_stored_offered_on_the_map_and_printed_in_reports(store, incident, tmp_path):
    p = store.add_point(incident["uuid"], 24.65, 108.33, code="DN-01", role="downstream")
    row = add_photo(store, incident["uuid"], "sampling_points", p["uuid"], jpeg_with_exif(tmp_path / "a.jpg"), "桥下取样")
    assert row["taken_at"] == "2026-11-29T05:20:05.000Z" and row["lat"] == pytest.approx(24.651234, abs=1e-5)
    photos = list_photos(store, "sampling_points", p["uuid"])
    assert [ph["uuid"] for ph in photos] == [row["uuid"]] and photos[0]["thumb"]
    assert thumbnail_uris(store, p["uuid"])[0].startswith("data:image/jpeg;base64,")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"xx")
    with pytest.raises(ValidationError, match="bad.jpg"):
        add_photo(store, incident["uuid"], "sampling_points", p["uuid"], bad)
    assert len(list_photos(store, incident_uuid=incident["uuid"])) == 1     # nothing half-written
    assert report_photos(store, incident["uuid"]) == []
    set_in_report(store, row["uuid"], True)
    assert report_photos(store, incident["uuid"])[0]["point_code"] == "DN-01"
    from fieldapp.reports.archive import make_report
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(make_report(store, incident, "initial").pdf)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert any(line.split()[3:5] == ["1600", "1200"] for line in images.splitlines()[2:]), images
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "现场照片" in text and "桥下取样" in text
    from fieldapp.maps.loader import load_map_data
    data = load_map_data(store, incident["uuid"])
    assert next(sp for sp in data.points if sp.code == "DN-01").photos
