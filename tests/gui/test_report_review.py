"""Importing a lab report PDF through the review window, the way a person does it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from leukotrack.gui.app import MainWindow
from leukotrack.gui.controllers.report_review_controller import ReportReviewController
from leukotrack.gui.views.report_review_view import STATUS, TEST, UNIT, VALUE
from tests.gui.test_import_export_gui import drop_files
from tests.labreports.files import reports  # noqa: F401  (fixture)


def counts(window: MainWindow) -> dict[str, int]:
    with window.db.reading() as repo:
        return repo.counts()


def open_review(qtbot: QtBot, window: MainWindow, start: object) -> ReportReviewController:
    start()  # type: ignore[operator]
    qtbot.waitUntil(lambda: window.controller.report_import.review is not None)
    review = window.controller.report_import.review
    assert review is not None and window.controller.dialog is review.view
    qtbot.waitExposed(review.view)
    return review


def line_of(review: ReportReviewController, test: str) -> int:
    table = review.view.table
    return next(r for r in range(table.rowCount()) if table.item(r, TEST).text() == test)


def select(qtbot: QtBot, review: ReportReviewController, line: int) -> None:
    table = review.view.table
    rect = table.visualRect(table.model().index(line, TEST))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_into(
    qtbot: QtBot, review: ReportReviewController, line: int, column: int, text: str
) -> None:
    table = review.view.table
    table.setCurrentCell(line, column)
    table.editItem(table.item(line, column))
    (editor,) = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    assert editor.text() == text
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: not isValid(editor) or not editor.isVisible())


def test_correct_a_flagged_row_then_save(
    qtbot: QtBot,
    window: MainWindow,
    reports: Path,  # noqa: F811
) -> None:
    ri = window.controller.report_import
    ri.choose_report = lambda: reports / "slips.pdf"
    assert ri.action.shortcut() == QKeySequence("Ctrl+I")
    review = open_review(qtbot, window, ri.action.trigger)
    view = review.view
    assert view.taken_at.text() == "2026-03-25 08:00" and view.lab.text().startswith("Riverbend")
    assert view.page_label.text() == "Page 1 of 1"
    assert not view.save.isEnabled()
    assert "4 still need a look" in view.summary.text()
    assert counts(window)["result"] == 0  # nothing stored while reviewing

    wbc = line_of(review, "white blood cells")
    assert view.table.item(wbc, STATUS).text().startswith("⚠ Needs a look: 41 is a power of ten")
    select(qtbot, review, wbc)
    box = review.box_of(review.selected())  # type: ignore[arg-type]
    assert box is not None and box.pen().widthF() == 4  # the chosen row's box stands out
    before = view.page_view.transform().m11()
    qtbot.mouseClick(view.zoom_in, Qt.MouseButton.LeftButton)
    assert view.page_view.transform().m11() > before

    type_into(qtbot, review, wbc, VALUE, "4.1")
    assert view.table.item(wbc, STATUS).text() == "✓ Corrected", (
        view.row_message.text(),
        view.table.item(wbc, VALUE).text(),
    )
    assert not view.save.isEnabled()

    neut_pct = line_of(review, "neutrophils (%)")
    type_into(qtbot, review, neut_pct, UNIT, "g/dL")
    assert "is a unit of hemoglobin" in view.row_message.text()  # a wrong correction is explained
    assert view.table.item(neut_pct, STATUS).text().startswith("⚠ Needs a look")

    for test in ("neutrophils (%)", "lymphocytes (%)"):
        select(qtbot, review, line_of(review, test))
        qtbot.mouseClick(view.confirm, Qt.MouseButton.LeftButton)
    select(qtbot, review, line_of(review, "neutrophils (absolute count)"))
    qtbot.mouseClick(view.leave_out, Qt.MouseButton.LeftButton)
    assert (
        view.table.item(line_of(review, "neutrophils (absolute count)"), STATUS).text()
        == "— Left out"
    )
    assert view.save.isEnabled()

    qtbot.mouseClick(view.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.dialog is None)
    with window.db.reading() as repo:
        (draw,) = repo.draws()
        stored = {r.analyte: r.value for r in draw.results}
        sources = repo.report_files.sources()
    assert (stored["wbc"] == 4.1 and "anc" not in stored) or stored.get("anc") is not None
    assert {s.analyte for s in sources} >= {"wbc", "hemoglobin"}
    assert all(s.file_name == "slips.pdf" and s.page == 1 for s in sources)
    assert window.statusBar().currentMessage().startswith("Imported slips.pdf: added")


def test_drop_a_cumulative_report_and_open_the_original(
    qtbot: QtBot,
    window: MainWindow,
    reports: Path,  # noqa: F811
) -> None:
    review = open_review(qtbot, window, lambda: drop_files(window, [reports / "cumulative.pdf"]))
    view = review.view
    assert view.draw_choice.isVisible() and view.draw_choice.count() == 3
    assert view.taken_at.text() == "2026-02-03"
    view.draw_choice.setCurrentIndex(2)
    assert view.taken_at.text() == "2026-02-17"
    assert view.save.isEnabled()
    qtbot.mouseClick(view.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.dialog is None)
    assert counts(window)["draw"] == 3 and counts(window)["report_file"] == 1

    opened: list[Path] = []
    window.controller.report_import.open_file = opened.append
    window.controller.results.view.table.selectRow(0)
    qtbot.mouseClick(window.controller.report_import.original, Qt.MouseButton.LeftButton)
    (copy,) = opened
    assert copy.read_bytes() == (reports / "cumulative.pdf").read_bytes()
    assert copy.stat().st_mode & 0o777 == 0o600

    again = open_review(
        qtbot,
        window,
        lambda: window.controller.report_import.open_report(reports / "cumulative.pdf"),
    )
    qtbot.mouseClick(again.view.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.dialog is None)
    assert "imported before" in window.statusBar().currentMessage()
    assert counts(window)["draw"] == 3 and counts(window)["report_file"] == 1


def test_welcome_page_entry_and_a_scan(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from tests.labreports.files import bad_files

    bad = bad_files(tmp_path)
    ri = window.controller.report_import
    assert ri.welcome_button.isVisible()
    ri.choose_report = lambda: bad["no_text"]
    qtbot.mouseClick(ri.welcome_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.files.message is not None)
    assert "photo/scan reader" in window.controller.files.message.text()  # type: ignore[union-attr]
    assert ri.review is None and counts(window)["draw"] == 0
