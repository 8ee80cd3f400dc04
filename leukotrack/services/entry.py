"""Turning what a person typed after a clinic visit into a validated Draw, and storing it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from leukotrack.domain.analytes import ANALYTES, Dimension, analyte
from leukotrack.domain.anc import DIFFERENTIAL_MAX_TOTAL, calculated_anc_result, differential_total
from leukotrack.domain.dates import check_after_birth, check_not_future, check_year
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Draw, Profile, Result
from leukotrack.domain.units import (
    Quantity,
    Unit,
    check_plausible,
    format_number,
    format_quantity,
    parse_number,
    parse_quantity,
)
from leukotrack.storage.db import Database


class EntryError(InputError):
    """One or more fields are wrong; `by_field` maps analyte keys (or 'taken_at') to messages."""

    def __init__(self, by_field: Mapping[str, str]) -> None:
        self.by_field = dict(by_field)
        super().__init__(next(iter(self.by_field.values())))


@dataclass(frozen=True)
class ResultEntry:
    """A visit's results as typed: analyte key -> "3.1 K/uL", plus optional lab ranges.

    `ranges` maps analyte key -> "LOW-HIGH" in the unit of that analyte's value.
    """

    taken_at: datetime
    values: Mapping[str, str]
    lab: str = ""
    ranges: Mapping[str, str] = field(default_factory=dict)
    source: str = "manual"


def parse_value(key: str, text: str) -> Quantity:
    """Parse and check one typed value; raises InputError with a message for the person."""
    a = analyte(key)
    q = parse_quantity(text, a.dimension)
    check_plausible(a, q)
    return q


def parse_range(key: str, text: str, unit_of: Quantity | None) -> tuple[float | None, float | None]:
    """ "4.0-11.0" (in the value's unit) -> canonical (low, high). Also "<150" and ">4.0"."""
    s = text.strip()
    unit = unit_of.unit if unit_of is not None else None
    a = analyte(key)
    m = re.fullmatch(r"\s*([0-9.,]+)\s*[-–]\s*([0-9.,]+)\s*", s)
    try:
        if m:
            low, high = parse_number(m.group(1)), parse_number(m.group(2))
        elif re.fullmatch(r"\s*<=?\s*[0-9.,]+\s*", s):
            low, high = None, parse_number(s.lstrip(" <="))
        elif re.fullmatch(r"\s*>=?\s*[0-9.,]+\s*", s):
            low, high = parse_number(s.lstrip(" >=")), None
        else:
            raise InputError("")
    except InputError:
        raise InputError(
            f"The range '{s}' for {a.short} is not LOW-HIGH; type it like 4.0-11.0, "
            "in the same unit as the value."
        ) from None
    if low is not None and high is not None and low > high:
        raise InputError(f"The range '{s}' for {a.short} has its low limit above its high limit.")
    if unit is None:
        return low, high
    to = unit.to_canonical
    return (None if low is None else to(low), None if high is None else to(high))


def range_text(low: float | None, high: float | None, unit: Unit) -> str:
    """A canonical range written in `unit`, the way the entry form reads it: "4-11", "<150"."""

    def show(value: float) -> str:
        return format_number(round(unit.from_canonical(value), 4))

    if low is not None and high is not None:
        return f"{show(low)}-{show(high)}"
    if high is not None:
        return f"<{show(high)}"
    if low is not None:
        return f">{show(low)}"
    return ""


def build_draw(entry: ResultEntry, profile: Profile, now: datetime) -> Draw:
    """Validate every field; return the Draw to store (with a calculated ANC when possible)."""
    errors: dict[str, str] = {}
    try:
        check_year(entry.taken_at, entry.taken_at.date().isoformat())
        check_not_future(entry.taken_at, now, "blood test date")
        check_after_birth(entry.taken_at, profile.birth_date, "blood test date")
    except InputError as exc:
        errors["taken_at"] = str(exc)
    quantities: dict[str, Quantity] = {}
    for key, text in entry.values.items():
        if not text or not text.strip():
            continue
        try:
            quantities[key] = parse_value(key, text)
        except InputError as exc:
            errors[key] = str(exc)
    results: list[Result] = []
    for key, q in quantities.items():
        low = high = None
        if entry.ranges.get(key):
            try:
                low, high = parse_range(key, entry.ranges[key], q)
            except InputError as exc:
                errors[f"{key}.range"] = str(exc)
        results.append(Result(key, q.canonical, format_quantity(q), q.comparator, low, high))
    for key in entry.ranges:
        if key not in entry.values or not entry.values[key].strip():
            try:
                analyte(key)
                errors[f"{key}.range"] = (
                    f"A range was given for {ANALYTES[key].short} but no value; type the value too."
                )
            except InputError as exc:
                errors[f"{key}.range"] = str(exc)
    total = differential_total({k: q.canonical for k, q in quantities.items()})
    if total > DIFFERENTIAL_MAX_TOTAL:
        errors["differential"] = (
            f"The differential percentages add up to {format_number(total)} %, more than "
            f"{format_number(DIFFERENTIAL_MAX_TOTAL)} %; check each percentage."
        )
    if not quantities and not errors:
        errors["values"] = "Type at least one result, for example a WBC of 3.1 K/uL."
    if errors:
        raise EntryError(errors)
    calc = calculated_anc_result(results)
    if calc is not None:
        results.append(calc)
    return Draw(entry.taken_at, tuple(results), entry.lab.strip(), entry.source)


def merge_into(existing: Draw, new: Draw) -> Draw:
    """Add `new`'s results to a draw already stored at the same moment; refuse overlaps."""
    have = {r.analyte: r for r in existing.results if not r.calculated}
    for r in new.results:
        if r.calculated:
            continue
        if r.analyte in have:
            old = have[r.analyte]
            raise InputError(
                f"There is already a {ANALYTES[r.analyte].short} result at "
                f"{existing.taken_at:%Y-%m-%d %H:%M} ({old.entered}); edit that one instead, "
                "or give this result its own time."
            )
    results = [*have.values(), *(r for r in new.results if not r.calculated)]
    calc = calculated_anc_result(results)
    if calc is not None:
        results.append(calc)
    return replace(existing, results=tuple(results), lab=existing.lab or new.lab)


def record_results(db: Database, entry: ResultEntry, now: datetime | None = None) -> Draw:
    """Validate and store a visit's results in one transaction."""
    now = now or datetime.now()
    with db.transaction() as repo:
        draw = build_draw(entry, repo.profile(), now)
        existing = repo.draw_at(draw.taken_at)
        if existing is None:
            return repo.add_draw(draw)
        merged = merge_into(existing, draw)
        assert existing.id is not None
        return repo.replace_draw(existing.id, merged)


def update_draw(
    db: Database, draw_id: int, entry: ResultEntry, now: datetime | None = None
) -> Draw:
    """Replace a stored draw with a corrected one (an edit)."""
    now = now or datetime.now()
    with db.transaction() as repo:
        draw = build_draw(entry, repo.profile(), now)
        clash = repo.draw_at(draw.taken_at)
        if clash is not None and clash.id != draw_id:
            raise InputError(
                f"Another blood test is already stored at {draw.taken_at:%Y-%m-%d %H:%M}; "
                "choose another time."
            )
        return repo.replace_draw(draw_id, draw)


def entry_from_draw(draw: Draw) -> ResultEntry:
    """The typed form of a stored draw (for editing): values as entered, lab ranges in that unit."""
    values: dict[str, str] = {}
    ranges: dict[str, str] = {}
    for r in draw.results:
        if r.calculated:
            continue
        values[r.analyte] = r.entered
        if r.has_lab_range:
            unit = parse_quantity(r.entered, ANALYTES[r.analyte].dimension).unit
            ranges[r.analyte] = range_text(r.ref_low, r.ref_high, unit)
    return ResultEntry(draw.taken_at, values, draw.lab, ranges, draw.source)


def is_count(key: str) -> bool:
    return ANALYTES[key].dimension is Dimension.COUNT
