"""Analyte lookup, reference ranges (lab first, profile, child bands, Duffy-null), ANC, CTCAE."""

from datetime import date

import pytest

from leukotrack.domain.analytes import by_loinc, find
from leukotrack.domain.anc import anc_from_values, calculate_anc, calculated_anc_result
from leukotrack.domain.ctcae import ctcae_grade
from leukotrack.domain.errors import UnknownAnalyteError
from leukotrack.domain.records import Profile, ReferenceProfile, Result, Sex
from leukotrack.domain.reference import default_range, mild_neutropenia_limit, range_for


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("WBC", "wbc"),
        ("wbc", "wbc"),
        ("Leukocytes", "wbc"),
        ("ANC", "anc"),
        ("Neut %", "neutrophils_pct"),
        ("neutrophils_pct", "neutrophils_pct"),
        ("Hb", "hemoglobin"),
        ("HGB", "hemoglobin"),
        ("PLT", "platelets"),
        ("Leukocytes [#/volume] in Blood by Automated count", "wbc"),
        ("6690-2", "wbc"),
    ],
)
def test_find_by_name(name: str, key: str) -> None:
    assert find(name).key == key


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("6690-2", "wbc"),
        ("26464-8", "wbc"),
        ("804-5", "wbc"),
        ("751-8", "anc"),
        ("768-2", "anc"),
        ("770-8", "neutrophils_pct"),
        ("764-1", "bands_pct"),
        ("718-7", "hemoglobin"),
        ("777-3", "platelets"),
        ("731-0", "lymphocytes"),
        ("5905-5", "monocytes_pct"),
        ("30180-4", "basophils_pct"),
    ],
)
def test_loinc(code: str, key: str) -> None:
    a = by_loinc(code)
    assert a is not None and a.key == key


def test_unknown_analyte_lists_the_keys() -> None:
    with pytest.raises(UnknownAnalyteError, match="use one of: wbc, anc"):
        find("cholesterol")
    assert by_loinc("2093-3") is None


ADULT_F = Profile(sex=Sex.FEMALE, birth_date=date(1980, 1, 1))


@pytest.mark.parametrize(
    ("key", "low", "high"),
    [
        ("wbc", 4.5, 11.0),
        ("anc", 1.8, 7.7),
        ("lymphocytes", 1.0, 4.8),
        ("monocytes", 0.2, 1.2),
        ("eosinophils", 0.0, 0.9),
        ("basophils", 0.0, 0.3),
        ("platelets", 150, 450),
        ("hemoglobin", 12, 16),
    ],
)
def test_adult_defaults(key: str, low: float, high: float) -> None:
    r = default_range(key, ADULT_F, date(2026, 1, 1))
    assert r is not None and (r.low, r.high, r.source) == (low, high, "profile")


def test_hemoglobin_by_sex() -> None:
    male = Profile(sex=Sex.MALE)
    r = default_range("hemoglobin", male, date(2026, 1, 1))
    assert r is not None and (r.low, r.high) == (14, 17)


def test_lab_range_wins() -> None:
    result = Result("wbc", 4.2, "4.2 K/uL", ref_low=4.0, ref_high=10.0)
    r = range_for(result, ADULT_F, date(2026, 1, 1))
    assert r is not None and (r.low, r.high, r.source) == (4.0, 10.0, "lab")
    assert r.status(4.2) == "normal"
    assert range_for(Result("wbc", 4.2, "4.2"), ADULT_F, date(2026, 1, 1)).status(4.2) == "low"


@pytest.mark.parametrize(
    ("birth", "on", "low", "high"),
    [
        (date(2026, 1, 1), date(2026, 1, 20), 5.0, 19.5),  # under 1 month
        (date(2026, 1, 1), date(2026, 2, 1), 6.0, 17.5),  # exactly 1 month
        (date(2025, 1, 1), date(2025, 12, 31), 6.0, 17.5),  # 11 months
        (date(2025, 1, 1), date(2026, 1, 1), 6.0, 17.0),  # 1 year
        (date(2022, 1, 1), date(2025, 12, 31), 6.0, 17.0),  # 3 years 11 months
        (date(2022, 1, 1), date(2026, 1, 1), 5.5, 15.5),  # 4 years
        (date(2018, 1, 1), date(2026, 1, 1), 4.5, 13.5),  # 8 years
        (date(2012, 1, 1), date(2026, 1, 1), 4.5, 13.0),  # 14 years
        (date(2008, 1, 1), date(2026, 1, 1), 4.5, 11.0),  # 18: adult
    ],
)
def test_child_wbc_bands(birth: date, on: date, low: float, high: float) -> None:
    child = Profile(birth_date=birth, reference=ReferenceProfile.CHILD)
    r = default_range("wbc", child, on)
    assert r is not None and (r.low, r.high) == (low, high)


def test_child_neutropenia_limits() -> None:
    baby = Profile(birth_date=date(2025, 6, 1), reference=ReferenceProfile.CHILD)
    assert mild_neutropenia_limit(baby, date(2025, 12, 1)) == 1.0
    assert mild_neutropenia_limit(baby, date(2026, 6, 1)) == 1.5


def test_duffy_null_lowers_anc_limit() -> None:
    p = Profile(reference=ReferenceProfile.DUFFY_NULL)
    r = default_range("anc", p, date(2026, 1, 1))
    assert r is not None and r.low == 1.0
    assert mild_neutropenia_limit(p, date(2026, 1, 1)) == 1.0
    assert mild_neutropenia_limit(Profile(), date(2026, 1, 1)) == 1.5


def test_anc_calculation() -> None:
    assert calculate_anc(4.0, 50, 5) == pytest.approx(2.2)
    assert anc_from_values({"wbc": 4.0, "neutrophils_pct": 50}) == (pytest.approx(2.0), True)
    assert anc_from_values({"anc": 1.2, "wbc": 4.0, "neutrophils_pct": 50}) == (1.2, False)
    assert anc_from_values({"anc": 1.2, "bands": 0.1}) == (pytest.approx(1.3), True)
    assert anc_from_values({"wbc": 4.0}) is None


def test_calculated_anc_is_marked() -> None:
    r = calculated_anc_result([Result("wbc", 2.0, "2 K/uL"), Result("neutrophils_pct", 40, "40 %")])
    assert r is not None and r.calculated and r.value == pytest.approx(0.8)
    assert "calculated" in r.entered
    assert calculated_anc_result([Result("anc", 1.0, "1"), Result("wbc", 2.0, "2")]) is None


@pytest.mark.parametrize(
    ("analyte", "value", "lln", "grade"),
    [
        ("anc", 0.5, 1.8, 3),
        ("anc", 0.49, 1.8, 4),
        ("anc", 0.499, 1.8, 4),
        ("anc", 1.0, 1.8, 2),
        ("anc", 0.999, 1.8, 3),
        ("anc", 1.5, 1.8, 1),
        ("anc", 1.499, 1.8, 2),
        ("anc", 1.8, 1.8, 0),
        ("anc", 1.79, 1.8, 1),
        ("anc", 1.6, None, None),
        ("anc", 1.4, None, 2),
        ("wbc", 3.0, 4.5, 1),
        ("wbc", 2.99, 4.5, 2),
        ("wbc", 2.0, 4.5, 2),
        ("wbc", 1.99, 4.5, 3),
        ("wbc", 1.0, 4.5, 3),
        ("wbc", 0.99, 4.5, 4),
        ("lymphocytes", 0.8, 1.0, 1),
        ("lymphocytes", 0.79, 1.0, 2),
        ("lymphocytes", 0.5, 1.0, 2),
        ("lymphocytes", 0.49, 1.0, 3),
        ("lymphocytes", 0.19, 1.0, 4),
        ("hemoglobin", 9.0, 12.0, None),
    ],
)
def test_ctcae_v5(analyte: str, value: float, lln: float | None, grade: int | None) -> None:
    assert ctcae_grade(analyte, value, lln) == grade


@pytest.mark.parametrize(("value", "grade"), [(1.2, 1), (0.9, 2), (0.4, 3), (0.09, 4), (1.6, 0)])
def test_ctcae_v6_neutrophils(value: float, grade: int) -> None:
    assert ctcae_grade("anc", value, None, "6.0") == grade


@pytest.mark.parametrize(
    ("value", "comparator", "status"),
    [
        (0.5, "<", "low"),
        (5.0, "<", "normal"),  # somewhere below 5.0: not certainly low
        (3.0, ">", "normal"),  # more than 3.0: not certainly low
        (4.5, "<", "low"),  # "<4.5" is below the lower limit 4.5
        (11.0, ">", "high"),
        (11.0, ">=", "normal"),
        (20.0, "<", "normal"),
        (4.4, None, "low"),
        (4.5, None, "normal"),
        (11.01, None, "high"),
    ],
)
def test_status_respects_comparators(value: float, comparator: str | None, status: str) -> None:
    from leukotrack.domain.reference import Range

    assert Range(4.5, 11.0, "profile").status(value, comparator) == status


@pytest.mark.parametrize(
    ("analyte", "value", "lln", "grade"),
    [
        ("wbc", 2.8, 2.5, 0),  # a lab whose lower limit is 2.5: in range, so grade 0
        ("wbc", 2.4, 2.5, 2),
        ("anc", 1.1, 1.0, 0),  # Duffy-null lower limit 1.0
        ("anc", 0.99, 1.0, 3),
    ],
)
def test_ctcae_grade_zero_at_or_above_a_low_lln(
    analyte: str, value: float, lln: float, grade: int
) -> None:
    assert ctcae_grade(analyte, value, lln) == grade
