"""Each reading step on its own: numbers, dates, names and units, headers, rows, cross-checks."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leukotrack.domain.analytes import Dimension
from leukotrack.io.labreport import checks, dates
from leukotrack.io.labreport.columns import header_role
from leukotrack.io.labreport.lines import group_lines
from leukotrack.io.labreport.names import match_test_name, read_unit
from leukotrack.io.labreport.numbers import read_flag, read_number, read_range, read_value
from leukotrack.io.labreport.reader import read_pages
from leukotrack.io.labreport.reading import ReadResult
from leukotrack.io.labreport.rows import Box
from leukotrack.io.labreport.words import PageWords, Word


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("3,100", "en-US", 3100.0),
        ("3.1", "en-US", 3.1),
        ("3,1", "de", 3.1),
        ("3,1", "fr", 3.1),
        ("150.000", "de", 150000.0),
        ("1,234.5", "en-US", 1234.5),
        ("0,05", "fr", 0.05),
        (".5", "en-GB", 0.5),
    ],
)
def test_numbers_as_the_language_writes_them(text: str, language: str, expected: float) -> None:
    assert read_number(text, language) == pytest.approx(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["12.04.1988", "1.2.3", "03/04/2026", "abc", "555-0100"])
def test_not_a_value(text: str) -> None:
    assert read_value(text, "de") is None


@given(st.integers(min_value=0, max_value=999_999), st.integers(min_value=0, max_value=99))
def test_german_and_english_write_the_same_number(whole: int, cents: int) -> None:
    english = f"{whole:,}.{cents:02d}"
    german = english.replace(",", " ").replace(".", ",").replace(" ", ".")
    assert (
        read_number(english, "en-US") == read_number(german, "de") == float(f"{whole}.{cents:02d}")
    )


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("4.0-11.0", 4.0, 11.0),
        ("(4,0 - 10,0)", 4.0, 10.0),
        ("4.0 to 11.0", 4.0, 11.0),
        ("< 5", None, 5.0),
        (">150", 150.0, None),
        ("4,500-11,000", 4500.0, 11000.0),
    ],
)
def test_ranges(text: str, low: float | None, high: float | None) -> None:
    language = "de" if "," in text and "500" not in text else "en-US"
    found = read_range(text, language)  # type: ignore[arg-type]
    assert found is not None and (found.low, found.high) == (low, high)


@pytest.mark.parametrize("text", ["Not Estab.", "11.0-4.0", "see note"])
def test_not_a_range(text: str) -> None:
    assert read_range(text, "en-US") is None


@pytest.mark.parametrize(
    ("text", "flag"), [("H", "H"), ("L", "L"), ("(Low)", "L"), ("↑", "H"), ("*", "A"), ("x", None)]
)
def test_flags(text: str, flag: str | None) -> None:
    assert read_flag(text) == flag


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        ("03/04/2026", "en-US", date(2026, 3, 4)),
        ("03/04/2026", "en-GB", date(2026, 4, 3)),
        ("03/04/2026", "fr", date(2026, 4, 3)),
        ("04.03.2026", "en-US", date(2026, 3, 4)),  # a dotted date is day first everywhere
        ("13/04/2026", "en-US", date(2026, 4, 13)),
        ("04/13/2026", "en-GB", date(2026, 4, 13)),
        ("2026-03-11", "de", date(2026, 3, 11)),
        ("Mar 4, 2026", "en-US", date(2026, 3, 4)),
        ("4 mars 2026", "fr", date(2026, 3, 4)),
        ("4. März 2026", "de", date(2026, 3, 4)),
    ],
)
def test_dates_in_each_language(text: str, language: str, day: date) -> None:
    assert dates.parse_day(text, language) == day  # type: ignore[arg-type]


def _line(y: float, *cells: tuple[float, str], confidence: float | None = None) -> list[Word]:
    words = []
    for x, text in cells:
        for part in text.split():
            words.append(Word(part, x, y, x + 6 * len(part), y + 10, confidence))
            x += 6 * len(part) + 3
    return words


def _page(*lines: list[Word], method: str = "text") -> PageWords:
    words = tuple(w for line in lines for w in line)
    return PageWords(1, 612, 792, words, method)  # type: ignore[arg-type]


def test_collection_label_wins_over_birth_date() -> None:
    page = _page(
        _line(10, (40, "DOB: 04/12/1988"), (300, "Collected: 03/04/2026 08:15")),
    )
    found = dates.collection_moment(group_lines(page), "en-US")
    assert found == (datetime(2026, 3, 4, 8, 15), True)


@pytest.mark.parametrize(
    ("name", "unit", "analyte"),
    [
        ("WBC", "x10E3/uL", "wbc"),
        ("White cell count", "10*9/L", "wbc"),
        ("Leukozyten", "/nl", "wbc"),
        ("Neutrophils", "%", "neutrophils_pct"),
        ("Neutrophils", "x10E3/uL", "anc"),
        ("Neutrophils (Absolute)", None, "anc"),
        ("Polynucléaires neutrophiles", "G/L", "anc"),
        ("Neutrophile %", "%", "neutrophils_pct"),
        ("Bands %", "%", "bands_pct"),
        ("Lymphs", "%", "lymphocytes_pct"),
        ("Hämoglobin", "g/dl", "hemoglobin"),
        ("Plaquettes", "G/L", "platelets"),
        ("Immature Granulocytes", "%", None),
        ("RBC", "x10E6/uL", None),
        ("Neutrophils, Immature", "%", None),
    ],
)
def test_names(name: str, unit: str | None, analyte: str | None) -> None:
    assert match_test_name(name, unit).analyte == analyte


@pytest.mark.parametrize(
    ("unit", "dimension", "factor"),
    [
        ("x10E3/uL", Dimension.COUNT, 1.0),
        ("G/L", Dimension.COUNT, 1.0),
        ("/nl", Dimension.COUNT, 1.0),
        ("cells/uL", Dimension.COUNT, 0.001),
        ("/cumm", Dimension.COUNT, 0.001),
        ("g/L", Dimension.HEMOGLOBIN, 0.1),
        ("gm/dL", Dimension.HEMOGLOBIN, 1.0),
    ],
)
def test_units(unit: str, dimension: Dimension, factor: float) -> None:
    assert read_unit(unit, dimension).to_canonical(1.0) == pytest.approx(factor)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Result", "result"),
        ("Ergebnis", "result"),
        ("Résultat", "result"),
        ("Reference Interval", "range"),
        ("Valeurs de référence", "range"),
        ("Referenzbereich", "range"),
        ("Previous (02/10/2026)", "previous"),
        ("Vorwert", "previous"),
        ("Antériorité", "previous"),
        ("Einheit", "unit"),
        ("Flag", "flag"),
        ("Patient", None),
    ],
)
def test_header_words(header: str, role: str | None) -> None:
    assert header_role(header) == role


def _result(analyte: str, value: float, **kw: object) -> ReadResult:
    base: dict[str, object] = dict(
        analyte=analyte,
        value=value,
        comparator=None,
        entered=f"{value} x",
        ref_low=None,
        ref_high=None,
        flag=None,
        range_text="",
        page=1,
        text="",
        box=Box(1, 0, 0, 1, 1),
        decimals=1,
    )
    base.update(kw)
    return ReadResult(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("analyte", "value", "low", "high", "flagged"),
    [
        ("wbc", 41, 4.0, 11.0, True),  # 4.1 lost its decimal point
        ("wbc", 110, 4.0, 11.0, True),  # ten times the upper limit
        ("wbc", 15, 4.0, 11.0, False),  # simply high
        ("anc", 0.05, 1.5, 7.7, False),  # very low counts are real
        ("platelets", 9, 150, 450, False),
        ("hemoglobin", 1.32, 12.0, 16.0, True),
        ("hemoglobin", 8.9, 11.1, 15.9, False),
    ],
)
def test_lost_decimal(analyte: str, value: float, low: float, high: float, flagged: bool) -> None:
    r = _result(analyte, value, ref_low=low, ref_high=high)
    assert (checks.lost_decimal(r) is not None) is flagged


@pytest.mark.parametrize(
    ("flag", "value", "disagrees"),
    [("H", 12.0, False), ("H", 11.0, True), ("L", 3.9, False), ("L", 4.0, True), ("A", 5, False)],
)
def test_printed_flag_against_range(flag: str, value: float, disagrees: bool) -> None:
    r = _result("wbc", value, ref_low=4.0, ref_high=11.0, flag=flag)
    assert (checks.flag_disagrees(r) is not None) is disagrees


@pytest.mark.parametrize(
    ("anc", "expected_flag"),
    [
        (1.2, False),  # 3.1 × 38 % = 1.178
        (1.29, False),  # within 10 % of 1.178
        (1.31, True),
        (1.05, True),
        (3.5, True),  # more than the WBC
    ],
)
def test_anc_against_wbc_and_differential(anc: float, expected_flag: bool) -> None:
    rows = [
        _result("wbc", 3.1),
        _result("neutrophils_pct", 38, decimals=0),
        _result("anc", anc, decimals=2),
    ]
    assert (2 in checks.check_counts(rows)) is expected_flag


@pytest.mark.parametrize(
    ("total", "flagged"), [(95.0, False), (105.0, False), (94.9, True), (105.1, True)]
)
def test_differential_adds_up(total: float, flagged: bool) -> None:
    rows = [_result("neutrophils_pct", total - 40), _result("lymphocytes_pct", 40)]
    assert bool(checks.check_differential(rows)) is flagged


def test_two_values_for_one_test_and_dates() -> None:
    found = checks.check_duplicates([_result("wbc", 3.1), _result("wbc", 3.4)])
    assert set(found) == {0, 1}
    today = date(2026, 3, 10)
    assert checks.check_date(date(2026, 3, 11), None, today) is not None
    assert checks.check_date(date(1980, 1, 1), date(1988, 4, 12), today) is not None
    assert checks.check_date(date(2026, 3, 10), date(1988, 4, 12), today) is None


def test_ocr_words_go_through_the_same_steps() -> None:
    """Words from OCR (with confidences) read like a text layer; each row keeps its confidence."""
    page = _page(
        _line(10, (40, "Collected: 2026-03-04 08:15")),
        _line(40, (40, "Test"), (200, "Result"), (280, "Units"), (360, "Reference Range")),
        _line(60, (40, "WBC"), (200, "3.1"), (280, "K/uL"), (360, "4.0-11.0"), confidence=0.91),
        _line(
            80, (40, "Platelets"), (200, "210"), (280, "K/uL"), (360, "150-450"), confidence=0.62
        ),
        method="ocr",
    )
    reading = read_pages([page], "photo.jpg", today=date(2026, 6, 1))
    assert reading.method == "ocr"
    (draw,) = reading.draws
    assert [(r.analyte, r.value, r.confidence) for r in draw.results] == [
        ("wbc", 3.1, 0.91),
        ("platelets", 210.0, 0.62),
    ]


def test_future_collection_date_needs_a_look() -> None:
    page = _page(
        _line(10, (40, "Collected: 2026-09-04")),
        _line(60, (40, "WBC"), (200, "3.1"), (280, "K/uL"), (360, "4.0-11.0")),
    )
    reading = read_pages([page], "r.pdf", today=date(2026, 6, 1))
    assert all("in the future" in (r.why or "") for r in reading.results)


def test_a_corrected_row_is_read_again() -> None:
    from leukotrack.domain.errors import InputError
    from leukotrack.io.labreport.correct import corrected

    row = _result("wbc", 41, ref_low=4.0, ref_high=11.0, needs_review=True, why="power of ten")
    fixed = corrected(row, "4,1", "G/L", "4,0 - 11,0", "fr")
    assert (fixed.value, fixed.entered, fixed.needs_review, fixed.why) == (
        4.1,
        "4,1 G/L",
        False,
        None,
    )
    assert (fixed.ref_low, fixed.ref_high) == (4.0, 11.0)
    with pytest.raises(InputError, match="not a plausible"):
        corrected(row, "4100", "K/uL", "", "en-US")
    with pytest.raises(InputError, match="not a value"):
        corrected(row, "four", "K/uL", "", "en-US")
    with pytest.raises(InputError, match="not a range"):
        corrected(row, "4.1", "K/uL", "normal", "en-US")
