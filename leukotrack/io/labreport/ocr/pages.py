"""Photos, scans and text-less PDF pages through OCR into PageWords (method "ocr"), one page at
a time, with a progress callback and a way to stop between pages.

A PDF is decided page by page: a page whose text layer holds a recognisable blood-count word is
read from its text; any other page is rendered at 300 dpi and OCR'd.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from leukotrack.domain.analytes import Dimension
from leukotrack.domain.errors import InputError, LeukoTrackError
from leukotrack.io.labreport.lines import group_lines
from leukotrack.io.labreport.names import match_test_name, read_unit
from leukotrack.io.labreport.ocr.engines import OcrEngine, default_engine
from leukotrack.io.labreport.ocr.images import Gray, ImageReadError, load_pages
from leukotrack.io.labreport.ocr.prepare import Prepared, prepare
from leukotrack.io.labreport.ocr.repair import RepairedWord, repair_page
from leukotrack.io.labreport.words import PageWords

PDF_DPI = 300
STEPS_PER_PAGE = 3
Progress = Callable[[int, int], None]  # (pages done, pages in all)


class OcrCancelled(LeukoTrackError):
    """The person stopped the reading; nothing was read or stored."""


@dataclass(frozen=True)
class ScannedPage:
    words: PageWords  # method "ocr", boxes in `image`'s pixels
    image: Gray  # the straightened, evenly lit page the review window shows
    steps: tuple[str, ...]  # what preparing the picture did
    repairs: tuple[RepairedWord, ...]  # characters repaired, each marks its row


@dataclass(frozen=True)
class PageSource:
    """One page of the file: its text-layer words, or a picture to OCR (`load` gives it)."""

    number: int
    text: PageWords | None = None
    load: Callable[[], Gray] | None = None
    text_layer: PageWords | None = None  # a PDF page's own words, kept if its picture is unreadable


def image_sources(path: Path) -> list[PageSource]:
    pages = load_pages(path)
    return [PageSource(i + 1, load=_given(g)) for i, g in enumerate(pages)]


def _given(gray: Gray) -> Callable[[], Gray]:
    return lambda: gray


def _rendered(path: Path, number: int) -> Callable[[], Gray]:
    from leukotrack.io.labreport.pdf import render_page

    return lambda: _gray(render_page(path, number, PDF_DPI / 72))


def pdf_sources(path: Path, text_pages: Sequence[PageWords]) -> list[PageSource]:
    """Each PDF page as text when its text layer names a blood count, else as a picture."""
    sources = []
    for page in text_pages:
        if has_blood_count_words(page):
            sources.append(PageSource(page.number, text=page))
        else:
            sources.append(
                PageSource(
                    page.number,
                    load=_rendered(path, page.number),
                    text_layer=page if page.words else None,
                )
            )
    return sources


def has_blood_count_words(page: PageWords) -> bool:
    """A line that starts with a test name LeukoTrack keeps, followed by a number."""
    for line in group_lines(page):
        words = [w.text for w in line.words]
        for size in (1, 2, 3):
            name = " ".join(words[:size])
            rest = words[size:]
            if (
                rest
                and any(any(c.isdigit() for c in w) for w in rest)
                and match_test_name(name).analyte
            ):
                return True
    return False


def read_sources(
    sources: Sequence[PageSource],
    name: str,
    engine: OcrEngine | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[list[PageWords], list[ScannedPage]]:
    """Every page's words (text or OCR, in page order) and the OCR'd pages with their images.
    `progress` hears (steps done, steps in all): a page to OCR is three steps (load, prepare,
    recognise); `cancelled` is asked before each step (OcrCancelled)."""
    words: list[PageWords] = []
    scanned: list[ScannedPage] = []
    total = sum(STEPS_PER_PAGE for s in sources if s.text is None)
    done = 0

    def step() -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            raise OcrCancelled("Reading stopped; nothing was read or stored.")
        if progress is not None:
            progress(done, total)
        done += 1

    for source in sources:
        if source.text is not None:
            words.append(source.text)
            continue
        assert source.load is not None
        label = name if len(sources) == 1 else f"page {source.number} of {name}"
        step()
        gray = source.load()
        step()
        try:
            prepared = prepare(gray, label)
        except ImageReadError:
            if source.text_layer is None:
                raise
            words.append(source.text_layer)  # a page of text that names no blood count
            done += 2
            continue
        step()
        page = recognise(prepared, source.number, engine or default_engine())
        words.append(page.words)
        scanned.append(page)
    if progress is not None and total:
        progress(total, total)
    return words, scanned


def ocr_page(gray: Gray, number: int, name: str, engine: OcrEngine) -> ScannedPage:
    return recognise(prepare(gray, name), number, engine)


def recognise(prepared: Prepared, number: int, engine: OcrEngine) -> ScannedPage:
    """The engine's words on a prepared page, with confused characters repaired."""
    found = engine.words(prepared.binary if engine.wants_binary else prepared.image)
    height, width = prepared.image.shape
    page = PageWords(number, float(width), float(height), tuple(found), "ocr")
    page, repairs = repair_page(page, known_unit)
    return ScannedPage(page, prepared.image, prepared.steps, tuple(repairs))


def _gray(image) -> Gray:  # type: ignore[no-untyped-def]
    """A rendered PDF page (RGB rows with a stride) as greyscale pixels."""
    import cv2

    rows = np.frombuffer(image.data, np.uint8).reshape(image.height, image.stride)
    rgb = rows[:, : image.width * 3].reshape(image.height, image.width, 3)
    return np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)


def known_unit(text: str) -> bool:
    """The unit grammar reads `text` as a count, percentage or hemoglobin unit."""
    for dimension in (Dimension.COUNT, Dimension.HEMOGLOBIN, Dimension.PERCENT):
        try:
            read_unit(text, dimension)
            return True
        except InputError:
            continue
    return False
