"""The first window's tiles: the latest value of each main count, its change and its range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.clozapine import UK_CPMS
from leukotrack.domain.dates import long_date
from leukotrack.domain.readings import certainly_below
from leukotrack.domain.records import CountUnit, Draw, Profile, Result
from leukotrack.domain.reference import Status, mild_neutropenia_limit
from leukotrack.domain.reminders import CLOZAPINE, Reminder
from leukotrack.domain.units import format_number
from leukotrack.domain.wording import days
from leukotrack.services.results import display_unit, show_value, view_result

TILE_ANALYTES = ("wbc", "anc", "lymphocytes", "monocytes", "hemoglobin", "platelets")


@dataclass(frozen=True, slots=True)
class Tile:
    analyte: str
    label: str
    value: str  # "1.86 ×10⁹/L"
    taken_at: datetime
    status: Status
    range: str  # "range 4.5–11 ×10⁹/L (your lab)" or ""
    change: str  # "▼ 0.42 since 3 Mar 2026" or "first result"
    direction: int  # -1, 0, +1
    calculated: bool
    band: AncBand | None = None  # ANC only: how low, by the neutropenia bands

    @property
    def status_word(self) -> str:
        if self.band is not None:
            return self.band.words
        return {"low": "Low", "high": "High", "normal": "In range"}[self.status]


Band = Literal["mild", "moderate", "severe"]


@dataclass(frozen=True, slots=True)
class AncBand:
    """How low a neutrophil count is: 'Low: moderate (0.5–1.0)'."""

    band: Band
    words: str


def _band_number(value: float, count_unit: CountUnit) -> str:
    if count_unit is CountUnit.CELLS_PER_UL:
        return format_number(round(value * 1000))
    return f"{value:.1f}" if round(value, 1) == round(value, 6) else format_number(value)


def anc_band(value: float, comparator: str | None, profile: Profile, on: date) -> AncBand | None:
    """The neutropenia band of an ANC with the profile's thresholds; None when not below mild.

    Mild, moderate and severe as in CLINICAL.md (< 1.5, < 1.0, < 0.5 by default; the mild limit
    is 1.0 for a Duffy-null profile and a child under one), with the limits in the shown unit.
    """
    t = profile.thresholds
    mild = mild_neutropenia_limit(profile, on)

    def n(limit: float) -> str:
        return _band_number(limit, profile.count_unit)

    if certainly_below(value, comparator, t.anc_severe):
        return AncBand("severe", f"Very low: severe (< {n(t.anc_severe)})")
    if certainly_below(value, comparator, t.anc_moderate):
        return AncBand("moderate", f"Low: moderate ({n(t.anc_severe)}–{n(t.anc_moderate)})")
    if certainly_below(value, comparator, mild):
        return AncBand("mild", f"Low: mild ({n(t.anc_moderate)}–{n(mild)})")
    return None


def has_time(moment: datetime) -> bool:
    """False for a time of exactly 00:00: results entered or imported with a date only."""
    return moment.time() != time(0, 0)


def when_text(moment: datetime) -> str:
    """'20 November 2026, 09:30', or the date alone when no time was given."""
    day = long_date(moment)
    return f"{day}, {moment:%H:%M}" if has_time(moment) else day


def short_when(moment: datetime) -> str:
    """'2026-11-20 09:30' for tables, or '2026-11-20' when no time was given."""
    return f"{moment:%Y-%m-%d %H:%M}" if has_time(moment) else f"{moment:%Y-%m-%d}"


SCHEME_NAMES = {UK_CPMS: "the UK CPMS schedule"}
FDA_SCHEME_NAME = "the US FDA label schedule"
# The flags that say a test date has come or passed: the next-test line says it instead.
TEST_DATE_FLAGS = ("clozapine.test_due", "clozapine.test_overdue", "test.overdue")


@dataclass(frozen=True, slots=True)
class NextTestWords:
    word: str  # "Overdue", "Due today", "In 7 days"
    title: str  # "3 March 2026 · your plan"
    detail: str


def next_test_words(reminder: Reminder, profile: Profile, today: date) -> NextTestWords:
    """The Overview's next-test line: when, from which plan, and why, said as an estimate for
    clozapine (the care team sets the real schedule; the profile's scheme is named)."""
    gap = (reminder.due - today).days
    if reminder.overdue:
        word = "Overdue"
        title = f"was due {long_date(reminder.due)}, {days(-gap)} ago"
    elif gap == 0:
        word, title = "Due today", long_date(reminder.due)
    else:
        word, title = f"In {days(gap)}", f"{reminder.due:%A} {long_date(reminder.due)}"
    if reminder.source == CLOZAPINE:
        scheme = SCHEME_NAMES.get(profile.thresholds.clozapine_scheme, FDA_SCHEME_NAME)
        title += " · clozapine"
        detail = (
            f"Clozapine blood test, by {scheme}: {reminder.reason}. This is LeukoTrack's "
            "estimate; your care team sets your actual schedule."
        )
    else:
        title += f" · {reminder.source}"
        detail = f"From {reminder.source}: {reminder.reason}."
    return NextTestWords(word, title, detail)


def unit_label(analyte: str, profile: Profile) -> str:
    """The unit values of `analyte` are shown in: '×10⁹/L', 'cells/µL', 'g/dL' or '%'."""
    unit = display_unit(analyte, profile.count_unit)
    return unit.symbol if unit is not None else ANALYTES[analyte].canonical_unit


def shown_number(analyte: str, value: float, profile: Profile) -> str:
    """A canonical value as a number in the unit of `unit_label`."""
    unit = display_unit(analyte, profile.count_unit)
    shown = value if unit is None else unit.from_canonical(value)
    decimals = 0 if unit is not None and unit.factor != 1.0 else 2
    return format_number(round(shown, decimals))


def range_words(analyte: str, low: float | None, high: float | None, profile: Profile) -> str:
    unit_text = unit_label(analyte, profile)
    lo = shown_number(analyte, low, profile) if low is not None else None
    hi = shown_number(analyte, high, profile) if high is not None else None
    if lo is not None and hi is not None:
        return f"{lo}–{hi} {unit_text}"
    if hi is not None:
        return f"below {hi} {unit_text}"
    if lo is not None:
        return f"above {lo} {unit_text}"
    return ""


def _last_two(draws: list[Draw], key: str) -> list[tuple[Draw, Result]]:
    """The two latest results of `key`, oldest first (a scan from the end: ten years of draws
    are not walked for each tile)."""
    found: list[tuple[Draw, Result]] = []
    for d in reversed(draws):
        r = d.get(key)
        if r is not None:
            found.insert(0, (d, r))
            if len(found) == 2:
                break
    return found


def latest_tiles(draws: list[Draw], profile: Profile) -> list[Tile]:
    """One tile per main analyte that has a result; the change is against the one before."""
    tiles: list[Tile] = []
    for key in TILE_ANALYTES:
        found = _last_two(draws, key)
        if not found:
            continue
        draw, result = found[-1]
        view = view_result(draw, result, profile)
        band = (
            anc_band(result.value, result.comparator, profile, draw.taken_at.date())
            if key == "anc"
            else None
        )
        rng = ""
        if view.range is not None:
            words = range_words(key, view.range.low, view.range.high, profile)
            source = "your lab's range" if view.range.source == "lab" else "usual range"
            rng = f"{source}: {words}" if words else ""
        if len(found) > 1:
            prev_draw, prev = found[-2]
            delta = result.value - prev.value
            direction = (delta > 1e-9) - (delta < -1e-9)
            arrow = {1: "▲", -1: "▼", 0: "="}[direction]
            amount = shown_number(key, abs(delta), profile)
            change = f"{arrow} {amount} since {prev_draw.taken_at:%d %b %Y}".replace(
                "= 0 ", "= no change "
            )
        else:
            direction, change = 0, "first result"
        tiles.append(
            Tile(
                key,
                ANALYTES[key].short,
                show_value(key, result.value, profile.count_unit, result.comparator),
                draw.taken_at,
                view.status,
                rng,
                change,
                direction,
                result.calculated,
                band,
            )
        )
    return tiles
