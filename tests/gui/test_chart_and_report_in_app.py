"""The chart in the main window follows the data; the report dialog previews and saves a PDF."""

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.services.entry import ResultEntry, record_results
from tests.gui.helpers import open_report, wait_closed


def test_chart_is_placed_after_first_paint_and_follows_changes(
    qtbot: QtBot, window: MainWindow
) -> None:
    controller = window.controller
    qtbot.wait(50)
    assert controller.chart.chart is None  # the welcome page shows no chart area: nothing built
    record_results(window.db, ResultEntry(datetime(2026, 3, 3, 9), {"wbc": "2.9", "anc": "0.9"}))
    controller.refresh()
    qtbot.waitUntil(lambda: controller.chart.chart is not None)
    chart = controller.chart.chart
    assert chart is not None and chart.parent() is window.overview.chart_area
    assert not window.overview.chart_hint.isVisible()
    assert len(chart.data.series["wbc"].x) == 1  # type: ignore[union-attr]
    record_results(window.db, ResultEntry(datetime(2026, 3, 10, 9), {"wbc": "3.4", "anc": "1.2"}))
    controller.refresh()
    assert len(chart.data.series["wbc"].x) == 2  # type: ignore[union-attr]


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)
def test_report_dialog_saves_a_pdf_with_the_questions(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    record_results(window.db, ResultEntry(datetime(2026, 3, 3, 9), {"wbc": "2.9", "anc": "0.9"}))
    window.controller.refresh()
    view = open_report(qtbot, window)
    target = tmp_path / "mine"
    window.controller.reports.choose_path = lambda suggested: str(target)
    qtbot.keyClicks(view.questions, "Why is my ANC low in March?")
    view.paper.setCurrentIndex(view.paper.findData("Letter"))
    qtbot.mouseClick(view.save_pdf, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "mine.pdf"
    assert pdf.exists()
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Why is my ANC low in March?" in text
    assert "Neutrophils" in text or "neutrophils" in text
    assert (
        "612 x 792" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    )
    with window.db.reading() as repo:
        assert repo.profile().questions == "Why is my ANC low in March?"
        assert repo.setting("report.paper") == "Letter"  # remembered for the next report
    assert "Saved the report" in window.statusBar().currentMessage()
    view.reject()
    wait_closed(qtbot, window)


def test_report_dialog_refuses_a_backwards_period(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    view = open_report(qtbot, window)
    view.period.setCurrentIndex(view.period.findData("custom"))
    assert view.dates_row.isVisibleTo(view)
    view.start.setDate(view.end.date().addDays(5))
    window.controller.reports.choose_path = lambda suggested: str(tmp_path / "x.pdf")
    qtbot.mouseClick(view.save_pdf, Qt.MouseButton.LeftButton)
    assert "after it ends" in view.error.text()
    assert not (tmp_path / "x.pdf").exists()
    view.reject()


def test_print_preview_paints_the_report(qtbot: QtBot, window: MainWindow) -> None:
    record_results(window.db, ResultEntry(datetime(2026, 3, 3, 9), {"wbc": "2.9", "anc": "0.9"}))
    window.controller.refresh()
    view = open_report(qtbot, window)
    dialog = window.controller.reports.preview()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() >= 1)
    dialog.reject()
    view.reject()
