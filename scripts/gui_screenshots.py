"""Screenshots of every tab of the app on the demo data (run under Xvfb).

xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/gui_screenshots.py OUT_DIR
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from leukotrack.gui.app import build_main_window
from leukotrack.services.demo import fill_demo
from leukotrack.services.store import open_records


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        db = open_records(data)
        fill_demo(db)
        db.close()
        window = build_main_window(data)
        window.resize(1280, 860)
        window.show()
        app = QApplication.instance()
        assert app is not None
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            for _ in range(5):
                app.processEvents()
            name = window.tabs.tabText(i).replace("&", "").lower()
            path = out / f"tab-{i}-{name}.png"
            window.grab().save(str(path))
            print(path)
        window.tabs.setCurrentIndex(0)
        for name, action in (
            ("dialog-add-results", window.action_add_results),
            ("dialog-profile", window.action_profile),
        ):
            action.trigger()
            for _ in range(5):
                app.processEvents()
            dialog = window.controller.dialog
            assert dialog is not None
            path = out / f"{name}.png"
            dialog.grab().save(str(path))
            print(path)
            dialog.reject()
            app.processEvents()
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
