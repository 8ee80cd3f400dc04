"""CLINICAL.md "Patterns" at every boundary: baseline, runs below, low days, fatigue, infections."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import pytest

from leukotrack.domain.pattern_text import CLOSING, fatigue_text, infections_text, statements
from leukotrack.domain.patterns import (
    baseline,
    below_thresholds,
    compare_fatigue,
    compare_infections,
    day_groups,
    find_patterns,
    longest_run_days,
)
from leukotrack.domain.readings import Reading
from leukotrack.domain.records import CountUnit, FatigueEntry, Infection

DAY0 = date(2026, 1, 5)


def d(n: int) -> date:
    return DAY0 + timedelta(days=n)


def reading(day: int, value: float, limit: float = 1.5, comparator: str | None = None) -> Reading:
    return Reading(datetime.combine(d(day), datetime.min.time()).replace(hour=9), "anc", value,
                   comparator, limit)  # fmt: skip


def readings(*pairs: tuple[int, float], limit: float = 1.5) -> list[Reading]:
    return [reading(day, value, limit) for day, value in pairs]


# ---- baseline ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "median", "q1", "q3"),
    [
        ([1.0, 2.0, 3.0, 4.0], 2.5, 1.75, 3.25),  # even count, exactly the minimum of 4
        ([1.0, 2.0, 3.0, 4.0, 5.0], 3.0, 2.0, 4.0),  # odd count
        ([0.4, 0.9, 1.6, 2.2, 3.1, 3.3], 1.9, 1.075, 2.875),
        ([1.0, 2.0, 3.0], 2.0, None, None),  # one short of 4: no quartiles
        ([2.5], 2.5, None, None),
    ],
)
def test_baseline_quartiles_use_the_inclusive_method(
    values: list[float], median: float, q1: float | None, q3: float | None
) -> None:
    b = baseline(values)
    assert b.n == len(values)
    assert b.median == pytest.approx(median)
    assert (b.q1, b.q3) == ((pytest.approx(q1), pytest.approx(q3)) if q1 else (None, None))
    assert (b.min, b.max) == (min(values), max(values))
    assert b.enough_data is (len(values) >= 4)
    assert (b.why == "") is (len(values) >= 4)
    assert len(values) >= 4 or "at least 4 results" in b.why


def test_baseline_of_nothing_says_so() -> None:
    b = baseline([])
    assert (b.n, b.median, b.enough_data) == (0, None, False)
    assert b.why


# ---- below each threshold and the longest run ----------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "threshold", "count", "run"),
    [
        ([(0, 1.2)], 1.5, 1, 0),  # one result alone is a run of 0 days
        ([(0, 1.2), (3, 1.1), (10, 1.4)], 1.5, 3, 10),
        ([(0, 1.2), (3, 1.6), (10, 1.4)], 1.5, 2, 0),  # broken by a normal result
        ([(0, 1.2), (3, 1.3), (5, 2.0), (6, 1.0), (20, 0.9)], 1.5, 4, 14),
        ([(0, 1.5), (7, 1.5)], 1.5, 0, 0),  # exactly at the threshold is not below
        ([(0, 1.499), (7, 1.499)], 1.5, 2, 7),
        ([(0, 0.9), (2, 1.2), (4, 0.8)], 1.0, 2, 0),  # 1.2 breaks the run below 1.0
    ],
)
def test_results_below_and_longest_run(
    pairs: list[tuple[int, float]], threshold: float, count: int, run: int
) -> None:
    rs = readings(*pairs)
    (item,) = [b for b in below_thresholds("anc", rs) if b.threshold == threshold]
    assert (item.results_below, item.longest_run_days) == (count, run)
    assert item.share == round(count / len(rs), 3)


def test_share_is_rounded_to_three_decimals() -> None:
    rs = readings((0, 1.0), (1, 2.0), (2, 2.0))
    (first, *_) = below_thresholds("anc", rs)
    assert first.threshold == 1.5
    assert first.share == 0.333


def test_a_bound_counts_below_only_when_it_certainly_is() -> None:
    rs = [reading(0, 0.5, comparator="<"), reading(1, 1.2, comparator=">")]
    found = {b.threshold: b.results_below for b in below_thresholds("anc", rs)}
    assert found == {1.5: 1, 1.0: 1, 0.5: 1}


def test_wbc_uses_each_results_own_lower_limit_then_3_and_2() -> None:
    rs = [
        Reading(datetime(2026, 1, day, 9), "wbc", value, None, limit)
        for day, value, limit in [(1, 4.2, 4.5), (2, 4.2, 4.0), (3, 2.5, 4.5), (4, 1.9, 4.5)]
    ]
    found = [(b.threshold, b.results_below, b.lower_limit) for b in below_thresholds("wbc", rs)]
    assert found == [(4.5, 3, True), (3.0, 2, False), (2.0, 1, False)]


def test_longest_run_is_calendar_days_not_hours() -> None:
    rs = [Reading(datetime(2026, 1, 1, 23), "anc", 1.0, None, 1.5),
          Reading(datetime(2026, 1, 2, 1), "anc", 1.0, None, 1.5)]  # fmt: skip
    assert longest_run_days([True, True], rs) == 1


# ---- low days, unknown days ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "group"),
    [
        (-1, None),  # before the first result: unknown
        (0, True),
        (14, True),  # 14 days after a low result: still low
        (15, None),  # 15 days after: unknown
        (20, False),  # a normal result that day
        (34, False),
        (35, None),
    ],
)
def test_a_day_is_low_other_or_unknown(day: int, group: bool | None) -> None:
    groups = day_groups(readings((0, 1.2), (20, 2.0)), d(-1), d(40))
    assert groups[d(day)] is group


def test_the_latest_result_of_the_day_decides() -> None:
    rs = [reading(0, 1.0), Reading(datetime.combine(d(0), datetime.min.time()).replace(hour=18),
                                   "anc", 2.0, None, 1.5)]  # fmt: skip
    assert day_groups(rs, d(0), d(0)) == {d(0): False}


# ---- fatigue ---------------------------------------------------------------------------------


def _fatigue(days: Sequence[int], score: int) -> list[FatigueEntry]:
    return [FatigueEntry(d(n), score) for n in days]


# results: low on day 0 (covers 0–14), normal on day 20 (covers 20–34)
GROUPS = day_groups(readings((0, 1.2), (20, 2.0)), d(0), d(40))


@pytest.mark.parametrize(
    ("low_scored", "other_scored", "enough"),
    [(7, 7, True), (6, 7, False), (7, 6, False), (15, 15, True)],
)
def test_fatigue_needs_seven_scored_days_in_each_group(
    low_scored: int, other_scored: int, enough: bool
) -> None:
    fatigue = _fatigue(range(low_scored), 7) + _fatigue(range(20, 20 + other_scored), 3)
    fatigue += _fatigue(range(15, 20), 9)  # unknown days: left out of both groups
    f = compare_fatigue(GROUPS, fatigue)
    assert (f.low_days, f.other_days, f.enough_data) == (low_scored, other_scored, enough)
    if enough:
        assert (f.mean_low, f.mean_other, f.why) == (7.0, 3.0, "")
    else:
        assert (f.mean_low, f.mean_other) == (None, None)
        assert "at least 7" in f.why


def test_a_fatigue_series_built_to_differ_says_so() -> None:
    fatigue = _fatigue(range(0, 10), 8) + _fatigue(range(20, 30), 3)
    text = fatigue_text(compare_fatigue(GROUPS, fatigue), "anc")
    assert text == (
        "On the 10 days your neutrophil count was low, your fatigue averaged 8; "
        "on the 10 other days it averaged 3."
    )


def test_a_fatigue_series_built_not_to_differ_says_so() -> None:
    fatigue = [FatigueEntry(d(n), 4 + n % 3) for n in [*range(0, 9), *range(20, 29)]]
    f = compare_fatigue(GROUPS, fatigue)
    assert f.mean_low == f.mean_other == 5.0
    assert fatigue_text(f, "anc") == (
        "On the 9 days your neutrophil count was low, your fatigue averaged 5; "
        "on the 9 other days it averaged 5."
    )


def test_no_fatigue_statement_from_too_little_data() -> None:
    f = compare_fatigue(GROUPS, _fatigue(range(6), 9) + _fatigue(range(20, 30), 1))
    assert fatigue_text(f, "anc") is None


# ---- infections ------------------------------------------------------------------------------


def _groups(low_days: int, other_days: int) -> dict[date, bool | None]:
    out: dict[date, bool | None] = {d(n): True for n in range(low_days)}
    out.update({d(1000 + n): False for n in range(other_days)})
    out[d(-5)] = None
    return out


@pytest.mark.parametrize(
    ("low", "other", "enough"), [(30, 30, True), (29, 30, False), (30, 29, False)]
)
def test_infections_need_thirty_known_days_in_each_group(
    low: int, other: int, enough: bool
) -> None:
    episodes = [Infection(d(2), "cold"), Infection(d(1001), "flu"), Infection(d(-5), "cough")]
    i = compare_infections(_groups(low, other), episodes)
    assert (i.episodes, i.started_low, i.started_other, i.enough_data) == (3, 1, 1, enough)
    if enough:
        assert (i.rate_low, i.rate_other) == (round(100 / low, 2), round(100 / other, 2))
    else:
        assert (i.rate_low, i.rate_other) == (None, None)
        assert infections_text(i, "anc") is None


def test_infection_rates_are_per_100_known_days_rounded_to_2() -> None:
    episodes = [Infection(d(n), "cold") for n in (1, 5, 9)] + [Infection(d(1003), "cold")]
    i = compare_infections(_groups(40, 300), episodes)
    assert (i.rate_low, i.rate_other) == (7.5, 0.33)
    text = infections_text(i, "anc")
    assert text is not None
    assert "3 started on the 40 days your neutrophil count was low (7.5 per 100 days)" in text


# ---- everything together ---------------------------------------------------------------------


def test_find_patterns_keeps_to_the_period_and_ends_with_the_closing_line() -> None:
    rs = readings((0, 1.2), (3, 0.8), (40, 2.0), (90, 2.2))
    p = find_patterns("anc", rs, [], [], d(1), d(60))
    assert p.baseline.n == 2  # days 3 and 40
    assert p.periodicity.enough_data is False
    lines = statements(p, CountUnit.PER_NANOLITRE)
    assert lines[0].startswith("From 2 results, your middle neutrophil count was 1.4")
    assert not any("fatigue" in line for line in lines)
    assert CLOSING == "Only your care team can say what this means for you."


def test_cells_per_microlitre_show_in_that_unit() -> None:
    p = find_patterns("anc", readings((0, 1.2), (3, 0.8)), [], [], d(0), d(3))
    assert "below 1500 cells/µL" in statements(p, CountUnit.CELLS_PER_UL)[1]


def test_unknown_analyte_is_refused() -> None:
    with pytest.raises(ValueError, match="hemoglobin"):
        find_patterns("hemoglobin", [], [], [], d(0), d(1))
