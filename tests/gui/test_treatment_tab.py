"""The Treatment tab as a person uses it: the empty state, add a cycle, see its row and the
chart, a refused duplicate day, edit, delete and undo; G-CSF on the trend chart."""

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.gui.views.treatment_view import CycleDialogView
from leukotrack.services.cycles import add_cycle
from leukotrack.services.diary import add_medication
from leukotrack.services.entry import ResultEntry, record_results
from tests.gui.helpers import open_dialog, retype, wait_closed


def _rows(window: MainWindow) -> list[list[str]]:
    model = window.controller.treatment.table.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_add_a_cycle_see_its_row_then_undo(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.treatment
    window.tabs.setCurrentWidget(tab)
    assert tab.empty.isVisible() and "Add cycle" in tab.empty.text()
    assert not tab.splitter.isVisible()
    start = date.today() - timedelta(days=12)
    record_results(
        window.db,
        ResultEntry(
            datetime.combine(start, datetime.min.time()).replace(hour=9) + timedelta(days=9),
            {"anc": "0.6"},
        ),
    )
    window.controller.refresh()

    dialog = open_dialog(qtbot, window, tab.add)
    assert isinstance(dialog, CycleDialogView)
    dialog.start.setDate(QDate(start))
    qtbot.keyClicks(dialog.regimen, "FOLFOX")
    qtbot.keyClicks(dialog.length, "0")
    assert "1 to 120 days" in dialog.message.text() and not dialog.save.isEnabled()
    retype(qtbot, dialog.length, "14")
    assert not dialog.message.isVisible()
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, window)

    with window.db.reading() as repo:
        (cycle,) = repo.cycles()
    assert (cycle.start, cycle.regimen, cycle.length_days) == (start, "FOLFOX", 14)
    assert tab.splitter.isVisible() and not tab.empty.isVisible()
    (row,) = _rows(window)
    assert row[:5] == ["C1", start.isoformat(), "FOLFOX", "1", "0.6 (day 10)"]
    assert tab.chart is not None and [line.number for line in tab.chart.lines] == [1]
    assert tab.count.text() == "1 cycle"

    window.action_undo.trigger()
    with window.db.reading() as repo:
        assert repo.cycles() == []
    assert _rows(window) == [] and tab.empty.isVisible()
    window.action_redo.trigger()
    with window.db.reading() as repo:
        assert [c.regimen for c in repo.cycles()] == ["FOLFOX"]


def test_same_day_is_refused_naming_the_other_then_edit_and_delete(
    qtbot: QtBot, window: MainWindow
) -> None:
    first = date.today() - timedelta(days=40)
    add_cycle(window.db, first, "AC", 21)
    add_cycle(window.db, first + timedelta(days=21), "AC", 21)
    window.controller.refresh()
    tab = window.treatment
    window.tabs.setCurrentWidget(tab)
    dialog = open_dialog(qtbot, window, tab.add)
    assert isinstance(dialog, CycleDialogView)
    dialog.start.setDate(QDate(first))
    assert f"Cycle 1 (AC, started {first.isoformat()}) already starts" in dialog.message.text()
    dialog.reject()
    wait_closed(qtbot, window)

    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    tab.table.selectRow(0)
    dialog = open_dialog(qtbot, window, tab.edit)
    assert isinstance(dialog, CycleDialogView)
    assert dialog.regimen.text() == "AC" and dialog.length.text() == "21"
    retype(qtbot, dialog.regimen, "dose-dense AC")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        assert [c.regimen for c in repo.cycles()] == ["dose-dense AC", "AC"]

    tab.table.selectRow(1)
    qtbot.mouseClick(tab.delete, Qt.MouseButton.LeftButton)
    with window.db.reading() as repo:
        assert len(repo.cycles()) == 1
    window.action_undo.trigger()
    with window.db.reading() as repo:
        assert len(repo.cycles()) == 2


def test_sentence_analyte_switch_and_gcsf_marks(qtbot: QtBot, window: MainWindow) -> None:
    c1 = date.today() - timedelta(days=50)
    c2 = c1 + timedelta(days=21)
    add_cycle(window.db, c1, "AC", 21)
    add_cycle(window.db, c2, "AC", 21)
    for start in (c1, c2):
        for day, anc in ((1, "2.5"), (9, "0.6"), (15, "1.7")):
            when = datetime.combine(start + timedelta(days=day - 1), datetime.min.time()).replace(
                hour=9
            )
            record_results(
                window.db, ResultEntry(when, {"anc": anc, "wbc": "3.0", "platelets": "150"})
            )
    add_medication(window.db, "Neulasta", c2 + timedelta(days=1))
    window.controller.refresh()
    tab = window.treatment
    window.tabs.setCurrentWidget(tab)
    assert tab.sentence.text() == (
        "In cycles 1–2 your lowest recorded neutrophils came on day 9. "
        "Days without a test may have been lower."
    )
    chart = tab.chart
    assert chart is not None
    assert [line.gcsf for line in chart.lines][1][0][0] == 2
    assert "team's threshold 1.5" in chart.threshold_texts
    tab.analyte.setCurrentIndex(tab.analyte.findData("platelets"))
    assert chart.threshold_texts == ["team's threshold 100"]
    assert "Days < 1.5" not in [
        tab.table.model().headerData(i, Qt.Orientation.Horizontal)
        for i in range(tab.table.model().columnCount())
    ]
    window.tabs.setCurrentWidget(window.overview)
    qtbot.waitUntil(lambda: window.controller.chart.chart is not None)
    trend = window.controller.chart.chart
    assert trend is not None and "growth factor (G-CSF) given" in trend.legend_texts
