"""The wizard's "Import N results and leave out these M" (issue 12), as a person uses it."""

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow

from .test_import_export_gui import (
    click,
    counts,
    file_action,
    open_wizard,
    table_rows,
    wait_closed,
    write,
)

PORTAL = Path(__file__).resolve().parents[1] / "fixtures" / "portal"
MIXED_CSV = (
    "date,analyte,value,unit\n"
    "2025-01-02,WBC,3.1,K/mcL\n"
    "2025-01-02,Neut Abs,1.2,x10(3)/mcL\n"
    "2025-01-03,WBC,3.3,K\n"
    "2025-01-04,WBC,4500,K/uL\n"
    "2025-01-05,Hgb,11.9,g/dL\n"
)


def test_import_the_good_rows_and_leave_out_the_listed_ones(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = write(tmp_path, "portal.csv", MIXED_CSV)
    window.controller.files.choose_import_files = lambda: [path]
    wizard = open_wizard(qtbot, window, file_action(window, "&Import…").trigger)
    assert not wizard.import_button.isEnabled()
    rest = wizard.import_rest_button
    assert rest.isVisible() and rest.text() == "Import 3 results and leave out these 2"
    rows = table_rows(wizard.problems)
    assert [(r[0], r[2]) for r in rows] == [
        ("line 4", "Blocks import"),
        ("line 5", "Blocks import"),
    ]
    assert "two readings" in rows[0][1] and "not a plausible" in rows[1][1]
    assert "or press “Import 3 results and leave out these 2”" in wizard.reason.text()

    click(qtbot, rest)
    wait_closed(qtbot, window)
    assert counts(window)["result"] == 3
    with window.db.reading() as repo:
        days = sorted({d.taken_at.date() for d in repo.draws()})
    assert days == [date(2025, 1, 2), date(2025, 1, 5)]  # the bad rows are stored nowhere
    status = window.statusBar().currentMessage()
    assert status == "Imported portal.csv: added 3 results; left out 2 rows with problems."

    # the same file again: nothing is added twice
    wizard = open_wizard(qtbot, window, file_action(window, "&Import…").trigger)
    assert not wizard.import_rest_button.isVisible() and not wizard.import_button.isEnabled()
    assert "Adds nothing new." in wizard.summary.text()
    assert "or press" not in wizard.reason.text()
    click(qtbot, wizard.cancel)
    wait_closed(qtbot, window)
    assert counts(window)["result"] == 3


def test_a_clean_portal_file_needs_no_leave_out_button_and_names_what_it_left_aside(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.controller.files.choose_import_files = lambda: [PORTAL / "cerner_style_cbc.json"]
    wizard = open_wizard(qtbot, window, file_action(window, "&Import…").trigger)
    assert wizard.import_button.isEnabled() and not wizard.import_rest_button.isVisible()
    assert wizard.summary.text().endswith(
        "Left aside 9 observations LeukoTrack does not track: Blood pressure (3), MCV (3), RDW (3)."
    )
    units = {r[0].split(" — ")[0]: r[2] for r in table_rows(wizard.results)}
    assert units["WBC"] == "x10(3)/mcL" and units["Neut %"] == "%"
    click(qtbot, wizard.import_button)
    wait_closed(qtbot, window)
    assert counts(window)["result"] == 18
