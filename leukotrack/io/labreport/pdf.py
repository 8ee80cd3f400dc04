"""Step 1 on the text path: the words of each PDF page with their boxes (pypdfium2).

pypdfium2 (Apache-2.0/BSD, Google's PDFium) gives each character with its box; words are runs of
characters between spaces, or separated by a gap wider than a fraction of the character height
(PDF writers often place columns with no space character between them). docs/pdf-library.md
has the measurements behind the choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leukotrack.domain.errors import InputError
from leukotrack.io.labreport.words import PageWords, Word


class ReportFileError(InputError):
    """The file cannot be read as a lab report (not a PDF, encrypted, damaged, no text)."""


class NoTextLayerError(ReportFileError):
    """A PDF whose pages are pictures only: it needs the photo/scan reader."""


@dataclass(frozen=True)
class PageImage:
    """A rendered page: RGB pixels, `scale` pixels per PDF point."""

    width: int
    height: int
    stride: int
    data: bytes
    scale: float


_MAX_BYTES = 50 * 1024 * 1024


def _open(path: Path):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    name = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise ReportFileError(f"{name} cannot be opened ({exc.strerror or exc}).") from None
    if b"%PDF-" not in head:
        raise ReportFileError(
            f"{name} is not a PDF; choose the lab report's PDF file (from the patient portal)."
        )
    if path.stat().st_size > _MAX_BYTES:
        raise ReportFileError(
            f"{name} is larger than 50 MB; that is not a lab report LeukoTrack reads."
        )
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise ReportFileError(
                f"{name} is protected by a password; open it in your PDF viewer, save or print "
                "it as a new PDF without a password, and import that copy."
            ) from None
        raise ReportFileError(
            f"{name} is damaged and cannot be read as a PDF; download it again from the portal."
        ) from None


def pdf_pages(path: Path) -> list[PageWords]:
    """Every page's words; NoTextLayerError when no page has any text."""
    doc = _open(path)
    try:
        pages = [_page_words(doc[i], i + 1) for i in range(len(doc))]
    finally:
        doc.close()
    if not any(p.words for p in pages):
        raise NoTextLayerError(
            f"{path.name} has no text layer (it is a scan or a photo); it needs the photo/scan "
            "reader. Type the results in with Add results for now."
        )
    return pages


def _page_words(page, number: int) -> PageWords:  # type: ignore[no-untyped-def]
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        words = _words(textpage.raw, textpage.count_chars(), height)
    finally:
        textpage.close()
        page.close()
    return PageWords(number, float(width), float(height), tuple(words), "text")


def _words(raw: object, count: int, height: float) -> list[Word]:
    """Characters -> words, through PDFium's C API (one call per character and box)."""
    import pypdfium2.raw as c

    words: list[Word] = []
    current: list[tuple[str, tuple[float, float, float, float]]] = []
    rect = c.FS_RECTF()
    for i in range(count):
        code = c.FPDFText_GetUnicode(raw, i)
        ch = chr(code) if code else ""
        if not ch or ch.isspace() or ch in "\ufffe\x02":
            _flush(current, words, height)
            continue
        c.FPDFText_GetLooseCharBox(raw, i, rect)
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
        if current:
            prev = current[-1][1]
            char_h = max(top - bottom, prev[3] - prev[1], 1.0)
            gap = left - prev[2]
            if gap > 0.45 * char_h or abs(bottom - prev[1]) > 0.6 * char_h or gap < -char_h:
                _flush(current, words, height)
        current.append((ch, (left, bottom, right, top)))
    _flush(current, words, height)
    return words


def _flush(
    chars: list[tuple[str, tuple[float, float, float, float]]], words: list[Word], height: float
) -> None:
    if not chars:
        return
    text = "".join(c for c, _ in chars)
    x0 = min(b[0] for _, b in chars)
    x1 = max(b[2] for _, b in chars)
    bottom = min(b[1] for _, b in chars)
    top = max(b[3] for _, b in chars)
    words.append(Word(text, float(x0), float(height - top), float(x1), float(height - bottom)))
    chars.clear()


def page_count(path: Path) -> int:
    doc = _open(path)
    try:
        return len(doc)
    finally:
        doc.close()


def render_page(path: Path, number: int, scale: float = 1.5) -> PageImage:
    """Page `number` (1-based) as RGB pixels, for the review window's page view."""
    doc = _open(path)
    try:
        page = doc[number - 1]
        bitmap = page.render(scale=scale, rev_byteorder=True)
        try:
            image = PageImage(
                bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer), scale
            )
            if bitmap.n_channels != 3:
                image = _to_rgb(image, bitmap.n_channels)
        finally:
            bitmap.close()
            page.close()
    finally:
        doc.close()
    return image


def _to_rgb(image: PageImage, channels: int) -> PageImage:
    rows = []
    for y in range(image.height):
        row = image.data[y * image.stride : y * image.stride + image.width * channels]
        rgb = bytearray(image.width * 3)
        rgb[0::3] = row[0::channels]
        rgb[1::3] = row[1::channels]
        rgb[2::3] = row[2::channels]
        rows.append(bytes(rgb))
    return PageImage(image.width, image.height, image.width * 3, b"".join(rows), image.scale)
