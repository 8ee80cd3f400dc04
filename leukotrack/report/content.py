"""The report's content as plain data: built by services, laid out by report.pdf."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.domain.patterns import Patterns
from leukotrack.domain.records import CountUnit


@dataclass(frozen=True)
class SummaryLine:
    severity: str  # info | caution | danger | emergency
    title: str
    detail: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    widths: tuple[float, ...]  # relative column widths
    note: str = ""


@dataclass(frozen=True)
class YourNumbers:
    """What the "Your numbers" block shows (report/your_numbers.py paints it)."""

    patterns: Patterns
    unit: CountUnit = CountUnit.PER_NANOLITRE


@dataclass(frozen=True)
class ReportContent:
    patient: str
    header: list[tuple[str, str]]  # label, value
    period_start: date | None
    period_end: date
    printed_on: date
    summary: list[SummaryLine]
    thresholds: str
    draws: Table
    medicines: Table
    infections: Table
    fevers: Table
    fatigue: Table
    questions: str
    has_data: bool
    disclaimer: str = NOT_A_DIAGNOSIS
    your_numbers: YourNumbers | None = None  # None when there are no neutrophil results
