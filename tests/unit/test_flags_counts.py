"""Count rules at every boundary of CLINICAL.md: leukopenia, neutropenia bands and runs,
lymphopenia, pancytopenia, Duffy-null, a child's age bands, a lab's own range, bounds ("<0.5")."""

from datetime import date

import pytest

from leukotrack.domain.records import Sex
from tests.unit.flag_cases import at, codes, draw, flags, profile

NEUTRO = {"neutropenia.mild", "neutropenia.moderate", "neutropenia.severe"}


@pytest.mark.parametrize(
    ("anc", "band"),
    [
        (1.8, None),
        (1.5, None),
        (1.499, "neutropenia.mild"),
        (1.0, "neutropenia.mild"),
        (0.999, "neutropenia.moderate"),
        (0.5, "neutropenia.moderate"),
        (0.499, "neutropenia.severe"),
        (0.0, "neutropenia.severe"),
        ("<0.5", "neutropenia.severe"),  # a bound below 0.5 is certainly severe
        ("<=0.5", "neutropenia.moderate"),  # could be exactly 0.5
        ("<1.2", "neutropenia.mild"),  # certainly below 1.5, not shown below 1.0
        (">0.3", None),  # says only how high it at least is
    ],
)
def test_neutropenia_band_of_the_latest_anc(anc: float | str, band: str | None) -> None:
    found = codes([draw(at(0), anc=anc)]) & NEUTRO
    assert found == ({band} if band else set())


@pytest.mark.parametrize(
    ("anc", "band"),
    [(1.2, None), (1.0, None), (0.999, "neutropenia.moderate"), (0.499, "neutropenia.severe")],
)
def test_duffy_null_lowers_the_mild_limit_to_1(anc: float, band: str | None) -> None:
    found = codes([draw(at(0), anc=anc)], prof=profile("duffy-null")) & NEUTRO
    assert found == ({band} if band else set())


def test_the_latest_anc_decides_not_an_older_one() -> None:
    assert codes([draw(at(0), anc=0.3), draw(at(5), anc=2.0)]) & NEUTRO == set()


def test_a_calculated_anc_counts_and_says_so() -> None:
    (flag,) = [f for f in flags([draw(at(0), wbc=2.0, neutrophils_pct=40)]) if "neutro" in f.code]
    assert flag.code == "neutropenia.moderate"  # 2.0 × 40 % = 0.8
    assert "calculated" in flag.detail


def test_moderate_wording_cites_value_units_and_date() -> None:
    (flag,) = [f for f in flags([draw(at(0), anc=0.8)]) if f.code == "neutropenia.moderate"]
    assert flag.detail == (
        "Your neutrophils were 0.8 ×10⁹/L (800 cells/µL) on 5 January 2026 at 09:00: below 1, "
        "where the risk of infection is high."
    )
    assert flag.evidence[0].value == 0.8 and flag.evidence[0].analyte == "anc"


@pytest.mark.parametrize(
    ("wbc", "ranges", "low"),
    [
        (4.5, None, False),
        (4.49, None, True),
        (4.2, {"wbc": (4.0, 10.0)}, False),  # the lab's own range wins
        (4.6, {"wbc": (5.0, 10.0)}, True),
        (3.9, {"wbc": (4.0, 10.0)}, True),
        ("<4.0", None, True),
        ("<5.0", None, False),  # not shown below 4.5
    ],
)
def test_leukopenia_against_the_range_that_applied(
    wbc: float | str, ranges: dict[str, tuple[float, float]] | None, low: bool
) -> None:
    assert ("leukopenia" in codes([draw(at(0), ranges, wbc=wbc)])) is low


def test_lab_range_is_named_in_the_detail() -> None:
    (flag,) = [f for f in flags([draw(at(0), {"wbc": (5.0, 10.0)}, wbc=4.6)])]
    assert "below the lower limit of 5 (your lab's range)" in flag.detail


@pytest.mark.parametrize(
    ("age_birth", "wbc", "low"),
    [
        (date(2025, 7, 1), 5.9, True),  # 6 months: 6.0-17.5
        (date(2025, 7, 1), 6.0, False),
        (date(2021, 1, 1), 5.4, True),  # 5 years: 5.5-15.5
        (date(2021, 1, 1), 5.5, False),
        (date(2016, 1, 1), 4.6, False),  # 10 years: 4.5-13.5
        (date(2016, 1, 1), 4.4, True),
        (date(2025, 12, 20), 4.9, True),  # 16 days old: 5.0-19.5
    ],
)
def test_child_wbc_age_bands(age_birth: date, wbc: float, low: bool) -> None:
    prof = profile("child", birth=age_birth)
    assert ("leukopenia" in codes([draw(at(0), wbc=wbc)], prof=prof)) is low


@pytest.mark.parametrize(
    ("birth", "anc", "band"),
    [
        (date(2025, 7, 1), 1.2, None),  # under one year: neutropenia below 1.0
        (date(2025, 7, 1), 0.9, "neutropenia.moderate"),
        (date(2023, 1, 1), 1.2, "neutropenia.mild"),  # after the first year: below 1.5
    ],
)
def test_child_neutropenia_limits(birth: date, anc: float, band: str | None) -> None:
    found = codes([draw(at(0), anc=anc)], prof=profile("child", birth=birth)) & NEUTRO
    assert found == ({band} if band else set())


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (20, set()),
        (21, {"leukopenia.persistent"}),
        (89, {"leukopenia.persistent"}),
        (90, {"leukopenia.persistent", "leukopenia.chronic"}),
    ],
)
def test_leukopenia_runs(span: int, expected: set[str]) -> None:
    draws = [draw(at(0), wbc=3.0), draw(at(span, hours=-2), wbc=3.1)]  # time of day ignored
    found = codes(draws) - {"leukopenia"}
    assert found == expected
    assert "leukopenia" in codes(draws)


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (20, set()),
        (21, {"neutropenia.persistent"}),
        (89, {"neutropenia.persistent"}),
        (90, {"neutropenia.persistent", "neutropenia.chronic"}),
    ],
)
def test_neutropenia_runs(span: int, expected: set[str]) -> None:
    found = codes([draw(at(0), anc=1.2), draw(at(span), anc=1.4)])
    assert found - NEUTRO == expected


def test_duffy_null_runs_use_its_mild_limit() -> None:
    draws = [draw(at(0), anc=1.2), draw(at(30), anc=1.3)]
    assert "neutropenia.persistent" in codes(draws)
    assert codes(draws, prof=profile("duffy-null")) == set()


def test_a_normal_result_breaks_a_run() -> None:
    draws = [draw(at(0), wbc=3.0, anc=1.0), draw(at(10), wbc=5.0, anc=2.0)]
    draws += [draw(at(25), wbc=3.2, anc=1.1)]
    found = codes(draws)
    assert "leukopenia" in found and "neutropenia.mild" in found
    assert not found & {"leukopenia.persistent", "neutropenia.persistent"}


def test_a_bound_that_does_not_show_low_breaks_a_run() -> None:
    draws = [draw(at(0), wbc=3.0), draw(at(10), wbc="<5.0"), draw(at(25), wbc=3.2)]
    assert "leukopenia.persistent" not in codes(draws)


def test_run_detail_gives_the_length_in_days() -> None:
    flag = next(
        f for f in flags([draw(at(0), wbc=3.0), draw(at(30), wbc=3.1)]) if "persistent" in f.code
    )
    assert "low for 30 days" in flag.detail and "2 results in a row" in flag.detail
    assert flag.since == at(0) and len(flag.evidence) == 2


def test_runs_follow_the_threshold_settings() -> None:
    draws = [draw(at(0), wbc=3.0), draw(at(14), wbc=3.1)]
    assert "leukopenia.persistent" not in codes(draws)
    assert "leukopenia.persistent" in codes(draws, prof=profile(persistent_days=14))


@pytest.mark.parametrize(("lymph", "low"), [(1.0, False), (0.99, True), ("<1.0", True)])
def test_lymphopenia(lymph: float | str, low: bool) -> None:
    assert ("lymphopenia" in codes([draw(at(0), lymphocytes=lymph)])) is low


@pytest.mark.parametrize(
    ("sex", "wbc", "hgb", "plt", "fires"),
    [
        (Sex.MALE, 3.9, 13.4, 149, True),
        (Sex.MALE, 3.9, 13.5, 149, False),
        (Sex.FEMALE, 3.9, 13.4, 149, False),
        (Sex.FEMALE, 3.9, 11.4, 149, True),
        (Sex.FEMALE, 3.9, 11.5, 149, False),
        (None, 3.9, 11.4, 149, True),  # sex not given: the female limit
        (None, 3.9, 12.0, 149, False),
        (Sex.MALE, 4.0, 10.0, 100, False),
        (Sex.MALE, 3.0, 10.0, 150, False),
    ],
)
def test_pancytopenia_by_sex(
    sex: Sex | None, wbc: float, hgb: float, plt: float, fires: bool
) -> None:
    d = draw(at(0), wbc=wbc, hemoglobin=hgb, platelets=plt)
    assert ("pancytopenia" in codes([d], prof=profile(sex=sex))) is fires


def test_pancytopenia_uses_the_latest_draw_with_all_three() -> None:
    full = draw(at(0), wbc=3.0, hemoglobin=10.0, platelets=100)
    assert "pancytopenia" in codes([full, draw(at(5), wbc=5.0)])
    assert "pancytopenia" not in codes([full, draw(at(5), wbc=5.0, hemoglobin=14, platelets=200)])


def test_as_of_ignores_later_results() -> None:
    draws = [draw(at(0), wbc=3.0, anc=0.4), draw(at(10), wbc=6.0, anc=3.0)]
    assert codes(draws) == set()
    assert {"leukopenia", "neutropenia.severe"} <= codes(draws, as_of=at(5))


def test_most_severe_first_then_table_order() -> None:
    draws = [
        draw(at(0), wbc=2.0, anc=0.4, lymphocytes=0.5),
        draw(at(30), wbc=2.1, anc=0.3, lymphocytes=0.4),
    ]
    order = [f.code for f in flags(draws)]
    assert order == [
        "neutropenia.severe",
        "leukopenia",
        "leukopenia.persistent",
        "neutropenia.persistent",
        "lymphopenia",
    ]
