"""The columns of each table: what a cell shows and what it sorts by."""

from __future__ import annotations

from collections.abc import Callable

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.records import (
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    Profile,
    TemperatureReading,
)
from leukotrack.domain.units import format_number
from leukotrack.gui.models.record_table import Column
from leukotrack.gui.views.style import status_colour
from leukotrack.services.overview import unit_label
from leukotrack.services.results import column_number, view_result

DRAW_ANALYTES = (
    "wbc",
    "anc",
    "neutrophils_pct",
    "lymphocytes",
    "monocytes",
    "eosinophils",
    "basophils",
    "hemoglobin",
    "platelets",
)
MARK = {"low": " L", "high": " H", "normal": ""}


def _draw_cell(key: str, profile: Profile) -> Callable[[Draw], str]:
    def text(draw: Draw) -> str:
        r = draw.get(key)
        if r is None:
            return ""
        shown = f"{r.comparator or ''}{column_number(key, r.value, profile.count_unit)}"
        mark = MARK[view_result(draw, r, profile).status]
        return f"{'calc. ' if r.calculated else ''}{shown}{mark}"

    return text


def _draw_colour(key: str, profile: Profile) -> Callable[[Draw], str]:
    def colour(draw: Draw) -> str:
        r = draw.get(key)
        return "" if r is None else status_colour(view_result(draw, r, profile).status)

    return colour


def _draw_tooltip(key: str) -> Callable[[Draw], str]:
    def tip(draw: Draw) -> str:
        r = draw.get(key)
        if r is None:
            return ""
        how = "calculated from WBC and differential" if r.calculated else f"entered: {r.entered}"
        return f"{ANALYTES[key].name}, {how}"

    return tip


def _draw_value(key: str) -> Callable[[Draw], float | None]:
    return lambda draw: draw.value(key)


def _header(key: str, profile: Profile) -> str:
    """'WBC' over its unit on a second line (keeps the columns narrow); '%' is in the name."""
    unit = unit_label(key, profile)
    short = ANALYTES[key].short
    return short if unit == "%" else f"{short}\n{unit}"


def draw_columns(profile: Profile) -> list[Column[Draw]]:
    cols: list[Column[Draw]] = [
        Column("Date", lambda d: f"{d.taken_at:%Y-%m-%d %H:%M}", lambda d: d.taken_at),
        Column("Lab", lambda d: d.lab, lambda d: d.lab.casefold()),
    ]
    for key in DRAW_ANALYTES:
        cols.append(
            Column(
                _header(key, profile),
                _draw_cell(key, profile),
                _draw_value(key),
                numeric=True,
                tooltip=_draw_tooltip(key),
                colour=_draw_colour(key, profile),
            )
        )
    cols.append(Column("Source", lambda d: d.source, lambda d: d.source))
    return cols


def _temp_f(celsius: float) -> str:
    return format_number(round(celsius * 9 / 5 + 32, 1))


TEMPERATURE_COLUMNS: list[Column[TemperatureReading]] = [
    Column("Time", lambda t: f"{t.taken_at:%Y-%m-%d %H:%M}", lambda t: t.taken_at),
    Column("°C", lambda t: format_number(round(t.celsius, 1)), lambda t: t.celsius, numeric=True),
    Column("°F", lambda t: _temp_f(t.celsius), lambda t: t.celsius, numeric=True),
    Column("As entered", lambda t: t.entered, lambda t: t.entered),
]

FATIGUE_COLUMNS: list[Column[FatigueEntry]] = [
    Column("Date", lambda f: f.day.isoformat(), lambda f: f.day),
    Column("Fatigue (0–10)", lambda f: str(f.score), lambda f: f.score, numeric=True),
    Column("Note", lambda f: f.note, lambda f: f.note.casefold()),
]


def _max_temp(i: Infection) -> str:
    return "" if i.max_temp_c is None else f"{format_number(round(i.max_temp_c, 1))} °C"


INFECTION_COLUMNS: list[Column[Infection]] = [
    Column("Start", lambda i: i.start.isoformat(), lambda i: i.start),
    Column("End", lambda i: i.end.isoformat() if i.end else "ongoing", lambda i: i.end),
    Column("Kind", lambda i: i.kind, lambda i: i.kind.casefold()),
    Column("Treatment", lambda i: i.treatment.value, lambda i: i.treatment.value),
    Column("Highest temperature", _max_temp, lambda i: i.max_temp_c, numeric=True),
]


def medication_columns(lowers_white_cells: Callable[[Medication], str]) -> list[Column[Medication]]:
    """`lowers_white_cells` gives the mark for a medicine known to lower white cells, or ""."""
    return [
        Column("Medicine", lambda m: m.name, lambda m: m.name.casefold()),
        Column("Dose", lambda m: m.dose, lambda m: m.dose.casefold()),
        Column("Kind", lambda m: m.kind.value, lambda m: m.kind.value),
        Column("Start", lambda m: m.start.isoformat(), lambda m: m.start),
        Column("Stop", lambda m: m.stop.isoformat() if m.stop else "ongoing", lambda m: m.stop),
        Column("Effect on white cells", lowers_white_cells, lowers_white_cells),
    ]
