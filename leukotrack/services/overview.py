"""The first window's tiles: the latest value of each main count, its change and its range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.records import Draw, Profile
from leukotrack.domain.reference import Status
from leukotrack.domain.units import format_number
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

    @property
    def status_word(self) -> str:
        return {"low": "Low", "high": "High", "normal": "In range"}[self.status]


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


def _range_words(analyte: str, low: float | None, high: float | None, profile: Profile) -> str:
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


def latest_tiles(draws: list[Draw], profile: Profile) -> list[Tile]:
    """One tile per main analyte that has a result; the change is against the one before."""
    tiles: list[Tile] = []
    for key in TILE_ANALYTES:
        found = [(d, r) for d in draws for r in d.results if r.analyte == key]
        if not found:
            continue
        draw, result = found[-1]
        view = view_result(draw, result, profile)
        rng = ""
        if view.range is not None:
            words = _range_words(key, view.range.low, view.range.high, profile)
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
            )
        )
    return tiles
