"""Cycle view timings on the 10-year dataset with a cycle every 3 weeks (about 170 cycles).

Measures: the cycle summaries of the whole record (CLINICAL.md's definitions, ANC), and the
cycle view's redraw: `CycleChart.show_view` followed by processing events until the plot's
viewport has painted (median of many rounds). Budget: the chart budget of DESIGN.md, 16 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

REDRAW_BUDGET_MS = 16.0
Row = tuple[str, str, str, "bool | None"]


def _timeline_with_cycles(data: Path):  # type: ignore[no-untyped-def]
    from leukotrack.domain.records import Cycle
    from leukotrack.services.store import open_records
    from leukotrack.services.timeline import load_timeline

    db = open_records(data, daily_backup=False)
    try:
        timeline = load_timeline(db)
    finally:
        db.close()
    first = timeline.draws[0].taken_at.date()
    last = timeline.draws[-1].taken_at.date()
    n = (last - first).days // 21
    cycles = [Cycle(first + timedelta(days=21 * k), "FOLFOX", 21) for k in range(n)]
    return replace(timeline, cycles=cycles)


def rows(data: Path, runs: int, tmp: Path) -> list[Row]:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    from leukotrack.gui.charts.cycle_chart import CycleChart
    from leukotrack.services.cycles import cycle_view

    timeline = _timeline_with_cycles(data)
    summaries = []
    for _ in range(max(runs, 3)):
        t0 = time.perf_counter()
        view = cycle_view(timeline, "anc")
        summaries.append(time.perf_counter() - t0)

    class Watch(QObject):
        painted = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    chart = CycleChart()
    chart.resize(1200, 560)
    chart.show_view(view)
    chart.show()
    app.processEvents()
    watch = Watch()
    chart.plot.viewport().installEventFilter(watch)
    redraws = []
    for _ in range(max(runs * 6, 30)):
        watch.painted = False
        t0 = time.perf_counter()
        chart.show_view(view)
        deadline = t0 + 1.0
        while not watch.painted and time.perf_counter() < deadline:
            app.processEvents()
        redraws.append(time.perf_counter() - t0)
    chart.close()
    redraw_ms = statistics.median(redraws) * 1000
    summary_ms = statistics.median(summaries) * 1000
    n = len(view.summaries)
    return [
        (f"cycle summaries, {n} cycles over 10 years", f"{summary_ms:.1f} ms", "", None),
        (
            f"cycle view redraw, {n} cycles (median)",
            f"{redraw_ms:.1f} ms",
            f"≤ {REDRAW_BUDGET_MS:.0f} ms",
            redraw_ms <= REDRAW_BUDGET_MS,
        ),
    ]


if __name__ == "__main__":  # QT_QPA_PLATFORM=offscreen python benchmarks/bench_cycles.py DATA
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.dataset import build_dataset

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp) / "data"
        if not (data / "leukotrack.sqlite3").exists():
            build_dataset(data)
        for row in rows(data, 5, Path(tmp)):
            print(row)
