"""Small builders for the flag tests: draws, temperatures, medicines and the codes they raise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from leukotrack.domain.flags import Flag, evaluate
from leukotrack.domain.records import (
    Draw,
    Medication,
    MedicationKind,
    Profile,
    ReferenceProfile,
    Result,
    Sex,
    TemperatureReading,
    Thresholds,
)

DAY0 = datetime(2026, 1, 5, 9, 0)


def at(days: float = 0, hours: float = 0) -> datetime:
    return DAY0 + timedelta(days=days, hours=hours)


def result(analyte: str, value: float | str, ref: tuple[float, float] | None = None) -> Result:
    comparator = None
    if isinstance(value, str):
        comparator = value.rstrip("0123456789.")
        value = float(value[len(comparator) :])
    low, high = ref if ref else (None, None)
    return Result(analyte, float(value), f"{comparator or ''}{value}", comparator, low, high)


def draw(
    when: datetime, ranges: dict[str, tuple[float, float]] | None = None, **values: float | str
) -> Draw:
    ranges = ranges or {}
    return Draw(when, tuple(result(k, v, ranges.get(k)) for k, v in values.items()))


def temp(when: datetime, celsius: float) -> TemperatureReading:
    return TemperatureReading(when, celsius, f"{celsius} °C")


def med(name: str, start: date, stop: date | None = None, kind: str = "other") -> Medication:
    return Medication(name, start, stop, kind=MedicationKind(kind))


def profile(
    reference: str = "adult",
    sex: Sex | None = None,
    birth: date | None = None,
    **thresholds: object,
) -> Profile:
    return Profile(
        "Test",
        sex,
        birth,
        ReferenceProfile(reference),
        Thresholds(**thresholds),  # type: ignore[arg-type]
    )


def flags(
    draws: Sequence[Draw] = (),
    temps: Sequence[TemperatureReading] = (),
    meds: Sequence[Medication] = (),
    as_of: datetime | None = None,
    prof: Profile | None = None,
) -> list[Flag]:
    moments = [d.taken_at for d in draws] + [t.taken_at for t in temps] + [DAY0]
    return evaluate(prof or profile(), draws, temps, meds, as_of or max(moments))


def codes(*args: object, **kwargs: object) -> set[str]:
    return {f.code for f in flags(*args, **kwargs)}  # type: ignore[arg-type]
