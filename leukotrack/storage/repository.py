"""The only module that issues queries. It speaks domain objects in and out."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from leukotrack.domain.records import (
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    MedicationKind,
    Profile,
    Result,
    TemperatureReading,
    Treatment,
)
from leukotrack.storage.models import (
    Base,
    DrawRow,
    FatigueRow,
    InfectionRow,
    MedicationRow,
    ProfileRow,
    ResultRow,
    SettingRow,
    TemperatureRow,
)
from leukotrack.storage.reader import Reader, thresholds_to_json
from leukotrack.storage.report_files import ReportFiles


def split_entered(entered: str) -> tuple[str, str]:
    """'3.1 K/µL' -> ('3.1', 'K/µL'); the text as typed is kept in two columns."""
    value, _, unit = entered.strip().partition(" ")
    return value, unit.strip()


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _stored(self, draw_id: int) -> Draw:
        draw = self.draw(draw_id)
        assert draw is not None  # just written in this transaction
        return draw

    def _reader(self) -> Reader:
        """Plain-SQL reads on this session's own connection (so they see its pending writes)."""
        self.session.flush()
        connection = self.session.connection().connection.driver_connection
        assert connection is not None
        return Reader(connection)

    # -- profile and settings -------------------------------------------------------------
    def profile(self) -> Profile:
        return self._reader().profile()

    def save_profile(self, p: Profile) -> None:
        row = self.session.get(ProfileRow, 1) or ProfileRow(id=1)
        row.name = p.name
        row.sex = p.sex.value if p.sex else None
        row.birth_date = p.birth_date
        row.reference = p.reference.value
        row.count_unit = p.count_unit.value
        row.thresholds_json = thresholds_to_json(p.thresholds)
        row.questions = p.questions
        self.session.add(row)

    def setting(self, key: str, default: Any = None) -> Any:
        return self._reader().setting(key, default)

    def settings(self) -> dict[str, Any]:
        return self._reader().settings()

    def set_setting(self, key: str, value: Any) -> None:
        row = self.session.get(SettingRow, key) or SettingRow(key=key)
        row.value_json = json.dumps(value, sort_keys=True)
        self.session.add(row)

    # -- draws and results ----------------------------------------------------------------
    def draw_at(self, taken_at: datetime) -> Draw | None:
        found = self._reader().draws(taken_at, taken_at)
        return found[0] if found else None

    def draw(self, draw_id: int) -> Draw | None:
        found = self._reader().draws(draw_id=draw_id)
        return found[0] if found else None

    def add_draw(self, draw: Draw, source_file: str | None = None) -> Draw:
        row = DrawRow(
            taken_at=draw.taken_at,
            lab=draw.lab,
            source=draw.source,
            source_file=source_file,
            created_at=datetime.now().replace(microsecond=0),
        )
        row.results = [_result_row(r) for r in draw.results]
        self.session.add(row)
        self.session.flush()
        return self._stored(row.id)

    def replace_draw(self, draw_id: int, draw: Draw) -> Draw:
        """Overwrite a draw's time, lab and results (an edit)."""
        row = self.session.get(DrawRow, draw_id)
        if row is None:
            raise KeyError(draw_id)
        row.taken_at = draw.taken_at
        row.lab = draw.lab
        row.results.clear()
        self.session.flush()
        row.results.extend(_result_row(r) for r in draw.results)
        self.session.flush()
        return self._stored(row.id)

    def delete_results(self, result_ids: list[int]) -> None:
        if result_ids:
            self.session.execute(delete(ResultRow).where(ResultRow.id.in_(result_ids)))

    def delete_draw(self, draw_id: int) -> None:
        self.session.execute(delete(DrawRow).where(DrawRow.id == draw_id))

    def draws(self, start: datetime | None = None, end: datetime | None = None) -> list[Draw]:
        """Every draw in time order (see storage/reader.py: one joined query)."""
        return self._reader().draws(start, end)

    # -- bulk import ------------------------------------------------------------------------
    def stored_results(
        self, start: datetime, end: datetime
    ) -> dict[datetime, tuple[int, dict[str, Result]]]:
        """Draws between `start` and `end` (inclusive): time -> (draw id, analyte -> result)."""
        return {
            d.taken_at: (d.id, {r.analyte: r for r in d.results})
            for d in self._reader().draws(start, end)
            if d.id is not None
        }

    def bulk_add_draws(
        self, draws: list[Draw], source_file: str | None = None
    ) -> dict[datetime, int]:
        """Insert draws (without their results) in one executemany; returns time -> new id."""
        if not draws:
            return {}
        before = self.session.execute(select(func.max(DrawRow.id))).scalar_one() or 0
        created = datetime.now().replace(microsecond=0)
        self.session.connection().execute(
            insert(_table(DrawRow)),
            [
                {
                    "taken_at": d.taken_at,
                    "lab": d.lab,
                    "source": d.source,
                    "source_file": source_file,
                    "created_at": created,
                }
                for d in draws
            ],
        )
        rows = self.session.execute(select(DrawRow.taken_at, DrawRow.id).where(DrawRow.id > before))
        return {taken_at: draw_id for taken_at, draw_id in rows}

    def bulk_add_results(self, results: list[tuple[int, Result]]) -> None:
        """Insert (draw id, result) pairs in one executemany, in the order given."""
        if not results:
            return
        rows = []
        for draw_id, r in results:
            value_entered, unit_entered = split_entered(r.entered)
            rows.append(
                {
                    "draw_id": draw_id,
                    "analyte": r.analyte,
                    "value": r.value,
                    "value_entered": value_entered,
                    "unit_entered": unit_entered,
                    "comparator": r.comparator,
                    "ref_low": r.ref_low,
                    "ref_high": r.ref_high,
                    "calculated": r.calculated,
                }
            )
        self.session.connection().execute(insert(_table(ResultRow)), rows)

    def bulk_add_temperatures(self, readings: list[TemperatureReading], source: str) -> None:
        if readings:
            self.session.connection().execute(
                insert(_table(TemperatureRow)),
                [
                    {
                        "taken_at": t.taken_at,
                        "celsius": t.celsius,
                        "entered": t.entered,
                        "source": source,
                    }
                    for t in readings
                ],
            )

    def bulk_add_medications(self, medications: list[Medication], source: str) -> None:
        if medications:
            self.session.connection().execute(
                insert(_table(MedicationRow)),
                [
                    {
                        "name": m.name,
                        "start": m.start,
                        "stop": m.stop,
                        "dose": m.dose,
                        "kind": m.kind.value,
                        "source": source,
                    }
                    for m in medications
                ],
            )

    # -- diary ----------------------------------------------------------------------------
    def add_temperature(self, t: TemperatureReading, source: str = "manual") -> TemperatureReading:
        row = TemperatureRow(
            taken_at=t.taken_at, celsius=t.celsius, entered=t.entered, source=source
        )
        self.session.add(row)
        self.session.flush()
        return TemperatureReading(row.taken_at, row.celsius, row.entered, row.id)

    def temperatures(self) -> list[TemperatureReading]:
        return self._reader().temperatures()

    def update_temperature(self, t: TemperatureReading) -> None:
        row = self._get(TemperatureRow, t.id)
        row.taken_at, row.celsius, row.entered = t.taken_at, t.celsius, t.entered

    def delete_temperature(self, temperature_id: int) -> None:
        self.session.execute(delete(TemperatureRow).where(TemperatureRow.id == temperature_id))

    def fatigue_on(self, day: date) -> FatigueEntry | None:
        row = self.session.scalars(select(FatigueRow).where(FatigueRow.day == day)).first()
        return None if row is None else FatigueEntry(row.day, row.score, row.note, row.id)

    def add_fatigue(self, f: FatigueEntry) -> FatigueEntry:
        row = FatigueRow(day=f.day, score=f.score, note=f.note)
        self.session.add(row)
        self.session.flush()
        return FatigueEntry(row.day, row.score, row.note, row.id)

    def fatigue(self) -> list[FatigueEntry]:
        return self._reader().fatigue()

    def update_fatigue(self, f: FatigueEntry) -> None:
        row = self._get(FatigueRow, f.id)
        row.day, row.score, row.note = f.day, f.score, f.note

    def delete_fatigue(self, fatigue_id: int) -> None:
        self.session.execute(delete(FatigueRow).where(FatigueRow.id == fatigue_id))

    def add_infection(self, i: Infection) -> Infection:
        row = InfectionRow(
            start=i.start,
            end=i.end,
            kind=i.kind,
            treatment=i.treatment.value,
            max_temp_c=i.max_temp_c,
        )
        self.session.add(row)
        self.session.flush()
        return _infection(row)

    def infections(self) -> list[Infection]:
        return self._reader().infections()

    def update_infection(self, i: Infection) -> None:
        row = self._get(InfectionRow, i.id)
        row.start, row.end, row.kind = i.start, i.end, i.kind
        row.treatment, row.max_temp_c = i.treatment.value, i.max_temp_c

    def delete_infection(self, infection_id: int) -> None:
        self.session.execute(delete(InfectionRow).where(InfectionRow.id == infection_id))

    def add_medication(self, m: Medication, source: str = "manual") -> Medication:
        row = MedicationRow(
            name=m.name, start=m.start, stop=m.stop, dose=m.dose, kind=m.kind.value, source=source
        )
        self.session.add(row)
        self.session.flush()
        return _medication(row)

    def medications(self) -> list[Medication]:
        return self._reader().medications()

    def update_medication(self, m: Medication) -> None:
        row = self._get(MedicationRow, m.id)
        row.name, row.start, row.stop = m.name, m.start, m.stop
        row.dose, row.kind = m.dose, m.kind.value

    def delete_medication(self, medication_id: int) -> None:
        self.session.execute(delete(MedicationRow).where(MedicationRow.id == medication_id))

    @property
    def report_files(self) -> ReportFiles:
        """Imported lab reports and where each result was read (storage/report_files.py)."""
        return ReportFiles(self.session)

    # -- bookkeeping ----------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table: what tests assert to prove a failed command stored nothing."""
        out: dict[str, int] = {}
        for table in Base.metadata.sorted_tables:
            out[table.name] = int(
                self.session.execute(select(func.count()).select_from(table)).scalar_one()
            )
        return out

    def is_empty(self) -> bool:
        c = self.counts()
        return all(v == 0 for k, v in c.items() if k not in ("setting",))

    def _get(self, model: type[Any], row_id: int | None) -> Any:
        row = self.session.get(model, row_id) if row_id is not None else None
        if row is None:
            raise KeyError(f"{model.__tablename__} {row_id} no longer exists")
        return row


def _table(model: type[Base]) -> Table:
    """The Core table of an ORM class (bulk inserts skip the ORM unit of work)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _result_row(r: Result) -> ResultRow:
    value_entered, unit_entered = split_entered(r.entered)
    return ResultRow(
        analyte=r.analyte,
        value=r.value,
        value_entered=value_entered,
        unit_entered=unit_entered,
        comparator=r.comparator,
        ref_low=r.ref_low,
        ref_high=r.ref_high,
        calculated=r.calculated,
    )


def _infection(row: InfectionRow) -> Infection:
    return Infection(row.start, row.kind, row.end, Treatment(row.treatment), row.max_temp_c, row.id)


def _medication(row: MedicationRow) -> Medication:
    return Medication(row.name, row.start, row.stop, row.dose, MedicationKind(row.kind), row.id)
