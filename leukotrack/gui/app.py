"""QApplication and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leukotrack import APP_NAME, NOT_A_DIAGNOSIS, __version__
from leukotrack.domain.analytes import ANALYTES
from leukotrack.services.results import result_views, show_value
from leukotrack.services.store import open_records
from leukotrack.storage.db import Database


class MainWindow(QMainWindow):
    """The first window: who, and the latest blood count."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(APP_NAME)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.heading = QLabel(central)
        self.heading.setObjectName("heading")
        self.latest = QTableWidget(0, 3, central)
        self.latest.setObjectName("latestResults")
        self.latest.setHorizontalHeaderLabels(["Test", "Value", "In range?"])
        self.latest.verticalHeader().setVisible(False)
        self.latest.setAccessibleName("Latest results")
        layout.addWidget(self.heading)
        layout.addWidget(self.latest)
        layout.addWidget(QLabel(NOT_A_DIAGNOSIS, central))
        self.setCentralWidget(central)
        self.resize(900, 600)
        self.refresh()

    def refresh(self) -> None:
        with self.db.reading() as repo:
            profile = repo.profile()
            draws = repo.draws()
        who = profile.name or "No profile yet"
        if not draws:
            self.heading.setText(f"{who}: no blood tests yet.")
            self.latest.setRowCount(0)
            return
        last = draws[-1]
        self.heading.setText(f"{who}: latest blood test {last.taken_at:%d %b %Y %H:%M}")
        views = result_views([last], profile)
        self.latest.setRowCount(len(views))
        for row, v in enumerate(views):
            shown = show_value(v.analyte, v.result.value, profile.count_unit, v.result.comparator)
            self.latest.setItem(row, 0, QTableWidgetItem(ANALYTES[v.analyte].name))
            self.latest.setItem(row, 1, QTableWidgetItem(shown))
            self.latest.setItem(row, 2, QTableWidgetItem(v.status))


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    db = open_records(data_dir)
    try:
        window = MainWindow(db)
        window.show()
        return app.exec()
    finally:
        db.close()
