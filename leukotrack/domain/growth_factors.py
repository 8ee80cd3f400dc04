"""Growth factors (G-CSF and GM-CSF) from CLINICAL.md, found by generic or brand name.

They raise the neutrophil count, so they are drawn as markers on the charts and are never named
by the `medication.associated` flag. A medicine the person marks with the kind
`growth-factor` counts too. Matching works as in `medicines.py`: case, strength and form are
ignored, and the name with the most words wins ("tbo-filgrastim" over "filgrastim").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from leukotrack.domain.medicines import name_words
from leukotrack.domain.records import Medication, MedicationKind


@dataclass(frozen=True, slots=True)
class GrowthFactor:
    generic: str
    names: tuple[str, ...]  # brand names and biosimilars
    single_injection: bool  # one injection per cycle (the pegylated ones), else daily

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.generic, *self.names)


GROWTH_FACTORS: tuple[GrowthFactor, ...] = (
    GrowthFactor(
        "filgrastim",
        (
            "Neupogen",
            "Zarxio",
            "Nivestym",
            "Releuko",
            "Nypozi",
            "Grastofil",
            "Accofil",
            "Zarzio",
            "Nivestim",
            "Tevagrastim",
            "Ratiograstim",
            "Filgrastim Hexal",
        ),
        False,
    ),
    GrowthFactor("tbo-filgrastim", ("Granix",), False),
    GrowthFactor(
        "pegfilgrastim",
        (
            "Neulasta",
            "Fulphila",
            "Udenyca",
            "Ziextenzo",
            "Nyvepria",
            "Fylnetra",
            "Stimufend",
            "Pelgraz",
            "Pelmeg",
            "Grasustek",
            "Cegfila",
        ),
        True,
    ),
    GrowthFactor("lipegfilgrastim", ("Lonquex",), True),
    GrowthFactor("eflapegrastim", ("Rolvedon",), True),
    GrowthFactor("efbemalenograstim alfa", ("efbemalenograstim", "Ryzneuta"), True),
    GrowthFactor("lenograstim", ("Granocyte",), False),
    GrowthFactor("sargramostim", ("Leukine",), False),
)

_INDEX: tuple[tuple[frozenset[str], GrowthFactor], ...] = tuple(
    (frozenset(name_words(name)), g) for g in GROWTH_FACTORS for name in g.all_names
)


def match_growth_factor(name: str) -> GrowthFactor | None:
    """The G-CSF / GM-CSF medicine `name` refers to ("Neulasta 6 mg" -> pegfilgrastim), or None."""
    words = set(name_words(name))
    best: tuple[int, GrowthFactor] | None = None
    for need, g in _INDEX:
        if need and need <= words and (best is None or len(need) > best[0]):
            best = (len(need), g)
    return None if best is None else best[1]


def is_growth_factor(med: Medication) -> bool:
    """Named in CLINICAL.md's G-CSF list, or marked by the person as a growth factor."""
    return med.kind is MedicationKind.GROWTH_FACTOR or match_growth_factor(med.name) is not None


def injection_days(med: Medication, until: date) -> list[date]:
    """The days a growth factor was given (CLINICAL.md `gcsf`), up to `until`.

    A single-injection medicine (a pegfilgrastim) counts its start date. A daily one counts
    every day from its start through its stop; while it has no stop, through `until`. A
    medicine only marked `growth-factor` whose name is not in the list counts every day from
    start to stop when a stop is given, else its start date alone (one injection).
    """
    if not is_growth_factor(med) or med.start > until:
        return []
    known = match_growth_factor(med.name)
    if known is not None and known.single_injection:
        return [med.start]
    if med.stop is None and known is None:
        return [med.start]
    last = min(med.stop or until, until)
    return [med.start + timedelta(days=i) for i in range((last - med.start).days + 1)]
