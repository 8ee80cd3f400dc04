"""CLINICAL.md "Treatment cycles": every definition at its boundaries, plus properties."""

import itertools
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leukotrack.domain.cycles import (
    cycle_on,
    cycle_spans,
    cycle_summaries,
    days_below,
    low_window_note,
    nadir_window,
    next_cycle_plan,
)
from leukotrack.domain.readings import Reading
from leukotrack.domain.records import Cycle

D0 = date(2026, 1, 5)


def c(offset: int, length: int | None = None, regimen: str = "") -> Cycle:
    return Cycle(D0 + timedelta(days=offset), regimen, length)


def r(offset: int, value: float, hour: int = 9, comparator: str | None = None) -> Reading:
    return Reading(
        datetime.combine(D0 + timedelta(days=offset), time(hour)), "anc", value, comparator
    )


# ---- the days of a cycle -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cycles", "ends"),
    [
        ([c(0, 14)], [13]),  # the last cycle runs for its planned length
        ([c(0)], [20]),  # no planned length and no earlier cycle: 21 days
        ([c(0), c(14)], [13, 27]),  # no planned length: the median of earlier cycles (14)
        ([c(0), c(14), c(35)], [13, 34, 35 + 18 - 1]),  # median of 14 and 21 = 17.5 -> 18
        ([c(0), c(21), c(35, 28)], [20, 34, 35 + 28 - 1]),  # a planned length wins
        ([c(21), c(0)], [20, 41]),  # order of entry does not matter
        ([c(0, 30), c(14)], [13, 27]),  # a planned length does not stretch past the next start
    ],
)
def test_a_cycle_runs_to_the_day_before_the_next(cycles: list[Cycle], ends: list[int]) -> None:
    spans = cycle_spans(cycles)
    assert [s.end for s in spans] == [D0 + timedelta(days=e) for e in ends]
    assert [s.number for s in spans] == list(range(1, len(cycles) + 1))


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-1, None),  # before the first cycle
        (0, (1, 1)),  # day 1 is the start date
        (13, (1, 14)),  # the day before the next start is still the first cycle
        (14, (2, 1)),  # the next cycle's start date belongs to the next cycle
        (27, (2, 14)),  # the last day of the last cycle (the median length: 14)
        (28, None),  # after every cycle
    ],
)
def test_cycle_on_a_day(offset: int, expected: tuple[int, int] | None) -> None:
    found = cycle_on([c(0), c(14)], D0 + timedelta(days=offset))
    got = None if found is None else (found[0].number, found[1])
    assert got == (None if expected is None else (expected[0], expected[1]))


def test_cycle_on_ignores_cycles_not_started_yet() -> None:
    found = cycle_on([c(0), c(14)], D0 + timedelta(days=10))
    assert found is not None and found[0].number == 1 and found[1] == 11


@pytest.mark.parametrize(
    ("cycles", "plan"),
    [
        ([], None),
        ([c(0)], None),  # without a planned length there is no plan
        ([c(0, 21)], (21, 20)),
        ([c(0, 21), c(21, 14)], (35, 34)),  # the latest cycle's start + its length
        ([c(0, 21), c(21)], None),
    ],
)
def test_next_cycle_plan(cycles: list[Cycle], plan: tuple[int, int] | None) -> None:
    found = next_cycle_plan(cycles)
    if plan is None:
        assert found is None
    else:
        assert found is not None
        assert found.next_start == D0 + timedelta(days=plan[0])
        assert found.test_date == D0 + timedelta(days=plan[1])


# ---- results, nadir, runs, recovery ---------------------------------------------------------


def one(cycles: list[Cycle], readings: list[Reading], number: int = 1, **kw: object):  # type: ignore[no-untyped-def]
    return cycle_summaries(cycles, readings, 1.5, **kw)[number - 1]  # type: ignore[arg-type]


def test_day_of_a_result_and_the_next_start_belongs_to_the_next_cycle() -> None:
    cycles = [c(0), c(14)]
    s1 = one(cycles, [r(0, 2.0), r(13, 1.6), r(14, 1.7)])
    s2 = one(cycles, [r(0, 2.0), r(13, 1.6), r(14, 1.7)], 2)
    assert [p.day for p in s1.points] == [1, 14]
    assert [p.day for p in s2.points] == [1]


def test_the_earliest_of_tied_nadirs_is_the_nadir() -> None:
    s = one([c(0, 21)], [r(3, 1.2), r(8, 0.6), r(11, 0.6), r(15, 0.9)])
    assert s.nadir is not None and s.nadir.day == 9 and s.nadir.value == 0.6


def test_a_cycle_with_no_results() -> None:
    s = one([c(0, 21)], [r(30, 0.2)])
    assert s.points == () and s.nadir is None and s.recovered is None
    assert dict(s.days_below) == {"1.5": 0, "1.0": 0, "0.5": 0}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([(7, 0.8), (10, 0.9), (14, 1.2)], 4),  # CLINICAL.md's example: days 8 and 11 -> 4
        ([(7, 0.8)], 1),  # one result alone counts its own day
        ([(7, 1.0)], 0),  # at the limit is not below
        ([(7, 0.99)], 1),
        ([(3, 0.8), (5, 1.1), (7, 0.2), (12, 0.3)], 1),  # only the first run counts
        ([(3, 1.6), (5, 0.9), (8, 0.7), (9, 0.95)], 5),
        ([(4, 0.8, "<")], 1),  # "<0.8" is certainly below 1.0
        ([(4, 1.2, "<"), (6, 0.9)], 1),  # "<1.2" is not shown below 1.0: it starts nothing
    ],
)
def test_days_below_is_the_first_run(values: list[tuple], expected: int) -> None:  # type: ignore[type-arg]
    readings = [r(v[0], v[1], comparator=v[2] if len(v) > 2 else None) for v in values]
    assert days_below(readings, 1.0) == expected


def test_days_below_carries_1_5_for_anc_only() -> None:
    anc = cycle_summaries([c(0)], [r(4, 1.2)], 1.5, analyte="anc")[0]
    wbc = cycle_summaries([c(0)], [r(4, 1.2)], 3.0, analyte="wbc")[0]
    assert dict(anc.days_below) == {"1.5": 1, "1.0": 0, "0.5": 0}
    assert dict(wbc.days_below) == {"1.0": 0, "0.5": 0}


@pytest.mark.parametrize(
    ("values", "recovered_day"),
    [
        ([(2, 2.0), (9, 0.4), (14, 1.4), (18, 1.5)], 19),  # at the threshold is recovered
        ([(2, 2.0), (9, 0.4), (14, 1.49)], None),  # not yet
        ([(2, 0.4), (9, 1.6)], 10),
        ([(2, 2.0), (9, 0.4)], None),  # nothing after the nadir
    ],
)
def test_recovered_is_the_first_result_after_the_nadir_at_the_threshold(
    values: list[tuple[int, float]], recovered_day: int | None
) -> None:
    s = one([c(0, 21)], [r(d, v) for d, v in values])
    assert (None if s.recovered is None else s.recovered.day) == recovered_day


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([(17, 1.6)], (1.6, True)),  # 4 days before the next start (21): day 17 is outside...
        ([(18, 1.6)], (1.6, True)),  # ...3 days before it is inside
        ([(18, 1.6), (20, 1.4)], (1.4, False)),  # the latest in the window
        ([(21, 1.5)], (1.5, True)),  # on the next start date itself
        ([(22, 1.8)], None),  # after the next start: not "before next"
        ([(10, 0.4)], None),  # nothing in the window
    ],
)
def test_before_next_window(values: list[tuple[int, float]], expected: tuple | None) -> None:  # type: ignore[type-arg]
    s = one([c(0), c(21)], [r(d, v) for d, v in values])
    if values == [(17, 1.6)]:
        assert s.before_next is None
        return
    got = None if s.before_next is None else (s.before_next.value, s.before_next.meets_threshold)
    assert got == expected


def test_the_last_cycle_has_no_before_next() -> None:
    s = one([c(0), c(21)], [r(40, 1.6)], 2)
    assert s.before_next is None


def test_gcsf_days_in_their_cycles_and_one_outside_every_cycle() -> None:
    cycles = [c(10, 14), c(24, 14)]
    gcsf = [D0 + timedelta(days=d) for d in (2, 11, 25, 26, 60)]  # 2 and 60 are outside
    s1, s2 = cycle_summaries(cycles, [], 1.5, gcsf)
    assert s1.gcsf == (D0 + timedelta(days=11),)
    assert s2.gcsf == (D0 + timedelta(days=25), D0 + timedelta(days=26))


# ---- the nadir window and the flag -----------------------------------------------------------


def three_cycles() -> tuple[list[Cycle], list[Reading]]:
    cycles = [c(0), c(21), c(42)]
    readings = [
        *(r(d, v) for d, v in [(0, 2.5), (8, 0.6), (14, 1.6)]),  # C1: 3 results, nadir day 9
        *(r(21 + d, v) for d, v in [(0, 2.2), (10, 0.5), (16, 1.7)]),  # C2: nadir day 11
        r(42, 2.4),  # C3: one result so far
    ]
    return cycles, readings


def test_nadir_window_needs_two_cycles_with_three_results() -> None:
    cycles, readings = three_cycles()
    window = nadir_window(cycle_summaries(cycles, readings, 1.5))
    assert window is not None
    assert window.sentence == "In cycles 1–2 your lowest recorded neutrophils came on days 9–11."
    assert window.text.endswith(" Days without a test may have been lower.")
    assert nadir_window(cycle_summaries(cycles, readings[:5], 1.5)) is None  # C2 has 2 results


@pytest.mark.parametrize(("day", "fires"), [(8, False), (9, True), (11, True), (12, False)])
def test_low_window_flag_fires_on_the_window_days(day: int, fires: bool) -> None:
    cycles, readings = three_cycles()
    today = D0 + timedelta(days=42 + day - 1)
    note = low_window_note(cycles, readings, 1.5, today)
    assert (note is not None) == fires
    if note is not None:
        assert note.title == "In your usual low-count days of this cycle"
        assert note.detail == (
            f"Today is day {day} of cycle 3. In cycles 1–2 your lowest recorded neutrophils "
            "came on days 9–11. If you feel unwell or have a fever, contact your care team."
        )
        assert note.since == D0 + timedelta(days=42 + 8)


def test_low_window_flag_ignores_cycles_and_results_after_the_as_of_day() -> None:
    cycles, readings = three_cycles()
    # as of C2 day 9: only C1 is earlier, so there is no window yet
    assert low_window_note(cycles, readings, 1.5, D0 + timedelta(days=29)) is None


# ---- properties ----------------------------------------------------------------------------

offsets = st.lists(st.integers(0, 400), min_size=1, max_size=12, unique=True)
lengths = st.one_of(st.none(), st.integers(1, 120))


@given(offsets, lengths, st.lists(st.tuples(st.integers(-30, 560), st.floats(0, 20)), max_size=40))
def test_every_result_in_the_cycles_belongs_to_exactly_one(
    starts: list[int], last_length: int | None, values: list[tuple[int, float]]
) -> None:
    cycles = [c(s) for s in sorted(starts)]
    cycles[-1] = Cycle(cycles[-1].start, "", last_length)
    readings = [r(d, v) for d, v in values]
    summaries = cycle_summaries(cycles, readings, 1.5)
    spans = [s.span for s in summaries]
    for a, b in itertools.pairwise(spans):
        assert a.end + timedelta(days=1) == b.start  # no gap, no overlap
    inside = [x for x in readings if spans[0].start <= x.taken_at.date() <= spans[-1].end]
    assert sum(len(s.points) for s in summaries) == len(inside)
    for s in summaries:
        for p in s.points:
            assert 1 <= p.day <= s.span.length_days
        if s.nadir is not None:
            assert s.nadir.value == min(p.value for p in s.points)
        for _, n in s.days_below:
            assert 0 <= n <= s.span.length_days


def test_the_low_window_flag_comes_with_the_other_flags() -> None:
    from leukotrack.domain.flags import Severity, evaluate
    from leukotrack.domain.records import Draw, Profile, Result

    cycles, readings = three_cycles()
    draws = [Draw(x.taken_at, (Result("anc", x.value, f"{x.value}"),)) for x in readings]
    as_of = datetime.combine(D0 + timedelta(days=42 + 9), time(20))  # cycle 3, day 10
    flags = evaluate(Profile(), draws, [], [], as_of, cycles=cycles)
    (flag,) = [f for f in flags if f.code == "cycle.low_window"]
    assert flag.severity is Severity.INFO
    assert flag.title == "In your usual low-count days of this cycle"
    assert flag.detail.startswith("Today is day 10 of cycle 3. In cycles 1–2")
    assert [e.value for e in flag.evidence] == [0.6, 0.5]
    assert not [
        f for f in evaluate(Profile(), draws, [], [], as_of) if f.code == "cycle.low_window"
    ]
