"""Screenshots of the lab-report review window, light and dark (run under Xvfb, from the repo).

xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/review_screenshots.py docs
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from leukotrack.gui.app import build_main_window, make_app
from leukotrack.gui.views.report_review_view import TEST
from tests.labreports.layouts import write


def dark_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#3a3a3a",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def shoot(out: Path, dark: bool) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    with tempfile.TemporaryDirectory() as tmp:
        pdf = write("slips", Path(tmp))
        window = build_main_window(Path(tmp) / "data")
        window.resize(1300, 860)
        window.show()
        window.controller.report_import.open_report(pdf)
        review = window.controller.report_import.review
        assert review is not None
        review.view.resize(1300, 820)
        review.view.splitter.setSizes([585, 715])
        table = review.view.table
        line = next(
            r for r in range(table.rowCount()) if table.item(r, TEST).text() == "white blood cells"
        )
        table.selectRow(line)
        for _ in range(10):
            app.processEvents()
        review.fit_page()
        app.processEvents()
        path = out / f"screenshot-review-{'dark' if dark else 'light'}.png"
        review.view.grab().save(str(path))
        print(path)
        review.view.reject()
        window.close()
        app.processEvents()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    make_app()
    shoot(out, dark=False)
    shoot(out, dark=True)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
