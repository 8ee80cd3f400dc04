"""Clozapine: the label's bands (general and Duffy-null columns), the schedule across months 6
and 12, test_due on the due date and test_overdue after it, and the UK CPMS option."""

from datetime import date, datetime, time

import pytest

from leukotrack.domain.clozapine import (
    CountTest,
    Level,
    add_months,
    cpms_level,
    cpms_next_test,
    next_anc_due,
)
from leukotrack.domain.readings import Reading
from tests.unit.flag_cases import codes, draw, med, profile

START = date(2026, 1, 31)


def anc(day: date, value: float) -> Reading:
    return Reading(datetime.combine(day, time(9)), "anc", value)


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12))


@pytest.mark.parametrize(
    ("last_test", "value", "due"),
    [
        (date(2026, 2, 10), 2.0, date(2026, 2, 17)),  # weekly in the first 6 months
        (date(2026, 7, 30), 2.0, date(2026, 8, 6)),  # last day before month 6 (31 July)
        (date(2026, 7, 31), 2.0, date(2026, 8, 14)),  # month 6: every 2 weeks
        (date(2027, 1, 30), 2.0, date(2027, 2, 13)),  # last day before month 12
        (date(2027, 1, 31), 2.0, date(2027, 2, 28)),  # month 12 on: monthly (end of February)
        (date(2027, 3, 15), 2.0, date(2027, 4, 15)),
        (date(2026, 2, 10), 1.2, date(2026, 2, 12)),  # mild: every 2 days
        (date(2027, 3, 15), 1.499, date(2027, 3, 17)),
        (date(2026, 2, 10), 0.9, date(2026, 2, 11)),  # moderate: daily
        (date(2026, 2, 10), 0.3, date(2026, 2, 11)),  # severe: daily
    ],
)
def test_fda_schedule(last_test: date, value: float, due: date) -> None:
    assert next_anc_due(START, [anc(last_test, value)], noon(last_test)) == due


def test_a_baseline_before_the_start_counts_from_the_start() -> None:
    assert next_anc_due(START, [anc(date(2026, 1, 20), 2.0)], noon(START)) == date(2026, 2, 7)


def test_no_count_yet_is_due_on_the_start_date() -> None:
    assert next_anc_due(START, [], noon(START)) == START
    assert next_anc_due(START, [], noon(date(2026, 1, 1))) is None


def test_counts_after_as_of_are_ignored() -> None:
    history = [anc(date(2026, 2, 10), 2.0), anc(date(2026, 2, 16), 0.8)]
    assert next_anc_due(START, history, noon(date(2026, 2, 12))) == date(2026, 2, 17)


def test_duffy_null_column_has_no_mild_schedule() -> None:
    history = [anc(date(2026, 2, 10), 1.2)]
    assert next_anc_due(START, history, noon(date(2026, 2, 10)), duffy_null=True) == date(
        2026, 2, 17
    )


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


CLOZ = [med("Clozaril 100 mg", START)]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 2, 16), set()),
        (date(2026, 2, 17), {"clozapine.test_due"}),
        (date(2026, 2, 18), {"clozapine.test_overdue"}),
    ],
)
def test_due_and_overdue(as_of: date, expected: set[str]) -> None:
    draws = [draw(datetime.combine(date(2026, 2, 10), time(9)), anc=2.0)]
    found = codes(draws, meds=CLOZ, as_of=noon(as_of)) & {
        "clozapine.test_due",
        "clozapine.test_overdue",
    }
    assert found == expected


def test_stopped_clozapine_raises_no_clozapine_flags() -> None:
    stopped = [med("clozapine", START, stop=date(2026, 2, 12))]
    draws = [draw(datetime.combine(date(2026, 2, 10), time(9)), anc=0.8)]
    found = codes(draws, meds=stopped, as_of=noon(date(2026, 2, 20)))
    assert not {c for c in found if c.startswith("clozapine")}


@pytest.mark.parametrize(
    ("reference", "value", "band"),
    [
        ("adult", 1.5, None),
        ("adult", 1.499, "clozapine.mild"),
        ("adult", 1.0, "clozapine.mild"),
        ("adult", 0.999, "clozapine.moderate"),
        ("adult", 0.5, "clozapine.moderate"),
        ("adult", 0.499, "clozapine.severe"),
        ("duffy-null", 1.2, None),
        ("duffy-null", 0.999, "clozapine.moderate"),
        ("duffy-null", 0.499, "clozapine.severe"),
    ],
)
def test_clozapine_bands(reference: str, value: float, band: str | None) -> None:
    day = datetime.combine(date(2026, 2, 10), time(9))
    found = codes([draw(day, anc=value)], meds=CLOZ, as_of=day, prof=profile(reference))
    bands = {c for c in found if c in ("clozapine.mild", "clozapine.moderate", "clozapine.severe")}
    assert bands == ({band} if band else set())


def test_no_band_flags_without_clozapine() -> None:
    day = datetime.combine(date(2026, 2, 10), time(9))
    assert not {c for c in codes([draw(day, anc=0.3)]) if c.startswith("clozapine")}


def r(analyte: str, value: float) -> Reading:
    return Reading(datetime(2026, 2, 10, 9), analyte, value)


@pytest.mark.parametrize(
    ("wbc", "anc_value", "level"),
    [
        (3.5, 2.0, Level.NORMAL),
        (3.49, 2.0, Level.MILD),
        (3.5, 1.99, Level.MILD),
        (2.99, 2.5, Level.SEVERE),
        (4.0, 1.49, Level.SEVERE),
    ],
)
def test_cpms_traffic_lights(wbc: float, anc_value: float, level: Level) -> None:
    assert cpms_level(r("wbc", wbc), r("anc", anc_value)) is level


def test_cpms_schedule_and_two_greens_after_red() -> None:
    def test(day: date, wbc: float, anc_value: float) -> CountTest:
        moment = datetime.combine(day, time(9))
        return CountTest(moment, Reading(moment, "wbc", wbc), Reading(moment, "anc", anc_value))

    week = [test(date(2026, 2, 10), 5.0, 3.0)]
    assert cpms_next_test(START, week, noon(date(2026, 2, 10))).due == date(2026, 2, 17)  # type: ignore[union-attr]
    amber = [test(date(2026, 2, 10), 3.2, 3.0)]
    assert cpms_next_test(START, amber, noon(date(2026, 2, 10))).due == date(2026, 2, 13)  # type: ignore[union-attr]
    red_then_green = [test(date(2026, 2, 10), 2.5, 1.0), test(date(2026, 2, 11), 5.0, 3.0)]
    assert cpms_next_test(START, red_then_green, noon(date(2026, 2, 11))).due == date(2026, 2, 12)  # type: ignore[union-attr]
    two_greens = [*red_then_green, test(date(2026, 2, 12), 5.0, 3.0)]
    assert cpms_next_test(START, two_greens, noon(date(2026, 2, 12))).due == date(2026, 2, 19)  # type: ignore[union-attr]
    late = [test(date(2026, 6, 6), 5.0, 3.0)]  # week 18 from 31 January is 6 June
    assert cpms_next_test(START, late, noon(date(2026, 6, 6))).due == date(2026, 6, 20)  # type: ignore[union-attr]


def test_cpms_scheme_flags_amber_and_red() -> None:
    day = datetime.combine(date(2026, 2, 10), time(9))
    prof = profile(clozapine_scheme="uk-cpms")
    assert "clozapine.mild" in codes([draw(day, wbc=3.2, anc=2.5)], meds=CLOZ, as_of=day, prof=prof)
    assert "clozapine.severe" in codes(
        [draw(day, wbc=2.9, anc=2.5)], meds=CLOZ, as_of=day, prof=prof
    )
    assert "clozapine.mild" not in codes([draw(day, wbc=3.2, anc=2.5)], meds=CLOZ, as_of=day)
