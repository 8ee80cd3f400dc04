"""Patterns over the stored records (`leukotrack patterns`, the Patterns tab, the report).

`patterns_of` picks the analyte's results (ANC as the flags see it: the lab's, or calculated
from WBC and the differential), settles the period and checks it, then calls the pure domain.
`patterns_json` is the shape of `leukotrack patterns --json` (CLINICAL.md: a contract).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.errors import InputError
from leukotrack.domain.flags import anc_series, series
from leukotrack.domain.patterns import PATTERN_ANALYTES, Patterns, find_patterns
from leukotrack.domain.readings import Reading
from leukotrack.services.timeline import Timeline, load_timeline
from leukotrack.storage.db import Database


def readings_of(timeline: Timeline, analyte: str) -> list[Reading]:
    """The analyte's results in time order, each with the lower limit that applied to it."""
    if analyte == "anc":
        return anc_series(timeline.draws, timeline.profile)
    return series(timeline.draws, analyte, timeline.profile)


def default_period(timeline: Timeline, readings: list[Reading]) -> tuple[date, date] | None:
    """From the first result to the last record of any kind the comparisons use."""
    if not readings:
        return None
    first = readings[0].taken_at.date()
    last = max(
        [readings[-1].taken_at.date()]
        + [f.day for f in timeline.fatigue]
        + [i.start for i in timeline.infections]
    )
    return first, last


def check_analyte(analyte: str) -> str:
    if analyte not in PATTERN_ANALYTES:
        names = ", ".join(PATTERN_ANALYTES)
        raise InputError(f"Patterns are shown for {names}, not '{analyte}'; choose one of those.")
    return analyte


def patterns_of(
    source: Database | Timeline,
    analyte: str = "anc",
    start: date | None = None,
    end: date | None = None,
) -> Patterns:
    """The patterns of `analyte` from `start` to `end` (default: all its results).

    Raises InputError for an analyte without patterns, a start after the end, an analyte with
    no results at all, or a period without results; each message says what to do.
    """
    check_analyte(analyte)
    if start is not None and end is not None and start > end:
        raise InputError(
            f"--from {start.isoformat()} is after --to {end.isoformat()}; "
            "give the earlier date first."
        )
    timeline = source if isinstance(source, Timeline) else load_timeline(source)
    readings = readings_of(timeline, analyte)
    period = default_period(timeline, readings)
    name = ANALYTES[analyte].short
    if period is None:
        raise InputError(
            f"There are no {name} results yet; add some with 'leukotrack add result' "
            "or import a file, then look for patterns."
        )
    lo = start or period[0]
    hi = end or max(period[1], lo)
    if not any(lo <= r.taken_at.date() <= hi for r in readings):
        raise InputError(
            f"There are no {name} results from {lo.isoformat()} to {hi.isoformat()}; your "
            f"{name} results run from {period[0].isoformat()} to "
            f"{readings[-1].taken_at.date().isoformat()}."
        )
    return find_patterns(analyte, readings, timeline.fatigue, timeline.infections, lo, hi)


def _num(value: float | None, decimals: int = 6) -> float | None:
    return None if value is None else round(value, decimals)


def _significant(value: float | None) -> float | None:
    """Six significant digits: a false-alarm probability can be far below 1e-6."""
    return None if value is None else float(f"{value:.6g}")


def patterns_json(p: Patterns) -> dict[str, Any]:
    """`leukotrack patterns --json` (CLINICAL.md "Patterns"); values in the canonical unit."""
    b, f, i, r = p.baseline, p.fatigue, p.infections, p.periodicity
    return {
        "analyte": p.analyte,
        "from": p.start.isoformat(),
        "to": p.end.isoformat(),
        "baseline": {
            "n": b.n,
            "median": _num(b.median),
            "q1": _num(b.q1),
            "q3": _num(b.q3),
            "min": _num(b.min),
            "max": _num(b.max),
            "enough_data": b.enough_data,
            "why": b.why or None,
        },
        "below": [
            {
                "threshold": _num(x.threshold),
                "results_below": x.results_below,
                "share": x.share,
                "longest_run_days": x.longest_run_days,
            }
            for x in p.below
        ],
        "fatigue": {
            "low_days": f.low_days,
            "other_days": f.other_days,
            "mean_low": f.mean_low,
            "mean_other": f.mean_other,
            "enough_data": f.enough_data,
            "why": f.why or None,
        },
        "infections": {
            "episodes": i.episodes,
            "started_low": i.started_low,
            "started_other": i.started_other,
            "rate_low": i.rate_low,
            "rate_other": i.rate_other,
            "enough_data": i.enough_data,
            "why": i.why or None,
        },
        "periodicity": {
            "enough_data": r.enough_data,
            "why": r.why or None,
            "period_days": r.period_days,
            "false_alarm_probability": _significant(r.false_alarm_probability),
            "pattern": r.pattern,
        },
    }
