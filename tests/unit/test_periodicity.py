"""The rhythm check: a 21-day cycle is found; noise, a decline and too little data are not."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leukotrack.domain.pattern_text import rhythm_text
from leukotrack.domain.periodicity import (
    false_alarm_probability,
    find_periodicity,
    power_at_false_alarm,
)
from leukotrack.domain.readings import Reading

MONDAY = datetime(2026, 3, 2, 9, 0)


def three_a_week(value: Callable[[int], float], weeks: int = 8) -> list[Reading]:
    """Monday, Wednesday and Friday results for `weeks` weeks; value(day number)."""
    out = []
    for k in range(7 * weeks):
        moment = MONDAY + timedelta(days=k)
        if moment.weekday() in (0, 2, 4):
            out.append(Reading(moment, "anc", value(k), None, 1.5))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_a_21_day_rhythm_with_noise_is_found_within_2_days(seed: int) -> None:
    rng = random.Random(seed)
    rs = three_a_week(lambda k: 2.2 + 1.6 * math.sin(2 * math.pi * k / 21) + rng.gauss(0, 0.35))
    p = find_periodicity(rs)
    assert p.enough_data
    assert p.period_days is not None and abs(p.period_days - 21) <= 2
    assert p.false_alarm_probability is not None and p.false_alarm_probability < 0.01
    assert p.pattern
    assert rhythm_text(p, "anc") == (
        "Your neutrophil count results from 2 March 2026 to 24 April 2026 rise and fall in a "
        f"repeating pattern about every {p.period_days:g} days. A pattern this strong would "
        "appear by chance less than 1 time in 100."
    )


@pytest.mark.parametrize("seed", range(5))
def test_white_noise_gives_no_pattern(seed: int) -> None:
    rng = random.Random(100 + seed)
    p = find_periodicity(three_a_week(lambda _k: 2.0 + rng.gauss(0, 0.5)))
    assert p.enough_data and not p.pattern
    assert rhythm_text(p, "anc") == "No repeating pattern shows in these 24 results."


def test_a_steady_decline_gives_no_pattern() -> None:
    p = find_periodicity(three_a_week(lambda k: 4.0 - 0.06 * k))
    assert p.enough_data and not p.pattern


def test_values_that_never_change_give_no_pattern() -> None:
    p = find_periodicity(three_a_week(lambda _k: 1.2))
    assert p.enough_data and not p.pattern and p.period_days is None


@pytest.mark.parametrize(
    ("weeks", "extra_days", "enough"),
    [
        (3, 0, False),  # 9 results over 3 weeks
        (6, 0, False),  # 18 results, but Monday to the last Friday spans only 39 days
        (6, 3, True),  # one more result on day 42: exactly the minimum span
    ],
)
def test_the_rhythm_needs_12_results_spanning_42_days(
    weeks: int, extra_days: int, enough: bool
) -> None:
    rng = random.Random(7)
    rs = three_a_week(lambda k: 2.0 + math.sin(2 * math.pi * k / 21) + rng.gauss(0, 0.1), weeks)
    if extra_days:
        last = rs[-1].taken_at + timedelta(days=extra_days)
        rs.append(Reading(last, "anc", 2.0, None, 1.5))
    p = find_periodicity(rs)
    assert p.enough_data is enough
    if not enough:
        assert (p.pattern, p.period_days, p.false_alarm_probability) == (False, None, None)
        assert "at least 12 results spanning at least 42 days" in p.why
        assert rhythm_text(p, "anc") is None


def test_eleven_results_are_not_enough_however_long_they_span() -> None:
    rs = [Reading(MONDAY + timedelta(days=5 * k), "anc", 2.0 + k % 2, None, 1.5) for k in range(11)]
    assert not find_periodicity(rs).enough_data
    rs.append(Reading(MONDAY + timedelta(days=60), "anc", 2.0, None, 1.5))
    assert find_periodicity(rs).enough_data


@given(
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.integers(12, 600),
    st.floats(10.0, 5000.0),
)
def test_false_alarm_probability_is_a_probability_that_falls_as_power_rises(
    z1: float, z2: float, n: int, t_var: float
) -> None:
    lo, hi = sorted((z1, z2))
    p_lo = false_alarm_probability(lo, n, 0.1, t_var)
    p_hi = false_alarm_probability(hi, n, 0.1, t_var)
    assert 0.0 <= p_hi <= p_lo <= 1.0


def test_the_power_at_the_limit_has_that_false_alarm_probability() -> None:
    z = power_at_false_alarm(0.01, 24, 0.1, 250.0)
    assert false_alarm_probability(z, 24, 0.1, 250.0) == pytest.approx(0.01, rel=1e-6)
