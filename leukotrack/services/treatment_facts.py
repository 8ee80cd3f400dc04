"""The treatment facts the sheets print: the current cycle and its day, the next planned cycle,
the last chemotherapy (the latest cycle's day 1) and the last G-CSF injection."""

from __future__ import annotations

from datetime import datetime

from leukotrack.domain.cycles import cycle_on, next_cycle_plan
from leukotrack.domain.dates import long_date
from leukotrack.domain.growth_factors import injection_days, is_growth_factor
from leukotrack.services.sheet_content import TreatmentFacts
from leukotrack.services.timeline import Timeline


def treatment_facts(timeline: Timeline, as_of: datetime) -> TreatmentFacts:
    day = as_of.date()
    started = [c for c in timeline.cycles if c.start <= day]
    current = None
    found = cycle_on(started, day)
    if found is not None:
        span, n = found
        regimen = f", {span.cycle.regimen}" if span.cycle.regimen else ""
        current = f"day {n} of cycle {span.number}{regimen} (day 1 was {long_date(span.start)})"
    plan = next_cycle_plan(started)
    coming = None
    if plan is not None and plan.next_start > day:
        coming = f"expected from {long_date(plan.next_start)} (by the planned cycle length)"
    given = [d for m in timeline.medications for d in injection_days(m, day)]
    return TreatmentFacts(
        has_cycles=bool(started),
        current_cycle=current,
        next_cycle=coming,
        last_chemotherapy=max((c.start for c in started), default=None),
        last_gcsf=max(given, default=None),
        is_gcsf=is_growth_factor,
    )
