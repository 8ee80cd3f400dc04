"""Absolute neutrophil count (CLINICAL.md, "ANC").

ANC = WBC × (neutrophils % + bands %) / 100. A lab's absolute neutrophil count is the ANC (plus
absolute bands when those are reported separately). A calculated ANC is always marked so.
"""

from __future__ import annotations

from collections.abc import Mapping

from leukotrack.domain.records import Result
from leukotrack.domain.units import format_number


def calculate_anc(wbc: float, neutrophils_pct: float, bands_pct: float | None = None) -> float:
    return wbc * (neutrophils_pct + (bands_pct or 0.0)) / 100.0


def anc_from_values(values: Mapping[str, float]) -> tuple[float, bool] | None:
    """(ANC, calculated?) from a draw's canonical values, or None when it cannot be known."""
    if "anc" in values:
        if "bands" in values:
            return values["anc"] + values["bands"], True
        return values["anc"], False
    if "wbc" in values and "neutrophils_pct" in values:
        return calculate_anc(
            values["wbc"], values["neutrophils_pct"], values.get("bands_pct")
        ), True
    return None


def calculated_anc_result(results: list[Result]) -> Result | None:
    """The calculated ANC result to store beside `results`, when the lab gave no ANC."""
    values = {r.analyte: r.value for r in results if r.comparator is None}
    if "anc" in {r.analyte for r in results}:
        return None
    found = anc_from_values(values)
    if found is None:
        return None
    value = round(found[0], 3)
    return Result("anc", value, f"{format_number(value)} ×10⁹/L (calculated)", calculated=True)


DIFFERENTIAL_KEYS = (
    "neutrophils_pct",
    "bands_pct",
    "lymphocytes_pct",
    "monocytes_pct",
    "eosinophils_pct",
    "basophils_pct",
)


def differential_total(values: Mapping[str, float]) -> float:
    return sum(values.get(k, 0.0) for k in DIFFERENTIAL_KEYS)


DIFFERENTIAL_MAX_TOTAL = 105.0
