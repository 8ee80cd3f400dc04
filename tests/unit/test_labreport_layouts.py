"""Every fictional layout reads exactly as expected, and nothing from a must-not-read place."""

from __future__ import annotations

from pathlib import Path

import pytest

from leukotrack.io.labreport.pdf import pdf_pages
from leukotrack.io.labreport.reader import read_pages
from leukotrack.io.labreport.reading import taken_at_text
from tests.labreports.files import reports  # noqa: F401  (fixture)
from tests.labreports.layouts import EXPECTED

TODAY = __import__("datetime").date(2026, 6, 1)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_reads_exactly(reports: Path, name: str) -> None:  # noqa: F811
    expected = EXPECTED[name]
    reading = read_pages(pdf_pages(reports / f"{name}.pdf"), f"{name}.pdf", today=TODAY)
    assert reading.method == "text"
    assert len(reading.draws) == len(expected["draws"])
    for draw, (when, lab, results) in zip(reading.draws, expected["draws"], strict=True):
        assert taken_at_text(draw) == when
        assert draw.lab == lab
        got = {r.analyte: (r.value, r.comparator, r.ref_low, r.ref_high) for r in draw.results}
        assert set(got) == set(results), f"{name}: read {sorted(got)}"
        assert len(draw.results) == len(got)  # each test once
        for key, (value, cmp, low, high) in results.items():
            assert got[key] == (pytest.approx(value), cmp, _approx(low), _approx(high)), key
        review = {r.analyte: r.why for r in draw.results if r.needs_review}
        assert set(review) == set(expected["review"]), f"{name}: {review}"
        for key, why in expected["review"].items():
            assert why in (review[key] or "")
        for key, page in expected.get("pages", {}).items():
            assert next(r.page for r in draw.results if r.analyte == key) == page
    unread = [u.text for u in reading.unread]
    assert len(unread) == len(expected["unread"])
    for text, start in zip(unread, expected["unread"], strict=True):
        assert text.startswith(start)


def _approx(v: float | None) -> object:
    return None if v is None else pytest.approx(v)


def test_previous_column_is_never_read(reports: Path) -> None:  # noqa: F811
    """The US report's previous results (4.2, 13.6, 230, 1.9, ...) never come back as values."""
    reading = read_pages(pdf_pages(reports / "us_previous.pdf"), "r.pdf", today=TODAY)
    previous = {"wbc": 4.2, "hemoglobin": 13.6, "platelets": 230, "anc": 1.9, "monocytes": 0.5}
    for r in reading.results:
        if r.analyte in previous:
            assert r.value != previous[r.analyte]


def test_boxes_sit_on_the_printed_value(reports: Path) -> None:  # noqa: F811
    pages = pdf_pages(reports / "german.pdf")
    reading = read_pages(pages, "g.pdf", today=TODAY)
    wbc = next(r for r in reading.results if r.analyte == "wbc")
    inside = [
        w.text
        for w in pages[0].words
        if w.x0 >= wbc.box.x0 - 0.1
        and w.x1 <= wbc.box.x1 + 0.1
        and w.top >= wbc.box.top - 0.1
        and w.bottom <= wbc.box.bottom + 0.1
    ]
    assert inside == ["3,1"]


def test_source_line_and_json_contract(reports: Path) -> None:  # noqa: F811
    from leukotrack.io.labreport.reading import to_json

    data = to_json(read_pages(pdf_pages(reports / "less_than.pdf"), "less_than.pdf", today=TODAY))
    assert data["file"] == "less_than.pdf" and data["pages"] == 1 and data["method"] == "text"
    (draw,) = data["draws"]
    anc = next(r for r in draw["results"] if r["analyte"] == "anc")
    assert set(anc) == {
        "analyte",
        "value",
        "comparator",
        "unit",
        "entered",
        "ref_low",
        "ref_high",
        "needs_review",
        "why",
        "page",
        "text",
        "confidence",
    }
    assert anc["value"] == 0.1 and anc["comparator"] == "<" and anc["entered"] == "<0.10 x10E3/uL"
    assert anc["unit"] == "10^9/L" and anc["confidence"] is None
    assert anc["text"].startswith("Neutrophils (Absolute) <0.10")
