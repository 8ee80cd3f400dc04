"""The documents' content as plain data: built by services, laid out by report.pdf.

Three kinds: the hematologist report (page 1 stands alone; page 2 holds the rest; an appendix on
request), the procedure sheet and the emergency sheet (one page each, every number dated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.domain.patterns import Patterns
from leukotrack.domain.records import CountUnit
from leukotrack.report.cycles_section import CyclesSection

KINDS = ("hematologist", "procedure", "emergency")
APPENDIX_PARTS = ("table", "diary")


@dataclass(frozen=True)
class SummaryLine:
    severity: str  # info | caution | danger | emergency
    title: str
    detail: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    widths: tuple[float, ...]  # relative column widths
    note: str = ""


@dataclass(frozen=True)
class YourNumbers:
    """What the "Your numbers" block shows (report/your_numbers.py paints it)."""

    patterns: Patterns
    unit: CountUnit = CountUnit.PER_NANOLITRE


@dataclass(frozen=True)
class ReportContent:
    """The hematologist report."""

    patient: str
    header: list[tuple[str, str]]  # label, value
    period_start: date | None
    period_end: date
    printed_on: date
    since_title: str  # "Since 3 September 2026 (the last visit): 6 blood tests"
    since: Table  # latest, change since the first result, lowest, per test
    summary: list[SummaryLine]
    thresholds: str
    questions_title: str
    questions: str
    medicines: Table
    infections: Table
    fevers: Table
    weekly_fatigue: list[tuple[date, float, int]]  # week's Monday, average, scored days
    has_data: bool
    appendix_draws: Table | None = None
    appendix_diary: tuple[tuple[str, Table], ...] = ()  # (title, table)
    cycles: CyclesSection | None = None  # when cycles started in the period (page 2)
    your_numbers: YourNumbers | None = None  # page 2; None when there are no neutrophil results
    disclaimer: str = NOT_A_DIAGNOSIS


@dataclass(frozen=True)
class SheetBlock:
    """One part of a sheet: a heading over pairs, a table, or lines; `empty` when it has none."""

    heading: str
    pairs: tuple[tuple[str, str], ...] = ()
    table: Table | None = None
    lines: tuple[str, ...] = ()
    empty: str = "Not recorded."


@dataclass(frozen=True)
class SheetContent:
    """The procedure sheet or the emergency sheet: one page."""

    kind: str  # procedure | emergency
    title: str
    patient: str
    printed_on: date
    blocks: tuple[SheetBlock, ...]
    closing: str = ""  # a fixed line printed last, in bold
    large: bool = False  # large type (the emergency sheet)
    disclaimer: str = NOT_A_DIAGNOSIS
