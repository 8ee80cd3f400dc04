"""The Overview at a glance: at 1366×768 the counts, the most severe flag, the next test and a
chart of at least 40 % of the height are all in view; "?" opens the right Learn topic; the chart
has a table; the start-up reminder; the plan dialog and Export reminders."""

from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.gui.views.plan_view import PlanView
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.reminders import set_test_plan
from tests.gui.helpers import open_dialog, wait_closed


def visible_in(window: QWidget, widget: QWidget) -> bool:
    """Wholly inside the window and inside the overview's scrolled viewport."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    return widget.isVisible() and window.rect().contains(rect)


def test_everything_that_matters_fits_a_laptop_screen(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    win = demo_window
    ov = win.overview
    qtbot.waitUntil(lambda: ov.tile_columns == 6)
    assert ov.dashboard.verticalScrollBar().maximum() == 0  # nothing below the fold
    tiles = {t.objectName(): t for t in win.controller.overview.tiles if t.isVisible()}
    assert visible_in(win, tiles["tile_wbc"]) and visible_in(win, tiles["tile_anc"])
    assert tiles["tile_wbc"].status.text() and tiles["tile_anc"].status.text()
    rows = win.controller.overview.flag_rows
    assert rows and visible_in(win, rows[0].title)  # the most severe flag's title
    assert visible_in(win, ov.next_test.title)
    assert ov.next_test.plain_title.startswith(("Due today", "In ", "Overdue"))
    chart = win.controller.chart.chart
    assert chart is not None and visible_in(win, ov.chart_stack)
    assert ov.chart_stack.height() >= 0.4 * win.height()
    assert len({t.y() for t in tiles.values()}) == 1  # one compact row of tiles


def test_a_fact_is_said_once(demo_window: MainWindow) -> None:
    """The demo's clozapine test is due today: said by the next-test line, not also a flag."""
    win = demo_window
    names = [r.objectName() for r in win.controller.overview.flag_rows]
    assert not {"flag_clozapine.test_due", "flag_clozapine.test_overdue"} & set(names)
    assert win.overview.next_test.plain_title.endswith("· clozapine")
    dates = [t.taken.text() for t in win.controller.overview.tiles if t.taken.isVisible()]
    assert dates == []  # every tile is from the latest test, which the heading dates


def test_question_marks_open_the_right_topic(qtbot: QtBot, demo_window: MainWindow) -> None:
    win = demo_window
    tiles = {t.objectName(): t for t in win.controller.overview.tiles}
    qtbot.mouseClick(tiles["tile_anc"].help, Qt.MouseButton.LeftButton)
    learn = win.controller.learn
    assert learn.view is not None and learn.view.isVisible()
    assert learn.shown_key() == "levels"
    text = learn.view.text.toPlainText()
    assert "Below 1.0 is moderate" in text
    assert "Your latest ANC was 1.72" in text  # the patient's own number, in two clicks
    assert text.rstrip().endswith("it does not replace your care team's advice.")
    qtbot.mouseClick(tiles["tile_hemoglobin"].help, Qt.MouseButton.LeftButton)
    assert learn.shown_key() == "other-counts"
    medicine = next(
        r
        for r in win.controller.overview.flag_rows
        if r.objectName() == "flag_medication.associated"
    )
    qtbot.mouseClick(medicine.help, Qt.MouseButton.LeftButton)
    assert learn.shown_key() == "causes"
    assert "Clozapine" in learn.view.text.toPlainText()  # "Of the medicines you take now…"
    qtbot.mouseClick(win.overview.next_test.help, Qt.MouseButton.LeftButton)
    assert learn.shown_key() == "next-test"
    learn.view.close()


def test_f1_opens_learn_and_topics_can_be_walked(qtbot: QtBot, demo_window: MainWindow) -> None:
    win = demo_window
    win.activateWindow()
    win.action_learn.trigger()
    view = win.controller.learn.view
    assert view is not None and view.isVisible()
    assert win.action_learn.shortcut().toString() == "F1"
    assert "Learn about your counts" in [a.text().replace("&", "") for a in win.help_menu.actions()]
    view.topics.setFocus()
    qtbot.keyClick(view.topics, Qt.Key.Key_End)
    assert win.controller.learn.shown_key() == "q-untreated"
    assert "life threatening" in view.text.toPlainText()
    view.close()


def test_the_chart_as_a_table(qtbot: QtBot, demo_window: MainWindow) -> None:
    win = demo_window
    ov = win.overview
    qtbot.mouseClick(ov.show_table, Qt.MouseButton.LeftButton)
    assert ov.chart_stack.currentWidget() is ov.chart_table and ov.chart_table.hasFocus()
    model = ov.chart_table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[0] == "Date" and headers[1].startswith("WBC") and headers[2].startswith("ANC")
    with win.db.reading() as repo:
        assert model.rowCount() == len(repo.draws())
    cells = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert any(c.endswith(" L") for c in cells)  # the L mark, not colour alone
    qtbot.mouseClick(ov.show_table, Qt.MouseButton.LeftButton)
    assert ov.chart_stack.currentWidget() is ov.chart_area


def test_tab_order_follows_reading_order(demo_window: MainWindow) -> None:
    win = demo_window
    ov = win.overview
    ov.add_results.setFocus()
    seen: list[QWidget] = []
    widget: QWidget = ov.add_results
    for _ in range(60):
        widget = widget.nextInFocusChain()
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            seen.append(widget)
    order = [
        seen.index(w)
        for w in (
            win.controller.overview.tiles[0],
            win.controller.overview.tiles[5].help,
            win.controller.overview.flag_rows[0].toggle,
            ov.next_test.toggle,
            ov.plan_tests,
        )
    ]
    assert order == sorted(order)


def test_the_start_up_reminder_shows_a_banner_without_a_tray(
    qtbot: QtBot, window: MainWindow
) -> None:
    last = datetime.combine(date.today() - timedelta(days=28), datetime.min.time())
    record_results(window.db, ResultEntry(last, {"wbc": "3.2"}))
    set_test_plan(window.db, 28, None)
    window.controller.refresh()
    assert window.controller.reminders.notify_at_start() == "banner"  # offscreen: no tray
    notice = window.overview.notice
    assert notice.isVisible()
    assert "Blood test due today (your plan)" in window.overview.notice_text.text()
    qtbot.mouseClick(window.overview.notice_dismiss, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()


def test_no_reminder_when_nothing_is_due(window: MainWindow) -> None:
    record_results(window.db, ResultEntry(datetime.now() - timedelta(days=1), {"wbc": "5.2"}))
    set_test_plan(window.db, 28, None)
    window.controller.refresh()
    assert window.controller.reminders.notify_at_start() == ""
    assert not window.overview.notice.isVisible()


def test_plan_dialog_then_export_reminders(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    record_results(window.db, ResultEntry(datetime.now() - timedelta(days=2), {"wbc": "3.2"}))
    window.controller.refresh()
    assert window.overview.next_test.plain_title.startswith("None planned")
    dialog = open_dialog(qtbot, window, window.overview.plan_tests)
    assert isinstance(dialog, PlanView)
    assert dialog.every.isChecked()
    dialog.days.selectAll()
    qtbot.keyClicks(dialog.days, "14")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, window)
    due = date.today() + timedelta(days=12)
    assert window.overview.next_test.plain_title == (
        f"In 12 days: {due:%A} {due.day} {due:%B %Y} · your plan"
    )
    out = tmp_path / "mine.ics"
    window.controller.reminders.choose_export_file = lambda: out
    window.action_export_reminders.trigger()
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [due]
    assert "1 reminder" in window.statusBar().currentMessage()
