"""The Photos tab beside a point's measurements: thumbnails, attach from the camera's folder (or a
phone copied over USB) or by dragging files in, the EXIF time and position shown and the position
offered for the point, and which photos go into reports. The work is fieldapp.photos'."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QHBoxLayout, QLabel, QListView, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from fieldapp.core.timeutil import to_local_display
from fieldapp.maps import spatial
from fieldapp.photos import add_photo, list_photos, set_in_report
from fieldapp.store import StoreError
from fieldapp.ui.common import show_error

PHOTO_FILTER = "*.jpg *.jpeg *.png *.heic *.tif *.tiff"


def camera_folder() -> str:
    """Where photos usually are: a mounted camera or phone, else the pictures folder."""
    home = Path.home()
    user = os.environ.get("USER", "")
    for place in (Path("/media") / user, Path("/run/media") / user, home / "Pictures", home / "图片", home):
        if place.is_dir():
            return str(place)
    return str(home)


class PhotosTab(QWidget):
    added = Signal(list)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.point: dict | None = None
        self.setAcceptDrops(True)
        lay = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setViewMode(QListView.IconMode)
        self.list.setIconSize(QSize(120, 120))
        self.list.setResizeMode(QListView.Adjust)
        self.list.setObjectName("photosList")
        self.list.currentRowChanged.connect(self._show_info)
        lay.addWidget(self.list, 1)
        self.info = QLabel()
        self.info.setWordWrap(True)
        lay.addWidget(self.info)
        row = QHBoxLayout()
        self.attach_button = QPushButton()
        self.attach_button.clicked.connect(lambda: self.attach())
        self.use_position = QPushButton()
        self.use_position.clicked.connect(self.use_photo_position)
        self.in_report = QCheckBox()
        self.in_report.toggled.connect(self._in_report_toggled)
        for w in (self.attach_button, self.use_position, self.in_report):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        self.photos: list[dict] = []
        self.retranslate()
        self.show_point(None)

    def retranslate(self) -> None:
        self.attach_button.setText(QCoreApplication.translate("PhotosTab", "Attach &photos…"))
        self.use_position.setText(QCoreApplication.translate("PhotosTab", "Use the photo's position for the point"))
        self.in_report.setText(QCoreApplication.translate("PhotosTab", "&Use in reports"))
        self._show_info(self.list.currentRow())

    # ---- showing -----------------------------------------------------------------------------
    def show_point(self, point: dict | None) -> None:
        self.point = point
        self.photos = list_photos(self.session.store, "sampling_points", point["uuid"]) if point else []
        self.list.clear()
        for p in self.photos:
            pix = QPixmap()
            pix.loadFromData(p["thumb"])
            item = QListWidgetItem(QIcon(pix), to_local_display(p["taken_at"]) if p["taken_at"] else p["filename"])
            self.list.addItem(item)
        self.attach_button.setEnabled(point is not None)
        if self.photos:
            self.list.setCurrentRow(len(self.photos) - 1)
        else:
            self._show_info(-1)

    def _current(self) -> dict | None:
        i = self.list.currentRow()
        return self.photos[i] if 0 <= i < len(self.photos) else None

    def _show_info(self, _row: int) -> None:
        photo = self._current()
        self.use_position.setEnabled(bool(photo and photo["lat"] is not None))
        self.in_report.setEnabled(photo is not None)
        self.in_report.blockSignals(True)
        self.in_report.setChecked(bool(photo and photo["in_report"]))
        self.in_report.blockSignals(False)
        if photo is None:
            self.info.setText(QCoreApplication.translate(
                "PhotosTab", "No photos of this point yet: attach them, or drag picture files here."))
            return
        parts = [photo["filename"]]
        if photo["taken_at"]:
            parts.append(QCoreApplication.translate("PhotosTab", "taken {0}").format(to_local_display(photo["taken_at"])))
        if photo["lat"] is not None and self.point:
            d = spatial.straight_m(self.session.store, (photo["lon"], photo["lat"]), (self.point["lon"], self.point["lat"]))
            parts.append(QCoreApplication.translate("PhotosTab", "at {0:.5f}, {1:.5f} ({2:.0f} m from the point)").format(
                photo["lat"], photo["lon"], d))
        else:
            parts.append(QCoreApplication.translate("PhotosTab", "no position in the photo"))
        self.info.setText(" · ".join(parts))

    # ---- actions ------------------------------------------------------------------------------
    def attach(self, paths: list[str] | None = None) -> list[dict]:
        if self.point is None:
            return []
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(
                self, QCoreApplication.translate("PhotosTab", "Attach photos"), camera_folder(),
                QCoreApplication.translate("PhotosTab", "Photos ({0})").format(PHOTO_FILTER))
        if not paths:
            return []
        point = self.point
        try:
            rows = self.session.write(lambda st: [add_photo(st, point["incident_uuid"], "sampling_points",
                                                            point["uuid"], p) for p in paths])
        except StoreError as exc:
            show_error(self, exc)
            return []
        self.show_point(self.session.store.get("sampling_points", point["uuid"]))
        self.added.emit(rows)
        return rows

    def use_photo_position(self) -> None:
        photo, point = self._current(), self.point
        if not photo or photo["lat"] is None or not point:
            return
        try:
            self.session.write(lambda st: st.update_point(point["uuid"], lat=photo["lat"], lon=photo["lon"],
                                                          coord_source="photo"))
        except StoreError as exc:
            show_error(self, exc)

    def _in_report_toggled(self, on: bool) -> None:
        photo = self._current()
        if photo:
            try:
                self.session.write(lambda st: set_in_report(st, photo["uuid"], on))
            except StoreError as exc:
                show_error(self, exc)
                return
            photo["in_report"] = int(on)

    # ---- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event):  # noqa: N802
        if event.mimeData().hasUrls() and self.point is not None:
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.attach(paths)
            event.acceptProposedAction()
