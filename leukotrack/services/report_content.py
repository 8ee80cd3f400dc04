"""What the hematologist report says, worked out without Qt: the report module only lays it out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.dates import long_date
from leukotrack.domain.errors import InputError
from leukotrack.domain.growth_factors import is_growth_factor
from leukotrack.domain.medicines import match_medicine
from leukotrack.domain.records import CountUnit, Draw, Medication, MedicationKind, Profile
from leukotrack.domain.reference import mild_neutropenia_limit, range_for
from leukotrack.domain.summary import SINCE_ANALYTES, Point, summarise
from leukotrack.domain.units import format_number
from leukotrack.report.content import ReportContent, SummaryLine, Table, YourNumbers
from leukotrack.services.patterns import patterns_of
from leukotrack.services.results import column_number, display_unit
from leukotrack.services.timeline import Timeline

TABLE_ANALYTES: tuple[str, ...] = (
    "wbc",
    "anc",
    "lymphocytes",
    "monocytes",
    "hemoglobin",
    "platelets",
)
GRADED: tuple[str, ...] = ("wbc", "anc", "lymphocytes")


def _cell(draw: Draw, key: str, profile: Profile) -> str:
    r = draw.get(key)
    if r is None:
        return ""
    text = (r.comparator or "") + column_number(key, r.value, profile.count_unit)
    if key == "anc" and r.calculated:
        text += "*"
    rng = range_for(r, profile, draw.taken_at.date())
    if rng is not None:
        mark = {"low": " L", "high": " H", "normal": ""}[rng.status(r.value, r.comparator)]
        text += mark
    return text


def _grades(draw: Draw, profile: Profile) -> str:
    from leukotrack.domain.ctcae import ctcae_grade

    parts = []
    for key in GRADED:
        r = draw.get(key)
        if r is None:
            continue
        rng = range_for(r, profile, draw.taken_at.date())
        g = ctcae_grade(key, r.value, rng.low if rng else None, profile.thresholds.ctcae_version)
        if g:
            parts.append(f"{ANALYTES[key].short} {g}")
    return ", ".join(parts)


def _unit_label(key: str, count_unit: CountUnit) -> str:
    unit = display_unit(key, count_unit)
    return unit.symbol if unit is not None else ANALYTES[key].canonical_unit


def draws_table(draws: Sequence[Draw], profile: Profile) -> Table:
    headers = (
        "Date",
        *(f"{ANALYTES[k].short}\n{_unit_label(k, profile.count_unit)}" for k in TABLE_ANALYTES),
        "CTCAE",
    )
    rows = [
        (
            d.taken_at.strftime("%d %b %Y"),
            *(_cell(d, k, profile) for k in TABLE_ANALYTES),
            _grades(d, profile),
        )
        for d in draws
    ]
    note = (
        "L / H: below / above the range that applied (the lab's own printed range where it gave "
        "one, otherwise the profile's). * ANC calculated from WBC and differential. CTCAE: grade of "
        f"'count decreased', v{profile.thresholds.ctcae_version}."
    )
    return Table(headers, rows, (1.3, 1, 1, 1, 1, 1, 1, 1.5), note)


def medicine_effect(m: Medication) -> str:
    """Known effect on white cells, in plain words."""
    if is_growth_factor(m):
        return "growth factor (G-CSF): raises neutrophils"
    known = match_medicine(m.name)
    if known is not None:
        return f"known to lower: {known.group}"
    if is_growth_factor(m):
        return "raises neutrophils: G-CSF"
    if m.kind is MedicationKind.CHEMOTHERAPY:
        return "lowers: marked chemotherapy"
    if m.kind is MedicationKind.IMMUNOSUPPRESSANT:
        return "may lower: marked immunosuppressant"
    return "none known"


def medicine_rows(meds: Sequence[Medication]) -> list[tuple[str, ...]]:
    """One row per medicine; repeated courses of the same medicine and dose share a row
    ("Neulasta ×4") from the first start to the last stop."""
    groups: dict[tuple[str, str, MedicationKind], list[Medication]] = {}
    for m in meds:
        groups.setdefault((m.name.casefold(), m.dose, m.kind), []).append(m)
    rows: list[tuple[str, ...]] = []
    for group in groups.values():
        first = group[0]
        name = first.name if len(group) == 1 else f"{first.name} ×{len(group)}"
        stop = None if any(m.stop is None for m in group) else max(m.stop for m in group if m.stop)
        rows.append((name, _d(first.start), _d(stop), first.dose, medicine_effect(first)))
    return rows


def _d(day: date | None) -> str:
    return day.strftime("%d %b %Y") if day else "ongoing"


def weekly_fatigue(timeline: Timeline) -> list[tuple[date, float, int]]:
    weeks: dict[date, list[int]] = defaultdict(list)
    for f in timeline.fatigue:
        weeks[f.day - timedelta(days=f.day.weekday())].append(f.score)
    return [(w, sum(s) / len(s), len(s)) for w, s in sorted(weeks.items())]


FATIGUE_COLUMNS = 4


def fatigue_table(weekly: list[tuple[date, float, int]]) -> Table:
    """Weekly averages side by side, FATIGUE_COLUMNS weeks to a row, so two years fit a page."""
    rows: list[tuple[str, ...]] = []
    for n in range(0, len(weekly), FATIGUE_COLUMNS):
        cells: list[str] = []
        for week, avg, _count in weekly[n : n + FATIGUE_COLUMNS]:
            cells += [week.strftime("%d %b %Y"), f"{avg:.1f}"]
        rows.append(tuple(cells + [""] * (2 * FATIGUE_COLUMNS - len(cells))))
    return Table(
        ("Week of", "Avg") * FATIGUE_COLUMNS,
        rows,
        (1.2, 0.6) * FATIGUE_COLUMNS,
        "Average of the fatigue scores (0 = none, 10 = worst) recorded in each week; weeks run "
        "left to right, then down.",
    )


def thresholds_text(profile: Profile, on: date) -> str:
    t = profile.thresholds
    mild = mild_neutropenia_limit(profile, on)
    return (
        f"Thresholds used (×10⁹/L): neutropenia below {mild:.1f} (mild), "
        f"{t.anc_moderate:.1f} (moderate), {t.anc_severe:.1f} (severe); "
        "leukopenia below the lower limit of the range that applied; "
        f"persistent when low for at least {t.persistent_days} days, chronic for at least "
        f"{t.chronic_days} days; fever {t.fever_once_c:.1f} °C once or "
        f"{t.fever_sustained_c:.1f} °C twice at least "
        f"{format_number(t.fever_sustained_gap_hours)} hour apart. Reference profile: "
        f"{profile.reference.value}. Grades: CTCAE v{t.ctcae_version}."
    )


def _signed(key: str, delta: float, count_unit: CountUnit) -> str:
    if abs(delta) < 1e-9:
        return "no change"
    sign = "+" if delta > 0 else "−"
    return sign + column_number(key, abs(delta), count_unit)


def _mark(draws: Sequence[Draw], key: str, taken: date, profile: Profile) -> str:
    """' L' / ' H' for the latest result by the range that applied to it."""
    for d in draws:
        r = d.get(key)
        if r is not None and d.taken_at.date() == taken:
            rng = range_for(r, profile, taken)
            if rng is not None:
                return {"low": " L", "high": " H", "normal": ""}[rng.status(r.value, r.comparator)]
    return ""


def _point(key: str, p: Point, count_unit: CountUnit) -> str:
    return (p.comparator or "") + column_number(key, p.value, count_unit)


def since_table(draws: Sequence[Draw], profile: Profile) -> Table:
    """Per test: the latest value and its date, the change since the period's first result, and
    the lowest value with its date (the earliest, when two are equally low)."""
    cu = profile.count_unit
    rows = []
    for key in SINCE_ANALYTES:
        name = f"{ANALYTES[key].short} ({_unit_label(key, cu)})"
        s = summarise(draws, key)
        if s is None:
            rows.append((name, "no result in this period", "", ""))
            continue
        latest = _point(key, s.latest, cu) + _mark(
            [d for d in draws if d.taken_at == s.latest.taken_at],
            key,
            s.latest.taken_at.date(),
            profile,
        )
        change = (
            "only one result"
            if s.count == 1
            else f"{_signed(key, s.change, cu)} from {_point(key, s.first, cu)} ({_d(s.first.taken_at)})"
        )
        rows.append(
            (
                name,
                f"{latest} on {_d(s.latest.taken_at)}",
                change,
                f"{_point(key, s.lowest, cu)} on {_d(s.lowest.taken_at)}",
            )
        )
    return Table(
        ("Test", "Latest", "Change since the first result", "Lowest"),
        rows,
        (1.1, 1.5, 2.1, 1.5),
        "L / H: below / above the range that applied to that result.",
    )


def temperatures_table(timeline: Timeline) -> Table:
    return Table(
        ("Time", "Temperature", "As entered"),
        [
            (t.taken_at.strftime("%d %b %Y %H:%M"), f"{t.celsius:.1f} °C", t.entered)
            for t in timeline.temperatures
        ],
        (1.5, 1, 1),
    )


@dataclass(frozen=True)
class ReportOptions:
    """What the person chose: the questions and where they belong, and the appendix."""

    questions: str = ""
    questions_for: str = "the next visit"
    since_visit: bool = False  # the period starts at the last visit
    appendix: frozenset[str] = frozenset()


def build_report_content(
    period: Timeline,
    summary: Sequence[SummaryLine],
    start: date | None,
    end: date,
    printed_on: date,
    options: ReportOptions | None = None,
) -> ReportContent:
    """Everything the report prints about `period` (already cut to `start`..`end`)."""
    o = options or ReportOptions()
    p = period.profile
    first = start or (min((d.taken_at.date() for d in period.draws), default=None))
    header = [
        ("Patient", p.name or "(no name in the profile)"),
        ("Born", long_date(p.birth_date) if p.birth_date else "not recorded"),
        ("Sex", p.sex.value if p.sex else "not recorded"),
        ("Reference profile", p.reference.value),
        ("Period", f"{long_date(first) if first else 'start'} to {long_date(end)}"),
        ("Printed", long_date(printed_on)),
    ]
    n = len(period.draws)
    since_title = (
        f"Since {long_date(first) if first else 'the start'}"
        f"{' (the last visit)' if o.since_visit else ''}: "
        f"{n} blood test{'' if n == 1 else 's'}"
    )
    meds = Table(
        ("Medicine", "Start", "Stop", "Dose", "Effect on white cells"),
        medicine_rows(period.medications),
        (1.6, 0.95, 0.95, 1.8, 1.9),
    )
    infections = Table(
        ("Infection", "Start", "End", "Treatment", "Highest"),
        [
            (
                i.kind,
                _d(i.start),
                _d(i.end),
                i.treatment.value,
                f"{i.max_temp_c:.1f} °C" if i.max_temp_c is not None else "",
            )
            for i in period.infections
        ],
        (1.8, 1, 1, 1.2, 1.2),
    )
    fever_limit = p.thresholds.fever_sustained_c
    fevers = Table(
        ("Fever reading", "Temperature", "As entered"),
        [
            (t.taken_at.strftime("%d %b %Y %H:%M"), f"{t.celsius:.1f} °C", t.entered)
            for t in period.temperatures
            if t.celsius >= fever_limit
        ],
        (1.5, 1, 1),
        f"Readings of {fever_limit:.1f} °C or more.",
    )
    weekly = weekly_fatigue(period)
    diary: tuple[tuple[str, Table], ...] = ()
    if "diary" in o.appendix:
        diary = (
            ("Temperatures", temperatures_table(period)),
            ("Fatigue by week", fatigue_table(weekly)),
        )
    return ReportContent(
        patient=p.name or "(no name)",
        header=header,
        period_start=first,
        period_end=end,
        printed_on=printed_on,
        since_title=since_title,
        since=since_table(period.draws, p),
        summary=list(summary),
        thresholds=thresholds_text(p, end),
        questions_title=f"Questions for {o.questions_for}",
        questions=o.questions.strip(),
        medicines=meds,
        infections=infections,
        fevers=fevers,
        weekly_fatigue=weekly,
        has_data=not period.is_empty,
        appendix_draws=draws_table(period.draws, p) if "table" in o.appendix else None,
        appendix_diary=diary,
        your_numbers=your_numbers(period, start, end),
    )


def your_numbers(period: Timeline, start: date | None, end: date) -> YourNumbers | None:
    """The neutrophil patterns of the period, or None when it has no neutrophil results."""
    try:
        found = patterns_of(period, "anc", start, end)
    except InputError:
        return None
    return YourNumbers(found, period.profile.count_unit)
