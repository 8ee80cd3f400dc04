"""Import and export in the window: File menu, the welcome page, drag and drop, the wizard."""

import csv
import json
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.gui.controllers import file_controller
from leukotrack.gui.views.import_view import ImportView
from leukotrack.services.entry import ResultEntry, record_results

GOOD_CSV = (
    "date,analyte,value,unit\n"
    "2025-01-10,wbc,3.1,K/uL\n"
    "2025-01-10,anc,1200,/uL\n"
    "2025-02-10,wbc,3400,/uL\n"
    "2025-02-10,hemoglobin,12.5,g/dL\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts(window: MainWindow) -> dict[str, int]:
    with window.db.reading() as repo:
        return repo.counts()


def file_action(window: MainWindow, text: str) -> QAction:
    (action,) = [a for a in window.file_menu.actions() if a.text() == text]
    return action


def table_rows(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def open_wizard(qtbot: QtBot, window: MainWindow, start: object) -> ImportView:
    """`start()` is what the person does (a menu action, a click, a drop)."""
    start()  # type: ignore[operator]
    qtbot.waitUntil(lambda: window.controller.files.wizard is not None)
    wizard = window.controller.files.wizard
    assert wizard is not None and window.controller.dialog is wizard
    qtbot.waitExposed(wizard)
    return wizard


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def wait_closed(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.controller.files.wizard is None)
    qtbot.waitUntil(lambda: window.controller.dialog is None)


def test_file_import_previews_then_stores_and_shows_results(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = write(tmp_path, "labs.csv", GOOD_CSV)
    files = window.controller.files
    files.choose_import_files = lambda: [path]
    action = file_action(window, "&Import…")
    assert action.shortcut().toString() == "Ctrl+Shift+I"

    wizard = open_wizard(qtbot, window, action.trigger)
    assert wizard.file_name.text() == "labs.csv"
    assert wizard.kind.text() == "CSV spreadsheet"
    assert wizard.date_row.isVisible()
    assert wizard.summary_heading.text() == "What will be added"
    assert wizard.summary.text().startswith("4 rows read. Adds 4 blood count results (2 new")
    assert table_rows(wizard.results) == [
        ["WBC — white blood cells", "2", "/uL, K/uL"],
        ["ANC — neutrophils (absolute count)", "1", "/uL"],
        ["Hb — hemoglobin", "1", "g/dL"],
    ]
    assert wizard.problems_heading.text() == "No problems found"
    assert not wizard.problems.isVisible()
    assert not wizard.reason.isVisible()
    assert wizard.import_button.isEnabled()
    assert counts(window)["result"] == 0  # the preview stores nothing

    click(qtbot, wizard.import_button)
    wait_closed(qtbot, window)
    assert counts(window)["draw"] == 2 and counts(window)["result"] == 4
    assert window.controller.results.model.rowCount() == 2
    assert window.overview.stack.currentWidget() is window.overview.dashboard
    assert window.statusBar().currentMessage() == "Imported labs.csv: added 4 results."
    assert list((window.data_dir / "backups").glob("before-import-*.sqlite3"))

    again = open_wizard(qtbot, window, action.trigger)
    assert "Adds nothing new. 4 items already stored: skipped." in again.summary.text()
    assert "Everything in this file is already stored." in again.note.text()
    click(qtbot, again.import_button)
    wait_closed(qtbot, window)
    assert counts(window)["result"] == 4


def test_ambiguous_dates_need_the_date_order(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = write(
        tmp_path, "portal.csv", "Date;WBC (K/uL);ANC (/uL)\n03.05.2024;3,1;1200\n20.05.2024;4,0;\n"
    )
    window.controller.files.choose_import_files = lambda: [path]
    wizard = open_wizard(qtbot, window, file_action(window, "&Import…").trigger)
    assert not wizard.import_button.isEnabled()
    assert wizard.reason.isVisible()
    assert "Choose the file's date order above" in wizard.reason.text()
    (problem,) = table_rows(wizard.problems)
    assert problem[0] == "line 2" and problem[2] == "Blocks import"
    assert "could be day/month or month/day; choose the file's date order above" in problem[1]
    assert "--date-format" not in problem[1]  # command-line wording stays out of the window

    wizard.date_order.setCurrentIndex(wizard.date_order.findText("Day first (31/12/2024)"))
    assert wizard.import_button.isEnabled()
    assert not wizard.reason.isVisible()
    assert wizard.problems_heading.text() == "No problems found"
    assert "Adds 3 blood count results (2 new blood tests)" in wizard.summary.text()
    click(qtbot, wizard.import_button)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        times = [d.taken_at for d in repo.draws()]
    assert times == [datetime(2024, 5, 3), datetime(2024, 5, 20)]


def test_month_first_reads_the_other_way(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = write(tmp_path, "us.csv", "date,wbc (K/uL)\n03/05/2024,3.1\n")
    window.controller.files.choose_import_files = lambda: [path]
    wizard = open_wizard(qtbot, window, file_action(window, "&Import…").trigger)
    wizard.date_order.setCurrentIndex(wizard.date_order.findText("Month first (12/31/2024)"))
    click(qtbot, wizard.import_button)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        assert [d.taken_at for d in repo.draws()] == [datetime(2024, 3, 5)]


def test_a_bad_row_blocks_the_file_and_lists_every_problem(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    record_results(window.db, ResultEntry(datetime(2024, 1, 5, 9, 0), {"wbc": "4.0"}))
    window.controller.refresh()
    before = counts(window)
    path = write(
        tmp_path,
        "bad.csv",
        "date,analyte,value,unit\n2025-01-01,wbc,3.1,K/uL\n2025-01-02,wbc,4500,K/uL\n"
        "2025-01-03,plt,pending,K/uL\n2025-01-04,plt,bananas7,K/uL\n",
    )
    window.controller.files.choose_import_files = lambda: [path]
    wizard = open_wizard(qtbot, window, file_action(window, "&Import…").trigger)
    assert not wizard.import_button.isEnabled()
    assert wizard.summary_heading.text() == "What would be added once the problems are fixed"
    assert wizard.problems_heading.text() == "3 problems (2 block the import, 1 left out)"
    rows = table_rows(wizard.problems)
    assert [(r[0], r[2]) for r in rows] == [
        ("line 3", "Blocks import"),
        ("line 5", "Blocks import"),
        ("line 4", "Left out"),
    ]
    assert "4500" in rows[0][1]
    assert "2 problems marked “Blocks import”" in wizard.reason.text()
    assert "Nothing has been stored." in wizard.reason.text()

    click(qtbot, wizard.import_button)  # disabled: does nothing
    assert window.controller.files.wizard is wizard
    click(qtbot, wizard.cancel)
    wait_closed(qtbot, window)
    assert counts(window) == before
    assert window.controller.results.model.rowCount() == 1


def test_a_file_that_cannot_be_read_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "photo.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    window.controller.files.choose_import_files = lambda: [path]
    wizard = open_wizard(qtbot, window, file_action(window, "&Import…").trigger)
    assert wizard.kind.text() == "LeukoTrack cannot read this file"
    assert not wizard.import_button.isEnabled()
    assert "reads FHIR R4 JSON" in wizard.reason.text()
    assert len(table_rows(wizard.problems)) == 1
    assert not wizard.date_row.isVisible()
    click(qtbot, wizard.cancel)
    wait_closed(qtbot, window)
    assert counts(window)["draw"] == 0


def test_synthea_bundle_from_the_welcome_page(
    qtbot: QtBot, window: MainWindow, synthea_dir: Path
) -> None:
    (path,) = synthea_dir.glob("Cleo_Friesen_*.json")
    window.controller.files.choose_import_files = lambda: [path]
    welcome = window.overview.welcome
    assert window.overview.stack.currentWidget() is welcome
    button = window.controller.files.welcome_import
    assert button.isVisible() and button.parent() is welcome

    wizard = open_wizard(qtbot, window, lambda: click(qtbot, button))
    assert wizard.kind.text().startswith("FHIR R4")
    assert not wizard.date_row.isVisible()
    assert "Your profile is empty: it will be filled from the file." in wizard.summary.text()
    results = {r[0]: r for r in table_rows(wizard.results)}
    assert results["WBC — white blood cells"][1] == "8"
    assert results["WBC — white blood cells"][2] == "10*3/uL"
    assert wizard.import_button.isEnabled()

    click(qtbot, wizard.import_button)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        draws = repo.draws()
        profile = repo.profile()
    assert profile.name == "Cleo Friesen"
    assert sum(1 for d in draws if d.get("wbc") is not None) == 8
    assert window.controller.results.model.rowCount() == len(draws)
    assert window.overview.stack.currentWidget() is window.overview.dashboard
    assert window.statusBar().currentMessage().startswith(f"Imported {path.name}: added ")


def drop_files(window: MainWindow, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(window.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop


def test_dropped_files_get_one_wizard_each(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.acceptDrops()
    first = write(tmp_path, "first.csv", "date,wbc (K/uL)\n2025-03-01,3.3\n")
    second = write(tmp_path, "second.csv", "date,wbc (K/uL)\n2025-03-08,3.6\n")
    files = window.controller.files

    wizard = open_wizard(qtbot, window, lambda: drop_files(window, [first, second]))
    assert wizard.file_name.text() == "first.csv"
    click(qtbot, wizard.cancel)
    qtbot.waitUntil(lambda: files.wizard is not None and files.wizard is not wizard)
    second_wizard = files.wizard
    assert second_wizard is not None and second_wizard.file_name.text() == "second.csv"
    assert window.controller.dialog is second_wizard
    qtbot.waitExposed(second_wizard)
    click(qtbot, second_wizard.import_button)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        assert [d.value("wbc") for d in repo.draws()] == [3.6]


def test_text_dragged_onto_the_window_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("3.1 K/uL")
    enter = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    assert window.controller.files.wizard is None


def test_export_csv_writes_every_result(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    record_results(
        window.db, ResultEntry(datetime(2025, 4, 2, 8, 15), {"wbc": "3.1 K/uL", "anc": "1.2"})
    )
    out = tmp_path / "mine.csv"
    window.controller.files.choose_export_file = lambda: (out, "csv")
    action = file_action(window, "&Export…")
    assert action.shortcut().toString() == "Ctrl+E"
    action.trigger()
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["date"], r["time"], r["analyte"], r["value"]) for r in rows] == [
        ("2025-04-02", "08:15", "wbc", "3.1"),
        ("2025-04-02", "08:15", "anc", "1.2"),
    ]
    assert window.statusBar().currentMessage() == f"Exported your records as CSV to {out}."


class FakeFileDialog:
    """Stands in for QFileDialog: answers as if the person picked `answer`."""

    answer: tuple[str, str] = ("", "")

    @classmethod
    def getSaveFileName(cls, *_args: object) -> tuple[str, str]:
        return cls.answer


def test_export_format_follows_the_chosen_filter(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    record_results(window.db, ResultEntry(datetime(2025, 4, 2, 8, 15), {"wbc": "3.1"}))
    monkeypatch.setattr(file_controller, "QFileDialog", FakeFileDialog)
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    FakeFileDialog.answer = (str(tmp_path / "for-the-clinic"), "FHIR R4 (*.json)")
    file_action(window, "&Export…").trigger()
    bundle = json.loads((tmp_path / "for-the-clinic.json").read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle"

    FakeFileDialog.answer = (str(tmp_path / "backup.json"), "LeukoTrack backup (*.json)")
    file_action(window, "&Export…").trigger()
    backup = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
    assert backup.get("resourceType") is None and backup["draws"]

    FakeFileDialog.answer = ("", "")  # cancelled
    file_action(window, "&Export…").trigger()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json", "for-the-clinic.json"]


def test_export_failure_is_a_message_not_a_crash(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    (tmp_path / "not-a-folder").write_text("a file where a folder should be")
    out = tmp_path / "not-a-folder" / "x.csv"
    files = window.controller.files
    files.choose_export_file = lambda: (out, "csv")
    file_action(window, "&Export…").trigger()
    box = files.message
    assert isinstance(box, QMessageBox)
    qtbot.waitExposed(box)
    assert box.text().startswith(f"The records were not exported to {out}: ")
    assert "Choose another folder" in box.text()
    assert not out.exists()
    box.accept()
    qtbot.waitUntil(lambda: files.message is None)


def test_a_drop_while_another_dialog_is_open_waits_for_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = write(tmp_path, "labs.csv", GOOD_CSV)
    window.controller.open_entry(None)
    entry = window.controller.dialog
    assert entry is not None
    window.controller.files.import_paths([path])
    assert window.controller.files.wizard is None and window.controller.dialog is entry
    assert window.statusBar().currentMessage().startswith("Close the open window first")
    entry.reject()
    qtbot.waitUntil(lambda: window.controller.dialog is None)
    assert counts(window)["draw"] == 0
