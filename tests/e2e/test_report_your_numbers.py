"""The report's "Your numbers" block: present with neutrophil results, parts without data left out."""

import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from leukotrack.domain.records import Draw, Result
from leukotrack.report.content import YourNumbers
from leukotrack.report.your_numbers import paint_your_numbers, your_numbers_height
from leukotrack.services.demo import fill_demo
from leukotrack.services.patterns import patterns_of
from leukotrack.services.reporting import ReportRequest, make_report
from leukotrack.services.timeline import load_timeline
from leukotrack.storage.db import Database

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)
TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 12, 0)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_demo_report_has_your_numbers(qapp: object, db: Database, tmp_path: Path) -> None:
    fill_demo(db, TODAY)
    out = tmp_path / "report.pdf"
    make_report(db, out, ReportRequest(all_data=True), "A4", NOW, [])
    text = " ".join(pdf_text(out).split())
    assert "Your numbers: neutrophils (ANC)" in text
    assert "Your usual neutrophil count: the middle half of your" in text
    assert "were below 1.5" in text
    assert "your fatigue averaged" in text  # the demo has enough scored days
    assert "Only your care team can say what this means for you." in text


def test_parts_without_enough_data_are_left_out(qapp: object, db: Database, tmp_path: Path) -> None:
    with db.transaction() as repo:
        for k in range(5):
            when = datetime(2026, 3, 2, 9) + timedelta(days=7 * k)
            repo.add_draw(Draw(when, (Result("anc", 1.2 + 0.1 * k, "1.2"),)))
    out = tmp_path / "report.pdf"
    make_report(db, out, ReportRequest(all_data=True), "A4", NOW, [])
    text = " ".join(pdf_text(out).split())
    assert "Your numbers: neutrophils (ANC)" in text
    for absent in ("fatigue averaged", "infection episodes", "repeating pattern", "Not enough"):
        assert absent not in text


def test_a_report_without_neutrophils_has_no_block(
    qapp: object, db: Database, tmp_path: Path
) -> None:
    with db.transaction() as repo:
        repo.add_draw(Draw(datetime(2026, 3, 2, 9), (Result("wbc", 4.0, "4.0"),)))
    out = tmp_path / "report.pdf"
    make_report(db, out, ReportRequest(all_data=True), "A4", NOW, [])
    assert "Your numbers" not in pdf_text(out)


def test_the_painter_uses_the_height_it_measured(qapp: object, db: Database) -> None:
    fill_demo(db, TODAY)
    numbers = YourNumbers(patterns_of(load_timeline(db), "anc"))
    image = QImage(800, 1200, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    measured = your_numbers_height(image, 700, numbers)
    painter = QPainter(image)
    try:
        used = paint_your_numbers(painter, QRectF(50, 20, 700, 1100), numbers)
    finally:
        painter.end()
    assert used == pytest.approx(measured) and 200 < used < 1100
    white = image.pixel(0, 0)

    def inked(top: int, bottom: int) -> bool:
        return any(
            image.pixel(x, y) != white for x in range(50, 750, 2) for y in range(top, bottom, 2)
        )

    assert inked(20, int(20 + used))
    assert not inked(int(20 + used) + 2, 1190)  # nothing below the height it reported
