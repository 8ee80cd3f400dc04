"""The columns of each table: what a cell shows and what it sorts by."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.care import Visit
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
from leukotrack.gui.views.style import severity_colour, status_colour
from leukotrack.services.overview import AncBand, anc_band, short_when, unit_label
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
# A moderate or severe neutrophil count gets a stronger colour than a mildly low one.
BAND_SEVERITY = {"moderate": "danger", "severe": "emergency"}


def _band(draw: Draw, key: str, profile: Profile) -> AncBand | None:
    r = draw.get(key) if key == "anc" else None
    if r is None:
        return None
    return anc_band(r.value, r.comparator, profile, draw.taken_at.date())


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
        if r is None:
            return ""
        band = _band(draw, key, profile)
        if band is not None and band.band in BAND_SEVERITY:
            return severity_colour(BAND_SEVERITY[band.band])
        return status_colour(view_result(draw, r, profile).status)

    return colour


def _draw_bold(key: str, profile: Profile) -> Callable[[Draw], bool]:
    def bold(draw: Draw) -> bool:
        band = _band(draw, key, profile)
        return band is not None and band.band in BAND_SEVERITY

    return bold


def _draw_tooltip(key: str, profile: Profile) -> Callable[[Draw], str]:
    def tip(draw: Draw) -> str:
        r = draw.get(key)
        if r is None:
            return ""
        how = "calculated from WBC and differential" if r.calculated else f"entered: {r.entered}"
        band = _band(draw, key, profile)
        return f"{ANALYTES[key].name}, {how}" + (f"\n{band.words}" if band is not None else "")

    return tip


def _draw_value(key: str) -> Callable[[Draw], float | None]:
    return lambda draw: draw.value(key)


def _header(key: str, profile: Profile) -> str:
    """'WBC' over its unit on a second line (keeps the columns narrow); '%' is in the name."""
    unit = unit_label(key, profile)
    short = ANALYTES[key].short
    return short if unit == "%" else f"{short}\n{unit}"


def _analyte_column(key: str, profile: Profile) -> Column[Draw]:
    return Column(
        _header(key, profile),
        _draw_cell(key, profile),
        _draw_value(key),
        numeric=True,
        tooltip=_draw_tooltip(key, profile),
        colour=_draw_colour(key, profile),
        bold=_draw_bold(key, profile) if key == "anc" else None,
    )


DATE_COLUMN: Column[Draw] = Column("Date", lambda d: short_when(d.taken_at), lambda d: d.taken_at)


def draw_columns(profile: Profile) -> list[Column[Draw]]:
    cols: list[Column[Draw]] = [
        DATE_COLUMN,
        Column("Lab", lambda d: d.lab, lambda d: d.lab.casefold()),
    ]
    cols += [_analyte_column(key, profile) for key in DRAW_ANALYTES]
    cols.append(Column("Source", lambda d: d.source, lambda d: d.source))
    return cols


def chart_table_columns(profile: Profile, keys: Sequence[str]) -> list[Column[Draw]]:
    """The trend chart as a table: the date and the chart's counts, with the same L/H marks."""
    return [DATE_COLUMN, *(_analyte_column(key, profile) for key in keys)]


def _temp_f(celsius: float) -> str:
    return f"{celsius * 9 / 5 + 32:.1f}"


def fever_note(celsius: float, profile: Profile) -> str:
    """The Temperatures tab's note: a fever by the profile's limits (38.3 °C once, 38.0 °C)."""
    t = profile.thresholds
    if celsius >= t.fever_once_c:
        return f"fever ({t.fever_once_c:.1f} °C or more)"
    if celsius >= t.fever_sustained_c:
        return f"fever if it lasts an hour ({t.fever_sustained_c:.1f} °C or more)"
    return ""


def _fever_severity(celsius: float, profile: Profile) -> str:
    t = profile.thresholds
    if celsius >= t.fever_once_c:
        return "danger"
    return "caution" if celsius >= t.fever_sustained_c else ""


def temperature_columns(profile: Profile) -> list[Column[TemperatureReading]]:
    def colour(t: TemperatureReading) -> str:
        return severity_colour(_fever_severity(t.celsius, profile))

    def bold(t: TemperatureReading) -> bool:
        return t.celsius >= profile.thresholds.fever_once_c

    def note(t: TemperatureReading) -> str:
        return fever_note(t.celsius, profile)

    return [
        Column("Time", lambda t: f"{t.taken_at:%Y-%m-%d %H:%M}", lambda t: t.taken_at),
        Column(
            "°C",
            lambda t: f"{t.celsius:.1f}",
            lambda t: t.celsius,
            numeric=True,
            colour=colour,
            bold=bold,
        ),
        Column(
            "°F", lambda t: _temp_f(t.celsius), lambda t: t.celsius, numeric=True, colour=colour
        ),
        Column("As entered", lambda t: t.entered, lambda t: t.entered),
        Column("Fever", note, lambda t: t.celsius, colour=colour, bold=bold),
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


def _questions(v: Visit) -> str:
    return " · ".join(line.strip() for line in v.questions.splitlines() if line.strip())


VISIT_COLUMNS: list[Column[Visit]] = [
    Column("When", lambda v: short_when(v.at), lambda v: v.at),
    Column("With", lambda v: v.with_whom, lambda v: v.with_whom.casefold()),
    Column("Note", lambda v: v.note, lambda v: v.note.casefold()),
    Column("Questions", _questions, lambda v: v.questions.casefold()),
]
