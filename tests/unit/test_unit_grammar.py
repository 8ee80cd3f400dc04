"""The unit grammar: real printed spellings, ambiguity, case, and the factor from first principles.

Every row says where such a spelling is printed. Factors are to the canonical unit (10^9/L for
counts, % and g/dL); temperatures are checked by their converted value.
"""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leukotrack.domain.analytes import Dimension
from leukotrack.domain.errors import UnitError
from leukotrack.domain.units import (
    CHOICES,
    Quantity,
    count_unit,
    format_quantity,
    parse_quantity,
    parse_unit,
)

C, P, H = Dimension.COUNT, Dimension.PERCENT, Dimension.HEMOGLOBIN

SPELLINGS: list[tuple[str, Dimension, float]] = [
    # -- thousands per microlitre (= 10^9/L) --
    ("K/uL", C, 1),  # Epic MyChart result pages and Epic FHIR valueQuantity.unit
    ("K/µL", C, 1),  # LeukoTrack's own display unit; many US hospital printouts
    ("K/μL", C, 1),  # the same with a Greek mu (U+03BC) from a PDF's text layer
    ("K/mcL", C, 1),  # US patient-portal FHIR export named in issue 12
    ("k/ul", C, 1),  # lower-case LIS export (CSV downloads)
    ("K/UL", C, 1),  # all-caps legacy LIS printouts (Meditech-style)
    ("K/cumm", C, 1),  # US community-hospital CBC printouts
    ("K/mm3", C, 1),  # US reports that keep the cubic millimetre
    ("k/mm3", C, 1),  # CLINICAL.md's table
    ("10^3/uL", C, 1),  # LabCorp and many CSV exports
    ("10^3/µL", C, 1),  # Mayo-style printouts
    ("10^3/mm^3", C, 1),  # US academic-centre printouts (issue 12)
    ("10^3/mm3", C, 1),  # the same without the caret on the volume
    ("x10^3/uL", C, 1),  # Sunquest printouts
    ("x10³/µL", C, 1),  # PDF with real superscripts (Sysmex analyser reports)
    ("×10³/µL", C, 1),  # the same with a multiplication sign
    ("x103/uL", C, 1),  # a superscript ³ that lost its formatting in a PDF's text (CLINICAL.md)
    ("x10E3/uL", C, 1),  # LabCorp patient reports
    ("X10E3/UL", C, 1),  # LabCorp in capitals (fax copies)
    ("10E3/uL", C, 1),  # LabCorp without the x
    ("10*3/uL", C, 1),  # UCUM, as in Epic and Cerner FHIR valueQuantity.code
    ("10*3/mm3", C, 1),  # UCUM variant in OMOP unit-harmonisation lists
    ("10**3/uL", C, 1),  # Fortran-style power in older CSV exports
    ("x10(3)/mcL", C, 1),  # Cerner (Oracle Health) FHIR export named in issue 12
    ("10(3)/mcL", C, 1),  # the same without the x
    ("10s3/uL", C, 1),  # a caret replaced by "s" in some LIS interfaces (issue 12)
    ("10*3{cells}/uL", C, 1),  # UCUM with an annotation (LOINC example units)
    ("Thousand/uL", C, 1),  # Quest Diagnostics printout named in issue 12
    ("thousand/uL", C, 1),  # Quest CSV download
    ("Thousand/µL", C, 1),  # Quest PDF with a micro sign
    ("thousand cells/uL", C, 1),  # US hospital discharge summaries
    ("TH/uL", C, 1),  # US LIS printouts (issue 12)
    ("TH/mm3", C, 1),  # US LIS printouts in cubic millimetres
    ("thou/uL", C, 1),  # CLINICAL.md's table
    ("thou/cu mm", C, 1),  # US veterans-hospital printouts (issue 12)
    ("thous/mm3", C, 1),  # US reference-lab printouts
    ("Tsd/µl", C, 1),  # German Laborbefund ("Tausend pro Mikroliter")
    ("Tsd./µl", C, 1),  # German with the abbreviation dot
    ("K/L", C, 0.000001),  # grammar: thousand per litre (never printed for blood, but exact)
    ("mil/mm³", C, 1),  # Brazilian and Spanish reports ("mil" = thousand)
    ("mil/mm3", C, 1),  # the same typed without a superscript
    ("10^3 cells/uL", C, 1),  # research data dictionaries
    ("1000/uL", C, 1),  # older printouts writing the thousand out
    ("x1000/µL", C, 1),  # Scandinavian-style printouts
    # -- per litre: 10^9/L and its spellings --
    ("10^9/L", C, 1),  # UK NHS pathology reports
    ("x10^9/L", C, 1),  # UK and Australian printouts
    ("X10^9/l", C, 1),  # Australian (RCPA-style) printouts
    ("×10⁹/L", C, 1),  # LeukoTrack's canonical unit, with superscripts
    ("x10⁹/L", C, 1),  # NHS PDF with a real superscript
    ("x109/L", C, 1),  # a superscript ⁹ lost in a PDF's text (CLINICAL.md)
    ("10*9/L", C, 1),  # UCUM (Synthea and HAPI FHIR examples)
    ("10e9/L", C, 1),  # Irish and Canadian LIS exports
    ("10E9/L", C, 1),  # the same, capital E
    ("10E+09/L", C, 1),  # spreadsheet scientific notation in CSV exports (issue 12)
    ("x10(9)/L", C, 1),  # Cerner in countries that use litres
    ("10(9)/L", C, 1),  # CLINICAL.md
    ("10^9 /L", C, 1),  # a space before the slash, from a PDF's text
    ("x 10^9 / L", C, 1),  # spaces everywhere, from a scanned report's OCR
    ("10^9/l", C, 1),  # lower-case litre (Dutch and Scandinavian reports)
    ("G/L", C, 1),  # French compte rendu ("giga par litre")
    ("G/l", C, 1),  # French and Belgian reports with a lower-case litre
    ("Gpt/l", C, 1),  # German reports ("Gigapartikel pro Liter")
    ("GPT/L", C, 1),  # the same in capitals
    ("giga/L", C, 1),  # French and Swiss reports (CLINICAL.md)
    ("bil/L", C, 1),  # US research data exports (issue 12)
    ("billion/L", C, 1),  # patient-education handouts
    ("/nL", C, 1),  # German reports ("pro Nanoliter")
    ("/nl", C, 1),  # the same, lower case
    ("10*9{cells}/L", C, 1),  # UCUM with an annotation
    # -- cells per microlitre (= 0.001 × 10^9/L) --
    ("/uL", C, 0.001),  # Epic FHIR for an ANC in cells
    ("/µL", C, 0.001),  # CLINICAL.md
    ("/mcL", C, 0.001),  # US portals
    ("cells/uL", C, 0.001),  # US oncology clinic letters
    ("cells/µL", C, 0.001),  # LeukoTrack's own
    ("cells/mcL", C, 0.001),  # US portal exports (issue 12)
    ("cells/mm3", C, 0.001),  # US and Brazilian reports
    ("cells/mm³", C, 0.001),  # the same, with a superscript
    ("/mm3", C, 0.001),  # Spanish and Portuguese reports
    ("/mm³", C, 0.001),  # Brazilian reports ("/mm³")
    ("/cumm", C, 0.001),  # Indian laboratory reports
    ("cells/cumm", C, 0.001),  # Indian laboratory reports
    ("/cmm", C, 0.001),  # Indian and Pakistani reports
    ("/cu mm", C, 0.001),  # Indian reports with a space
    ("cells per cubic millimeter", C, 0.001),  # patient-education text (seed documents)
    ("per microliter", C, 0.001),  # US patient portals' explanations
    ("#/uL", C, 0.001),  # Beckman Coulter analyser exports
    ("10*0/uL", C, 0.001),  # UCUM written with a zero power (CLINICAL.md)
    ("{cells}/uL", C, 0.001),  # UCUM annotation only
    ("células/mm³", C, 0.001),  # Spanish reports
    ("Zellen/µl", C, 0.001),  # German reports
    # -- other multipliers --
    ("10^2/uL", C, 0.1),  # Japanese reports: WBC in hundreds per microlitre (issue 12)
    ("×10²/µL", C, 0.1),  # Japanese reports with a superscript
    ("x102/uL", C, 0.1),  # the same with the superscript lost
    ("M/uL", C, 1000),  # millions per microlitre (US red-cell printouts; grammar check)
    ("10^6/uL", C, 1000),  # the same as a power
    ("10^6/L", C, 0.001),  # per-litre millions: a cell per microlitre
    ("Mio/µl", C, 1000),  # German "Millionen pro Mikroliter"
    ("10^9/mL", C, 1000),  # grammar check: per millilitre
    ("10^3/nL", C, 1000),  # grammar check: per nanolitre
    ("10^9/dL", C, 10),  # grammar check: per decilitre
    # -- percentages --
    ("%", P, 1),  # everywhere
    (" % ", P, 1),  # a percent sign with spaces from a PDF's text
    ("% of WBC", P, 1),  # US hospital differential printouts
    ("%WBC", P, 1),  # compact LIS exports
    ("pct", P, 1),  # US CSV exports
    ("percent", P, 1),  # patient-portal text
    ("/100 WBC", P, 1),  # manual differentials ("per 100 white cells")
    # -- hemoglobin --
    ("g/dL", H, 1),  # US reports and UCUM
    ("g/dl", H, 1),  # Australian and German reports
    ("gm/dL", H, 1),  # US printouts (CLINICAL.md)
    ("GM/DL", H, 1),  # US printouts in capitals
    ("G/DL", H, 1),  # US capitals: grams, never giga-cells per decilitre
    ("g%", H, 1),  # Indian reports (CLINICAL.md)
    ("gm%", H, 1),  # Indian reports
    ("g/100mL", H, 1),  # older UK and Indian reports
    ("g/100 ml", H, 1),  # the same with a space
    ("g/L", H, 0.1),  # UK, Canadian and Australian reports
    ("g/l", H, 0.1),  # German and Scandinavian reports
    ("mmol/L", H, 1.611),  # Dutch and Scandinavian reports
    ("mmol/l", H, 1.611),  # Dutch reports
]


@pytest.mark.parametrize(("spelling", "dimension", "factor"), SPELLINGS)
def test_printed_spellings(spelling: str, dimension: Dimension, factor: float) -> None:
    unit = parse_unit(spelling, dimension)
    assert unit.dimension is dimension
    assert unit.to_canonical(1.0) == pytest.approx(factor, rel=1e-12)
    # the same through a typed value (the same code the CSV and FHIR readers use)
    q = parse_quantity(f"3.1 {spelling}", dimension)
    assert q.canonical == pytest.approx(3.1 * factor, rel=1e-12)


def test_table_has_at_least_a_hundred_spellings() -> None:
    assert len({s for s, _, _ in SPELLINGS}) >= 100


@pytest.mark.parametrize(
    ("spelling", "celsius_of_100"),
    [
        ("C", 100.0),  # typed by people
        ("°C", 100.0),  # European thermometer apps
        ("Cel", 100.0),  # UCUM (FHIR vital signs)
        ("℃", 100.0),  # a single-character degree Celsius from a Japanese PDF
        ("deg C", 100.0),  # US nursing notes
        ("F", 37.77777777777778),  # US
        ("°F", 37.77777777777778),  # US thermometer apps
        ("[degF]", 37.77777777777778),  # UCUM (FHIR vital signs)
        ("degF", 37.77777777777778),  # CSV exports
    ],
)
def test_temperature_spellings(spelling: str, celsius_of_100: float) -> None:
    unit = parse_unit(spelling, Dimension.TEMPERATURE)
    assert unit.to_canonical(100.0) == pytest.approx(celsius_of_100)


# -- case that carries meaning --------------------------------------------------------------
def test_capital_g_is_giga_cells_and_small_g_is_grams() -> None:
    assert parse_unit("G/L").dimension is C
    assert parse_unit("g/L").dimension is H
    with pytest.raises(UnitError, match="unit of count, not of hemoglobin"):
        parse_unit("G/L", H)


def test_capital_m_is_a_million_and_small_m_is_refused() -> None:
    assert parse_unit("M/uL").to_canonical(1.0) == 1000
    with pytest.raises(UnitError, match="not a unit LeukoTrack knows"):
        parse_unit("m/uL")


# -- ambiguity: refused, with both readings named ---------------------------------------------
@pytest.mark.parametrize("spelling", ["K", "k", "10^3", "x10^3", "10*3", "Thousand", "TH", "10^9"])
def test_a_multiplier_without_a_volume_is_refused_with_both_readings(spelling: str) -> None:
    with pytest.raises(UnitError) as err:
        parse_unit(spelling, C)
    message = str(err.value)
    assert "two readings" in message and "per microlitre" in message and "per litre" in message
    assert "\n" not in message


def test_ambiguous_k_says_what_each_reading_would_mean() -> None:
    with pytest.raises(UnitError) as err:
        parse_quantity("3.1 K", C)
    assert "K/µL, the same as ×10⁹/L" in str(err.value)
    assert "×10³/L, 1/1,000,000 of ×10⁹/L" in str(err.value)


@pytest.mark.parametrize(
    ("spelling", "nearest"),
    [
        ("K/uLL", "K/uL"),
        ("thou/cu m", "thou/cu mm"),
        ("Tsd/µ", "Tsd/µL"),
        ("mg/dL", "g/dL"),
        ("cells/mcl?", "cells/mcL"),
    ],
)
def test_unknown_unit_names_the_nearest_known_spellings(spelling: str, nearest: str) -> None:
    dimension = H if "g/d" in spelling else C
    with pytest.raises(UnitError) as err:
        parse_unit(spelling, dimension)
    message = str(err.value)
    assert f"'{spelling}' is not a unit LeukoTrack knows" in message
    assert nearest in message


@pytest.mark.parametrize("spelling", ["10^22/L", "x10^99/L", "K/dm", "cells", "#", "/", "m/uL"])
def test_never_a_number_in_the_wrong_unit(spelling: str) -> None:
    with pytest.raises(UnitError):
        parse_quantity(f"3.1 {spelling}", C)


# -- properties ---------------------------------------------------------------------------------
# First principles, written independently of the grammar's tables: what each multiplier counts,
# and how many litres each volume holds.
MULTIPLIERS: dict[str, Fraction] = {
    "10^9": Fraction(10**9),
    "10*9": Fraction(10**9),
    "10e9": Fraction(10**9),
    "10E+09": Fraction(10**9),
    "x10(9)": Fraction(10**9),
    "×10⁹": Fraction(10**9),
    "10^3": Fraction(1000),
    "x10E3": Fraction(1000),
    "10s3": Fraction(1000),
    "10(3)": Fraction(1000),
    "10^2": Fraction(100),
    "K": Fraction(1000),
    "k": Fraction(1000),
    "TH": Fraction(1000),
    "thou": Fraction(1000),
    "thous": Fraction(1000),
    "Thousand": Fraction(1000),
    "Tsd": Fraction(1000),
    "Gpt": Fraction(10**9),
    "giga": Fraction(10**9),
    "bil": Fraction(10**9),
    "billion": Fraction(10**9),
    "mil": Fraction(1000),
    "M": Fraction(10**6),
    "": Fraction(1),
    "cells": Fraction(1),
}
VOLUMES: dict[str, Fraction] = {
    "L": Fraction(1),
    "l": Fraction(1),
    "litre": Fraction(1),
    "liter": Fraction(1),
    "dL": Fraction(1, 10),
    "mL": Fraction(1, 1000),
    "µL": Fraction(1, 10**6),
    "μL": Fraction(1, 10**6),
    "uL": Fraction(1, 10**6),
    "mcL": Fraction(1, 10**6),
    "ul": Fraction(1, 10**6),
    "microliter": Fraction(1, 10**6),
    "nL": Fraction(1, 10**9),
    "mm3": Fraction(1, 10**6),  # 1 mm³ = 1 µL
    "mm³": Fraction(1, 10**6),
    "mm^3": Fraction(1, 10**6),
    "cmm": Fraction(1, 10**6),
    "cumm": Fraction(1, 10**6),
    "cu mm": Fraction(1, 10**6),
    "cubic millimeter": Fraction(1, 10**6),
}


@given(st.sampled_from(sorted(MULTIPLIERS)), st.sampled_from(sorted(VOLUMES)), st.booleans())
def test_factor_is_the_one_from_first_principles(multiplier: str, volume: str, word: bool) -> None:
    per = " per " if word else "/"
    spelling = f"{multiplier}{per}{volume}" if multiplier else f"{per.strip()} {volume}"
    cells_per_litre = MULTIPLIERS[multiplier] / VOLUMES[volume]
    expected = cells_per_litre / 10**9  # canonical: 10^9 cells per litre
    assert parse_unit(spelling, C).to_canonical(1.0) == pytest.approx(float(expected), rel=1e-12)


# Every unit LeukoTrack writes: the picker's choices and every count unit the grammar can return.
WRITTEN = [u for us in CHOICES.values() for u in us] + [
    count_unit(m, v) for m in range(13) for v in (0, -1, -3, -6, -9)
]


@given(
    st.sampled_from(WRITTEN),
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda v: round(v, 4)),
    st.sampled_from([None, "<", ">", "<=", ">="]),
)
def test_parse_of_format_is_the_same_quantity(unit, value: float, comparator) -> None:
    q = Quantity(value, unit, comparator)
    back = parse_quantity(format_quantity(q), unit.dimension)
    assert back.unit == q.unit
    assert back.comparator == q.comparator
    assert back.value == pytest.approx(value, rel=1e-12, abs=1e-9)
