"""The parts of a FHIR Observation's value: its unit (the printed unit and its UCUM code, read by
the same grammar as a typed value), its reference range, and our own extensions."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from typing import Any

from leukotrack.domain.analytes import Dimension
from leukotrack.domain.errors import InputError, UnitError
from leukotrack.domain.units import CANONICAL, Quantity, Unit, parse_number, parse_unit
from leukotrack.io.parsed import number_text

LOINC_SYSTEM = "http://loinc.org"
UCUM_SYSTEM = "http://unitsofmeasure.org"
ENTERED_EXTENSION = "urn:leukotrack:fhir:entered"
SOURCE_EXTENSION = "urn:leukotrack:fhir:source"

_UNITS: dict[tuple[Any, Any, Dimension], Unit | InputError] = {}


def unit_of(vq: Mapping[str, Any], dimension: Dimension) -> Unit:
    """The unit of a valueQuantity from its printed `unit` and its UCUM `code`.

    Either one is enough when the other is missing or unreadable (`K/mcL` with code `10*3/uL`,
    or `K/uL` declared as UCUM). When both are read and they disagree, the value is refused:
    LeukoTrack cannot tell which one is right.
    """
    key = (vq.get("code"), vq.get("unit"), dimension)
    try:
        found = _UNITS.get(key)
    except TypeError:  # a list or object where a unit should be
        found = None
    if found is None:
        try:
            found = _read_unit(key[0], key[1], dimension)
        except InputError as exc:
            found = exc
        if len(_UNITS) < 1000:
            with contextlib.suppress(TypeError):
                _UNITS[key] = found
    if isinstance(found, InputError):
        raise found
    return found


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _read_unit(code: Any, written: Any, dimension: Dimension) -> Unit:
    code_text, unit_text = _text(code), _text(written)
    if code_text is None and unit_text is None:
        if dimension is Dimension.PERCENT:
            return CANONICAL[dimension]
        raise InputError("the value has no unit; LeukoTrack needs one such as 10*3/uL.")
    by_code, code_error = _try(code_text)
    by_unit, unit_error = _try(unit_text)
    if by_code is not None and by_unit is not None and not by_code.same_scale(by_unit):
        raise UnitError(
            f"its unit '{unit_text}' and its UCUM code '{code_text}' disagree "
            f"({_difference(by_unit, by_code)}); LeukoTrack cannot tell which is right. "
            "Check the result with the lab."
        )
    chosen = by_code or by_unit
    if chosen is None:
        raise unit_error or code_error or UnitError("the unit cannot be read.")
    if chosen.dimension is not dimension:
        parse_unit(str(code_text if by_code is not None else unit_text), dimension)  # raises
    return chosen


def _try(text: str | None) -> tuple[Unit | None, UnitError | None]:
    if text is None:
        return None, None
    try:
        return parse_unit(text), None
    except UnitError as exc:
        return None, exc


def _difference(unit: Unit, code: Unit) -> str:
    if unit.dimension is not code.dimension:
        return f"a unit of {unit.dimension.value} against a unit of {code.dimension.value}"
    ratio = unit.to_canonical(1.0) / code.to_canonical(1.0)
    if ratio > 1:
        return f"{unit.symbol} is {number_text(round(ratio, 6))} times {code.symbol}"
    return f"{unit.symbol} is 1/{number_text(round(1 / ratio, 6))} of {code.symbol}"


def range_end(q: Any, dimension: Dimension, unit: Unit) -> float | None:
    if not isinstance(q, dict):
        return None
    value = q.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        own = unit_of(q, dimension) if (q.get("code") or q.get("unit")) else unit
    except InputError:
        own = unit
    return own.to_canonical(float(value))


_RANGE = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*(?:-|–|to)\s*([0-9]+(?:[.,][0-9]+)?)\s*(.*)")
_BOUND = re.compile(r"\s*(<=|>=|<|>|≤|≥)\s*([0-9]+(?:[.,][0-9]+)?)\s*(.*)")


def range_from_text(text: str, unit: Unit, what: str) -> tuple[float | None, float | None]:
    """ "4.0-11.0", "<150", ">4.0" in the value's unit -> canonical (low, high)."""
    m = _RANGE.fullmatch(text)
    if m:
        low, high = parse_number(m.group(1)), parse_number(m.group(2))
        if low > high:
            raise InputError(f"the {what} range '{text}' has its low limit above its high limit.")
        return unit.to_canonical(low), unit.to_canonical(high)
    m = _BOUND.fullmatch(text)
    if m:
        bound = unit.to_canonical(parse_number(m.group(2)))
        return (None, bound) if m.group(1) in ("<", "<=", "≤") else (bound, None)
    raise InputError(
        f"the {what} reference range '{text}' cannot be read; write it like 4.0-11.0 or <150."
    )


def entered(holder: Mapping[str, Any], q: Quantity) -> str:
    own = extension(holder, ENTERED_EXTENSION)
    if own:
        return own
    return f"{q.comparator or ''}{number_text(q.value)} {q.unit.symbol}"


def extension(res: Mapping[str, Any], url: str) -> str | None:
    for ext in res.get("extension") or []:
        if isinstance(ext, dict) and ext.get("url") == url:
            value = ext.get("valueString")
            return value if isinstance(value, str) else None
    return None


def concept_text(concept: Any) -> str:
    """A CodeableConcept's words: its text, else the first coding's display."""
    if not isinstance(concept, dict):
        return ""
    text = concept.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    for coding in concept.get("coding") or []:
        if isinstance(coding, dict) and isinstance(coding.get("display"), str):
            return str(coding["display"]).strip()
    return ""
