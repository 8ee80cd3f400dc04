"""Cycle view timings on the 10-year dataset with a cycle every 3 weeks (about 170 cycles).

Measures: the cycle summaries of the whole record (CLINICAL.md's definitions, ANC); the cycle
view's redraw after a range change (days 1–14 and back to the whole cycle, as the trend chart's
bench does with its presets), processing events until the plot's viewport has painted; and the
rebuild after the data change (`CycleChart.show_view`, then the paint). Medians of many rounds;
an empty plot's redraw in the same run shows what pyqtgraph itself costs on the machine.
Budget: the chart redraw budget of DESIGN.md, 16 ms.
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
    from leukotrack.services.cycles import CycleView, cycle_view

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

    def redraw_ms(shown: CycleView, rebuild: bool) -> float:
        chart = CycleChart()
        chart.resize(1200, 560)
        chart.show_view(shown)
        chart.show()
        app.processEvents()
        watch = Watch()
        chart.plot.viewport().installEventFilter(watch)
        times = []
        for i in range(max(runs * 6, 30)):
            watch.painted = False
            t0 = time.perf_counter()
            if rebuild:
                chart.show_view(shown)
            else:
                chart.plot.setXRange(1, 14 if i % 2 == 0 else max(shown.longest, 2) + 1.5)
            deadline = t0 + 1.0
            while not watch.painted and time.perf_counter() < deadline:
                app.processEvents()
            times.append(time.perf_counter() - t0)
        chart.close()
        return statistics.median(times) * 1000

    empty_ms = redraw_ms(CycleView(view.analyte, view.threshold, [], None), False)
    full_ms = redraw_ms(view, False)
    rebuild_ms = redraw_ms(view, True)
    summary_ms = statistics.median(summaries) * 1000
    n = len(view.summaries)
    return [
        (f"cycle summaries, {n} cycles over 10 years", f"{summary_ms:.1f} ms", "", None),
        ("  empty plot, same range changes (pyqtgraph's own)", f"{empty_ms:.1f} ms", "", None),
        (
            f"cycle view redraw after a range change, {n} cycles",
            f"{full_ms:.1f} ms",
            f"≤ {REDRAW_BUDGET_MS:.0f} ms",
            full_ms <= REDRAW_BUDGET_MS,
        ),
        (f"  cycle view rebuilt after a change, {n} cycles", f"{rebuild_ms:.1f} ms", "", None),
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
