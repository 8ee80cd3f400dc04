"""The patterns in plain words (CLINICAL.md "Patterns"): what the numbers show, and how many.

The fatigue and rhythm sentences are CLINICAL.md's own, word for word. No sentence names a
diagnosis, and each card and report block ends with `CLOSING`. A part without enough data
gives no statement at all (`None`); its `why` says what is missing instead.
"""

from __future__ import annotations

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.dates import long_date
from leukotrack.domain.patterns import (
    Baseline,
    Below,
    FatigueComparison,
    InfectionComparison,
    Patterns,
)
from leukotrack.domain.periodicity import Periodicity
from leukotrack.domain.records import CountUnit
from leukotrack.domain.units import format_number
from leukotrack.domain.wording import days, show_limit

CLOSING = "Only your care team can say what this means for you."
HEADINGS = {"anc": "neutrophils (ANC)", "wbc": "white cells (WBC)", "lymphocytes": "lymphocytes"}


def noun(analyte: str) -> str:
    """'neutrophil count', 'white cell count', 'lymphocyte count'."""
    return ANALYTES[analyte].noun


def _n(value: float, decimals: int = 2) -> str:
    return format_number(round(value, decimals))


def _results(n: int) -> str:
    return f"{n} result" if n == 1 else f"{n} results"


def count(value: float, unit: CountUnit) -> str:
    """'1.42 ×10⁹/L' or '1420 cells/µL' (two decimals at most)."""
    if unit is CountUnit.CELLS_PER_UL:
        return f"{format_number(round(value * 1000))} cells/µL"
    return f"{format_number(round(value, 2))} ×10⁹/L"


def limit(value: float, unit: CountUnit) -> str:
    """A threshold as CLINICAL.md writes it: '1.0', '0.5', '4.5' (or '1000 cells/µL')."""
    if unit is CountUnit.CELLS_PER_UL:
        return show_limit(value, unit)
    return f"{value:.1f}" if round(value, 1) == value else format_number(value)


def baseline_text(b: Baseline, analyte: str, unit: CountUnit) -> str | None:
    """The usual range; None without results."""
    if b.n == 0 or b.median is None or b.min is None or b.max is None:
        return None
    spread = f"lowest {count(b.min, unit)}, highest {count(b.max, unit)}"
    if b.q1 is None or b.q3 is None:
        return (
            f"From {_results(b.n)}, your middle {noun(analyte)} was {count(b.median, unit)} "
            f"({spread})."
        )
    return (
        f"Your usual {noun(analyte)}: the middle half of your {b.n} results lay between "
        f"{count(b.q1, unit)} and {count(b.q3, unit)}, around a middle value of "
        f"{count(b.median, unit)} ({spread})."
    )


def below_text(item: Below, n: int, unit: CountUnit) -> str:
    shown = limit(item.threshold, unit)
    what = f"your lower limit ({shown})" if item.lower_limit else shown
    were = "was" if item.results_below == 1 else "were"
    text = f"{item.results_below} of {_results(n)} ({_n(100 * item.share, 1)}%) {were} below {what}"
    if item.results_below <= 1:
        return text + "."
    if item.longest_run_days == 0:
        return text + "; never two in a row."
    return text + f"; the longest run below it lasted {days(item.longest_run_days)}."


def fatigue_text(f: FatigueComparison, analyte: str) -> str | None:
    if not f.enough_data or f.mean_low is None or f.mean_other is None:
        return None
    return (
        f"On the {f.low_days} days your {noun(analyte)} was low, your fatigue averaged "
        f"{_n(f.mean_low, 1)}; on the {f.other_days} other days it averaged "
        f"{_n(f.mean_other, 1)}."
    )


def infections_text(i: InfectionComparison, analyte: str) -> str | None:
    if not i.enough_data or i.rate_low is None or i.rate_other is None:
        return None
    episodes = "1 infection episode" if i.episodes == 1 else f"{i.episodes} infection episodes"
    text = (
        f"Of your {episodes}, {i.started_low} started on the {i.known_low_days} days your "
        f"{noun(analyte)} was low ({_n(i.rate_low)} per 100 days) and {i.started_other} on the "
        f"{i.known_other_days} other days ({_n(i.rate_other)} per 100 days)."
    )
    unknown = i.episodes - i.started_low - i.started_other
    if unknown:
        text += (
            f" {unknown} started on {'a day' if unknown == 1 else 'days'} without a result in "
            "the 14 days before and counted in neither group."
        )
    return text


def rhythm_text(p: Periodicity, analyte: str) -> str | None:
    if not p.enough_data:
        return None
    if p.pattern and p.period_days is not None and p.first is not None and p.last is not None:
        return (
            f"Your {noun(analyte)} results from {long_date(p.first)} to {long_date(p.last)} "
            f"rise and fall in a repeating pattern about every {format_number(p.period_days)} "
            "days. A pattern this strong would appear by chance less than 1 time in 100."
        )
    return f"No repeating pattern shows in these {p.n} results."


def findings(p: Patterns, unit: CountUnit) -> list[str]:
    """The statements after the baseline: each threshold, then the parts with enough data."""
    out = [below_text(b, p.baseline.n, unit) for b in p.below]
    for text in (
        fatigue_text(p.fatigue, p.analyte),
        infections_text(p.infections, p.analyte),
        rhythm_text(p.periodicity, p.analyte),
    ):
        if text is not None:
            out.append(text)
    return out


def statements(p: Patterns, unit: CountUnit) -> list[str]:
    """Every statement the data allow, in card order (for the CLI's plain output)."""
    base = baseline_text(p.baseline, p.analyte, unit)
    return ([base] if base is not None else []) + findings(p, unit)
