"""Results as a person (and `results --json`) sees them: range used, status, CTCAE grade."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from leukotrack.domain.analytes import ANALYTES, Dimension
from leukotrack.domain.ctcae import ctcae_grade
from leukotrack.domain.records import CountUnit, Draw, Profile, Result
from leukotrack.domain.reference import Range, RangeSource, Status, range_for
from leukotrack.domain.units import CELLS_PER_UL, PER_NANOLITRE, Unit, format_number


@dataclass(frozen=True, slots=True)
class ResultView:
    taken_at: datetime
    result: Result
    range: Range | None
    status: Status
    ctcae_grade: int | None
    source: str
    lab: str
    draw_id: int | None

    @property
    def analyte(self) -> str:
        return self.result.analyte

    @property
    def range_source(self) -> RangeSource:
        return self.range.source if self.range is not None else "profile"


def view_result(draw: Draw, result: Result, profile: Profile) -> ResultView:
    day = draw.taken_at.date()
    rng = range_for(result, profile, day)
    status: Status = rng.status(result.value, result.comparator) if rng is not None else "normal"
    grade = ctcae_grade(
        result.analyte,
        result.value,
        rng.low if rng is not None else None,
        profile.thresholds.ctcae_version,
        result.comparator,
    )
    return ResultView(draw.taken_at, result, rng, status, grade, draw.source, draw.lab, draw.id)


def result_views(
    draws: list[Draw], profile: Profile, analyte: str | None = None
) -> list[ResultView]:
    out: list[ResultView] = []
    for draw in draws:
        for r in draw.results:
            if analyte is None or r.analyte == analyte:
                out.append(view_result(draw, r, profile))
    return out


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def result_json(v: ResultView) -> dict[str, Any]:
    """One row of `leukotrack results --json` (DESIGN.md: the shape is a contract)."""
    a = ANALYTES[v.analyte]
    return {
        "taken_at": v.taken_at.isoformat(timespec="minutes"),
        "analyte": v.analyte,
        "value": _num(v.result.value),
        "unit": a.canonical_unit,
        "entered": v.result.entered,
        "ref_low": _num(v.range.low) if v.range else None,
        "ref_high": _num(v.range.high) if v.range else None,
        "range_source": v.range_source,
        "status": v.status,
        "ctcae_grade": v.ctcae_grade,
        "calculated": v.result.calculated,
        "source": v.source,
    }


def display_unit(analyte: str, count_unit: CountUnit) -> Unit | None:
    """The unit counts are shown in (×10⁹/L or cells/µL); None means "as canonical"."""
    if ANALYTES[analyte].dimension is not Dimension.COUNT:
        return None
    return CELLS_PER_UL if count_unit is CountUnit.CELLS_PER_UL else PER_NANOLITRE


def column_number(analyte: str, value: float, count_unit: CountUnit) -> str:
    """Fixed decimals per analyte, so a column of numbers lines up: 3.10, 12.8, 234, 3100."""
    unit = display_unit(analyte, count_unit)
    if unit is None:
        return f"{value:.1f}"
    shown = unit.from_canonical(value)
    if analyte == "platelets" or unit.factor != 1.0:
        return f"{shown:.0f}"
    return f"{shown:.2f}"


def show_value(
    analyte: str, value: float, count_unit: CountUnit, comparator: str | None = None
) -> str:
    """'3.1 ×10⁹/L' or '3100 cells/µL' or '12.5 g/dL': a canonical value in the user's units."""
    a = ANALYTES[analyte]
    unit = display_unit(analyte, count_unit)
    prefix = comparator or ""
    if unit is None:
        sym = "%" if a.dimension is Dimension.PERCENT else a.canonical_unit
        sep = "" if sym == "%" else " "
        return f"{prefix}{format_number(round(value, 2))}{sep}{sym}"
    shown = unit.from_canonical(value)
    decimals = 0 if unit is CELLS_PER_UL else 2
    return f"{prefix}{format_number(round(shown, decimals))} {unit.symbol}"


def show_count_both(value: float) -> str:
    """'0.8 ×10⁹/L (800 cells/µL)': both ways, as CLINICAL.md's wording example does."""
    return (
        f"{format_number(round(value, 2))} ×10⁹/L ({format_number(round(value * 1000))} cells/µL)"
    )
