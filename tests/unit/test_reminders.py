"""Reminders from each source at their boundaries (due today, overdue by one day), the
`test.overdue` flag, the patient's own plan and its checks, and the .ics file."""

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Profile
from leukotrack.domain.reminders import (
    CLOZAPINE,
    SERIAL_PLAN,
    YOUR_PLAN,
    Reminder,
    TestPlan,
    make_test_plan,
    next_blood_test,
    overdue_flag,
    own_plan_reminders,
    plan_from_json,
    planned_days_reminders,
)
from leukotrack.services.reminders import (
    TEST_PLAN_SETTING,
    attention,
    clozapine_reminders,
    coming,
    reminder_json,
    reminders_of,
)
from leukotrack.services.timeline import Timeline
from tests.unit.flag_cases import draw, med

LAST = date(2026, 3, 3)  # the latest blood result
EVERY_28 = TestPlan(every_days=28, set_on=date(2026, 1, 1))


def end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 0))


def timeline(plan: TestPlan | None = None, meds: list | None = None) -> Timeline:  # type: ignore[type-arg]
    draws = [draw(datetime.combine(LAST, time(9)), wbc=3.0, anc=2.0)]
    plans = {} if plan is None else {TEST_PLAN_SETTING: plan.to_json()}
    return Timeline(Profile(), draws, [], [], [], meds or [], plans=plans)


@pytest.mark.parametrize(
    ("today", "due", "overdue", "attention_needed"),
    [
        (LAST + timedelta(days=27), LAST + timedelta(days=28), False, False),  # the day before
        (LAST + timedelta(days=28), LAST + timedelta(days=28), False, True),  # due today
        (LAST + timedelta(days=29), LAST + timedelta(days=28), True, True),  # overdue by 1 day
    ],
)
def test_your_plan_every_n_days_after_the_latest_result(
    today: date, due: date, overdue: bool, attention_needed: bool
) -> None:
    found = reminders_of(timeline(EVERY_28), end_of(today))
    assert found == [Reminder(due, "blood_test", YOUR_PLAN, EVERY_28.words(), overdue)]
    assert bool(attention(timeline(EVERY_28), end_of(today))) is attention_needed


def test_every_n_days_without_any_result_counts_from_the_day_the_plan_was_made() -> None:
    assert own_plan_reminders(EVERY_28, [], date(2026, 1, 29)) == [
        Reminder(date(2026, 1, 29), "blood_test", YOUR_PLAN, EVERY_28.words())
    ]


@pytest.mark.parametrize(
    ("tested", "today", "expected_overdue"),
    [
        ([LAST], date(2026, 4, 12), False),  # due today
        ([LAST], date(2026, 4, 13), True),  # overdue by one day
        ([LAST, date(2026, 4, 12)], date(2026, 4, 13), None),  # tested on the day: done
        ([LAST, date(2026, 4, 20)], date(2026, 4, 25), None),  # tested later: done
    ],
)
def test_your_plan_on_a_date(
    tested: list[date], today: date, expected_overdue: bool | None
) -> None:
    plan = TestPlan(on=date(2026, 4, 12), set_on=LAST)
    found = own_plan_reminders(plan, tested, today)
    if expected_overdue is None:
        assert found == []
    else:
        assert [(r.due, r.overdue) for r in found] == [(date(2026, 4, 12), expected_overdue)]


def test_clozapine_due_today_and_overdue_by_one_day() -> None:
    tl = timeline(meds=[med("Clozapine 100 mg", date(2026, 2, 1))])
    due = LAST + timedelta(days=7)  # weekly in the first six months
    today = clozapine_reminders(tl, end_of(due))
    late = clozapine_reminders(tl, end_of(due + timedelta(days=1)))
    assert [(r.due, r.source, r.overdue) for r in today] == [(due, CLOZAPINE, False)]
    assert [(r.due, r.overdue) for r in late] == [(due, True)]
    assert "weekly in the first 6 months" in today[0].reason
    # clozapine keeps its own flags: never test.overdue
    assert overdue_flag(late, end_of(due + timedelta(days=1))) is None


SERIAL = [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6)]  # Mon, Wed, Fri


@pytest.mark.parametrize(
    ("tested", "today", "expected"),
    [
        ([], date(2026, 3, 2), [(date(2026, 3, 2), False)]),  # first day, due today
        ([], date(2026, 3, 3), [(date(2026, 3, 2), True), (date(2026, 3, 4), False)]),
        ([date(2026, 3, 2)], date(2026, 3, 3), [(date(2026, 3, 4), False)]),
        ([date(2026, 3, 2)], date(2026, 3, 4), [(date(2026, 3, 4), False)]),  # due today
        (
            [date(2026, 3, 2)],
            date(2026, 3, 5),
            [(date(2026, 3, 4), True), (date(2026, 3, 6), False)],
        ),
        ([date(2026, 3, 5)], date(2026, 3, 5), [(date(2026, 3, 6), False)]),  # a later test counts
        ([date(2026, 3, 6)], date(2026, 3, 9), []),  # all done or superseded
    ],
)
def test_a_plan_of_test_days(
    tested: list[date], today: date, expected: list[tuple[date, bool]]
) -> None:
    found = planned_days_reminders(SERIAL, SERIAL_PLAN, "Mon, Wed, Fri", tested, today)
    assert [(r.due, r.overdue) for r in found] == expected


def test_the_overdue_flag_says_when_and_where_from() -> None:
    as_of = end_of(LAST + timedelta(days=29))
    flags = overdue_flag(reminders_of(timeline(EVERY_28), as_of), as_of)
    assert flags is not None
    assert (flags.code, flags.severity.value, flags.title) == (
        "test.overdue",
        "info",
        "Blood test overdue",
    )
    assert "due on 31 March 2026, 1 day ago (your plan: every 28 days" in flags.detail
    assert flags.since == datetime(2026, 3, 31)
    due_today = end_of(LAST + timedelta(days=28))
    assert overdue_flag(reminders_of(timeline(EVERY_28), due_today), due_today) is None


def test_the_soonest_blood_test_wins_and_overdue_comes_first() -> None:
    a = Reminder(date(2026, 5, 1), "blood_test", YOUR_PLAN, "x")
    b = Reminder(date(2026, 4, 1), "blood_test", CLOZAPINE, "y", overdue=True)
    visit = Reminder(date(2026, 3, 1), "visit", "visit", "z")
    assert next_blood_test([a, visit, b]) == b
    assert next_blood_test([visit]) is None
    assert coming([a, b, visit]) == [a, visit]
    assert reminder_json(b) == {
        "date": "2026-04-01",
        "kind": "blood_test",
        "source": "clozapine",
        "overdue": True,
    }


@pytest.mark.parametrize(
    ("every", "on", "message"),
    [
        (None, None, "either an interval"),
        (28, date(2026, 5, 1), "either an interval"),
        (0, None, "not a usable interval"),
        (400, None, "not a usable interval"),
        (None, date(2026, 3, 2), "has already passed"),
    ],
)
def test_a_bad_plan_is_refused_with_what_to_type(
    every: int | None, on: date | None, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        make_test_plan(every, on, date(2026, 3, 3))


def test_plan_json_round_trip_and_junk() -> None:
    plan = make_test_plan(None, date(2026, 3, 3), date(2026, 3, 3))
    assert plan_from_json(plan.to_json()) == plan
    for junk in (None, "x", {}, {"every_days": "often"}, {"every_days": 3, "on": "2026-01-01"}):
        assert plan_from_json(junk) is None


def test_stored_plan_reaches_the_flags_and_the_ics(db: object, tmp_path: Path) -> None:
    from icalendar import Calendar

    from leukotrack.services.entry import ResultEntry, record_results
    from leukotrack.services.flags import current_flags
    from leukotrack.services.reminders import export_reminders, set_test_plan

    record_results(db, ResultEntry(datetime.combine(LAST, time(9)), {"wbc": "3.0"}))  # type: ignore[arg-type]
    set_test_plan(db, 28, None, today=LAST)  # type: ignore[arg-type]
    late = end_of(LAST + timedelta(days=29))
    assert "test.overdue" in [f.code for f in current_flags(db, late)]  # type: ignore[arg-type]
    assert "test.overdue" not in [f.code for f in current_flags(db, late - timedelta(days=1))]  # type: ignore[arg-type]

    out = tmp_path / "reminders.ics"
    assert export_reminders(db, out, end_of(LAST)) == 1  # type: ignore[arg-type]
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    assert events[0].decoded("dtstart") == LAST + timedelta(days=28)
    assert len(list(events[0].walk("VALARM"))) == 2
    assert str(events[0]["summary"]) == "Blood test (your plan)"


def test_timeline_between_keeps_the_plans() -> None:
    tl = timeline(EVERY_28)
    assert replace(tl).between(None, None).plans == tl.plans


# The cycle plan: cycle 2 started on 2026-03-01 and runs 21 days, so cycle 3 is expected on
# 2026-03-22 and its blood test on the day before, 2026-03-21.
CYCLE_TEST = date(2026, 3, 21)


def cycle_timeline(tested_on: date | None = None) -> Timeline:
    from leukotrack.domain.records import Cycle

    cycles = [
        Cycle(start=date(2026, 2, 8), length_days=21),
        Cycle(start=date(2026, 3, 1), length_days=21),
    ]
    draws = [draw(datetime.combine(LAST, time(9)), wbc=3.0, anc=2.0)]
    if tested_on is not None:
        draws.append(draw(datetime.combine(tested_on, time(9)), wbc=3.1, anc=1.9))
    return Timeline(Profile(), draws, [], [], [], [], cycles=cycles)


@pytest.mark.parametrize(
    ("today", "overdue", "flagged"),
    [
        (CYCLE_TEST, False, False),  # due today: not overdue
        (CYCLE_TEST + timedelta(days=1), True, True),  # overdue by one day
    ],
)
def test_cycle_plan_the_day_before_the_next_cycle(
    today: date, overdue: bool, flagged: bool
) -> None:
    from leukotrack.domain.reminders import CYCLE_PLAN

    tl = cycle_timeline()
    tests = [r for r in reminders_of(tl, end_of(today)) if r.source == CYCLE_PLAN]
    blood = [r for r in tests if r.kind == "blood_test"]
    assert [(r.due, r.overdue) for r in blood] == [(CYCLE_TEST, overdue)]
    assert "the day before cycle 3" in blood[0].reason
    assert [r.due for r in tests if r.kind == "cycle"] == [date(2026, 3, 22)]
    found = overdue_flag(reminders_of(tl, end_of(today)), end_of(today))
    assert (found is not None) == flagged


def test_cycle_plan_is_met_by_a_result_on_or_after_its_day() -> None:
    tl = cycle_timeline(tested_on=CYCLE_TEST)
    assert all(
        r.kind != "blood_test" for r in reminders_of(tl, end_of(CYCLE_TEST + timedelta(days=1)))
    )


def test_no_cycle_plan_without_a_planned_length() -> None:
    from leukotrack.domain.records import Cycle

    tl = Timeline(Profile(), [], [], [], [], [], cycles=[Cycle(start=date(2026, 3, 1))])
    assert reminders_of(tl, end_of(date(2026, 3, 25))) == []


# A serial-count plan of Monday, Wednesday and Friday from Monday 2026-03-02 for 2 weeks.
SERIAL_START = date(2026, 3, 2)


def serial_timeline(tested: list[date]) -> Timeline:
    from leukotrack.domain.serial_plan import SerialPlan
    from leukotrack.services.serial_plans import SETTING, plan_to_setting

    draws = [draw(datetime.combine(d, time(9)), wbc=3.0, anc=1.1) for d in tested]
    plans = {SETTING: plan_to_setting(SerialPlan(SERIAL_START, weeks=2))}
    return Timeline(Profile(), draws, [], [], [], [], plans=plans)


@pytest.mark.parametrize(
    ("today", "due", "overdue"),
    [
        (date(2026, 3, 4), [date(2026, 3, 4)], [False]),  # Wednesday's test is due today
        # Wednesday missed, Thursday: overdue by one day, and Friday is next
        (date(2026, 3, 5), [date(2026, 3, 4), date(2026, 3, 6)], [True, False]),
    ],
)
def test_serial_plan_due_today_and_overdue_by_one_day(
    today: date, due: list[date], overdue: list[bool]
) -> None:
    tl = serial_timeline([SERIAL_START])  # Monday done
    found = [r for r in reminders_of(tl, end_of(today)) if r.source == SERIAL_PLAN]
    assert [(r.due, r.overdue) for r in found] == list(zip(due, overdue, strict=True))
    assert (overdue_flag(found, end_of(today)) is not None) == any(overdue)


def test_serial_plan_over_gives_no_reminder() -> None:
    tl = serial_timeline([SERIAL_START + timedelta(days=d) for d in (0, 2, 4, 7, 9, 11)])
    assert [r for r in reminders_of(tl, end_of(date(2026, 3, 20))) if r.source == SERIAL_PLAN] == []
