"""Make a document: the hematologist report, the procedure sheet or the emergency sheet.

Gathers the period's records and flags (and the next visit's questions), builds the content and
lays it out as a PDF. The period of the hematologist report defaults to the time since the last
past visit (everything, when there is none).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from leukotrack.domain.care import last_past_visit
from leukotrack.domain.dates import long_date
from leukotrack.domain.errors import InputError
from leukotrack.report.content import (
    APPENDIX_PARTS,
    KINDS,
    ReportContent,
    SummaryLine,
)
from leukotrack.report.pdf import ChartPainter, Document, write_report_pdf
from leukotrack.services.flags import current_flags
from leukotrack.services.report_content import ReportOptions, build_report_content
from leukotrack.services.report_cycles import cycles_section
from leukotrack.services.sheet_content import emergency_sheet, procedure_sheet
from leukotrack.services.timeline import Timeline, load_timeline
from leukotrack.services.treatment_facts import treatment_facts
from leukotrack.services.visits import questions_home
from leukotrack.storage.db import Database

PAPERS = ("A4", "Letter")
# Territories that use US Letter paper (everywhere else uses A4).
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR", "DO", "CR", "PA", "SV", "NI", "HN", "BZ"}
)
PAPER_SETTING = "report.paper"
PERIODS = ("since_visit", "3m", "12m", "all", "custom")


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


def parse_kind(text: str | None) -> str:
    kind = (text or "hematologist").strip().lower()
    if kind not in KINDS:
        raise InputError(f"'{text}' is not a kind of report; use {', '.join(KINDS)}.")
    return kind


def parse_appendix(text: str | None) -> frozenset[str]:
    """'none', 'table', 'diary', 'table,diary' or 'all' -> the parts to add."""
    words = [w.strip().lower() for w in (text or "none").split(",") if w.strip()]
    if words in (["none"], []):
        return frozenset()
    if words == ["all"]:
        return frozenset(APPENDIX_PARTS)
    unknown = [w for w in words if w not in APPENDIX_PARTS]
    if unknown:
        raise InputError(
            f"'{unknown[0]}' is not a part of the appendix; use none, table, diary, table,diary "
            "or all."
        )
    return frozenset(words)


def period_start(key: str, timeline: Timeline, today: date) -> date | None:
    """The first day of a preset period: since the last past visit, 3 months, 1 year, all."""
    if key == "since_visit":
        last = last_past_visit(timeline.visits, datetime.combine(today, time()))
        return last.at.date() if last is not None else None
    if key == "3m":
        return today - timedelta(days=91)
    if key == "12m":
        return today - timedelta(days=365)
    return None


@dataclass(frozen=True)
class ReportRequest:
    """What to print. `start` None on the hematologist report: since the last past visit."""

    kind: str = "hematologist"
    start: date | None = None
    end: date | None = None
    appendix: frozenset[str] = field(default_factory=frozenset)
    all_data: bool = False  # `start` None means everything, not "since the last visit"


def build_document(
    db: Database,
    request: ReportRequest,
    now: datetime,
    summary: Sequence[SummaryLine] | None = None,
) -> tuple[Document, Timeline, date | None, date]:
    """The document's content, the period's records (for the chart) and the period's bounds."""
    kind = parse_kind(request.kind)
    end = request.end or now.date()
    timeline = load_timeline(db)
    start = request.start
    since_visit = False
    if kind == "hematologist" and start is None and not request.all_data:
        start = period_start("since_visit", timeline, now.date())
        since_visit = start is not None
    check_period(start, end)
    as_of = period_end_moment(end, now)
    facts = treatment_facts(timeline, as_of)
    if kind == "emergency":  # no flags on it: the department reads the numbers themselves
        return emergency_sheet(timeline, as_of, now.date(), facts), timeline, start, end
    if summary is None:
        summary = summary_lines(timeline, as_of)
    if kind == "procedure":
        return procedure_sheet(timeline, summary, as_of, now.date(), facts), timeline, start, end
    period = timeline.between(start, end)
    visit, questions = questions_home(timeline.visits, timeline.profile.questions, now)
    options = ReportOptions(
        questions=questions,
        questions_for=_visit_words(visit.at, visit.with_whom) if visit else "the next visit",
        since_visit=since_visit,
        appendix=request.appendix,
    )
    content = build_report_content(period, summary, start, end, now.date(), options)
    cycles = cycles_section(timeline, start, end)  # described over the whole record
    if cycles is not None:
        content = replace(content, cycles=cycles)
    return content, period, start, end


def _visit_words(at: datetime, with_whom: str) -> str:
    who = f" with the {with_whom}" if with_whom and with_whom.lower() != "other" else ""
    return f"the visit on {long_date(at)}{who}"


def make_report(
    db: Database,
    out: Path,
    request: ReportRequest,
    paper: str,
    now: datetime | None = None,
    summary: Sequence[SummaryLine] | None = None,
    chart: ChartFactory | None = None,
) -> int:
    """Write the document's PDF to `out` (atomically); returns its page count.

    Without an explicit `summary`, the flags active at the end of the period are summarised.
    """
    if out.suffix.lower() != ".pdf":
        raise InputError(f"'{out}' does not end in .pdf; give the report a name like report.pdf.")
    if not out.parent.is_dir():
        raise InputError(f"The folder {out.parent} does not exist; create it or choose another.")
    content, period, start, end = build_document(db, request, now or datetime.now(), summary)
    painter = None
    if chart is not None and isinstance(content, ReportContent) and period.draws:
        painter = chart(period, start, end)
    return write_report_pdf(content, out, paper, painter)


CHOICES_SETTING = "report.choices"


@dataclass(frozen=True)
class ReportChoices:
    """The print dialog's last choices, remembered for the next time it opens."""

    kind: str = "hematologist"
    period: str = "since_visit"
    appendix: frozenset[str] = field(default_factory=frozenset)


def remembered_choices(db: Database) -> ReportChoices:
    with db.reading() as repo:
        saved = repo.setting(CHOICES_SETTING, {})
    if not isinstance(saved, dict):
        return ReportChoices()
    kind = saved.get("kind")
    period = saved.get("period")
    appendix = saved.get("appendix")
    return ReportChoices(
        kind if kind in KINDS else "hematologist",
        period if period in PERIODS else "since_visit",
        frozenset(a for a in appendix if a in APPENDIX_PARTS)
        if isinstance(appendix, list)
        else frozenset(),
    )


def remember_choices(db: Database, choices: ReportChoices) -> None:
    if choices == remembered_choices(db):
        return
    with db.transaction() as repo:
        repo.set_setting(
            CHOICES_SETTING,
            {
                "kind": choices.kind,
                "period": choices.period,
                "appendix": sorted(choices.appendix),
            },
        )
