"""FHIR Observations: which analyte each one is, and its value.

Which analyte: a LOINC code of CLINICAL.md first. When the code is missing or not one LeukoTrack
knows, the printed names dictionary (`domain.lab_names`) reads `code.text` and each coding's
display, with the value's unit deciding count versus percentage. Observations that are not labs
LeukoTrack tracks (vital signs other than temperature, other panels, names never to map) are
counted by name in `ParsedImport.untracked`, never listed one by one as problems.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from leukotrack.domain.analytes import (
    ANALYTES,
    NOT_TRACKED_LOINC,
    TEMPERATURE_LOINCS,
    Analyte,
    Dimension,
    by_loinc,
)
from leukotrack.domain.errors import InputError
from leukotrack.domain.lab_names import (
    is_temperature_name,
    match_test_name,
    names_a_tracked_test,
)
from leukotrack.domain.records import Result, TemperatureReading
from leukotrack.domain.units import (
    Quantity,
    Unit,
    check_plausible,
    check_plausible_temperature,
    parse_number,
    parse_quantity,
)
from leukotrack.io.fhir_values import (
    LOINC_SYSTEM,
    SOURCE_EXTENSION,
    concept_text,
    entered,
    extension,
    range_end,
    range_from_text,
    unit_of,
)
from leukotrack.io.parsed import ImportedResult, Located, ParsedImport, has_digit, number_text

SKIPPED_STATUSES = frozenset({"entered-in-error", "cancelled"})
_COMPARATORS = frozenset({"<", "<=", ">", ">="})
TEMPERATURE = "temperature"


@dataclass(frozen=True, slots=True)
class NotTracked:
    name: str


@dataclass(frozen=True, slots=True)
class Unclear:
    """A name of an analyte LeukoTrack tracks, but which one it is cannot be told (count or %)."""

    why: str


Identity = Analyte | str | NotTracked | Unclear  # str: TEMPERATURE


def identify(concept: Any, holder: Mapping[str, Any]) -> Identity:
    """What an Observation's (or a component's) `code` names: by LOINC first, then by its
    printed words, with the unit of `holder`'s value deciding count versus percentage."""
    codings = concept.get("coding") if isinstance(concept, dict) else None
    not_tracked: str | None = None
    for coding in codings if isinstance(codings, list) else ():
        if not isinstance(coding, dict):
            continue
        system, code = coding.get("system"), coding.get("code")
        if not isinstance(code, str) or (system is not None and system != LOINC_SYSTEM):
            continue
        if code in TEMPERATURE_LOINCS:
            return TEMPERATURE
        a = by_loinc(code)
        if a is not None:
            return a
        not_tracked = not_tracked or NOT_TRACKED_LOINC.get(code)
    words = concept_text(concept)
    if not_tracked is not None:
        return NotTracked(words or not_tracked)
    unit = unit_text(holder)
    for name in _printed_names(concept):
        if is_temperature_name(name):
            return TEMPERATURE
        m = match_test_name(name, unit)
        if m.analyte is not None:
            return ANALYTES[m.analyte]
        if m.never_map:
            return NotTracked(name)
        if names_a_tracked_test(name):
            return Unclear(m.why)
    return NotTracked(words or _first_code(codings) or "an observation without a name")


def _printed_names(concept: Any) -> list[str]:
    if not isinstance(concept, dict):
        return []
    names = [concept.get("text")]
    names += [c.get("display") for c in concept.get("coding") or [] if isinstance(c, dict)]
    return [n.strip() for n in names if isinstance(n, str) and n.strip()]


def _first_code(codings: Any) -> str:
    for coding in codings if isinstance(codings, list) else ():
        if isinstance(coding, dict) and isinstance(coding.get("code"), str):
            return f"code {coding['code']}"
    return ""


def unit_text(holder: Mapping[str, Any]) -> str | None:
    vq = holder.get("valueQuantity")
    if not isinstance(vq, dict):
        return None
    for key in ("unit", "code"):
        value = vq.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


class ObservationReader:
    """Reads Observations into a ParsedImport; `time_of` reads (and checks) their time."""

    def __init__(
        self, parsed: ParsedImport, time_of: Callable[[Mapping[str, Any], str], datetime | None]
    ) -> None:
        self.parsed = parsed
        self.time_of = time_of

    def observation(self, obs: Mapping[str, Any], label: str) -> None:
        what = identify(obs.get("code"), obs)
        if isinstance(what, Analyte) or what == TEMPERATURE:
            self.value(obs, obs, what, label)
            return
        components = obs.get("component")
        has_value = any(k.startswith("value") for k in obs)
        if isinstance(what, Unclear) and has_value:
            self.parsed.problem(label, what.why)
        elif isinstance(components, list) and components and not has_value:
            if not self._components(obs, components, label):
                self.parsed.not_tracked(concept_text(obs.get("code")) or "a panel")
        elif isinstance(what, NotTracked):
            self.parsed.not_tracked(what.name)
        else:
            self.parsed.not_tracked(concept_text(obs.get("code")) or "a panel")

    def _components(self, obs: Mapping[str, Any], components: list[Any], label: str) -> bool:
        tracked = False
        for i, comp in enumerate(components):
            if not isinstance(comp, dict):
                continue
            what = identify(comp.get("code"), comp)
            where = f"{label} component {i + 1}"
            if isinstance(what, Analyte) or what == TEMPERATURE:
                tracked = True
                self.value(obs, comp, what, where)
            elif isinstance(what, Unclear):
                tracked = True
                self.parsed.problem(where, what.why)
        return tracked

    def value(
        self, obs: Mapping[str, Any], holder: Mapping[str, Any], what: Analyte | str, label: str
    ) -> None:
        a = what if isinstance(what, Analyte) else None
        p = self.parsed
        noun = "body temperature" if a is None else a.short
        status = obs.get("status")
        if status in SKIPPED_STATUSES:
            p.problem(label, f"{noun} marked '{status}'; left out.", skipped=True)
            return
        taken_at = self.time_of(obs, label)
        if taken_at is None:
            return
        dimension = Dimension.TEMPERATURE if a is None else a.dimension
        q = self._quantity(holder, dimension, noun, label)
        if q is None:
            return
        quantity, unit_written = q
        try:
            if a is None:
                if quantity.comparator:
                    raise InputError(
                        f"A temperature is a plain reading, not '{quantity.comparator}'."
                    )
                celsius = check_plausible_temperature(quantity)
                text = f"{number_text(quantity.value)} {quantity.unit.symbol}"
                p.temperatures.append(
                    Located(TemperatureReading(taken_at, round(celsius, 3), text), label)
                )
                return
            value = check_plausible(a, quantity)
            low, high = self._range(holder, a, quantity.unit)
        except InputError as exc:
            p.problem(label, str(exc))
            return
        result = Result(a.key, value, entered(holder, quantity), quantity.comparator, low, high)
        p.add_result(
            taken_at,
            ImportedResult(result, label, unit_written),
            lab=_performer(obs),
            source=extension(obs, SOURCE_EXTENSION) or "",
        )

    def _quantity(
        self, holder: Mapping[str, Any], dimension: Dimension, what: str, label: str
    ) -> tuple[Quantity, str] | None:
        p = self.parsed
        vq = holder.get("valueQuantity")
        if isinstance(vq, dict):
            value = vq.get("value")
            if isinstance(value, bool) or not isinstance(value, int | float):
                if isinstance(value, str) and has_digit(value):
                    try:
                        value = parse_number(value)
                    except InputError as exc:
                        p.problem(label, f"{what}: {exc}")
                        return None
                else:
                    p.problem(label, f"{what} has no numeric value; left out.", skipped=True)
                    return None
            written = vq.get("unit") or vq.get("code")
            try:
                unit = unit_of(vq, dimension)
            except InputError as exc:
                p.problem(label, f"{what} {number_text(float(value))}: {exc}")
                return None
            comparator = vq.get("comparator")
            if comparator is not None and comparator not in _COMPARATORS:
                p.problem(label, f"{what} has an unknown comparator '{comparator}'.")
                return None
            if not math.isfinite(value):
                p.problem(label, f"{what} is not a finite number.")
                return None
            return Quantity(float(value), unit, comparator), str(written or unit.symbol)
        text = holder.get("valueString")
        if isinstance(text, str):
            if not has_digit(text):
                p.problem(label, f"{what} is '{text}', not a number; left out.", skipped=True)
                return None
            try:
                q = parse_quantity(text, dimension)
            except InputError as exc:
                p.problem(label, f"{what} '{text}': {exc}")
                return None
            return q, q.unit.symbol
        p.problem(label, f"{what} has no numeric value; left out.", skipped=True)
        return None

    def _range(
        self, holder: Mapping[str, Any], a: Analyte, unit: Unit
    ) -> tuple[float | None, float | None]:
        ranges = holder.get("referenceRange")
        if not isinstance(ranges, list) or not ranges or not isinstance(ranges[0], dict):
            return None, None
        rr = ranges[0]
        low = range_end(rr.get("low"), a.dimension, unit)
        high = range_end(rr.get("high"), a.dimension, unit)
        if low is None and high is None and isinstance(rr.get("text"), str):
            return range_from_text(rr["text"], unit, a.short)
        if low is not None and high is not None and low > high:
            raise InputError(f"the {a.short} range has its low limit above its high limit.")
        return low, high


def _performer(obs: Mapping[str, Any]) -> str:
    performers = obs.get("performer")
    if isinstance(performers, list) and performers and isinstance(performers[0], dict):
        display = performers[0].get("display")
        if isinstance(display, str):
            return display.strip()[:200]
    return ""
