"""A report's pages as pictures for the review window."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QImage

PageImage = tuple[QImage, float]  # the page's picture, and its pixels per report unit


class PdfPageImages(Sequence[PageImage]):
    """A PDF's pages as pictures, each rendered the first time it is shown."""

    def __init__(self, path: Path, count: int) -> None:
        self.path, self.count = path, count
        self._cache: dict[int, PageImage] = {}

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> PageImage:  # type: ignore[override]
        from leukotrack.services.labreports import render_page

        if not 0 <= index < self.count:
            raise IndexError(index)
        if index not in self._cache:
            page = render_page(self.path, index + 1, scale=1.5)
            image = QImage(
                page.data, page.width, page.height, page.stride, QImage.Format.Format_RGB888
            )
            self._cache[index] = (image.copy(), page.scale)
        return self._cache[index]


def page_images(path: Path, count: int) -> PdfPageImages:
    """Each page of a PDF as a picture for the review window (rendered when first shown)."""
    return PdfPageImages(path, count)
