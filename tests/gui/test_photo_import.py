"""Importing a photo of a lab report the way a person does: drop it on the window, watch the
progress while it is read, check the straightened photo with its boxes, save; or Cancel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.io.labreport.ocr.engines import tessdata_dir
from tests.gui.test_import_export_gui import drop_files
from tests.gui.test_report_review import counts
from tests.ocrimages.degrade import DEGRADATIONS, write
from tests.ocrimages.reports import REPORTS, expected

OCR_TIMEOUT_MS = 90_000  # one page on a busy 2-core machine
pytestmark = pytest.mark.skipif(
    tessdata_dir() is None,
    reason="Tesseract's English model is not installed (make test installs it)",
)


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rotated = next(d for d in DEGRADATIONS if d.name == "rotated-3")
    return write(REPORTS[0], rotated, tmp_path_factory.mktemp("photos"))


def test_drop_a_photo_review_the_straightened_page_and_save(
    qtbot: QtBot, window: MainWindow, photo: Path
) -> None:
    seen: list[tuple[int, int]] = []
    drop_files(window, [photo])
    _watch_progress(window, seen)
    ri = window.controller.report_import
    qtbot.waitUntil(lambda: ri.review is not None, timeout=OCR_TIMEOUT_MS)
    review = ri.review
    assert review is not None and window.controller.dialog is review.view
    qtbot.waitExposed(review.view)
    assert seen and seen[-1][0] == seen[-1][1]  # the bar ran to the end
    reading = review.reading
    assert reading.method == "ocr"
    want = expected(REPORTS[0])
    for r in reading.results:  # the honesty rule: a wrong value is always marked
        assert r.needs_review or r.value == pytest.approx(want[r.analyte]), r
    assert len(reading.results) >= len(want) - 2
    assert all(r.confidence is not None and 0 <= r.confidence <= 1 for r in reading.results)

    image, scale = review.pages[0]
    assert scale == 1.0 and image.height() > image.width()  # the upright page, not the photo
    boxes = [b for row in review.rows if (b := review.box_of(row)) is not None]
    assert len(boxes) == len(reading.results)
    inside = image.rect()
    assert all(inside.contains(b.rect().center().toPoint()) for b in boxes)

    for row in review.rows:  # settle anything flagged, as a person would after a look
        if row.unsettled:
            review.view.table.selectRow(review.shown.index(review.rows.index(row)))
            qtbot.mouseClick(review.view.confirm, Qt.MouseButton.LeftButton)
    review.view.taken_at.setFocus()
    qtbot.mouseClick(review.view.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.dialog is None)
    assert counts(window)["draw"] == 1


def _watch_progress(window: MainWindow, seen: list[tuple[int, int]]) -> None:
    ocr = window.controller.report_import.ocr
    assert ocr is not None
    ocr.reading.progressed.connect(lambda done, total: seen.append((done, total)))


def test_cancel_stops_reading_and_stores_nothing(
    qtbot: QtBot, window: MainWindow, photo: Path
) -> None:
    ri = window.controller.report_import
    ri.choose_report = lambda: photo
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QProgressDialog, "ocrProgress")
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.findChild(type(ri.welcome_button)), Qt.MouseButton.LeftButton)
    assert ri.ocr is None and not dialog.isVisible()
    assert "Reading stopped" in window.statusBar().currentMessage()
    qtbot.wait(200)
    assert ri.review is None and counts(window).get("draw", 0) == 0


def test_a_blank_photo_says_what_to_do(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from PIL import Image

    blank = tmp_path / "blank.jpg"
    Image.fromarray(np.full((1600, 1200), 250, np.uint8)).save(blank)
    drop_files(window, [blank])
    qtbot.waitUntil(lambda: window.controller.files.message is not None, timeout=OCR_TIMEOUT_MS)
    text = window.controller.files.message.text()  # type: ignore[union-attr]
    assert "photograph the page flat, in good light, filling the frame" in text
    assert window.controller.report_import.review is None and counts(window).get("draw", 0) == 0
