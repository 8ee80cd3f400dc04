"""Photos and scans read end to end through OCR and the row reader, and the OCR checks: the
honesty rule (no wrong value without "needs a look"), confidences, repairs, a missing engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from leukotrack.io.labreport.ocr import engines
from leukotrack.io.labreport.ocr.engines import OcrUnavailableError, tessdata_dir
from leukotrack.io.labreport.ocr.images import Gray
from leukotrack.io.labreport.ocr.read import needs_ocr, read_file
from leukotrack.io.labreport.words import Word
from tests.ocrimages.degrade import DEGRADATIONS, Degradation, write
from tests.ocrimages.reports import REPORTS, Report, expected

needs_tesseract = pytest.mark.skipif(
    tessdata_dir() is None,
    reason="Tesseract's English model is not installed (make test installs it)",
)


def _honest(report: Report, image: Path) -> list[str]:
    """Every value read is right, or marked; and most expected values are read."""
    reading = read_file(image).reading
    want = expected(report)
    assert reading.method == "ocr"
    problems = [
        f"{r.analyte}: {r.entered} read as {r.value}, want {want.get(r.analyte)}"
        for r in reading.results
        if not r.needs_review and r.value != pytest.approx(want.get(r.analyte, -1))
    ]
    for r in reading.results:
        assert r.confidence is not None and 0 <= r.confidence <= 1
        assert not r.needs_review or r.why
    return problems


@needs_tesseract
def test_a_scan_is_read_end_to_end(tmp_path: Path) -> None:
    """The one real OCR run in the default suite: a 300-dpi scan, every value exact."""
    scan = next(d for d in DEGRADATIONS if d.name == "scan-300dpi")
    image = write(REPORTS[0], scan, tmp_path)
    assert needs_ocr(image)
    assert _honest(REPORTS[0], image) == []
    reading = read_file(image).reading
    got = {r.analyte: r.value for r in reading.results if not r.needs_review}
    assert got == pytest.approx(expected(REPORTS[0]))
    assert reading.draws[0].taken_at is not None
    assert reading.draws[0].taken_at.isoformat(timespec="minutes") == REPORTS[0].taken_at


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("degradation", DEGRADATIONS, ids=lambda d: d.name)
@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r.name)
def test_no_wrong_value_goes_unflagged(
    tmp_path: Path, report: Report, degradation: Degradation
) -> None:
    assert _honest(report, write(report, degradation, tmp_path)) == []


@needs_tesseract
@pytest.mark.slow
def test_a_pdf_holding_only_a_picture_is_read_by_ocr(tmp_path: Path) -> None:
    from fpdf import FPDF

    scan = next(d for d in DEGRADATIONS if d.name == "scan-200dpi-jpeg70")
    image = write(REPORTS[2], scan, tmp_path)
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.image(str(image), 0, 0, 612, 792)
    path = tmp_path / "scanned.pdf"
    pdf.output(str(path))
    assert needs_ocr(path)
    result = read_file(path)
    assert result.reading.method == "ocr" and [p.words.number for p in result.scanned] == [1]
    assert _honest(REPORTS[2], path) == []


class FakeEngine:
    """Words as an engine might give them for one line of a report, wherever the page is."""

    name = "fake"
    wants_binary = True

    def __init__(self, words: list[tuple[str, float]]) -> None:
        self.line = words

    def words(self, image: Gray) -> list[Word]:
        found = [
            Word("Collected:", 100, 100, 300, 130, 0.97),
            Word("03/04/2026", 320, 100, 520, 130, 0.97),
        ]
        x = 100.0
        for text, confidence in self.line:
            found.append(Word(text, x, 300, x + 20 * len(text), 330, confidence))
            x += 20 * len(text) + 60
        return found


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    scan = next(d for d in DEGRADATIONS if d.name == "scan-200dpi-jpeg70")
    return write(REPORTS[0], scan, tmp_path)


def _one(scan: Path, words: list[tuple[str, float]]):  # type: ignore[no-untyped-def]
    (result,) = read_file(scan, engine=FakeEngine(words)).reading.results
    return result


@pytest.mark.parametrize(
    ("words", "value", "needs_review", "why"),
    [
        ([("WBC", 0.97), ("3.1", 0.96), ("x10E3/uL", 0.9), ("4.0-10.5", 0.95)], 3.1, False, None),
        (
            [("WBC", 0.97), ("3.1", 0.42), ("x10E3/uL", 0.9), ("4.0-10.5", 0.95)],
            3.1,
            True,
            "OCR confidence 0.42",
        ),
        (
            [("WBC", 0.97), ("3.l", 0.96), ("x10E3/uL", 0.9), ("4.0-10.5", 0.95)],
            3.1,
            True,
            "'l' taken for a digit",
        ),
        (
            [("WBC", 0.97), ("3.1", 0.96), ("x1OE3/uL", 0.9), ("4.0-10.5", 0.95)],
            3.1,
            True,
            "the unit 'x1OE3/uL'",
        ),
        (
            [("WBC", 0.97), ("31", 0.96), ("x10E3/uL", 0.9), ("4.0-10.5", 0.95)],
            31,
            True,
            "decimal point may be missing",
        ),
        (
            [("ANC", 0.97), ("095", 0.96), ("x10E3/uL", 0.9), ("1.40-7.00", 0.95)],
            0.95,
            True,
            "no decimal point",
        ),
    ],
)
def test_ocr_checks_mark_rows(
    scan: Path, words: list[tuple[str, float]], value: float, needs_review: bool, why: str | None
) -> None:
    result = _one(scan, words)
    assert result.value == pytest.approx(value)
    assert result.needs_review is needs_review
    assert (why is None and result.why is None) or (why is not None and why in (result.why or ""))
    assert result.confidence == pytest.approx(
        min(c for t, c in words if any(ch.isdigit() for ch in t) and "/" not in t), abs=0.01
    )


def test_a_missing_engine_says_how_to_install_it(
    scan: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(engines, "_ENGINE", None)
    monkeypatch.setattr(engines, "tessdata_dir", lambda: None)
    with pytest.raises(OcrUnavailableError, match="sudo apt-get install tesseract-ocr-eng") as err:
        read_file(scan)
    assert "PDF reports with text keep working" in str(err.value)


def test_the_text_path_needs_no_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests.labreports.sheet import Sheet

    monkeypatch.setattr(engines, "_ENGINE", None)
    monkeypatch.setattr(engines, "tessdata_dir", lambda: None)
    sheet = Sheet()
    sheet.page().text(40, 50, "Collected: 03/04/2026")
    sheet.text(40, 80, "WBC 3.1 x10E3/uL 4.0-11.0")
    pdf = sheet.save(tmp_path / "text.pdf")
    assert not needs_ocr(pdf)
    result = read_file(pdf)
    assert result.reading.method == "text" and result.scanned == ()
    assert [r.value for r in result.reading.results] == [3.1]


def test_cancel_between_steps(scan: Path) -> None:
    from leukotrack.io.labreport.ocr.pages import OcrCancelled

    seen: list[tuple[int, int]] = []
    with pytest.raises(OcrCancelled, match="nothing was read or stored"):
        read_file(
            scan,
            engine=FakeEngine([]),
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: len(seen) >= 2,
        )
    assert seen == [(0, 3), (1, 3)]
