"""What the hematologist report says, worked out without Qt: the report module only lays it out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.dates import long_date
from leukotrack.domain.errors import InputError
from leukotrack.domain.medicines import match_medicine
from leukotrack.domain.records import CountUnit, Draw, Medication, MedicationKind, Profile
from leukotrack.domain.reference import mild_neutropenia_limit, range_for
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
    known = match_medicine(m.name)
    if known is not None:
        return f"{known.group}; known to lower white cells"
    if m.kind is MedicationKind.CHEMOTHERAPY:
        return "marked as chemotherapy: lowers white cells"
    if m.kind is MedicationKind.IMMUNOSUPPRESSANT:
        return "marked as immunosuppressant: may lower white cells"
    return "none known"


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


def build_report_content(
    period: Timeline,
    summary: Sequence[SummaryLine],
    start: date | None,
    end: date,
    printed_on: date,
) -> ReportContent:
    """Everything the report prints about `period` (already cut to `start`..`end`)."""
    p = period.profile
    first = start or (min((d.taken_at.date() for d in period.draws), default=None))
    header = [
        ("Patient", p.name or "(no name in the profile)"),
        ("Born", long_date(p.birth_date) if p.birth_date else "not given"),
        ("Sex", p.sex.value if p.sex else "not given"),
        ("Reference profile", p.reference.value),
        ("Period", f"{long_date(first) if first else 'start'} to {long_date(end)}"),
        ("Printed", long_date(printed_on)),
    ]
    meds = Table(
        ("Medicine", "Start", "Stop", "Dose", "Effect on white cells"),
        [(m.name, _d(m.start), _d(m.stop), m.dose, medicine_effect(m)) for m in period.medications],
        (1.6, 1, 1, 1.6, 1.8),
    )
    infections = Table(
        ("Infection", "Start", "End", "Treatment", "Highest temperature"),
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
    fatigue = fatigue_table(weekly_fatigue(period))
    return ReportContent(
        patient=p.name or "(no name)",
        header=header,
        period_start=first,
        period_end=end,
        printed_on=printed_on,
        summary=list(summary),
        thresholds=thresholds_text(p, end),
        draws=draws_table(period.draws, p),
        medicines=meds,
        infections=infections,
        fevers=fevers,
        fatigue=fatigue,
        questions=p.questions.strip(),
        has_data=not period.is_empty,
        your_numbers=your_numbers(period, start, end),
    )


def your_numbers(period: Timeline, start: date | None, end: date) -> YourNumbers | None:
    """The neutrophil patterns of the period, or None when it has no neutrophil results."""
    try:
        found = patterns_of(period, "anc", start, end)
    except InputError:
        return None
    return YourNumbers(found, period.profile.count_unit)
