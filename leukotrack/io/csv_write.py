"""CSV out: the long layout `date,time,analyte,value,unit,ref_low,ref_high,lab,entered,
calculated,source`, values canonical with full precision, cells guarded against spreadsheet
formula injection. `csv_format.parse_csv` reads it back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.records import Draw, TemperatureReading
from leukotrack.domain.units import CANONICAL, Unit
from leukotrack.io.csv_format import FORMULA_START
from leukotrack.io.parsed import number_text

LONG_HEADER = (
    "date",
    "time",
    "analyte",
    "value",
    "unit",
    "ref_low",
    "ref_high",
    "lab",
    "entered",
    "calculated",
    "source",
)


def guard(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _time_text(moment: datetime) -> str:
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")


def csv_rows(
    draws: Iterable[Draw], temperatures: Iterable[TemperatureReading] = ()
) -> list[list[str]]:
    """The long layout, values in the canonical unit with full precision, guarded cells."""
    rows: list[list[str]] = [list(LONG_HEADER)]
    for draw in draws:
        for r in draw.results:
            a = ANALYTES[r.analyte]
            unit = CANONICAL[a.dimension]
            rows.append(
                [
                    draw.taken_at.date().isoformat(),
                    _time_text(draw.taken_at),
                    r.analyte,
                    f"{r.comparator or ''}{number_text(r.value)}",
                    _unit_ascii(unit),
                    "" if r.ref_low is None else number_text(r.ref_low),
                    "" if r.ref_high is None else number_text(r.ref_high),
                    draw.lab,
                    r.entered,
                    "yes" if r.calculated else "no",
                    draw.source,
                ]
            )
    for t in temperatures:
        rows.append(
            [
                t.taken_at.date().isoformat(),
                _time_text(t.taken_at),
                "temperature",
                number_text(t.celsius),
                "C",
                "",
                "",
                "",
                t.entered,
                "no",
                "",
            ]
        )
    return [[guard(c) for c in row] for row in rows]


def _unit_ascii(unit: Unit) -> str:
    return {"×10⁹/L": "10^9/L", "°C": "C"}.get(unit.symbol, unit.symbol)


def write_csv(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()
