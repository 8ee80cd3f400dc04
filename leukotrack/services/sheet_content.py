"""What the procedure sheet and the emergency sheet say, worked out without Qt.

Each is one page of facts, every number with its date: no advice, no score. What is missing says
"not recorded". The treatment facts (services/treatment_facts.py) add the cycle lines when
cycles are recorded, and the last G-CSF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.care import CareContact, around_the_clock
from leukotrack.domain.dates import long_date
from leukotrack.domain.flags import EMERGENCY_TEXT
from leukotrack.domain.medicines import lowers_white_cells
from leukotrack.domain.records import Draw, Medication, Profile
from leukotrack.domain.reference import range_for
from leukotrack.domain.summary import COMPLETE_COUNT, latest_complete, lowest_since
from leukotrack.domain.wording import on_day, show_count
from leukotrack.report.content import SheetBlock, SheetContent, SummaryLine, Table
from leukotrack.services.overview import range_words, shown_number, unit_label
from leukotrack.services.timeline import Timeline

PROCEDURE_CLOSING = (
    "Share this with the person doing your procedure; they decide what precautions you need."
)
IDSA_LINES = (
    "Fever (IDSA 2010): a single temperature of 38.3 °C (101 °F) or more, or 38.0 °C (100.4 °F) "
    "or more sustained over an hour.",
    "Neutropenia (IDSA 2010): an ANC below 0.5 ×10⁹/L (500 cells/µL), or below 1.0 ×10⁹/L "
    "(1000 cells/µL) and expected to fall below 0.5 ×10⁹/L.",
)
LOWEST_DAYS = 90
FEVER_HOURS = 48
MAX_READINGS = 12  # the newest readings of the last 48 hours that fit the page
MAX_MEDICINES = 12
NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class TreatmentFacts:
    """What the treatment cycles and the G-CSF medicines show as of the sheet's moment."""

    has_cycles: bool = False
    current_cycle: str | None = None  # "day 9 of cycle 3 (day 1 was 3 November 2026)"
    next_cycle: str | None = None  # "expected from 24 November 2026 ..."
    last_chemotherapy: date | None = None
    last_gcsf: date | None = None
    is_gcsf: Callable[[Medication], bool] | None = None


def _when(moment: datetime) -> str:
    return on_day(moment).removeprefix("on ")


def _short(moment: datetime) -> str:
    return f"{moment:%d %b %Y %H:%M}"


def _patient_pairs(p: Profile, allergies: bool) -> tuple[tuple[str, str], ...]:
    pairs = [
        ("Name", p.name or NOT_RECORDED),
        ("Born", long_date(p.birth_date) if p.birth_date else NOT_RECORDED),
    ]
    if allergies:
        pairs.append(("Allergies", p.allergies or NOT_RECORDED))
    return tuple(pairs)


def _count_table(draw: Draw, profile: Profile) -> Table:
    rows = []
    for key in COMPLETE_COUNT:
        name = ANALYTES[key].name[:1].upper() + ANALYTES[key].name[1:]
        r = draw.get(key)
        if r is None:
            rows.append((name, NOT_RECORDED, "", ""))
            continue
        value = (
            f"{r.comparator or ''}{shown_number(key, r.value, profile)} {unit_label(key, profile)}"
        )
        rng = range_for(r, profile, draw.taken_at.date())
        words = range_words(key, rng.low, rng.high, profile) if rng else ""
        source = "" if rng is None else (" (lab)" if rng.source == "lab" else " (usual)")
        mark = (
            {"low": "L", "high": "H", "normal": ""}[rng.status(r.value, r.comparator)]
            if rng
            else ""
        )
        rows.append((name, value, (words + source) if words else NOT_RECORDED, mark))
    return Table(("Test", "Result", "Range", "L/H"), rows, (1.6, 1.3, 1.8, 0.5))


def _flags_lines(summary: Sequence[SummaryLine]) -> tuple[str, ...]:
    """The flags in words; the app's own call to action is left out (the sheet gives none)."""
    return tuple(f"{s.title}: {s.detail.removeprefix(EMERGENCY_TEXT).strip()}" for s in summary)


def _medicine_note(m: Medication, facts: TreatmentFacts | None) -> str:
    notes = []
    if facts is not None and facts.is_gcsf is not None and facts.is_gcsf(m):
        notes.append("G-CSF")
    if lowers_white_cells(m):
        notes.append("lowers white cells")
    return ", ".join(notes)


def current_medicines(timeline: Timeline, on: date) -> list[Medication]:
    return [m for m in timeline.medications if m.active_on(on)]


def _medicines_table(meds: list[Medication], facts: TreatmentFacts | None) -> Table:
    shown = meds[:MAX_MEDICINES]
    rows = [(m.name, m.dose, long_date(m.start), _medicine_note(m, facts)) for m in shown]
    more = len(meds) - len(shown)
    note = f"And {more} more current medicines in the record." if more else ""
    return Table(("Medicine", "Dose", "Since", "Marked"), rows, (1.6, 1.4, 1.1, 1.3), note)


def _contacts_table(contacts: Sequence[CareContact]) -> Table:
    rows = [
        (c.name, c.role, c.phone or NOT_RECORDED, "yes" if c.around_the_clock else "")
        for c in contacts
    ]
    return Table(("Name", "Role", "Phone", "24 hours"), rows, (1.5, 1.3, 1.4, 0.7))


def _cycle_pairs(facts: TreatmentFacts | None, chemo: bool) -> tuple[tuple[str, str], ...]:
    if facts is None or not facts.has_cycles:
        return ()
    pairs = [("Current cycle", facts.current_cycle or "none running on this day")]
    if chemo:
        last = facts.last_chemotherapy
        pairs.append(("Last chemotherapy", long_date(last) if last else NOT_RECORDED))
    else:
        pairs.append(("Next planned cycle", facts.next_cycle or NOT_RECORDED))
    return tuple(pairs)


def procedure_sheet(
    timeline: Timeline,
    summary: Sequence[SummaryLine],
    as_of: datetime,
    printed_on: date,
    facts: TreatmentFacts | None = None,
) -> SheetContent:
    p = timeline.profile
    draw, complete = latest_complete(timeline.draws, as_of)
    if draw is None:
        count = SheetBlock("Latest blood count", empty="No blood count recorded.")
    else:
        lab = f", {draw.lab}" if draw.lab else ", lab not recorded"
        lines = () if complete else ("Not every test of a complete count was on this draw.",)
        count = SheetBlock(
            f"Latest blood count: {_when(draw.taken_at)}{lab}",
            table=_count_table(draw, p),
            lines=lines,
        )
    lowest = []
    for key in ("anc", "platelets"):
        low = lowest_since(timeline.draws, key, as_of, LOWEST_DAYS)
        text = (
            f"{low.comparator or ''}{shown_number(key, low.value, p)} {unit_label(key, p)} "
            f"{on_day(low.taken_at)}"
            if low
            else f"no result in the last {LOWEST_DAYS} days"
        )
        lowest.append((ANALYTES[key].short if key == "anc" else "Platelets", text))
    since = (as_of - timedelta(days=LOWEST_DAYS)).date()
    blocks = [
        SheetBlock("Patient", pairs=_patient_pairs(p, allergies=True)),
        count,
        SheetBlock(f"Lowest from {long_date(since)} to {long_date(as_of)}", pairs=tuple(lowest)),
        SheetBlock(
            f"What the numbers show on {long_date(as_of)}",
            lines=_flags_lines(summary),
            empty="No flags are active.",
        ),
        SheetBlock(
            f"Current medicines on {long_date(as_of)}",
            table=_medicines_table(current_medicines(timeline, as_of.date()), facts)
            if current_medicines(timeline, as_of.date())
            else None,
            empty="No current medicines recorded.",
        ),
    ]
    cycle = _cycle_pairs(facts, chemo=False)
    if cycle:
        blocks.append(SheetBlock("Treatment cycles", pairs=cycle))
    blocks.append(
        SheetBlock(
            "Care team",
            table=_contacts_table(p.care_team) if p.care_team else None,
            empty="No care team contacts recorded.",
        )
    )
    return SheetContent(
        "procedure",
        "Blood counts before a procedure",
        p.name or "(no name)",
        printed_on,
        tuple(blocks),
        closing=PROCEDURE_CLOSING,
    )


def _temperature_table(timeline: Timeline, as_of: datetime) -> Table | None:
    start = as_of - timedelta(hours=FEVER_HOURS)
    found = [t for t in timeline.temperatures if start <= t.taken_at <= as_of]
    if not found:
        return None
    shown = found[-MAX_READINGS:]
    more = len(found) - len(shown)
    rows = [
        (
            f"{t.taken_at:%d %b %Y %H:%M}",
            f"{t.celsius:.1f} °C",
            f"{t.celsius * 9 / 5 + 32:.1f} °F",
        )
        for t in reversed(shown)
    ]
    note = f"The {len(shown)} newest of {len(found)} readings." if more else ""
    return Table(("Time", "°C", "°F"), rows, (1.6, 1, 1), note)


def _latest_count(timeline: Timeline, key: str, as_of: datetime) -> str:
    for d in reversed(timeline.draws):
        r = d.get(key)
        if r is not None and d.taken_at <= as_of:
            return f"{show_count(r.value, timeline.profile.count_unit, r.comparator)} {on_day(d.taken_at)}"
    return NOT_RECORDED


def emergency_sheet(
    timeline: Timeline,
    as_of: datetime,
    printed_on: date,
    facts: TreatmentFacts | None = None,
) -> SheetContent:
    p = timeline.profile
    meds = current_medicines(timeline, as_of.date())
    readings = _temperature_table(timeline, as_of)
    window = f"{_short(as_of - timedelta(hours=FEVER_HOURS))} to {_short(as_of)}"
    blocks = [
        SheetBlock("Patient", pairs=_patient_pairs(p, allergies=True)),
        SheetBlock(
            "Temperatures in the last 48 hours",
            table=readings,
            lines=(f"{'From' if readings else 'No temperature recorded from'} {window}.",),
        ),
        SheetBlock(
            "Latest blood counts",
            pairs=(
                ("Neutrophils (ANC)", _latest_count(timeline, "anc", as_of)),
                ("White cells (WBC)", _latest_count(timeline, "wbc", as_of)),
            ),
        ),
    ]
    treatment = list(_cycle_pairs(facts, chemo=True))
    if facts is not None:
        last = facts.last_gcsf
        treatment.append(("Last G-CSF", long_date(last) if last else NOT_RECORDED))
    if treatment:
        blocks.append(SheetBlock("Treatment", pairs=tuple(treatment)))
    blocks += [
        SheetBlock(
            "Current medicines",
            lines=tuple(
                f"{m.name}{f', {m.dose}' if m.dose else ''} (since {long_date(m.start)})"
                for m in meds[:MAX_MEDICINES]
            )
            + ((f"And {len(meds) - MAX_MEDICINES} more.",) if len(meds) > MAX_MEDICINES else ()),
            empty="No current medicines recorded.",
        ),
        SheetBlock(
            "Care team, 24-hour line",
            lines=tuple(
                f"{c.name}{f' ({c.role})' if c.role else ''}: {c.phone or NOT_RECORDED}"
                for c in around_the_clock(p.care_team)
            ),
            empty="No 24-hour number recorded.",
        ),
        SheetBlock("Definitions", lines=IDSA_LINES),
    ]
    return SheetContent(
        "emergency",
        "For the emergency department",
        p.name or "(no name)",
        printed_on,
        tuple(blocks),
        large=True,
    )
