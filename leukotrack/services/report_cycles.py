"""The report's "Treatment cycles" section content, from the cycle view of the whole record."""

from __future__ import annotations

import itertools
from datetime import date

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.units import format_number
from leukotrack.report.cycles_section import CyclesSection, SectionLine
from leukotrack.services.cycles import CycleView, cycle_view
from leukotrack.services.cycles_text import headers, row_cells, window_text
from leukotrack.services.timeline import Timeline

MAX_CYCLES = 12  # a one-to-two page report shows the latest cycles of a long record


def cycles_section(
    timeline: Timeline, start: date | None, end: date, analyte: str = "anc"
) -> CyclesSection | None:
    """The section for the cycles that started in `start`..`end`; None when there are none.

    Cycles are described over the whole record (a cycle's last days and the test before the
    next one may fall just outside the period).
    """
    full = cycle_view(timeline, analyte, today=end)
    chosen = [
        s
        for s in full.summaries
        if (start is None or s.span.start >= start) and s.span.start <= end
    ]
    if not chosen:
        return None
    shown = chosen[-MAX_CYCLES:]
    view = CycleView(full.analyte, full.threshold, shown, full.window)
    t = timeline.profile.thresholds
    note = (
        f"The {len(shown)} latest of the {len(chosen)} cycles in this period are shown; "
        "`leukotrack cycles` lists them all."
        if len(shown) < len(chosen)
        else ""
    )
    names = headers(view)
    return CyclesSection(
        analyte_label=f"{ANALYTES[view.analyte].short} (×10⁹/L)",
        threshold=view.threshold,
        limits=(1.0, 0.5) if view.analyte == "anc" else (),
        lines=tuple(_line(view, i) for i in range(len(shown))),
        longest=view.longest,
        headers=tuple(names),
        rows=[tuple(row_cells(s)) for s in shown],
        widths=tuple(_width(h) for h in names),
        sentence=window_text(full) or "",
        thresholds_text=(
            "The team's thresholds before a cycle (×10⁹/L), as set in the profile: "
            f"ANC {format_number(t.cycle_anc)}, platelets {format_number(t.cycle_platelets)}, "
            f"WBC {format_number(t.cycle_wbc)}. Days below a limit count from the first to the "
            "last result of the first run below it, so they are a lower bound."
        ),
        note=note,
    )


WIDTHS = {"Cycle": 0.55, "Start": 1.15, "Regimen": 1.1, "Results": 0.7, "Recovered": 0.95}


def _width(header: str) -> float:
    if header.startswith("Days <"):
        return 0.6
    if header.startswith("Before next"):
        return 1.75
    if header.startswith("Nadir"):
        return 1.2
    return WIDTHS.get(header, 0.9)


def _line(view: CycleView, i: int) -> SectionLine:
    from leukotrack.domain.cycles import CycleSummary

    s: CycleSummary = view.summaries[i]
    days = tuple(p.day for p in s.points)
    values = tuple(p.value for p in s.points)
    marks = []
    for d in s.gcsf:
        day = s.span.day_of(d)
        y = None
        if days and days[0] <= day <= days[-1]:
            y = _interp(day, days, values)
        marks.append((day, y))
    return SectionLine(
        s.number,
        days,
        values,
        None if s.nadir is None else (s.nadir.day, s.nadir.value),
        tuple(marks),
    )


def _interp(day: int, days: tuple[int, ...], values: tuple[float, ...]) -> float:
    for (d0, v0), (d1, v1) in itertools.pairwise(zip(days, values, strict=True)):
        if d0 <= day <= d1:
            return v0 if d1 == d0 else v0 + (v1 - v0) * (day - d0) / (d1 - d0)
    return values[-1]
