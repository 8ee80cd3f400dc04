"""Services behind the app: undoable edits and deletes, remembered units, lab ranges, tiles."""

from datetime import date, datetime

import pytest

from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Draw, Profile, Thresholds
from leukotrack.domain.units import CELLS_PER_UL, THOUSANDS_PER_UL
from leukotrack.services.diary import add_fatigue, add_temperature
from leukotrack.services.editing import (
    delete_record,
    edit_fatigue,
    edit_temperature,
    put_record,
    restore_record,
)
from leukotrack.services.entry import EntryError, ResultEntry, range_text, record_results
from leukotrack.services.overview import latest_tiles
from leukotrack.services.preferences import (
    known_labs,
    last_lab_ranges,
    remember_units,
    remembered_units,
)
from leukotrack.services.settings import parse_thresholds, threshold_texts
from leukotrack.storage.db import Database


def test_delete_then_restore_gives_back_the_same_draw(db: Database) -> None:
    draw = record_results(
        db,
        ResultEntry(
            datetime(2026, 3, 3, 9, 30),
            {"wbc": "3.1 K/uL", "neutrophils_pct": "40"},
            "City Lab",
            {"wbc": "4-11"},
        ),
    )
    delete_record(db, draw)
    with db.reading() as repo:
        assert repo.counts()["draw"] == 0 and repo.counts()["result"] == 0
    back = restore_record(db, draw)
    with db.reading() as repo:
        (stored,) = repo.draws()
    assert back.id == stored.id

    def strip(d: Draw) -> list[tuple[object, ...]]:
        return sorted((r.analyte, r.value, r.entered, r.ref_low, r.calculated) for r in d.results)

    assert strip(stored) == strip(draw)
    assert stored.lab == "City Lab"


def test_edit_returns_before_and_after_and_put_undoes_it(db: Database) -> None:
    t = add_temperature(db, datetime(2026, 3, 1, 20, 0), "37.2 C")
    assert t.id is not None
    before, after = edit_temperature(db, t.id, datetime(2026, 3, 1, 21, 0), "101.5 F")
    assert before == t and after.entered == "101.5 °F"
    put_record(db, before)
    with db.reading() as repo:
        assert repo.temperatures() == [t]


def test_bad_edit_changes_nothing(db: Database) -> None:
    add_fatigue(db, date(2026, 3, 1), 3)
    f = add_fatigue(db, date(2026, 3, 2), 5)
    assert f.id is not None
    with pytest.raises(InputError, match="already a fatigue score"):
        edit_fatigue(db, f.id, date(2026, 3, 1), 5)
    with pytest.raises(InputError, match="0 \\(none\\) to 10"):
        edit_fatigue(db, f.id, date(2026, 3, 2), 11)
    with db.reading() as repo:
        assert [(x.day.day, x.score) for x in repo.fatigue()] == [(1, 3), (2, 5)]


def test_units_are_remembered_per_analyte(db: Database) -> None:
    assert remembered_units(db) == {}
    remember_units(db, {"wbc": "K/µL"})
    remember_units(db, {"hemoglobin": "g/L", "bogus": "x"})
    assert remembered_units(db) == {"wbc": "K/µL", "hemoglobin": "g/L"}


def test_last_lab_ranges_come_from_that_labs_latest_report(db: Database) -> None:
    record_results(db, ResultEntry(datetime(2026, 1, 1, 9), {"wbc": "3.1"}, "A", {"wbc": "4-11"}))
    record_results(
        db, ResultEntry(datetime(2026, 2, 1, 9), {"wbc": "3500 /uL"}, "A", {"wbc": "4500-10000"})
    )
    record_results(db, ResultEntry(datetime(2026, 3, 1, 9), {"wbc": "3.1"}, "B"))
    assert known_labs(db) == ["B", "A"]
    ranges = last_lab_ranges(db, " a ")
    assert ranges == {"wbc": (4.5, 10.0)}
    low, high = ranges["wbc"]
    assert range_text(low, high, THOUSANDS_PER_UL) == "4.5-10"
    assert range_text(low, high, CELLS_PER_UL) == "4500-10000"
    assert range_text(None, 150.0, THOUSANDS_PER_UL) == "<150"
    assert last_lab_ranges(db, "B") == {}


def test_tiles_show_latest_change_and_range(db: Database) -> None:
    record_results(db, ResultEntry(datetime(2026, 1, 1, 9), {"wbc": "4.0"}))
    record_results(db, ResultEntry(datetime(2026, 2, 1, 9), {"wbc": "3.1", "anc": "0.8"}))
    with db.reading() as repo:
        tiles = {t.analyte: t for t in latest_tiles(repo.draws(), Profile())}
    wbc = tiles["wbc"]
    assert (wbc.value, wbc.status, wbc.direction) == ("3.1 ×10⁹/L", "low", -1)
    assert wbc.change == "▼ 0.9 since 01 Jan 2026"
    assert wbc.range == "usual range: 4.5–11 ×10⁹/L"
    assert tiles["anc"].change == "first result"
    assert set(tiles) == {"wbc", "anc"}


def test_thresholds_are_checked_field_by_field() -> None:
    texts = threshold_texts(Thresholds())
    assert texts["anc_mild"] == "" and texts["fever_once_c"] == "38.3"
    t = parse_thresholds(Thresholds(), {**texts, "anc_mild": "1.2"}, "6.0", "uk-cpms")
    assert (t.anc_mild, t.ctcae_version, t.clozapine_scheme) == (1.2, "6.0", "uk-cpms")
    with pytest.raises(EntryError) as bad:
        parse_thresholds(
            Thresholds(), {**texts, "persistent_days": "2.5", "fever_once_c": "x"}, "5.0", "fda"
        )
    assert set(bad.value.by_field) == {"persistent_days", "fever_once_c"}
