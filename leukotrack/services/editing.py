"""Editing and deleting what is stored, in a form an undo stack can replay.

Every change is one transaction. `delete_record` and `restore_record` are inverses: a deleted
record comes back with the same content (under a new id), so undoing a delete loses nothing.
`put_record` overwrites a stored record with another version of it (an edit, or its undo).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from leukotrack.domain.care import Visit
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import (
    Cycle,
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    TemperatureReading,
)
from leukotrack.services.diary import (
    fatigue_entry,
    infection_episode,
    medication_record,
    temperature_reading,
)
from leukotrack.services.visits import release_questions
from leukotrack.storage.db import Database

if TYPE_CHECKING:  # SQLAlchemy loads with the first write, not with this module
    from leukotrack.storage.repository import Repository

Record = Draw | TemperatureReading | FatigueEntry | Infection | Medication | Cycle | Visit
T = TypeVar("T")
R = TypeVar("R", Draw, TemperatureReading, FatigueEntry, Infection, Medication, Cycle, Visit)


def _gone(what: str) -> InputError:
    return InputError(f"This {what} is no longer stored (deleted elsewhere); nothing was changed.")


def _require_id(record: Record) -> int:
    if record.id is None:
        raise ValueError(f"{type(record).__name__} has no id; it was never stored")
    return record.id


def find_draw_at(db: Database, taken_at: datetime) -> Draw | None:
    """The draw stored at exactly this moment (a new entry there merges into it)."""
    with db.reading() as repo:
        return repo.draw_at(taken_at)


def delete_record(db: Database, record: Record) -> None:
    """Delete the stored row behind `record`."""
    record_id = _require_id(record)
    with db.transaction() as repo:
        if isinstance(record, Draw):
            repo.delete_draw(record_id)
        elif isinstance(record, TemperatureReading):
            repo.delete_temperature(record_id)
        elif isinstance(record, FatigueEntry):
            repo.delete_fatigue(record_id)
        elif isinstance(record, Infection):
            repo.delete_infection(record_id)
        elif isinstance(record, Visit):
            release_questions(repo, record, datetime.now())
            repo.delete_visit(record_id)
        elif isinstance(record, Cycle):
            repo.delete_cycle(record_id)
        else:
            repo.delete_medication(record_id)


def restore_record(db: Database, record: Record) -> Record:
    """Store `record` again (after a delete, or to undo an add's undo); returns it with its new id."""
    with db.transaction() as repo:
        if isinstance(record, Draw):
            return repo.add_draw(record)
        if isinstance(record, TemperatureReading):
            return repo.add_temperature(record)
        if isinstance(record, FatigueEntry):
            return repo.add_fatigue(record)
        if isinstance(record, Infection):
            return repo.add_infection(record)
        if isinstance(record, Visit):
            return repo.add_visit(record)
        if isinstance(record, Cycle):
            return repo.add_cycle(record)
        return repo.add_medication(record)


def put_record(db: Database, record: Record) -> Record:
    """Overwrite the stored row with `record`'s id by `record`'s content."""
    record_id = _require_id(record)
    with db.transaction() as repo:
        try:
            if isinstance(record, Draw):
                return repo.replace_draw(record_id, record)
            if isinstance(record, TemperatureReading):
                repo.update_temperature(record)
            elif isinstance(record, FatigueEntry):
                repo.update_fatigue(record)
            elif isinstance(record, Infection):
                repo.update_infection(record)
            elif isinstance(record, Visit):
                repo.update_visit(record)
            elif isinstance(record, Cycle):
                repo.update_cycle(record)
            else:
                repo.update_medication(record)
        except KeyError:
            raise _gone(type(record).__name__.lower()) from None
    return record


def _stored(found: T | None, what: str) -> T:
    if found is None:
        raise _gone(what)
    return found


def _by_id(items: list[R], record_id: int) -> R | None:
    return next((r for r in items if r.id == record_id), None)


def edit_temperature(
    db: Database, record_id: int, at: datetime, text: str, now: datetime | None = None
) -> tuple[TemperatureReading, TemperatureReading]:
    """Validate and store a corrected reading; returns (before, after)."""
    with db.transaction() as repo:
        before = _stored(_by_id(repo.temperatures(), record_id), "temperature reading")
        reading = temperature_reading(repo, at, text, now or datetime.now())
        after = TemperatureReading(reading.taken_at, reading.celsius, reading.entered, record_id)
        repo.update_temperature(after)
        return before, after


def check_fatigue_day(repo: Repository, day: date, record_id: int | None) -> None:
    other = repo.fatigue_on(day)
    if other is not None and other.id != record_id:
        raise InputError(
            f"There is already a fatigue score for {day.isoformat()}; edit that one instead."
        )


def edit_fatigue(
    db: Database,
    record_id: int,
    day: date,
    score: int,
    note: str = "",
    now: datetime | None = None,
) -> tuple[FatigueEntry, FatigueEntry]:
    with db.transaction() as repo:
        before = _stored(_by_id(repo.fatigue(), record_id), "fatigue score")
        entry = fatigue_entry(repo, day, score, note, now or datetime.now())
        check_fatigue_day(repo, day, record_id)
        after = FatigueEntry(entry.day, entry.score, entry.note, record_id)
        repo.update_fatigue(after)
        return before, after


def edit_infection(
    db: Database,
    record_id: int,
    start: date,
    kind: str,
    end: date | None = None,
    treatment: str = "none",
    max_temp: str | None = None,
    now: datetime | None = None,
) -> tuple[Infection, Infection]:
    with db.transaction() as repo:
        before = _stored(_by_id(repo.infections(), record_id), "infection")
        ep = infection_episode(repo, start, end, kind, treatment, max_temp, now or datetime.now())
        after = Infection(ep.start, ep.kind, ep.end, ep.treatment, ep.max_temp_c, record_id)
        repo.update_infection(after)
        return before, after


def edit_medication(
    db: Database,
    record_id: int,
    name: str,
    start: date,
    stop: date | None = None,
    dose: str = "",
    kind: str = "other",
    now: datetime | None = None,
) -> tuple[Medication, Medication]:
    with db.transaction() as repo:
        before = _stored(_by_id(repo.medications(), record_id), "medicine")
        m = medication_record(repo, name, start, stop, dose, kind, now or datetime.now())
        after = Medication(m.name, m.start, m.stop, m.dose, m.kind, record_id)
        repo.update_medication(after)
        return before, after


def check_temperature(db: Database, at: datetime, text: str) -> TemperatureReading:
    """Validate a reading without storing it (for checking as the person types)."""
    with db.reading() as repo:
        return temperature_reading(repo, at, text, datetime.now())


def check_fatigue(
    db: Database, day: date, score: int, note: str, record_id: int | None = None
) -> FatigueEntry:
    with db.reading() as repo:
        entry = fatigue_entry(repo, day, score, note, datetime.now())
        check_fatigue_day(repo, day, record_id)
        return entry


def check_infection(
    db: Database,
    start: date,
    kind: str,
    end: date | None,
    treatment: str,
    max_temp: str | None,
) -> Infection:
    with db.reading() as repo:
        return infection_episode(repo, start, end, kind, treatment, max_temp, datetime.now())


def check_medication(
    db: Database, name: str, start: date, stop: date | None, dose: str, kind: str
) -> Medication:
    with db.reading() as repo:
        return medication_record(repo, name, start, stop, dose, kind, datetime.now())
