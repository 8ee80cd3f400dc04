"""Plausibility limits (CLINICAL.md): outside them a value is refused with the likely slip named."""

from __future__ import annotations

from leukotrack.domain.analytes import Analyte, Dimension
from leukotrack.domain.errors import PlausibilityError
from leukotrack.domain.units.model import CANONICAL, CHOICES
from leukotrack.domain.units.quantity import Quantity, format_number, format_quantity

# Plausibility limits in canonical units (CLINICAL.md). Outside these, refuse with a hint.
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "wbc": (0.0, 500.0),
    "platelets": (0.0, 5000.0),
    "hemoglobin": (1.0, 25.0),
    "temperature": (30.0, 45.0),
}
_OTHER_COUNT = (0.0, 300.0)
_PERCENT = (0.0, 100.0)


def plausible_range(a: Analyte) -> tuple[float, float]:
    if a.dimension is Dimension.PERCENT:
        return _PERCENT
    return PLAUSIBLE.get(a.key, _OTHER_COUNT)


def check_plausible(a: Analyte, q: Quantity) -> float:
    """The canonical value of `q` for analyte `a`, or a PlausibilityError naming the likely slip."""
    value = q.canonical
    low, high = plausible_range(a)
    if low <= value <= high:
        return value
    raise PlausibilityError(_implausible_message(a.noun, q, low, high, a.dimension))


def check_plausible_temperature(q: Quantity) -> float:
    value = q.canonical
    low, high = PLAUSIBLE["temperature"]
    if low <= value <= high:
        return value
    raise PlausibilityError(_implausible_message("temperature", q, low, high, q.unit.dimension))


def _implausible_message(
    name: str, q: Quantity, low: float, high: float, dimension: Dimension
) -> str:
    entered = format_quantity(q)
    canon = CANONICAL[dimension]
    head = f"{entered} is not a plausible {name}"
    if q.value < 0:
        return f"{head}; a {name} cannot be negative."
    hint = _likely_slip(q, low, high, dimension)
    limits = f"{format_number(low)}–{format_number(high)} {canon.symbol}"
    if hint:
        return f"{head}; did you mean {hint}?"
    return f"{head} (expected {limits}); check the number and its unit."


_HINT_DECIMALS = {Dimension.COUNT: 3, Dimension.HEMOGLOBIN: 1, Dimension.TEMPERATURE: 1}


def _likely_slip(q: Quantity, low: float, high: float, dimension: Dimension) -> str | None:
    """Try the other units of the same dimension; the first that makes sense is the likely slip."""
    if dimension is Dimension.PERCENT:
        return None
    canon = CANONICAL[dimension]
    for unit in CHOICES[dimension]:
        if unit.to_canonical(1.0) == q.unit.to_canonical(1.0) and unit.symbol != "°F":
            continue  # same scale as what was typed: no different reading
        canonical = unit.to_canonical(q.value)
        if low <= canonical <= high and (dimension is not Dimension.COUNT or canonical > 0):
            same = f"{format_number(q.value)} {unit.symbol}"
            if unit == canon:
                return same
            return f"{same} = {format_number(round(canonical, _HINT_DECIMALS[dimension]))} {canon.symbol}"
    return None
