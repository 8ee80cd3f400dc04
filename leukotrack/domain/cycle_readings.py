"""The inputs of the cycle view from the records: one analyte's readings and the G-CSF days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from leukotrack.domain.flags import draw_anc
from leukotrack.domain.growth_factors import injection_days
from leukotrack.domain.readings import Reading
from leukotrack.domain.records import Draw, Medication


def cycle_readings(draws: Sequence[Draw], analyte: str) -> list[Reading]:
    """Every draw's value of `analyte` in time order; ANC is the lab's, or calculated."""
    out: list[Reading] = []
    for d in sorted(draws, key=lambda d: d.taken_at):
        if analyte == "anc":
            found = draw_anc(d)
            if found is not None:
                out.append(Reading(d.taken_at, "anc", found[0], found[1]))
            continue
        r = d.get(analyte)
        if r is not None:
            out.append(Reading(d.taken_at, analyte, r.value, r.comparator))
    return out


def gcsf_days(medications: Sequence[Medication], until: date) -> list[date]:
    """Every day a growth factor was started or given, up to `until`, in date order."""
    return sorted({d for m in medications for d in injection_days(m, until)})
