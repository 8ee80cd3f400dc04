"""Axis ticks without Qt: calendar ticks for a date range, round numbers for a value range."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

from leukotrack.domain.units import format_number


def _month_starts(first: date, last: date, step: int) -> list[date]:
    out = []
    y, m = first.year, first.month
    m = ((m - 1) // step) * step + 1
    while True:
        d = date(y, m, 1)
        if d > last:
            return out
        if d >= first:
            out.append(d)
        m += step
        if m > 12:
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1


def date_ticks(x0: float, x1: float, max_ticks: int = 8) -> list[tuple[float, str]]:
    """Calendar ticks (first of a month, or of a year) between two epoch-second positions."""
    first = datetime.fromtimestamp(x0).date()
    last = datetime.fromtimestamp(x1).date()
    months = max(1, (last.year - first.year) * 12 + last.month - first.month)
    for step in (1, 2, 3, 6, 12, 24, 60):
        if months / step <= max_ticks:
            break
    days = _month_starts(first, last, step)
    if step >= 12:
        days = [d for d in days if d.month == 1]
    out = []
    for d in days:
        x = datetime(d.year, d.month, d.day).timestamp()
        label = (
            f"{d.year}"
            if step >= 12
            else (f"{d:%b %Y}" if d.month == 1 or d == days[0] else f"{d:%b}")
        )
        out.append((x, label))
    return out


def value_ticks(lo: float, hi: float, max_ticks: int = 6) -> list[tuple[float, str]]:
    """Round-number ticks covering [lo, hi]."""
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max_ticks
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.ceil(lo / step) * step
    out = []
    v = start
    while v <= hi + step * 1e-9:
        out.append((v, format_number(round(v, 6))))
        v += step
    return out


def calendar_labels(ticks: Sequence[tuple[float, str]]) -> dict[float, str]:
    """Labels for date-axis ticks given as (x, level), level one of year/month/day/hour.

    Months and days always name the month; the year is added to the first label and wherever
    it changes, so a view of a few days still says "14 Mar 2025" rather than "14".
    """
    out: dict[float, str] = {}
    year_shown: int | None = None
    for x, level in sorted(ticks):
        d = datetime.fromtimestamp(x)
        if level == "year":
            label = f"{d.year}"
            year_shown = d.year
        elif level == "hour":
            label = f"{d:%H:%M}"
        else:
            label = f"{d:%b}" if level == "month" else f"{d.day} {d:%b}"
            if d.year != year_shown:
                label += f" {d.year}"
                year_shown = d.year
        out[x] = label
    return out
