"""Every unit spelling of CLINICAL.md, conversions, and the plausibility limits."""

import contextlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leukotrack.domain.analytes import ANALYTES, Dimension, analyte
from leukotrack.domain.errors import InputError, LeukoTrackError, PlausibilityError, UnitError
from leukotrack.domain.units import (
    CELLS_PER_UL,
    CHOICES,
    FAHRENHEIT,
    Quantity,
    check_plausible,
    check_plausible_temperature,
    convert,
    format_quantity,
    parse_number,
    parse_quantity,
    parse_unit,
)

COUNT_PER_NL = [
    "10^9/L",
    "x10^9/L",
    "×10⁹/L",
    "10*9/L",
    "G/L",
    "/nL",
    "10^3/uL",
    "10^3/µL",
    "x10^3/uL",
    "x10³/µL",
    "10*3/uL",
    "K/uL",
    "K/µL",
    "thou/uL",
    "k/mm3",
    "K/μL",
    "X10^9/l",
    "k/ul",
]
COUNT_PER_UL = ["/uL", "/µL", "cells/uL", "cells/µL", "/mm3", "/mm³", "cells/mm3", "10*0/uL"]


@pytest.mark.parametrize("spelling", COUNT_PER_NL)
def test_count_units_with_factor_one(spelling: str) -> None:
    unit = parse_unit(spelling, Dimension.COUNT)
    assert unit.to_canonical(3.1) == pytest.approx(3.1)


@pytest.mark.parametrize("spelling", COUNT_PER_UL)
def test_count_units_per_microlitre(spelling: str) -> None:
    unit = parse_unit(spelling, Dimension.COUNT)
    assert unit.to_canonical(3100) == pytest.approx(3.1)


@pytest.mark.parametrize(
    ("text", "dimension", "canonical"),
    [
        ("12.5 g/dL", Dimension.HEMOGLOBIN, 12.5),
        ("125 g/L", Dimension.HEMOGLOBIN, 12.5),
        ("7.76 mmol/L", Dimension.HEMOGLOBIN, 7.76 * 1.611),
        ("55 %", Dimension.PERCENT, 55.0),
        ("55%", Dimension.PERCENT, 55.0),
        ("55", Dimension.PERCENT, 55.0),
        ("38.4 C", Dimension.TEMPERATURE, 38.4),
        ("38.4 °C", Dimension.TEMPERATURE, 38.4),
        ("38.4 Cel", Dimension.TEMPERATURE, 38.4),
        ("101.5 F", Dimension.TEMPERATURE, (101.5 - 32) * 5 / 9),
        ("101.5 °F", Dimension.TEMPERATURE, (101.5 - 32) * 5 / 9),
        ("101.5 [degF]", Dimension.TEMPERATURE, (101.5 - 32) * 5 / 9),
        ("3.1", Dimension.COUNT, 3.1),
        ("3,1 K/uL", Dimension.COUNT, 3.1),
        ("3100 /µL", Dimension.COUNT, 3.1),
        ("3100/uL", Dimension.COUNT, 3.1),
        ("4.5x10^9/L", Dimension.COUNT, 4.5),
        ("  0,540 K/uL ", Dimension.COUNT, 0.54),
        (".5", Dimension.COUNT, 0.5),
    ],
)
def test_parse_quantity_to_canonical(text: str, dimension: Dimension, canonical: float) -> None:
    assert parse_quantity(text, dimension).canonical == pytest.approx(canonical)


def test_capital_g_per_litre_is_a_count_and_small_g_is_hemoglobin() -> None:
    assert parse_unit("G/L").dimension is Dimension.COUNT
    assert parse_unit("g/L").dimension is Dimension.HEMOGLOBIN
    with pytest.raises(UnitError, match="unit of hemoglobin"):
        parse_unit("g/L", Dimension.COUNT)


def test_comparator_is_kept_and_never_zero() -> None:
    q = parse_quantity("<0.5 K/uL", Dimension.COUNT)
    assert q.comparator == "<"
    assert q.canonical == pytest.approx(0.5)
    assert format_quantity(q) == "<0.5 K/µL"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3.1 mg/dL", "not a unit LeukoTrack knows"),
        ("abc", "not a value LeukoTrack can read"),
        ("", "not a value LeukoTrack can read"),
        ("3,100 /uL", "ambiguous"),
        ("3.1 %", "unit of percent, not of count"),
    ],
)
def test_bad_quantities_say_what_to_type(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_quantity(text, Dimension.COUNT)


def test_message_for_kilo_and_per_microlitre_mixup() -> None:
    q = parse_quantity("4500 K/µL", Dimension.COUNT)
    with pytest.raises(PlausibilityError) as err:
        check_plausible(analyte("wbc"), q)
    assert str(err.value) == (
        "4500 K/µL is not a plausible white cell count; did you mean 4500 cells/µL = 4.5 ×10⁹/L?"
    )


@pytest.mark.parametrize(
    ("key", "text", "ok"),
    [
        ("wbc", "0", True),
        ("wbc", "500", True),
        ("wbc", "500.01", False),
        ("anc", "300", True),
        ("anc", "300.001", False),
        ("lymphocytes", "300.1", False),
        ("platelets", "5000", True),
        ("platelets", "5000.1", False),
        ("hemoglobin", "1", True),
        ("hemoglobin", "0.99", False),
        ("hemoglobin", "25", True),
        ("hemoglobin", "25.01", False),
        ("neutrophils_pct", "100", True),
        ("neutrophils_pct", "100.1", False),
        ("neutrophils_pct", "0", True),
        ("wbc", "-0.1", False),
    ],
)
def test_plausibility_boundaries(key: str, text: str, ok: bool) -> None:
    a = analyte(key)
    q = parse_quantity(text, a.dimension)
    if ok:
        assert check_plausible(a, q) == pytest.approx(q.canonical)
    else:
        with pytest.raises(PlausibilityError, match="not a plausible"):
            check_plausible(a, q)


@pytest.mark.parametrize(
    ("text", "ok", "hint"),
    [
        ("30 C", True, None),
        ("29.9 C", False, None),
        ("45 C", True, None),
        ("45.1 C", False, None),
        ("101.5 C", False, "101.5 °F = 38.6 °C"),
        ("38.5 F", False, "38.5 °C"),
    ],
)
def test_temperature_plausibility(text: str, ok: bool, hint: str | None) -> None:
    q = parse_quantity(text, Dimension.TEMPERATURE)
    if ok:
        check_plausible_temperature(q)
        return
    with pytest.raises(PlausibilityError) as err:
        check_plausible_temperature(q)
    if hint:
        assert f"did you mean {hint}?" in str(err.value)


def test_hemoglobin_in_grams_per_litre_typed_as_per_decilitre() -> None:
    with pytest.raises(PlausibilityError, match=r"did you mean 135 g/L = 13.5 g/dL\?"):
        check_plausible(analyte("hemoglobin"), parse_quantity("135 g/dL", Dimension.HEMOGLOBIN))


def test_percent_over_100_says_the_range() -> None:
    with pytest.raises(PlausibilityError, match="expected 0–100 %"):
        check_plausible(analyte("neutrophils_pct"), parse_quantity("120", Dimension.PERCENT))


def test_parse_number_decimal_comma() -> None:
    assert parse_number("4,5") == 4.5
    with pytest.raises(InputError):
        parse_number("4.5.1")


# -- properties ------------------------------------------------------------------------------

units = st.sampled_from([(d, u) for d, us in CHOICES.items() for u in us])


@given(units, st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda v: round(v, 4)))
def test_parse_format_round_trip(du, value: float) -> None:
    dimension, unit = du
    q = Quantity(value, unit)
    back = parse_quantity(format_quantity(q), dimension)
    assert back.unit == unit
    assert back.value == pytest.approx(value, rel=1e-9, abs=1e-6)


@given(units, st.floats(min_value=-1e5, max_value=1e5, allow_nan=False))
def test_conversion_round_trip(du, value: float) -> None:
    dimension, unit = du
    canonical = CHOICES[dimension][0]
    there = convert(value, unit, canonical)
    assert convert(there, canonical, unit) == pytest.approx(value, rel=1e-9, abs=1e-9)


@given(st.text(max_size=40), st.sampled_from(list(Dimension)))
def test_parser_never_raises_anything_but_our_error(text: str, dimension: Dimension) -> None:
    try:
        q = parse_quantity(text, dimension)
    except LeukoTrackError:
        return
    assert math.isfinite(q.value)


@given(st.text(max_size=30))
def test_unit_parser_on_junk(text: str) -> None:
    with contextlib.suppress(UnitError):
        parse_unit(text)


def test_every_analyte_has_loinc_and_noun() -> None:
    for a in ANALYTES.values():
        assert a.loinc and a.noun


def test_fahrenheit_is_affine() -> None:
    assert FAHRENHEIT.to_canonical(100.4) == pytest.approx(38.0)
    assert CELLS_PER_UL.from_canonical(0.8) == pytest.approx(800)
