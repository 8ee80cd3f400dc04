"""Quantities as people type them ("3.1 K/µL", "3100 /uL", "101.5 F") and their canonical units.

Canonical units (CLINICAL.md): cell counts in 10^9/L, differentials in %, hemoglobin in g/dL,
temperature in °C. Every spelling CLINICAL.md lists is accepted; µ/μ/u, ×/x, superscripts and
UCUM's `10*3` are folded before matching.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from leukotrack.domain.analytes import Analyte, Dimension
from leukotrack.domain.errors import InputError, PlausibilityError, UnitError


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of one dimension with its conversion to the canonical unit."""

    symbol: str  # how we write it
    dimension: Dimension
    factor: float = 1.0  # canonical = value * factor, except °F, which is affine (below)

    def to_canonical(self, value: float) -> float:
        if self.symbol == "°F":
            return (value - 32.0) * 5.0 / 9.0
        return value * self.factor

    def from_canonical(self, value: float) -> float:
        if self.symbol == "°F":
            return value * 9.0 / 5.0 + 32.0
        return value / self.factor

    @property
    def is_canonical(self) -> bool:
        return self.factor == 1.0 and self.symbol != "°F"


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

# Written per nanolitre (×10⁹/L) or per microlitre in thousands (K/µL): the same number.
_PER_NL = "10^9/l x10^9/l 10*9/l 10e9/l x10e9/l /nl"
_THOUSANDS_PER_UL = (
    "10^3/ul x10^3/ul 10*3/ul x10*3/ul 10e3/ul x10e3/ul k/ul thou/ul k/mm3 10^3/mm3 "
    "x10^3/mm3 10*3/mm3"
)  # "G/L" (capital G) is told apart from "g/L" in parse_unit
_COUNT_PER_UL = "/ul cells/ul /mm3 cells/mm3 10*0/ul 10^0/ul"
_SPELLINGS: dict[str, Unit] = {
    **{s: PER_NANOLITRE for s in _PER_NL.split()},
    **{s: THOUSANDS_PER_UL for s in _THOUSANDS_PER_UL.split()},
    **{s: CELLS_PER_UL for s in _COUNT_PER_UL.split()},
    "%": PERCENT,
    "g/dl": G_PER_DL,
    "mmol/l": MMOL_PER_L,
    "c": CELSIUS,
    "°c": CELSIUS,
    "cel": CELSIUS,
    "degc": CELSIUS,
    "f": FAHRENHEIT,
    "°f": FAHRENHEIT,
    "[degf]": FAHRENHEIT,
    "degf": FAHRENHEIT,
}

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _fold_unit(text: str) -> str:
    t = text.strip().translate(_SUPERSCRIPTS)
    t = t.replace("µ", "u").replace("μ", "u").replace("×", "x").replace("º", "°")
    t = re.sub(r"\s+", "", t)
    # "x10^9/L" written with the power implied by a superscript: "×10⁹/L" -> "x109/L" after the
    # translation above; put the caret back.
    t = re.sub(r"(?i)^(x?10)(9|3)(/)", r"\1^\2\3", t)
    return t


def parse_unit(text: str, dimension: Dimension | None = None) -> Unit:
    """The unit spelt `text`; with `dimension`, it must be a unit of that dimension.

    `G/L` (capital G) is giga-cells per litre, a count; `g/L` (small g) is grams per litre, for
    hemoglobin. With a dimension given, the other reading is not guessed.
    """
    folded = _fold_unit(text)
    lower = folded.lower()
    unit: Unit | None
    if lower == "g/l":
        unit = THOUSANDS_PER_UL if folded.startswith("G") else G_PER_L
    else:
        unit = _SPELLINGS.get(lower)
    if unit is None:
        raise UnitError(_unknown_unit_message(text, dimension))
    if dimension is not None and unit.dimension is not dimension:
        raise UnitError(
            f"'{text.strip()}' is a unit of {unit.dimension.value}, not of {dimension.value}; "
            f"use {_examples(dimension)}."
        )
    return unit


def _examples(dimension: Dimension) -> str:
    return " or ".join(u.symbol for u in CHOICES[dimension])


def _unknown_unit_message(text: str, dimension: Dimension | None) -> str:
    if dimension is None:
        return f"'{text.strip()}' is not a unit LeukoTrack knows; try K/µL, cells/µL, g/dL or °C."
    return f"'{text.strip()}' is not a unit LeukoTrack knows for this value; use {_examples(dimension)}."


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, as entered. `comparator` keeps "<0.5" from ever becoming 0.5."""

    value: float
    unit: Unit
    comparator: str | None = None  # "<", "<=", ">", ">="

    @property
    def canonical(self) -> float:
        return self.unit.to_canonical(self.value)

    def text(self) -> str:
        return format_quantity(self)


_NUMBER = re.compile(
    r"^\s*(?P<cmp><=|>=|≤|≥|<|>)?\s*(?P<num>[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(?P<unit>.*?)\s*$"
)


def parse_number(text: str) -> float:
    """A plain number as typed; a decimal comma is read as a decimal point.

    "3,100" is refused as ambiguous (three thousand one hundred, or three point one?).
    """
    s = text.strip()
    m = re.fullmatch(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)", s)
    if not m:
        raise InputError(f"'{text.strip()}' is not a number; type digits such as 3.1.")
    return _number(s)


def _number(s: str) -> float:
    if "," in s:
        whole, _, frac = s.partition(",")
        if len(frac) == 3 and whole.lstrip("+-") not in ("", "0"):
            raise InputError(
                f"'{s}' is ambiguous: write {whole}{frac} for {whole} thousand {int(frac)}, "
                f"or {whole}.{frac.rstrip('0') or '0'} with a decimal point."
            )
        s = s.replace(",", ".")
    value = float(s)
    if not math.isfinite(value):
        raise InputError(f"'{s}' is not a finite number.")
    return value


def parse_quantity(text: str, dimension: Dimension) -> Quantity:
    """Parse "3.1 K/uL", "3100 /µL", "<0.5", "3,1". No unit means the canonical unit."""
    if not isinstance(text, str):
        raise InputError("A value must be text such as '3.1 K/uL'.")
    m = _NUMBER.match(text)
    if not m:
        raise InputError(
            f"'{text.strip()}' is not a value LeukoTrack can read; type a number and a unit, "
            f"for example {_example_value(dimension)}."
        )
    value = _number(m.group("num"))
    unit_text = m.group("unit")
    unit = parse_unit(unit_text, dimension) if unit_text else CANONICAL[dimension]
    cmp = m.group("cmp")
    cmp = {"≤": "<=", "≥": ">="}.get(cmp, cmp) if cmp else None
    return Quantity(value, unit, cmp)


def _example_value(dimension: Dimension) -> str:
    return {
        Dimension.COUNT: "'3.1 K/uL' or '3100 /uL'",
        Dimension.PERCENT: "'55 %'",
        Dimension.HEMOGLOBIN: "'12.5 g/dL'",
        Dimension.TEMPERATURE: "'38.4 C' or '101.1 F'",
    }[dimension]


def format_number(value: float, decimals: int | None = None) -> str:
    """Shortest plain decimal for `value` (no exponent), or with fixed `decimals`."""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_quantity(q: Quantity) -> str:
    return f"{q.comparator or ''}{format_number(q.value)} {q.unit.symbol}"


def convert(value: float, source: Unit, target: Unit) -> float:
    if source.dimension is not target.dimension:
        raise UnitError(f"Cannot convert {source.symbol} to {target.symbol}.")
    return target.from_canonical(source.to_canonical(value))


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
