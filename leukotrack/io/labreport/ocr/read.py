"""One way in for every report file: a PDF's text layer where it names a blood count, OCR for a
photo, a scan, or a PDF page that is only a picture; then the same row reader and checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from leukotrack.io.labreport.ocr.checks import check_scanned
from leukotrack.io.labreport.ocr.engines import OcrEngine
from leukotrack.io.labreport.ocr.kinds import is_image
from leukotrack.io.labreport.ocr.pages import (
    PageSource,
    Progress,
    ScannedPage,
    image_sources,
    pdf_sources,
    read_sources,
)
from leukotrack.io.labreport.reader import read_pages
from leukotrack.io.labreport.reading import ReportReading


@dataclass(frozen=True)
class FileReading:
    reading: ReportReading
    scanned: tuple[ScannedPage, ...]  # the OCR'd pages, with the pictures the review shows


def read_file(
    path: Path,
    birth: date | None = None,
    today: date | None = None,
    engine: OcrEngine | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FileReading:
    """Read a PDF or an image; ReportFileError, ImageReadError, NoBloodCountError,
    OcrUnavailableError or OcrCancelled when it cannot be."""
    words, scanned = read_sources(_sources(path), path.name, engine, progress, cancelled)
    reading = read_pages(words, path.name, birth, today)
    return FileReading(check_scanned(reading, scanned), tuple(scanned))


def needs_ocr(path: Path) -> bool:
    """A picture, or a PDF with a page to OCR (decided from its text layer alone)."""
    if is_image(path):
        return True
    return any(source.text is None for source in _sources(path))


def _sources(path: Path) -> list[PageSource]:
    from leukotrack.io.labreport.pdf import NoTextLayerError, page_count, pdf_pages

    if is_image(path):
        return image_sources(path)
    try:
        text_pages = pdf_pages(path)
    except NoTextLayerError:
        text_pages = [_empty_page(n) for n in range(1, page_count(path) + 1)]
    return pdf_sources(path, text_pages)


def _empty_page(number: int):  # type: ignore[no-untyped-def]
    from leukotrack.io.labreport.words import PageWords

    return PageWords(number, 0.0, 0.0, (), "text")
