"""What reading a report gives: draws of results (some needing a look) and the lines not read.

This is also the `leukotrack read --json` contract: values and ranges in the canonical unit,
`entered` as printed, `text` the printed line, `confidence` None on the text path.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from leukotrack.domain.analytes import ANALYTES
from leukotrack.io.labreport.rows import Box
from leukotrack.io.labreport.words import Method


@dataclass(frozen=True)
class ReadResult:
    analyte: str
    value: float  # canonical unit
    comparator: str | None
    entered: str  # value and unit as printed: "3,100 /uL"
    ref_low: float | None  # canonical unit
    ref_high: float | None
    flag: str | None  # "H", "L" or "A" as printed
    range_text: str  # the printed range
    page: int
    text: str  # the printed line
    box: Box
    needs_review: bool = False
    why: str | None = None
    confidence: float | None = None
    decimals: int = 0  # digits after the decimal point as printed

    @property
    def unit(self) -> str:
        return ANALYTES[self.analyte].canonical_unit

    def review(self, why: str) -> ReadResult:
        """This row, marked "needs a look" (reasons add up, most important first)."""
        if self.why and why in self.why:
            return self
        return replace(self, needs_review=True, why=f"{self.why}; {why}" if self.why else why)


@dataclass(frozen=True)
class UnreadLine:
    page: int
    text: str
    box: Box
    why: str = ""


@dataclass(frozen=True)
class ReadDraw:
    taken_at: datetime | None  # None: the report gives no collection date
    has_time: bool
    lab: str
    results: tuple[ReadResult, ...]

    @property
    def needs_review(self) -> tuple[ReadResult, ...]:
        return tuple(r for r in self.results if r.needs_review)


@dataclass(frozen=True)
class ReportReading:
    file: str
    pages: int
    method: Method
    draws: tuple[ReadDraw, ...]
    unread: tuple[UnreadLine, ...] = ()
    language: str = "en-US"
    notes: tuple[str, ...] = field(default=())

    @property
    def results(self) -> list[ReadResult]:
        return [r for d in self.draws for r in d.results]

    @property
    def needs_review(self) -> list[ReadResult]:
        return [r for r in self.results if r.needs_review]


def taken_at_text(draw: ReadDraw) -> str | None:
    if draw.taken_at is None:
        return None
    if draw.has_time:
        return draw.taken_at.isoformat(timespec="minutes")
    return draw.taken_at.date().isoformat()


def to_json(reading: ReportReading) -> dict[str, Any]:
    return {
        "file": reading.file,
        "pages": reading.pages,
        "method": reading.method,
        "draws": [
            {
                "taken_at": taken_at_text(d),
                "lab": d.lab,
                "results": [
                    {
                        "analyte": r.analyte,
                        "value": r.value,
                        "comparator": r.comparator,
                        "unit": r.unit,
                        "entered": r.entered,
                        "ref_low": r.ref_low,
                        "ref_high": r.ref_high,
                        "needs_review": r.needs_review,
                        "why": r.why,
                        "page": r.page,
                        "text": r.text,
                        "confidence": r.confidence,
                    }
                    for r in d.results
                ],
            }
            for d in reading.draws
        ],
        "unread": [{"page": u.page, "text": u.text} for u in reading.unread],
    }
