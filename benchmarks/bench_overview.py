"""The Overview's start-up on the 10-year dataset: first paint, then the chart drawn.

One process per run, as a double-click starts the app: the window is built as the smoke test
builds it, and the script prints the seconds from process start (the kernel's clock, as
`leukotrack --smoke-test` uses) to the window's first paint (tiles, flags, next test and the
chart's placeholder) and to the first paint of the trend chart itself. DESIGN.md / issue 18:
the chart is drawn within 2.5× of the first-paint time. Also the reminders of the ten years,
in-process (all sources, soonest first).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_overview.py DATA_DIR
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Row = tuple[str, str, str, bool | None]
CHART_BUDGET = 2.5

OVERVIEW_TIMES = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from leukotrack.gui.smoke import seconds_since_process_start as since_start
from leukotrack.gui.app import build_main_window, make_app

class Painted(QObject):
    def __init__(self, loop):
        super().__init__()
        self.loop, self.window, self.chart = loop, None, None
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            chart = self.window.controller.chart.chart if self.window else None
            if self.window is not None and self.window is watched and self.first is None:
                self.first = since_start()
            if chart is not None and (watched is chart or chart.isAncestorOf(watched)):
                self.drawn = since_start()
                QTimer.singleShot(0, self.loop.quit)
        return False
    first = drawn = None

app = make_app()
loop = QEventLoop()
watch = Painted(loop)
app.installEventFilter(watch)
window = build_main_window(Path(sys.argv[1]))
watch.window = window
QTimer.singleShot(60000, loop.quit)
window.show()
loop.exec()
print(f"first {watch.first:.3f} chart {watch.drawn:.3f}")
window.close()
"""


def _times(data: Path, runs: int) -> tuple[float, float]:
    firsts, charts = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", OVERVIEW_TIMES, str(data)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        m = re.search(r"first (\d+\.\d+) chart (\d+\.\d+)", out)
        if m is None:
            raise RuntimeError(f"no times in {out!r}")
        firsts.append(float(m.group(1)))
        charts.append(float(m.group(2)))
    return statistics.median(firsts), statistics.median(charts)


def _reminders_ms(data: Path) -> float:
    from leukotrack.services.reminders import reminders_of
    from leukotrack.services.store import open_records
    from leukotrack.services.timeline import load_timeline

    db = open_records(data, daily_backup=False)
    try:
        timeline = load_timeline(db)
    finally:
        db.close()
    laps = []
    for _ in range(20):
        t0 = time.perf_counter()
        reminders_of(timeline, datetime.now())
        laps.append((time.perf_counter() - t0) * 1000)
    return statistics.median(laps)


def rows(data: Path, runs: int, tmp: Path) -> list[Row]:
    first, chart = _times(data, runs)
    ratio = chart / first
    return [
        ("Overview first paint (own run): start → painted", f"{first:.2f} s", "", None),
        ("trend chart drawn: start → painted", f"{chart:.2f} s", "", None),
        ("chart drawn vs first paint", f"{ratio:.2f}×", f"≤ {CHART_BUDGET:g}×", ratio <= 2.5),
        ("reminders of the ten years (all sources)", f"{_reminders_ms(data):.1f} ms", "", None),
    ]


if __name__ == "__main__":
    for row in rows(Path(sys.argv[1]), 3, Path("/tmp")):
        print(row)
