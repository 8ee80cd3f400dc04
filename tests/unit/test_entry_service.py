"""Turning typed values into stored draws: validation, calculated ANC, merging, edits."""

from datetime import datetime

import pytest

from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Profile
from leukotrack.services.entry import (
    EntryError,
    ResultEntry,
    build_draw,
    entry_from_draw,
    record_results,
    update_draw,
)
from leukotrack.storage.db import Database

NOW = datetime(2026, 11, 21, 12, 0)


def entry(
    values: dict[str, str],
    ranges: dict[str, str] | None = None,
    when: datetime = datetime(2026, 3, 3, 9),
) -> ResultEntry:
    return ResultEntry(when, values, "Lab", ranges or {})


def test_values_are_converted_and_anc_calculated() -> None:
    draw = build_draw(
        entry({"wbc": "3100 /µL", "neutrophils_pct": "40", "bands_pct": "5"}), Profile(), NOW
    )
    assert draw.value("wbc") == pytest.approx(3.1)
    anc = draw.get("anc")
    assert anc is not None and anc.calculated and anc.value == pytest.approx(1.395)
    assert draw.get("wbc").entered == "3100 cells/µL"  # type: ignore[union-attr]


def test_lab_range_in_the_unit_of_the_value() -> None:
    draw = build_draw(entry({"wbc": "3100 /uL"}, {"wbc": "4000-11000"}), Profile(), NOW)
    wbc = draw.get("wbc")
    assert wbc is not None and (wbc.ref_low, wbc.ref_high) == (
        pytest.approx(4.0),
        pytest.approx(11.0),
    )


@pytest.mark.parametrize(
    ("values", "ranges", "field", "message"),
    [
        ({"wbc": "4500 K/uL"}, {}, "wbc", "did you mean 4500 cells/µL"),
        ({"neutrophils_pct": "120"}, {}, "neutrophils_pct", "not a plausible"),
        ({"neutrophils_pct": "80", "lymphocytes_pct": "30"}, {}, "differential", "add up to 110 %"),
        ({"wbc": "3.1 mg"}, {}, "wbc", "not a unit"),
        ({"wbc": "3.1"}, {"wbc": "11-4"}, "wbc.range", "low limit above"),
        ({"wbc": "3.1"}, {"wbc": "abc"}, "wbc.range", "type it like 4.0-11.0"),
        ({"wbc": "3.1"}, {"anc": "1-2"}, "anc.range", "no value"),
        ({}, {}, "values", "at least one result"),
    ],
)
def test_bad_entries_name_the_field(
    values: dict[str, str], ranges: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(EntryError) as err:
        build_draw(entry(values, ranges), Profile(), NOW)
    assert message in err.value.by_field[field]


def test_differential_up_to_105_is_accepted() -> None:
    build_draw(entry({"neutrophils_pct": "75", "lymphocytes_pct": "30"}), Profile(), NOW)


def test_future_date_refused() -> None:
    with pytest.raises(EntryError) as err:
        build_draw(entry({"wbc": "3"}, when=datetime(2026, 11, 22)), Profile(), NOW)
    assert "in the future" in err.value.by_field["taken_at"]


def test_same_moment_merges_and_refuses_overlap(db: Database) -> None:
    record_results(db, entry({"wbc": "3.0"}), NOW)
    record_results(db, entry({"neutrophils_pct": "50"}), NOW)
    with db.reading() as repo:
        (draw,) = repo.draws()
    assert draw.value("anc") == pytest.approx(1.5)
    with pytest.raises(InputError, match="already a WBC result"):
        record_results(db, entry({"wbc": "3.3"}), NOW)
    with db.reading() as repo:
        assert repo.counts()["result"] == 3


def test_edit_round_trip(db: Database) -> None:
    stored = record_results(
        db, entry({"wbc": "3100 /µL", "neutrophils_pct": "40"}, {"wbc": "4000-11000"}), NOW
    )
    typed = entry_from_draw(stored)
    assert typed.values == {"wbc": "3100 cells/µL", "neutrophils_pct": "40 %"}
    assert typed.ranges == {"wbc": "4000-11000"}
    assert stored.id is not None
    changed = ResultEntry(typed.taken_at, {**typed.values, "wbc": "2.0 K/uL"}, "Lab", {})
    updated = update_draw(db, stored.id, changed, NOW)
    assert updated.value("anc") == pytest.approx(0.8)


def test_a_year_before_1900_is_refused() -> None:
    with pytest.raises(EntryError) as err:
        build_draw(entry({"wbc": "3"}, when=datetime(1024, 3, 3)), Profile(), NOW)
    assert "before 1900" in err.value.by_field["taken_at"]
