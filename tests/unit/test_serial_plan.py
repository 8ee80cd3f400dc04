"""The serial-count plan: test days, done count, weekday parsing, stored form."""

from datetime import date

import pytest

from leukotrack.domain.errors import InputError
from leukotrack.domain.serial_plan import SerialPlan, check_weeks, parse_weekdays, weekday_words
from leukotrack.services.serial_plans import plan_from_setting, plan_to_setting

MONDAY = date(2026, 3, 2)


def test_six_weeks_of_mon_wed_fri_from_a_monday_give_18_days() -> None:
    days = SerialPlan(MONDAY).test_days()
    assert len(days) == 18
    assert days[0] == MONDAY and days[-1] == date(2026, 4, 10)
    assert {d.weekday() for d in days} == {0, 2, 4}


@pytest.mark.parametrize(
    ("start", "weeks", "weekdays", "count", "last"),
    [
        (date(2026, 3, 4), 6, (0, 2, 4), 18, date(2026, 4, 13)),  # from a Wednesday
        (MONDAY, 1, (1, 3), 2, date(2026, 3, 5)),
        (MONDAY, 2, (6,), 2, date(2026, 3, 15)),  # the last day of the last week counts
    ],
)
def test_test_days_run_through_the_given_weeks(
    start: date, weeks: int, weekdays: tuple[int, ...], count: int, last: date
) -> None:
    days = SerialPlan(start, weeks, weekdays).test_days()
    assert (len(days), days[-1]) == (count, last)


def test_a_test_day_is_done_when_a_result_is_dated_that_day() -> None:
    plan = SerialPlan(MONDAY)
    done = plan.done_days([MONDAY, date(2026, 3, 3), date(2026, 3, 6), date(2026, 5, 1)])
    assert done == [MONDAY, date(2026, 3, 6)]
    assert plan.next_test(MONDAY, done) == date(2026, 3, 4)
    assert plan.next_test(date(2026, 4, 11), done) is None


@pytest.mark.parametrize(
    ("text", "days"),
    [("mon,wed,fri", (0, 2, 4)), ("Fri, Monday", (0, 4)), ("tue,TUE,thursday", (1, 3))],
)
def test_weekdays_are_read_in_any_case_and_order(text: str, days: tuple[int, ...]) -> None:
    assert parse_weekdays(text) == days


@pytest.mark.parametrize(
    ("text", "message"), [("mon,xyz", "'xyz'"), (",", "at least one"), ("mondays", "'mondays'")]
)
def test_bad_weekdays_say_how_to_write_them(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_weekdays(text)


@pytest.mark.parametrize(("weeks", "ok"), [(0, False), (1, True), (26, True), (27, False)])
def test_weeks_from_1_to_26(weeks: int, ok: bool) -> None:
    if ok:
        assert check_weeks(weeks) == weeks
    else:
        with pytest.raises(InputError, match="weeks is outside"):
            check_weeks(weeks)


def test_the_plan_round_trips_through_its_setting_and_bad_settings_read_as_none() -> None:
    plan = SerialPlan(MONDAY, 4, (1, 3))
    assert plan_from_setting(plan_to_setting(plan)) == plan
    assert plan_to_setting(plan)["days"] == ["tue", "thu"]
    for bad in (None, {}, {"start": "soon"}, {"start": "2026-03-02", "days": ["xyz"]}, "x"):
        assert plan_from_setting(bad) is None


def test_weekday_words() -> None:
    assert weekday_words((0, 2, 4)) == "Monday, Wednesday and Friday"
    assert weekday_words((3,)) == "Thursday"
