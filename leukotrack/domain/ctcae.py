"""CTCAE grades for low counts (v5.0 by default; v6.0 neutrophil grades as an option)."""

from __future__ import annotations

from leukotrack.domain.readings import certainly_at_or_above, certainly_below

# grade boundaries: value < bound gives at least that grade (grade 2, 3, 4); grade 1 needs LLN.
_V5: dict[str, tuple[float, float, float]] = {
    "wbc": (3.0, 2.0, 1.0),
    "anc": (1.5, 1.0, 0.5),
    "lymphocytes": (0.8, 0.5, 0.2),
}
_V6_ANC: tuple[float, float, float, float] = (1.5, 1.0, 0.5, 0.1)

GRADED = frozenset(_V5)


def ctcae_grade(
    analyte: str,
    value: float,
    lln: float | None,
    version: str = "5.0",
    comparator: str | None = None,
) -> int | None:
    """The CTCAE "count decreased" grade of `value` (10^9/L), or None for ungraded analytes.

    v5.0: grade 1 is < LLN down to the grade-2 bound, and needs an LLN; without one, a value
    above the grade-2 bound is None (unknown), as pharmaverse admiral does. At or above LLN: 0.
    A bound such as "<0.5" gets the grade it certainly reaches (grade 4 here); a bound that
    leaves the grade open (">0.8" with grade bounds below it) gets None.
    """
    if analyte not in _V5:
        return None

    def below(limit: float) -> bool:
        return certainly_below(value, comparator, limit)

    if version.startswith("6") and analyte == "anc":
        g1, g2, g3, g4 = _V6_ANC
        bounds = ((g4, 4), (g3, 3), (g2, 2), (g1, 1))
        for bound, grade in bounds:
            if below(bound):
                return grade
        return 0 if certainly_at_or_above(value, comparator, g1) else None
    g2, g3, g4 = _V5[analyte]
    if lln is not None and certainly_at_or_above(value, comparator, lln):
        return (
            0  # CLINICAL.md: at or above the lower limit is grade 0, even below 3.0 (a lab's LLN)
        )
    for bound, grade in ((g4, 4), (g3, 3), (g2, 2)):
        if below(bound):
            return grade
    if lln is None:
        return None
    return 1 if below(lln) else None
