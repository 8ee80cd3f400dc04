"""`leukotrack --smoke-test`: open the main window on a data folder, wait for its first paint,
report how long after process start that was, and fail on any error or Qt warning.

It runs the same code a double-click runs (QApplication, icon, window, database), so a frozen
bundle that passes it has its Qt plugins, migrations and data files in place.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QWidget

from leukotrack import IMPORTED_AT
from leukotrack.gui.icon import set_app_identity

TIMEOUT_S = 60.0
# Said by the headless "offscreen" platform itself, not by anything LeukoTrack does.
IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)
PROBLEM_TYPES = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)


def seconds_since_process_start() -> float:
    """From the kernel's record of when this process started (Linux); elsewhere from the moment
    the leukotrack package was imported, which misses only the interpreter's own start-up."""
    try:
        stat = Path("/proc/self/stat").read_text()
        after_name = stat[stat.rindex(")") + 2 :].split()
        started_ticks = int(after_name[19])  # field 22, "starttime", in clock ticks since boot
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return time.monotonic() - IMPORTED_AT


class Problems:
    """Qt warnings and Python exceptions seen while the window opens."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def qt_message(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind not in PROBLEM_TYPES or any(m in message for m in IGNORED_QT_MESSAGES):
            return
        self.items.append(f"Qt {kind.name.removeprefix('Qt').removesuffix('Msg')}: {message}")
        print(f"leukotrack: Qt: {message}", file=sys.stderr)

    def exception(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        self.items.append(f"{kind.__name__}: {exc}")
        traceback.print_exception(kind, exc, tb, file=sys.stderr)


class FirstPaint(QObject):
    """Quits `loop` once the window (or a widget inside it) has finished its first paint."""

    def __init__(self, window: QWidget, loop: QEventLoop) -> None:
        super().__init__()
        self.window = window
        self.loop = loop
        self.painted_at: float | None = None
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self.window or self.window.isAncestorOf(watched))
        ):
            self._seen = True
            QTimer.singleShot(0, self._done)  # runs once this round of painting has finished
        return False

    def _done(self) -> None:
        self.painted_at = seconds_since_process_start()
        self.loop.quit()


def _open_window(data_dir: Path, key: bytes | None) -> QWidget:
    """The main window on `data_dir`, built as a double-click builds it (it closes its database)."""
    from leukotrack.gui.app import build_main_window

    return build_main_window(data_dir, key=key)


def _what_it_shows(window: QWidget) -> str:
    welcome = window.findChild(QWidget, "welcome")
    return "the welcome" if welcome is not None and welcome.isVisible() else "the records"


def run_smoke_test(data_dir: Path, key: bytes | None = None, timeout_s: float = TIMEOUT_S) -> int:
    """0 when the window painted with its data and nothing went wrong; 1 otherwise."""
    problems = Problems()
    watcher: FirstPaint | None = None
    shows = ""
    previous_hook = sys.excepthook
    sys.excepthook = problems.exception
    qInstallMessageHandler(problems.qt_message)
    try:
        from leukotrack.gui.app import make_app

        app = make_app()
        set_app_identity(app)
        if app.windowIcon().isNull():
            problems.items.append("the application icon was not found")
        window = _open_window(data_dir, key)
        loop = QEventLoop()
        watcher = FirstPaint(window, loop)
        app.installEventFilter(watcher)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        window.show()
        loop.exec()
        app.removeEventFilter(watcher)
        shows = _what_it_shows(window)
        window.close()
        app.processEvents()
    except Exception as exc:  # the point of a smoke test: report it, exit non-zero
        problems.exception(type(exc), exc, exc.__traceback__)
    finally:
        qInstallMessageHandler(None)
        sys.excepthook = previous_hook
    painted_at = watcher.painted_at if watcher is not None else None
    if watcher is not None and painted_at is None:
        problems.items.append(f"the window did not paint within {timeout_s:g} s")
    if problems.items or painted_at is None:
        print(f"leukotrack: smoke test failed on {data_dir}:", file=sys.stderr)
        for item in problems.items:
            print(f"  - {item}", file=sys.stderr)
        return 1
    print(f"first paint with data {painted_at:.3f} s after process start ({data_dir}: {shows})")
    return 0
