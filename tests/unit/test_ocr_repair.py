"""OCR character confusions are repaired only where the line leaves one reading, always with a
reason (so the row needs a look)."""

from __future__ import annotations

import pytest

from leukotrack.io.labreport.ocr.pages import known_unit
from leukotrack.io.labreport.ocr.repair import (
    PrintedRange,
    printed_range,
    repair_number,
    repair_page,
    repair_unit,
)
from leukotrack.io.labreport.words import PageWords, Word

WBC = PrintedRange(4.0, 10.5, 1, ".")
ANC = PrintedRange(1.4, 7.0, 2, ".")
PLT = PrintedRange(150, 450, 0, ".")
DE = PrintedRange(4.0, 10.0, 1, ",")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("WBC 3.1 L x10E3/uL 4.0-10.5", WBC),
        ("Neutrophils 0.95 L x10E3/uL 1.40-7.00", PrintedRange(1.4, 7.0, 2, ".")),
        ("Platelets 290 x10E3/uL 150 - 450", PLT),
        ("Leukozyten 3,1 /nl 4,0-10,0", DE),
        ("Neutrophils 43 % Not Estab.", None),
        ("Range 9.0-4.0 backwards", None),
    ],
)
def test_printed_range(line: str, expected: PrintedRange | None) -> None:
    assert printed_range(line) == expected


@pytest.mark.parametrize(
    ("printed", "rng", "reading"),
    [
        ("O.95", ANC, "0.95"),  # O for 0
        ("o.95", ANC, "0.95"),
        ("3.l", WBC, "3.1"),  # l for 1
        ("I.5", ANC, "1.5"),
        ("S.1", WBC, "5.1"),  # S for 5
        ("B.2", WBC, "8.2"),  # B for 8
        ("1S0", PLT, "150"),
        ("2..2", WBC, "2.2"),  # doubled point
        ("095", ANC, "0.95"),  # lost point: a leading zero has one reading
        ("095", WBC, "0.95"),
        ("3,l", DE, "3,1"),
        ("<O.5", ANC, "<0.5"),
        ("1.2.3", WBC, None),  # 12.3 or 1.23: both fit the range's scale
        ("22", WBC, None),  # 22 or 2.2: both plausible, left for the row check
        ("3.1", WBC, None),  # nothing to repair
        ("0.95", ANC, None),
        ("290", PLT, None),
        ("l", WBC, None),  # a lone l is the low flag, not a number
        ("S", WBC, None),
        ("Sl", WBC, None),  # no digit at all: not a number
        ("OB.5", WBC, None),  # 08.5 has a leading zero: not a reading
        ("9:9", WBC, "9.9"),  # a colon for the point
        ("12:34", None, None),  # a time, not a number with one reading
        ("9S0", WBC, None),  # 950 is far outside 4.0-10.5
        ("1S0", None, "150"),  # no range: the substitution alone has one reading
    ],
)
def test_repair_number(printed: str, rng: PrintedRange | None, reading: str | None) -> None:
    fix = repair_number(printed, rng)
    assert (fix.reading if fix else None) == reading
    if fix:
        assert printed in fix.why and reading in fix.why


@pytest.mark.parametrize(
    ("printed", "reading"),
    [
        ("x1OE3/uL", "x10E3/uL"),
        ("xlOE3/uL", "x10E3/uL"),
        ("x10E3/uL", None),  # already a unit
        ("1O*9/L", "10*9/L"),
        ("g/dL", None),
        ("Oops/uL", None),  # the grammar does not read the repaired spelling either
    ],
)
def test_repair_unit(printed: str, reading: str | None) -> None:
    fix = repair_unit(printed, known_unit)
    assert (fix.reading if fix else None) == reading


def _w(text: str, x: float, y: float = 100) -> Word:
    return Word(text, x, y, x + 40, y + 20, 0.9)


def test_repair_page_repairs_words_in_place_and_records_each() -> None:
    page = PageWords(
        1,
        600,
        800,
        (
            _w("WBC", 10),
            _w("3.l", 100),
            _w("x1OE3/uL", 200),
            _w("4.0-10.5", 300),
            _w("Platelets", 10, 140),
            _w("290", 100, 140),
        ),
        "ocr",
    )
    repaired, notes = repair_page(page, known_unit)
    assert [w.text for w in repaired.words] == [
        "WBC",
        "3.1",
        "x10E3/uL",
        "4.0-10.5",
        "Platelets",
        "290",
    ]
    assert [(n.repair.printed, n.repair.reading) for n in notes] == [
        ("3.l", "3.1"),
        ("x1OE3/uL", "x10E3/uL"),
    ]
    assert all(n.page == 1 for n in notes)
