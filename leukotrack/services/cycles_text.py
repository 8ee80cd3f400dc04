"""The cycle view in words and table cells: shared by the command, the Treatment tab and the report."""

from __future__ import annotations

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.cycles import MIN_NADIR_RESULTS, CycleSummary
from leukotrack.domain.units import format_number
from leukotrack.services.cycles import CycleView, below_keys

EMPTY_TEXT = (
    "No treatment cycles yet. Add one with “Add cycle…” (or `leukotrack add cycle --start "
    "YYYY-MM-DD`): day 1 is the day treatment is given."
)


def show(value: float, comparator: str | None = None) -> str:
    return f"{comparator or ''}{format_number(round(value, 2))}"


def headers(view: CycleView) -> list[str]:
    unit = "×10⁹/L"
    below = [f"Days < {k}" for k in below_keys(view.summaries)]
    return [
        "Cycle",
        "Start",
        "Regimen",
        "Results",
        f"Nadir ({unit})",
        *below,
        "Recovered",
        f"Before next (team: {format_number(view.threshold)})",
        "G-CSF",
    ]


def _before_next(s: CycleSummary) -> str:
    b = s.before_next
    if b is None:
        return "—"
    mark = "meets" if b.meets_threshold else "below"
    return f"{show(b.value, b.comparator)} {b.taken_at:%d %b} ({mark})"


def row_cells(s: CycleSummary) -> list[str]:
    nadir = (
        "—" if s.nadir is None else f"{show(s.nadir.value, s.nadir.comparator)} (day {s.nadir.day})"
    )
    recovered = "—" if s.recovered is None else f"day {s.recovered.day}"
    return [
        f"C{s.number}",
        s.span.start.isoformat(),
        s.span.cycle.regimen or "—",
        str(len(s.points)),
        nadir,
        *[str(n) for _, n in s.days_below],
        recovered,
        _before_next(s),
        ", ".join(f"day {s.span.day_of(d)}" for d in s.gcsf) or "—",
    ]


def window_text(view: CycleView) -> str:
    """The nadir-window sentence, or what it still needs."""
    if view.window is not None:
        return view.window.text
    if not view.summaries:
        return ""
    return (
        f"The usual low days show once at least 2 cycles have {MIN_NADIR_RESULTS} or more "
        f"{ANALYTES[view.analyte].short} results each."
    )


def cycle_lines(view: CycleView) -> list[str]:
    """`leukotrack cycles`: the table as text, then the sentence."""
    if not view.summaries:
        return [EMPTY_TEXT.replace("“Add cycle…” (or ", "").replace("`)", "").replace("`", "")]
    rows = [headers(view), *(row_cells(s) for s in view.summaries)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append("")
    name = ANALYTES[view.analyte].name
    lines.append(
        f"{name[0].upper()}{name[1:]}; the team's threshold before a cycle: "
        f"{format_number(view.threshold)} ×10⁹/L."
    )
    text = window_text(view)
    if text:
        lines.append(text)
    return lines
