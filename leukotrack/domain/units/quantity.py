"""Quantities as people type them ("3.1 K/µL", "3100 /uL", "101.5 F"), and as we write them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from leukotrack.domain.analytes import Dimension
from leukotrack.domain.errors import InputError, UnitError
from leukotrack.domain.units.grammar import parse_unit
from leukotrack.domain.units.model import CANONICAL, Unit


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
