"""Step 6: cross-checks. Each failing check marks a row "needs a look" with a one-line reason.

The checks look for reading and printing slips, never for illness: a very low neutrophil count
is what many LeukoTrack users have, so a low white-cell value is never by itself a slip.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.anc import DIFFERENTIAL_KEYS, differential_total
from leukotrack.domain.units import format_number
from leukotrack.io.labreport.reading import ReadResult


def _show(value: float) -> str:
    return format_number(round(value, 3))


def lost_decimal(r: ReadResult) -> str | None:
    """A value a power of ten away from its own printed range (a lost or extra decimal point).

    Above the range: ten times the upper limit or more, or a value that lands inside the range
    once divided by 10, 100 or 1000. Below it only for hemoglobin: white cells and platelets can
    truly be that low.
    """
    if r.comparator or r.ref_high is None or r.ref_low is None or r.ref_high <= 0:
        return None
    low, high, value = r.ref_low, r.ref_high, r.value
    if value > high and (
        value >= 10 * high or any(low <= value / 10**k <= high for k in (1, 2, 3))
    ):
        return (
            f"{_show(value)} is a power of ten above the printed range "
            f"{_show(low)}–{_show(high)}: check the decimal point"
        )
    if (
        r.analyte == "hemoglobin"
        and 0 < value < low / 5
        and any(low <= value * 10**k <= high for k in (1, 2))
    ):
        return (
            f"{_show(value)} is a power of ten below the printed range "
            f"{_show(low)}–{_show(high)}: check the decimal point"
        )
    return None


def flag_disagrees(r: ReadResult) -> str | None:
    """A printed H or L flag that the printed range contradicts."""
    if r.flag not in ("H", "L") or r.comparator:
        return None
    if r.flag == "H" and r.ref_high is not None and r.value <= r.ref_high:
        return f"flagged high, but {_show(r.value)} is not above the printed range"
    if r.flag == "L" and r.ref_low is not None and r.value >= r.ref_low:
        return f"flagged low, but {_show(r.value)} is not below the printed range"
    return None


def _step(r: ReadResult) -> float:
    """Half the last printed digit, in canonical units (what rounding can account for)."""
    factor = 1.0
    number = _printed_number(r)
    if number:
        factor = r.value / number
    return float(0.5 * 10 ** (-r.decimals) * factor)


def _printed_number(r: ReadResult) -> float | None:
    import re

    m = re.search(r"\d+(?:[.,]\d+)*", r.entered)
    if not m:
        return None
    digits = m.group(0)
    if "," in digits and "." not in digits and len(digits.rpartition(",")[2]) != 3:
        digits = digits.replace(",", ".")
    try:
        return float(digits.replace(",", ""))
    except ValueError:
        return None


def check_counts(results: Sequence[ReadResult]) -> dict[int, str]:
    """ANC against WBC and the differential: {index of the ANC row: reason}."""
    by = {r.analyte: (i, r) for i, r in enumerate(results)}
    found: dict[int, str] = {}
    if "anc" not in by or "wbc" not in by:
        return found
    i_anc, anc = by["anc"]
    _, wbc = by["wbc"]
    if anc.comparator or wbc.comparator:
        return found
    if anc.value > wbc.value:
        found[i_anc] = (
            f"neutrophils {_show(anc.value)} are more than all white cells {_show(wbc.value)}"
        )
        return found
    if "neutrophils_pct" not in by:
        return found
    pct = by["neutrophils_pct"][1].value + (by["bands_pct"][1].value if "bands_pct" in by else 0)
    expected = wbc.value * pct / 100
    slack = max(0.1 * expected, _step(anc) + _step(wbc) * pct / 100)
    if abs(anc.value - expected) > slack + 1e-9:
        found[i_anc] = (
            f"neutrophils {_show(anc.value)} do not match WBC × neutrophil % "
            f"({_show(expected)}, within 10 %)"
        )
    return found


def check_differential(results: Sequence[ReadResult]) -> dict[int, str]:
    """Percentages that do not add up to 100 ± 5 %: {index: reason} for each of them."""
    rows = [(i, r) for i, r in enumerate(results) if r.analyte in DIFFERENTIAL_KEYS]
    values = {r.analyte: r.value for _, r in rows}
    if not {"neutrophils_pct", "lymphocytes_pct"} <= set(values):
        return {}
    total = differential_total(values)
    if 95 <= total <= 105:
        return {}
    why = f"the differential adds up to {_show(total)} %, not 100 ± 5 %"
    return {i: why for i, _ in rows}


def check_duplicates(results: Sequence[ReadResult]) -> dict[int, str]:
    found: dict[int, str] = {}
    for i, a in enumerate(results):
        for j, b in enumerate(results):
            if (
                i < j
                and a.analyte == b.analyte
                and (a.value, a.comparator) != (b.value, b.comparator)
            ):
                why = f"two different values for {ANALYTES[a.analyte].short} on one date"
                found[i] = found[j] = why
    return found


def check_date(day: date | None, birth: date | None, today: date) -> str | None:
    if day is None:
        return None
    if day > today:
        return f"the collection date {day.isoformat()} is in the future"
    if birth is not None and day < birth:
        return f"the collection date {day.isoformat()} is before the birth date"
    return None


def cross_check(
    results: Sequence[ReadResult], day: date | None, birth: date | None, today: date
) -> list[ReadResult]:
    """Every check on one draw's results; rows that fail come back marked for review."""
    out = list(results)
    for i, r in enumerate(out):
        for check in (lost_decimal, flag_disagrees):
            why = check(r)
            if why:
                out[i] = out[i].review(why)
    for found in (check_counts(out), check_differential(out), check_duplicates(out)):
        for i, why in found.items():
            out[i] = out[i].review(why)
    date_problem = check_date(day, birth, today)
    if date_problem:
        out = [r.review(date_problem) for r in out]
    return out
