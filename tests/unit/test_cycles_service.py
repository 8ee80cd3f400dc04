"""Recording cycles (bad input stores nothing), the cycles JSON, backup and FHIR round trips."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from leukotrack.domain.errors import InputError
from leukotrack.services.cycles import add_cycle, cycle_view_of, edit_cycle, summary_json
from leukotrack.services.diary import add_medication
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.exporting import export_records
from leukotrack.services.importing import import_files
from leukotrack.services.store import open_records

NOW = datetime(2026, 6, 1, 12, 0)


def test_cycles_are_stored_in_date_order(db) -> None:
    add_cycle(db, date(2026, 3, 1), "FOLFOX", "14", "", NOW)
    add_cycle(db, date(2026, 2, 15), "FOLFOX", 14, "first", NOW)
    with db.reading() as repo:
        assert [(c.start, c.note) for c in repo.cycles()] == [
            (date(2026, 2, 15), "first"),
            (date(2026, 3, 1), ""),
        ]


@pytest.mark.parametrize(
    ("start", "length", "message"),
    [
        (
            date(2026, 3, 1),
            None,
            "Cycle 1 (FOLFOX, started 2026-03-01) already starts on 2026-03-01",
        ),
        (date(2026, 4, 1), "0", "1 to 120 days; 0 is outside"),
        (date(2026, 4, 1), "121", "1 to 120 days; 121 is outside"),
        (date(2026, 4, 1), "two weeks", "not a whole number of days"),
        (date(2026, 6, 2), None, "in the future"),
    ],
)
def test_bad_cycles_are_refused_and_store_nothing(
    db, start: date, length: str | None, message: str
) -> None:
    add_cycle(db, date(2026, 3, 1), "FOLFOX", 14, "", NOW)
    with db.reading() as repo:
        before = repo.counts()
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        add_cycle(db, start, "AC", length, "", NOW)
    with db.reading() as repo:
        assert repo.counts() == before


def test_editing_a_cycle_to_its_own_date_is_allowed_but_not_onto_another(db) -> None:
    a = add_cycle(db, date(2026, 3, 1), "FOLFOX", 14, "", NOW)
    add_cycle(db, date(2026, 3, 15), "FOLFOX", 14, "", NOW)
    assert a.id is not None
    before, after = edit_cycle(db, a.id, date(2026, 3, 1), "FOLFOX", 21, "late", NOW)
    assert (before.length_days, after.length_days, after.note) == (14, 21, "late")
    with pytest.raises(InputError, match="Cycle 2"):
        edit_cycle(db, a.id, date(2026, 3, 15), "FOLFOX", 14, "", NOW)


def _course(db) -> None:
    add_cycle(db, date(2026, 3, 2), "FOLFOX", 14, "", NOW)
    add_cycle(db, date(2026, 3, 16), "FOLFOX", 14, "", NOW)
    for day, anc in [(2, 2.4), (11, 0.8), (13, 1.1), (16, 1.6)]:
        record_results(db, ResultEntry(datetime(2026, 3, day, 9), {"anc": str(anc)}), NOW)
    for day, anc in [(25, 0.4), (29, 1.5)]:
        record_results(db, ResultEntry(datetime(2026, 3, day, 9), {"anc": str(anc)}), NOW)
    add_medication(db, "Neulasta", date(2026, 3, 17), None, "6 mg", "other", NOW)


def test_cycles_json_follows_clinical_md(db) -> None:
    _course(db)
    first, second = (summary_json(s) for s in cycle_view_of(db).summaries)
    assert first == {
        "number": 1,
        "start": "2026-03-02",
        "end": "2026-03-15",
        "regimen": "FOLFOX",
        "length_days": 14,
        "analyte": "anc",
        "results": 3,
        "nadir": {"value": 0.8, "taken_at": "2026-03-11T09:00", "day": 10},
        "days_below": {"1.5": 3, "1.0": 1, "0.5": 0},  # 11 and 13 March
        "recovered": None,
        "before_next": {"value": 1.6, "taken_at": "2026-03-16T09:00", "meets_threshold": True},
        "gcsf": [],
    }
    assert second["nadir"] == {"value": 0.4, "taken_at": "2026-03-25T09:00", "day": 10}
    assert second["recovered"] == {"value": 1.5, "taken_at": "2026-03-29T09:00", "day": 14}
    assert second["before_next"] is None and second["gcsf"] == ["2026-03-17"]
    platelets = cycle_view_of(db, "platelets").summaries[0]
    assert "1.5" not in dict(platelets.days_below) and platelets.nadir is None


@pytest.mark.parametrize("fmt", ["json", "fhir"])
def test_cycles_round_trip_through_backup_and_fhir(db, tmp_path: Path, fmt: str) -> None:
    _course(db)
    add_cycle(db, date(2026, 4, 1), "", None, "a note", NOW)
    out = export_records(db, fmt, tmp_path / f"out.{fmt}.json")
    if fmt == "fhir":
        procs = [
            e["resource"]
            for e in json.loads(out.read_text())["entry"]
            if e["resource"]["resourceType"] == "Procedure"
        ]
        assert procs[0]["performedPeriod"] == {"start": "2026-03-02", "end": "2026-03-15"}
        assert procs[0]["code"]["coding"][0]["code"] == "367336001"
    fresh = open_records(tmp_path / "fresh")
    try:
        report = import_files(fresh, [out])
        assert report.ok
        with fresh.reading() as repo:
            got = [(c.start, c.regimen, c.length_days, c.note) for c in repo.cycles()]
        assert got == [
            (date(2026, 3, 2), "FOLFOX", 14, ""),
            (date(2026, 3, 16), "FOLFOX", 14, ""),
            (date(2026, 4, 1), "", None, "a note"),
        ]
        again = import_files(fresh, [out])  # re-importing adds nothing
        assert again.ok and again.files[0].preview.cycles == 0
    finally:
        fresh.close()
