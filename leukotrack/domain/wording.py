"""Numbers and dates in the sentences flags show (pure: the domain's own small formatter)."""

from __future__ import annotations

from datetime import date, datetime, time

from leukotrack.domain.dates import long_date
from leukotrack.domain.records import CountUnit
from leukotrack.domain.units import format_number


def show_count(value: float, count_unit: CountUnit, comparator: str | None = None) -> str:
    """'0.8 ×10⁹/L (800 cells/µL)' or '800 cells/µL (0.8 ×10⁹/L)': the user's unit first.

    Up to three decimals, so that 0.499 is never shown as 0.5 next to "below 0.5".
    """
    c = comparator or ""
    per_nl = f"{c}{format_number(round(value, 3))} ×10⁹/L"
    per_ul = f"{c}{format_number(round(value * 1000))} cells/µL"
    if count_unit is CountUnit.CELLS_PER_UL:
        return f"{per_ul} ({per_nl})"
    return f"{per_nl} ({per_ul})"


def show_limit(value: float, count_unit: CountUnit) -> str:
    """A threshold in the user's unit, without the other one: '1.5' or '1500 cells/µL'."""
    if count_unit is CountUnit.CELLS_PER_UL:
        return f"{format_number(round(value * 1000))} cells/µL"
    return format_number(round(value, 3))


def show_celsius(celsius: float, entered: str = "") -> str:
    """'38.4 °C', or '101.5 °F (38.6 °C)' when it was entered in Fahrenheit."""
    c = f"{format_number(round(celsius, 1))} °C"
    if entered and "F" in entered:
        return f"{entered} ({c})"
    return c


def on_day(moment: datetime | date) -> str:
    """'on 3 March 2026', with ' at 21:30' when a time of day was recorded."""
    if isinstance(moment, datetime) and moment.time() != time():
        return f"on {long_date(moment)} at {moment:%H:%M}"
    return f"on {long_date(moment)}"


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"
