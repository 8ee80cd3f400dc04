"""The checks only OCR needs, on top of the row reader's own: a value the engine was unsure of,
a character it was repaired from, or a value printed with fewer decimals than its range (a
decimal point the engine may have missed) turns its row into "needs a look", with the reason.
Each result also gets the confidence of the words it was read from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from leukotrack.io.labreport.ocr.pages import ScannedPage
from leukotrack.io.labreport.reading import ReadResult, ReportReading

CONFIDENCE_FLOOR = (
    0.80  # below this a word's reading is not trusted without a look (docs/ocr-engine.md)
)
_DECIMALS = re.compile(r"\d[.,](\d+)")


def check_scanned(reading: ReportReading, scanned: Sequence[ScannedPage]) -> ReportReading:
    """`reading` with every result from an OCR'd page checked; method "ocr" when any page was."""
    if not scanned:
        return reading
    by_page = {page.words.number: page for page in scanned}
    draws = tuple(
        replace(draw, results=tuple(_checked(r, by_page.get(r.page)) for r in draw.results))
        for draw in reading.draws
    )
    return replace(reading, draws=draws, method="ocr")


def _checked(result: ReadResult, page: ScannedPage | None) -> ReadResult:
    if page is None:
        return result
    line = [w for w in page.words.words if result.box.top <= w.middle_y <= result.box.bottom]
    value_text = result.entered.split(" ")[0] if result.entered else ""
    # the value and its range: the words on its line that hold a digit, units aside (a unit
    # is checked by the unit grammar; Tesseract is unsure of "x10E3/uL" even when it is right)
    carrying = [w for w in line if any(c.isdigit() for c in w.text) and "/" not in w.text] or line
    confidence = min((w.confidence for w in carrying if w.confidence is not None), default=None)
    if confidence is not None:
        result = replace(result, confidence=round(confidence, 2))
        if confidence < CONFIDENCE_FLOOR:
            result = result.review(
                f"the picture is unclear here (OCR confidence {confidence:.2f}); compare the value "
                "with the paper"
            )
    for fix in page.repairs:
        if fix.word in line:
            result = result.review(fix.repair.why)
    range_decimals = _decimals_in(result.range_text)
    if range_decimals > _decimals_in(value_text) and not result.comparator:
        result = result.review(
            f"{value_text} has fewer decimals than its range {result.range_text}: a decimal "
            "point may be missing from the picture"
        )
    return result


def _decimals_in(text: str) -> int:
    return max((len(m.group(1)) for m in _DECIMALS.finditer(text)), default=0)
