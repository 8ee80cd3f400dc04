"""Units as values: what a unit measures and how far it is from the canonical unit.

Canonical units (CLINICAL.md): cell counts in 10^9/L, differentials in %, hemoglobin in g/dL,
temperature in °C. A count unit read by the grammar is one of a family: per litre (written
`×10ⁿ/L`) or per microlitre (written `K/µL`, `cells/µL` or `×10ⁿ/µL`), so the same printed
unit always comes back as the same `Unit`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from leukotrack.domain.analytes import Dimension


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of one dimension with its conversion to the canonical unit."""

    symbol: str  # how we write it
    dimension: Dimension
    factor: float = 1.0  # canonical = value * factor, except °F, which is affine (below)

    def to_canonical(self, value: float) -> float:
        if self.symbol == "°F":
            return (value - 32.0) * 5.0 / 9.0
        divisor = _divisor(self.factor)
        return value / divisor if divisor else value * self.factor

    def from_canonical(self, value: float) -> float:
        if self.symbol == "°F":
            return value * 9.0 / 5.0 + 32.0
        divisor = _divisor(self.factor)
        return value * divisor if divisor else value / self.factor

    @property
    def is_canonical(self) -> bool:
        return self.factor == 1.0 and self.symbol != "°F"

    def same_scale(self, other: Unit) -> bool:
        """Both units turn the same number into the same canonical value."""
        return (
            self.dimension is other.dimension
            and self.to_canonical(1.0) == other.to_canonical(1.0)
            and ((self.symbol == "°F") == (other.symbol == "°F"))
        )


def _divisor(factor: float) -> int:
    """1000 for a factor of 0.001: dividing by it is exact where multiplying by 0.001 is not."""
    if 0.0 < factor < 1.0:
        inverse = round(1.0 / factor)
        if inverse * factor == 1.0 or abs(inverse * factor - 1.0) < 1e-12:
            return inverse
    return 0


# Units we write (display and export).
PER_NANOLITRE = Unit("×10⁹/L", Dimension.COUNT)
THOUSANDS_PER_UL = Unit("K/µL", Dimension.COUNT)
CELLS_PER_UL = Unit("cells/µL", Dimension.COUNT, 0.001)
PERCENT = Unit("%", Dimension.PERCENT)
G_PER_DL = Unit("g/dL", Dimension.HEMOGLOBIN)
G_PER_L = Unit("g/L", Dimension.HEMOGLOBIN, 0.1)
MMOL_PER_L = Unit("mmol/L", Dimension.HEMOGLOBIN, 1.611)
CELSIUS = Unit("°C", Dimension.TEMPERATURE)
FAHRENHEIT = Unit("°F", Dimension.TEMPERATURE)

CANONICAL: dict[Dimension, Unit] = {
    Dimension.COUNT: PER_NANOLITRE,
    Dimension.PERCENT: PERCENT,
    Dimension.HEMOGLOBIN: G_PER_DL,
    Dimension.TEMPERATURE: CELSIUS,
}

# The units a person can pick from, per dimension, in the order a picker shows them.
CHOICES: dict[Dimension, tuple[Unit, ...]] = {
    Dimension.COUNT: (PER_NANOLITRE, THOUSANDS_PER_UL, CELLS_PER_UL),
    Dimension.PERCENT: (PERCENT,),
    Dimension.HEMOGLOBIN: (G_PER_DL, G_PER_L, MMOL_PER_L),
    Dimension.TEMPERATURE: (CELSIUS, FAHRENHEIT),
}

# UCUM codes for export (FHIR).
UCUM: dict[Unit, str] = {
    PER_NANOLITRE: "10*9/L",
    THOUSANDS_PER_UL: "10*3/uL",
    CELLS_PER_UL: "/uL",
    PERCENT: "%",
    G_PER_DL: "g/dL",
    G_PER_L: "g/L",
    MMOL_PER_L: "mmol/L",
    CELSIUS: "Cel",
    FAHRENHEIT: "[degF]",
}

_SUPERSCRIPT_DIGITS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")

LITRE_EXPONENT = 0  # the volume families a count unit is written in, by their power of ten
MICROLITRE_EXPONENT = -6


def count_factor(multiplier_exponent: int, volume_exponent: int) -> float:
    """×10^m cells per 10^v litres, in 10^9/L: 10^(m − v − 9), correctly rounded."""
    return float(Fraction(10) ** (multiplier_exponent - volume_exponent - 9))


def count_unit(multiplier_exponent: int, volume_exponent: int) -> Unit:
    """The unit we write for ×10^m per 10^v litres: per microlitre for µL and mm³ (v = −6),
    per litre for every other volume (L, dL, mL, nL)."""
    factor = count_factor(multiplier_exponent, volume_exponent)
    if volume_exponent == MICROLITRE_EXPONENT:
        per_ul = multiplier_exponent
        if per_ul == 3:
            return THOUSANDS_PER_UL
        if per_ul == 0:
            return CELLS_PER_UL
        return Unit(f"×10{_power(per_ul)}/µL", Dimension.COUNT, factor)
    per_l = multiplier_exponent - volume_exponent
    if per_l == 9:
        return PER_NANOLITRE
    if per_l == 0:
        return Unit("cells/L", Dimension.COUNT, factor)
    return Unit(f"×10{_power(per_l)}/L", Dimension.COUNT, factor)


def _power(exponent: int) -> str:
    return str(exponent).translate(_SUPERSCRIPT_DIGITS)
