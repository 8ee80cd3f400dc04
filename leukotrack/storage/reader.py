"""Reading the records with the standard library's sqlite3 alone.

The window's first paint reads everything through this module, so that SQLAlchemy (about 0.2 s
to import, 2.5 times a bare Qt window) loads only when something is written. The repository's
own read methods call the same functions on its session's connection, so there is one mapping
from rows to domain objects, not two. The SQL here reads the tables that
`storage/models.py` defines; the migration test keeps the two in step.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any

from leukotrack.domain.care import CareContact, Visit
from leukotrack.domain.records import (
    CountUnit,
    Cycle,
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    MedicationKind,
    Profile,
    ReferenceProfile,
    Result,
    Sex,
    TemperatureReading,
    Thresholds,
    Treatment,
)

_THRESHOLD_FIELDS = {f.name for f in fields(Thresholds)}


def thresholds_from_json(text: str) -> Thresholds:
    data = json.loads(text or "{}")
    return Thresholds(**{k: v for k, v in data.items() if k in _THRESHOLD_FIELDS})


def thresholds_to_json(t: Thresholds) -> str:
    default = asdict(Thresholds())
    return json.dumps({k: v for k, v in asdict(t).items() if v != default[k]}, sort_keys=True)


def _moment(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


class Reader:
    """Read-only queries over a DB-API connection to a LeukoTrack database."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.con = connection

    def profile(self) -> Profile:
        row = self.con.execute(
            "SELECT name, sex, birth_date, reference, thresholds_json, count_unit, questions, "
            "allergies FROM profile WHERE id = 1"
        ).fetchone()
        team = self.care_team()
        if row is None:
            return Profile(care_team=team)
        name, sex, birth, reference, thresholds, count_unit, questions, allergies = row
        return Profile(
            name=name,
            sex=Sex(sex) if sex else None,
            birth_date=_day(birth),
            reference=ReferenceProfile(reference),
            thresholds=thresholds_from_json(thresholds),
            count_unit=CountUnit(count_unit),
            questions=questions,
            allergies=allergies,
            care_team=team,
        )

    def care_team(self) -> tuple[CareContact, ...]:
        rows = self.con.execute(
            "SELECT name, role, phone, around_the_clock FROM care_contact ORDER BY position, id"
        )
        return tuple(CareContact(n, r, p, bool(a)) for n, r, p, a in rows)

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.con.execute("SELECT value_json FROM setting WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def settings(self) -> dict[str, Any]:
        rows = self.con.execute("SELECT key, value_json FROM setting ORDER BY key")
        return {key: json.loads(value) for key, value in rows}

    def draws(
        self, start: datetime | None = None, end: datetime | None = None, draw_id: int | None = None
    ) -> list[Draw]:
        """Every draw in time order (or those from `start` to `end`, or the one with `draw_id`),
        with its results, from one joined query."""
        sql = (
            "SELECT d.id, d.taken_at, d.lab, d.source, r.id, r.analyte, r.value, r.value_entered,"
            " r.unit_entered, r.comparator, r.ref_low, r.ref_high, r.calculated"
            " FROM draw d LEFT JOIN result r ON r.draw_id = d.id"
        )
        where: list[str] = []
        params: list[object] = []
        if start is not None:
            where.append("d.taken_at >= ?")
            params.append(start.isoformat(sep=" ", timespec="microseconds"))
        if end is not None:
            where.append("d.taken_at <= ?")
            params.append(end.isoformat(sep=" ", timespec="microseconds"))
        if draw_id is not None:
            where.append("d.id = ?")
            params.append(draw_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.taken_at, d.id, r.id"
        out: list[Draw] = []
        current: tuple[int, datetime, str, str] | None = None
        results: list[Result] = []
        for row in self.con.execute(sql, params):
            if current is None or current[0] != row[0]:
                if current is not None:
                    out.append(Draw(current[1], tuple(results), current[2], current[3], current[0]))
                current, results = (row[0], _moment(row[1]), row[2], row[3]), []
            if row[4] is not None:
                entered = f"{row[7]} {row[8]}".strip()
                results.append(
                    Result(row[5], row[6], entered, row[9], row[10], row[11], bool(row[12]), row[4])
                )
        if current is not None:
            out.append(Draw(current[1], tuple(results), current[2], current[3], current[0]))
        return out

    def temperatures(self) -> list[TemperatureReading]:
        rows = self.con.execute(
            "SELECT taken_at, celsius, entered, id FROM temperature ORDER BY taken_at, id"
        )
        return [TemperatureReading(_moment(t), c, e, i) for t, c, e, i in rows]

    def fatigue(self) -> list[FatigueEntry]:
        rows = self.con.execute("SELECT day, score, note, id FROM fatigue ORDER BY day")
        return [FatigueEntry(_day(d), s, n, i) for d, s, n, i in rows]  # type: ignore[arg-type]

    def infections(self) -> list[Infection]:
        rows = self.con.execute(
            'SELECT start, kind, "end", treatment, max_temp_c, id FROM infection ORDER BY start, id'
        )
        return [
            Infection(_day(s), k, _day(e), Treatment(t), m, i)  # type: ignore[arg-type]
            for s, k, e, t, m, i in rows
        ]

    def medications(self) -> list[Medication]:
        rows = self.con.execute(
            "SELECT name, start, stop, dose, kind, id FROM medication ORDER BY start, id"
        )
        return [
            Medication(n, _day(s), _day(e), d, MedicationKind(k), i)  # type: ignore[arg-type]
            for n, s, e, d, k, i in rows
        ]

    def visits(self) -> list[Visit]:
        rows = self.con.execute(
            "SELECT at, with_whom, note, questions, id FROM visit ORDER BY at, id"
        )
        return [Visit(_moment(a), w, n, q, i) for a, w, n, q, i in rows]

    def cycles(self) -> list[Cycle]:
        rows = self.con.execute(
            "SELECT start, regimen, length_days, note, id FROM cycle ORDER BY start, id"
        )
        return [Cycle(_day(s), r, n, t, i) for s, r, n, t, i in rows]  # type: ignore[arg-type]
