"""Between visits: temperatures, fatigue, infections and medicines, validated and stored."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from leukotrack.domain.analytes import Dimension
from leukotrack.domain.dates import check_after_birth, check_not_future, check_year
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import (
    FatigueEntry,
    Infection,
    Medication,
    MedicationKind,
    TemperatureReading,
    Treatment,
)
from leukotrack.domain.units import check_plausible_temperature, format_quantity, parse_quantity
from leukotrack.storage.db import Database

if TYPE_CHECKING:  # SQLAlchemy loads with the first write, not with this module
    from leukotrack.storage.repository import Repository


def parse_temperature(text: str) -> tuple[float, str]:
    """ "38.4 C" / "101.5 F" / "38,4" -> (°C, text as entered)."""
    q = parse_quantity(text, Dimension.TEMPERATURE)
    if q.comparator:
        raise InputError(f"A temperature is a plain reading; drop the '{q.comparator}'.")
    return check_plausible_temperature(q), format_quantity(q)


def _check_moment(repo: Repository, moment: datetime | date, what: str, now: datetime) -> None:
    check_year(moment, moment.isoformat())
    check_not_future(moment, now, what)
    check_after_birth(moment, repo.profile().birth_date, what)


def temperature_reading(
    repo: Repository, at: datetime, text: str, now: datetime
) -> TemperatureReading:
    _check_moment(repo, at, "temperature time", now)
    celsius, entered = parse_temperature(text)
    return TemperatureReading(at, round(celsius, 3), entered)


def add_temperature(
    db: Database, at: datetime, text: str, now: datetime | None = None
) -> TemperatureReading:
    with db.transaction() as repo:
        return repo.add_temperature(temperature_reading(repo, at, text, now or datetime.now()))


def fatigue_entry(
    repo: Repository, day: date, score: int, note: str, now: datetime
) -> FatigueEntry:
    _check_moment(repo, day, "fatigue date", now)
    if not 0 <= score <= 10:
        raise InputError(
            f"A fatigue score goes from 0 (none) to 10 (worst); {score} is outside that."
        )
    return FatigueEntry(day, score, note.strip())


def add_fatigue(
    db: Database, day: date, score: int, note: str = "", now: datetime | None = None
) -> FatigueEntry:
    with db.transaction() as repo:
        entry = fatigue_entry(repo, day, score, note, now or datetime.now())
        if repo.fatigue_on(day) is not None:
            raise InputError(
                f"There is already a fatigue score for {day.isoformat()}; edit that one instead."
            )
        return repo.add_fatigue(entry)


def infection_episode(
    repo: Repository,
    start: date,
    end: date | None,
    kind: str,
    treatment: str,
    max_temp: str | None,
    now: datetime,
) -> Infection:
    _check_moment(repo, start, "infection start date", now)
    if end is not None:
        _check_moment(repo, end, "infection end date", now)
        if end < start:
            raise InputError(
                f"The infection ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
                "check the dates."
            )
    if not kind.strip():
        raise InputError("Say what kind of infection it was, for example 'chest infection'.")
    try:
        treat = Treatment(treatment.strip().lower())
    except ValueError:
        raise InputError(
            f"'{treatment}' is not a treatment LeukoTrack knows; use one of: "
            + ", ".join(t.value for t in Treatment)
            + "."
        ) from None
    celsius = parse_temperature(max_temp)[0] if max_temp else None
    return Infection(
        start, kind.strip(), end, treat, None if celsius is None else round(celsius, 3)
    )


def add_infection(
    db: Database,
    start: date,
    kind: str,
    end: date | None = None,
    treatment: str = "none",
    max_temp: str | None = None,
    now: datetime | None = None,
) -> Infection:
    with db.transaction() as repo:
        episode = infection_episode(
            repo, start, end, kind, treatment, max_temp, now or datetime.now()
        )
        return repo.add_infection(episode)


def medication_record(
    repo: Repository,
    name: str,
    start: date,
    stop: date | None,
    dose: str,
    kind: str,
    now: datetime,
) -> Medication:
    if not name.strip():
        raise InputError("Type the medicine's name, for example 'clozapine'.")
    _check_moment(repo, start, "medicine start date", now)
    if stop is not None and stop < start:
        raise InputError(
            f"The medicine stops ({stop.isoformat()}) before it starts ({start.isoformat()}); "
            "check the dates."
        )
    try:
        k = MedicationKind(kind.strip().lower())
    except ValueError:
        raise InputError(
            f"'{kind}' is not a kind LeukoTrack knows; use chemotherapy, immunosuppressant, "
            "growth-factor or other."
        ) from None
    return Medication(name.strip(), start, stop, dose.strip(), k)


def add_medication(
    db: Database,
    name: str,
    start: date,
    stop: date | None = None,
    dose: str = "",
    kind: str = "other",
    now: datetime | None = None,
) -> Medication:
    with db.transaction() as repo:
        return repo.add_medication(
            medication_record(repo, name, start, stop, dose, kind, now or datetime.now())
        )
