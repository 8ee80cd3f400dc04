"""services.overview: neutropenia bands, dates without a time, and the next-test sentence."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from leukotrack.domain.records import (
    CountUnit,
    Draw,
    Medication,
    Profile,
    ReferenceProfile,
    Result,
    Thresholds,
)
from leukotrack.services.overview import anc_band, latest_tiles, next_test_words, when_text
from leukotrack.services.reminders import next_test
from leukotrack.services.timeline import Timeline

DAY = date(2026, 3, 3)


@pytest.mark.parametrize(
    ("value", "comparator", "words"),
    [
        (1.65, None, None),
        (1.5, None, None),
        (1.2, None, "Low: mild (1.0–1.5)"),
        (0.8, None, "Low: moderate (0.5–1.0)"),
        (0.44, None, "Very low: severe (< 0.5)"),
        (0.5, "<", "Very low: severe (< 0.5)"),
        (0.4, ">", None),  # ">0.4" may be any count above 0.4
    ],
)
def test_anc_bands_with_default_thresholds(
    value: float, comparator: str | None, words: str | None
) -> None:
    band = anc_band(value, comparator, Profile(), DAY)
    assert (band.words if band else None) == words


def test_anc_bands_follow_the_profile() -> None:
    duffy = Profile(reference=ReferenceProfile.DUFFY_NULL)
    assert anc_band(1.2, None, duffy, DAY) is None  # its mild limit is 1.0
    custom = Profile(thresholds=replace(Thresholds(), anc_moderate=1.2, anc_severe=0.7))
    band = anc_band(0.6, None, custom, DAY)
    assert band is not None and (band.band, band.words) == ("severe", "Very low: severe (< 0.7)")
    cells = Profile(count_unit=CountUnit.CELLS_PER_UL)
    band = anc_band(0.8, None, cells, DAY)
    assert band is not None and band.words == "Low: moderate (500–1000)"


def test_anc_tile_says_how_low() -> None:
    draws = [Draw(datetime(2026, 3, 3, 9, 30), (Result("anc", 0.4, "0.4"),))]
    (tile,) = latest_tiles(draws, Profile())
    assert tile.status_word == "Very low: severe (< 0.5)"
    assert tile.band is not None and tile.band.band == "severe"


def test_a_date_without_time_is_shown_alone() -> None:
    assert when_text(datetime(2026, 11, 20)) == "20 November 2026"
    assert when_text(datetime(2026, 11, 20, 9, 5)) == "20 November 2026, 09:05"


def test_next_test_names_the_scheme_and_says_it_is_an_estimate() -> None:
    med = Medication("Clozapine", date(2024, 1, 1))
    draws = [Draw(datetime(2026, 3, 3, 9, 0), (Result("anc", 3.0, "3.0"),))]
    fda = Timeline(Profile(), draws, [], [], [], [med])
    found = next_test(fda, datetime(2026, 3, 4))
    assert found is not None
    words = next_test_words(found, fda.profile, date(2026, 3, 4))
    assert (words.word, words.title) == ("In 30 days", "Friday 3 April 2026 · clozapine")
    assert "Clozapine blood test, by the US FDA label schedule: monthly after" in words.detail
    assert "care team sets your actual schedule" in words.detail
    uk = replace(fda, profile=Profile(thresholds=replace(Thresholds(), clozapine_scheme="uk-cpms")))
    assert "by the UK CPMS schedule" in next_test_words(found, uk.profile, date(2026, 3, 4)).detail
    assert next_test(replace(fda, medications=[]), datetime(2026, 3, 4)) is None
    today = next_test_words(found, fda.profile, date(2026, 4, 3))
    late = next_test_words(replace(found, overdue=True), fda.profile, date(2026, 4, 4))
    assert (today.word, today.title) == ("Due today", "3 April 2026 · clozapine")
    assert (late.word, late.title) == ("Overdue", "was due 3 April 2026, 1 day ago · clozapine")


def test_band_limits_keep_a_custom_thresholds_digits() -> None:
    from datetime import date

    from leukotrack.domain.records import Profile, Thresholds
    from leukotrack.services.overview import anc_band

    p = Profile(thresholds=Thresholds(anc_moderate=0.75, anc_severe=0.25))
    severe = anc_band(0.2, None, p, date(2026, 1, 1))
    moderate = anc_band(0.5, None, p, date(2026, 1, 1))
    assert severe is not None and "< 0.25" in severe.words
    assert moderate is not None and "0.25–0.75" in moderate.words
