"""CTCAE grades for low counts (v5.0 by default; v6.0 neutrophil grades as an option)."""

from __future__ import annotations

# grade boundaries: value < bound gives at least that grade (grade 2, 3, 4); grade 1 needs LLN.
_V5: dict[str, tuple[float, float, float]] = {
    "wbc": (3.0, 2.0, 1.0),
    "anc": (1.5, 1.0, 0.5),
    "lymphocytes": (0.8, 0.5, 0.2),
}
_V6_ANC: tuple[float, float, float, float] = (1.5, 1.0, 0.5, 0.1)

GRADED = frozenset(_V5)


def ctcae_grade(analyte: str, value: float, lln: float | None, version: str = "5.0") -> int | None:
    """The CTCAE "count decreased" grade of `value` (10^9/L), or None for ungraded analytes.

    v5.0: grade 1 is < LLN down to the grade-2 bound, and needs an LLN; without one, a value
    above the grade-2 bound is None (unknown), as pharmaverse admiral does. At or above LLN: 0.
    """
    if analyte not in _V5:
        return None
    if version.startswith("6") and analyte == "anc":
        g1, g2, g3, g4 = _V6_ANC
        if value < g4:
            return 4
        if value < g3:
            return 3
        if value < g2:
            return 2
        return 1 if value < g1 else 0
    g2, g3, g4 = _V5[analyte]
    if value < g4:
        return 4
    if value < g3:
        return 3
    if value < g2:
        return 2
    if lln is None:
        return None
    return 1 if value < lln else 0
