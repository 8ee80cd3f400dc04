"""Visits with undo, the next visit on the Overview, the care team in the profile, the print
dialog's kinds and remembered choices, and the fever banner's emergency-sheet button."""

import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.gui.views.profile_view import ProfileView
from leukotrack.gui.views.report_view import ReportView
from leukotrack.gui.views.visit_view import VisitDialogView
from leukotrack.services.diary import add_temperature
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.visits import add_visit
from tests.gui.helpers import open_dialog, open_report, wait_closed

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())


def test_add_a_visit_see_it_on_the_overview_then_undo(qtbot: QtBot, window: MainWindow) -> None:
    record_results(window.db, ResultEntry(datetime.now() - timedelta(days=3), {"wbc": "3.1"}))
    window.controller.refresh()
    assert window.overview.next_visit.text().startswith("No next visit recorded")
    window.tabs.setCurrentWidget(window.visits)
    dialog = open_dialog(qtbot, window, window.visits.add)
    assert isinstance(dialog, VisitDialogView)
    when = (datetime.now() + timedelta(days=5)).replace(hour=14, minute=30, second=0, microsecond=0)
    dialog.at.setDateTime(QDateTime(when))
    dialog.with_whom.setCurrentText("")
    qtbot.keyClicks(dialog.with_whom.lineEdit(), "oncologist")
    qtbot.keyClicks(dialog.note, "ask for the scan results")
    qtbot.keyClicks(dialog.questions, "Can the next cycle wait a week?")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        (stored,) = repo.visits()
    assert stored.at == when and stored.with_whom == "oncologist"
    assert stored.questions == "Can the next cycle wait a week?"
    line = window.overview.next_visit.text()
    assert "14:30 with the oncologist (in 5 days); 1 question written." in line
    assert window.controller.visits.model.rowCount() == 1
    window.action_undo.trigger()
    with window.db.reading() as repo:
        assert repo.visits() == []
    assert window.overview.next_visit.text().startswith("No next visit recorded")
    window.action_redo.trigger()
    with window.db.reading() as repo:
        assert [v.with_whom for v in repo.visits()] == ["oncologist"]


def test_a_visit_too_far_ahead_is_explained(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.visits)
    dialog = open_dialog(qtbot, window, window.visits.add)
    assert isinstance(dialog, VisitDialogView)
    dialog.at.setDateTime(QDateTime(datetime.now() + timedelta(days=365 * 5)))
    assert "more than 3 years ahead" in dialog.message.text()
    assert not dialog.save.isEnabled()
    dialog.reject()
    wait_closed(qtbot, window)


def test_care_team_and_allergies_in_the_profile(qtbot: QtBot, window: MainWindow) -> None:
    window.controller.open_profile()
    view = window.controller.dialog
    assert isinstance(view, ProfileView)
    qtbot.keyClicks(view.allergies, "penicillin (rash)")
    qtbot.mouseClick(view.add_contact, Qt.MouseButton.LeftButton)
    table = view.contacts
    assert table.rowCount() == 1
    table.item(0, 1).setText("oncology ward")  # type: ignore[union-attr]
    table.item(0, 2).setText("+44 (0)20 7946 0999")  # type: ignore[union-attr]
    assert "has no name" in view.message.text() and not view.save.isEnabled()
    table.item(0, 0).setText("Ward 7")  # type: ignore[union-attr]
    table.item(0, 3).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    assert view.save.isEnabled()
    qtbot.mouseClick(view.save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        p = repo.profile()
    assert p.allergies == "penicillin (rash)"
    (contact,) = p.care_team
    assert (contact.name, contact.role, contact.phone, contact.around_the_clock) == (
        "Ward 7",
        "oncology ward",
        "+44 (0)20 7946 0999",
        True,
    )


@needs_poppler
def test_print_a_procedure_sheet_and_the_choice_is_remembered(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    record_results(
        window.db, ResultEntry(datetime.now() - timedelta(days=2), {"wbc": "2.9", "anc": "0.9"})
    )
    window.controller.refresh()
    view = open_report(qtbot, window)
    assert view.period.isVisible() and view.appendix_table.isVisible()
    view.kind.setCurrentIndex(view.kind.findData("procedure"))
    assert not view.period.isVisible() and not view.questions.isVisible()
    assert "surgeon" in view.intro.text()
    window.controller.reports.choose_path = lambda suggested: str(tmp_path / "sheet.pdf")
    qtbot.mouseClick(view.save_pdf, Qt.MouseButton.LeftButton)
    text = pdf_text(tmp_path / "sheet.pdf")
    assert "Blood counts before a procedure" in text and "Page 1 of 1" in text
    assert "Saved the report (1 page)" in window.statusBar().currentMessage()
    view.reject()
    wait_closed(qtbot, window)
    again = open_report(qtbot, window)
    assert again.kind.currentData() == "procedure"  # the last choice
    again.reject()
    wait_closed(qtbot, window)


@needs_poppler
def test_report_with_appendix_and_questions_for_the_next_visit(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    now = datetime.now()
    add_visit(window.db, now - timedelta(days=40), "hematologist", questions="Old question?")
    coming = add_visit(window.db, now + timedelta(days=7), "hematologist")
    record_results(window.db, ResultEntry(now - timedelta(days=60), {"wbc": "4.4"}))
    record_results(window.db, ResultEntry(now - timedelta(days=10), {"wbc": "3.1"}))
    window.controller.refresh()
    view = open_report(qtbot, window)
    assert view.period.currentData() == "since_visit"
    assert "Since the last visit (" in view.period.currentText()
    assert "Old question?" in view.last_questions.text()
    qtbot.keyClicks(view.questions, "Is 3.1 worth a repeat test?")
    qtbot.mouseClick(view.appendix_table, Qt.MouseButton.LeftButton)
    window.controller.reports.choose_path = lambda suggested: str(tmp_path / "r.pdf")
    qtbot.mouseClick(view.save_pdf, Qt.MouseButton.LeftButton)
    text = pdf_text(tmp_path / "r.pdf")
    assert "1 blood test" in text  # since the last visit: the test of 10 days ago only
    assert "Is 3.1 worth a repeat test?" in text and "Every blood test" in text
    with window.db.reading() as repo:
        kept = next(v for v in repo.visits() if v.id == coming.id)
        assert kept.questions == "Is 3.1 worth a repeat test?"
        assert repo.setting("report.choices")["appendix"] == ["table"]
    view.reject()
    wait_closed(qtbot, window)


def test_fever_banner_opens_the_emergency_sheet(qtbot: QtBot, window: MainWindow) -> None:
    now = datetime.now().replace(second=0, microsecond=0)
    record_results(window.db, ResultEntry(now - timedelta(days=1), {"wbc": "1.0", "anc": "0.3"}))
    add_temperature(window.db, now - timedelta(hours=1), "38.9 C")
    window.controller.refresh()
    button = window.overview.emergency_sheet
    assert window.overview.banner.isVisible() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.controller.dialog, ReportView))
    view = window.controller.dialog
    assert isinstance(view, ReportView) and view.kind.currentData() == "emergency"
    dialog = window.controller.reports.preview()
    assert dialog is not None
    dialog.close()
    QApplication.processEvents()
    view.reject()
    wait_closed(qtbot, window)


def test_no_banner_button_without_a_fever(qtbot: QtBot, window: MainWindow) -> None:
    record_results(window.db, ResultEntry(datetime.now() - timedelta(days=1), {"anc": "0.3"}))
    window.controller.refresh()
    assert not window.overview.emergency_sheet.isVisible()
