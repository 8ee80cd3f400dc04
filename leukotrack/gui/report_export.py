"""Saving the hematologist report from the app or the command line (the chart comes from gui)."""

from __future__ import annotations

import locale
import os
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication

from leukotrack.report.pdf import ChartPainter
from leukotrack.services.reporting import ReportRequest, choose_paper, make_report
from leukotrack.services.timeline import Timeline
from leukotrack.storage.db import Database


def ensure_qt_app() -> QApplication:
    """The report paints with Qt, which needs an application object (no window is shown).

    From the command line there is no window at all, so Qt is told not to look for a display.
    """
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication([])


def chart_painter(period: Timeline, start: date | None, end: date) -> ChartPainter:
    from leukotrack.gui.charts.printed import render_chart

    def paint(painter: QPainter, rect: QRectF) -> None:
        render_chart(painter, rect, period, start, end)

    return paint


def system_locale_name() -> str:
    name = QLocale.system().name()
    return name or (locale.getlocale()[0] or "C")


def save_report(
    db: Database,
    out: Path,
    request: ReportRequest | None = None,
    paper: str | None = None,
    now: datetime | None = None,
) -> int:
    """Write the document PDF (by default: the hematologist report since the last visit)."""
    ensure_qt_app()
    chosen = choose_paper(db, system_locale_name(), paper)
    return make_report(db, out, request or ReportRequest(), chosen, now, chart=chart_painter)
