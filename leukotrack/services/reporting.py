"""Make the hematologist report: gather the period's records and flags, lay them out as a PDF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

from leukotrack.domain.errors import InputError
from leukotrack.report.content import ReportContent, SummaryLine
from leukotrack.report.pdf import ChartPainter, write_report_pdf
from leukotrack.services.flags import current_flags
from leukotrack.services.report_content import build_report_content
from leukotrack.services.report_cycles import cycles_section
from leukotrack.services.timeline import Timeline, load_timeline
from leukotrack.storage.db import Database

PAPERS = ("A4", "Letter")
# Territories that use US Letter paper (everywhere else uses A4).
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR", "DO", "CR", "PA", "SV", "NI", "HN", "BZ"}
)
PAPER_SETTING = "report.paper"

ChartFactory = Callable[[Timeline, "date | None", date], ChartPainter]
"""Given the period's records and its bounds, returns what paints the chart (from the GUI layer)."""


def paper_for_locale(locale_name: str) -> str:
    """'en_US' -> 'Letter'; 'en_GB', 'de_DE', 'C' -> 'A4'."""
    territory = locale_name.split(".")[0].split("@")[0].replace("-", "_").split("_")[-1].upper()
    return "Letter" if territory in LETTER_TERRITORIES else "A4"


def choose_paper(db: Database, locale_name: str, override: str | None = None) -> str:
    """The explicit choice, else the saved setting, else the locale's paper."""
    choice = override or _saved_paper(db)
    if choice is None or choice == "auto":
        return paper_for_locale(locale_name)
    for paper in PAPERS:
        if choice.lower() == paper.lower():
            return paper
    raise InputError(f"'{choice}' is not a paper size LeukoTrack prints on; use A4 or Letter.")


def save_paper(db: Database, paper: str) -> None:
    """Remember the paper chosen for the next report ("auto" goes back to the locale's)."""
    if paper not in (*PAPERS, "auto"):
        raise InputError(f"'{paper}' is not a paper size LeukoTrack prints on; use A4 or Letter.")
    with db.transaction() as repo:
        repo.set_setting(PAPER_SETTING, paper)


def _saved_paper(db: Database) -> str | None:
    with db.reading() as repo:
        value = repo.setting(PAPER_SETTING)
    return value if isinstance(value, str) else None


def check_period(start: date | None, end: date) -> None:
    if start is not None and start > end:
        raise InputError(
            f"The report period starts ({start.isoformat()}) after it ends ({end.isoformat()}); "
            "swap --from and --to."
        )


def summary_lines(source: Database | Timeline, as_of: datetime) -> list[SummaryLine]:
    """The active flags as of `as_of`, in words, most severe first."""
    return [SummaryLine(f.severity.value, f.title, f.detail) for f in current_flags(source, as_of)]


def period_end_moment(end: date, now: datetime) -> datetime:
    """Flags for a period are taken as of its last day's end (or now, when it ends today)."""
    return now if end >= now.date() else datetime.combine(end, time.max).replace(microsecond=0)


def report_content(
    db: Database, start: date | None, end: date, today: date, summary: Sequence[SummaryLine]
) -> tuple[ReportContent, Timeline]:
    check_period(start, end)
    full = load_timeline(db)
    period = full.between(start, end)
    content = build_report_content(period, summary, start, end, today)
    section = cycles_section(full, start, end)
    if section is not None:
        content = replace(content, cycles=section)
    return content, period


def make_report(
    db: Database,
    out: Path,
    start: date | None,
    end: date,
    today: date,
    paper: str,
    summary: Sequence[SummaryLine] | None = None,
    chart: ChartFactory | None = None,
) -> int:
    """Write the report PDF to `out` (atomically); returns its page count.

    Without an explicit `summary`, the flags active at the end of the period are summarised.
    """
    if summary is None:
        now = datetime.now()
        summary = summary_lines(db, period_end_moment(end, now))
    if out.suffix.lower() != ".pdf":
        raise InputError(f"'{out}' does not end in .pdf; give the report a name like report.pdf.")
    if not out.parent.is_dir():
        raise InputError(f"The folder {out.parent} does not exist; create it or choose another.")
    content, period = report_content(db, start, end, today, summary)
    painter = chart(period, start, end) if chart is not None and period.draws else None
    return write_report_pdf(content, out, paper, painter)
