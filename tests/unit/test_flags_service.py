"""services.flags over a real database: current_flags, next_test_due and flag_json."""

from datetime import date, datetime

from leukotrack.services.diary import add_medication
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.flags import as_of_moment, current_flags, flag_json, next_test_due
from leukotrack.services.timeline import load_timeline

NOW = datetime(2026, 6, 1, 12, 0)


def test_next_test_due_and_flags(db) -> None:  # type: ignore[no-untyped-def]
    assert next_test_due(db, NOW) is None
    add_medication(db, "Clozaril 100 mg", date(2026, 5, 1), None, "", "other", now=NOW)
    record_results(db, ResultEntry(datetime(2026, 5, 25, 9), {"anc": "1.2"}), now=NOW)
    due = next_test_due(db, NOW)
    assert due is not None and due[0] == date(2026, 5, 27) and "every 2 days" in due[1]
    flags = current_flags(db, NOW)
    assert [f.code for f in flags] == [
        "neutropenia.mild",
        "clozapine.mild",
        "clozapine.test_overdue",
        "medication.associated",
    ]
    assert current_flags(load_timeline(db), NOW) == flags
    item = flag_json(flags[0])
    assert item["since"] == "2026-05-25T09:00"
    assert item["evidence"] == [{"taken_at": "2026-05-25T09:00", "analyte": "anc", "value": 1.2}]


def test_as_of_a_date_is_the_end_of_that_day() -> None:
    assert as_of_moment(date(2026, 3, 3)) == datetime(2026, 3, 3, 23, 59, 59)
    assert as_of_moment(datetime(2026, 3, 3, 9)) == datetime(2026, 3, 3, 9)
