"""Reading a photo or scan for the review window: OCR runs on a worker thread while a progress
dialog shows how far it is, and Cancel stops it (nothing is stored either way). The review
window then shows each OCR'd page as the straightened picture the words were found on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QProgressDialog, QWidget

from leukotrack.domain.errors import LeukoTrackError
from leukotrack.gui.controllers.report_review_controller import PageImage, page_images

if TYPE_CHECKING:
    from leukotrack.io.labreport.ocr.pages import ScannedPage
    from leukotrack.io.labreport.ocr.read import FileReading

STEP_NAMES = ("opening the picture", "straightening it", "finding the words")


class OcrReading(QObject):
    """One report read on a worker thread; its signals arrive on the GUI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # FileReading
    failed = Signal(object)  # the exception

    def __init__(self, path: Path, birth: date | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path, self.birth = path, birth
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="ocr-report", daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        self.stop.set()

    def _run(self) -> None:
        from leukotrack.io.labreport.ocr.pages import OcrCancelled
        from leukotrack.services.labreports import read_report_file

        try:
            result = read_report_file(
                self.path, self.birth, progress=self.progressed.emit, cancelled=self.stop.is_set
            )
        except OcrCancelled:
            return
        except Exception as exc:  # handed to the GUI thread: expected ones shown, others raised
            if not self.stop.is_set():
                self.failed.emit(exc)
            return
        if not self.stop.is_set():
            self.succeeded.emit(result)


class OcrProgress:
    """The progress dialog of one OcrReading, and what happens when it ends."""

    def __init__(
        self,
        parent: QWidget,
        path: Path,
        birth: date | None,
        on_read: Callable[[FileReading], None],
        on_error: Callable[[str], None],
        on_cancelled: Callable[[], None],
    ) -> None:
        self.path = path
        self.on_read, self.on_error, self.on_cancelled = on_read, on_error, on_cancelled
        self.dialog = QProgressDialog(
            f"Reading {path.name}: {STEP_NAMES[0]}…", "Cancel", 0, 0, parent
        )
        self.dialog.setObjectName("ocrProgress")
        self.dialog.setWindowTitle("Reading the photo")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.reading = OcrReading(path, birth, self.dialog)
        self.reading.progressed.connect(self._progressed)
        self.reading.succeeded.connect(self._succeeded)
        self.reading.failed.connect(self._failed)

    def start(self) -> None:
        self.dialog.show()
        self.reading.start()

    def cancel(self) -> None:
        if self.reading.stop.is_set():
            return
        self.reading.cancel()
        self.dialog.close()
        self.on_cancelled()

    def _progressed(self, done: int, total: int) -> None:
        if self.reading.stop.is_set():
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if done < total:
            page, step = divmod(done, len(STEP_NAMES))
            pages = total // len(STEP_NAMES)
            where = f" (page {page + 1} of {pages})" if pages > 1 else ""
            self.dialog.setLabelText(f"Reading {self.path.name}: {STEP_NAMES[step]}{where}…")

    def _succeeded(self, result: FileReading) -> None:
        self._finish()
        self.on_read(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, LeukoTrackError | OSError):
            self.on_error(f"{self.path.name} could not be read: {exc}")
            return
        raise exc

    def _finish(self) -> None:
        self.reading.stop.set()  # a late Cancel click does nothing now
        self.dialog.close()


class ScannedPageImages(Sequence[PageImage]):
    """The review window's pages: an OCR'd page is its straightened picture (boxes are in its
    pixels, scale 1); a page read from its text layer is the PDF page, rendered when shown."""

    def __init__(self, path: Path, count: int, scanned: Sequence[ScannedPage]) -> None:
        self.count = count
        self.scanned = {page.words.number: page for page in scanned}
        self.pdf = page_images(path, count) if len(self.scanned) < count else None
        self._cache: dict[int, PageImage] = {}

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> PageImage:  # type: ignore[override]
        if not 0 <= index < self.count:
            raise IndexError(index)
        page = self.scanned.get(index + 1)
        if page is None:
            assert self.pdf is not None
            return self.pdf[index]
        if index not in self._cache:
            self._cache[index] = (gray_image(page.image), 1.0)
        return self._cache[index]


def gray_image(pixels: np.ndarray) -> QImage:
    data = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = data.shape
    image = QImage(data.data, width, height, width, QImage.Format.Format_Grayscale8)
    return image.copy()  # owns its pixels once `data` is gone
