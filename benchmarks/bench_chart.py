"""Chart timings on the 10-year dataset: redraw after a range change, and hover.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_chart.py [--data-dir DIR]

Redraw: set a range preset (or pan by a month), then process events until the chart's viewport
has painted; the median of many rounds. Hover: one mouse-move handled (nearest point by binary
search, text and marker placed). Budgets from DESIGN.md: redraw ≤ 16 ms, hover ≤ 5 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from benchmarks.dataset import build_dataset

REDRAW_BUDGET_MS = 16.0
HOVER_BUDGET_MS = 5.0


class _PaintWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000.0


Row = tuple[str, float, "float | None"]


def main() -> None:
    parser = argparse.ArgumentParser(description="Chart redraw and hover timings.")
    parser.add_argument("--data-dir", type=Path, help="an existing 10-year data folder")
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()
    rows, summary = measure(args.data_dir, args.rounds)
    print(summary)
    print(f"{'measure':44} {'ms':>8} {'budget':>8}  ok")
    for name, ms, budget in rows:
        ok = "" if budget is None else ("yes" if ms <= budget else "NO")
        shown_budget = "" if budget is None else f"{budget:.0f}"
        print(f"{name:44} {ms:8.2f} {shown_budget:>8}  {ok}")


def measure(data_dir: Path | None, rounds: int = 60) -> tuple[list[Row], str]:
    """Chart build, redraw and hover timings (ms) on the 10-year dataset, with budgets."""
    app = QApplication.instance() or QApplication(sys.argv)
    from leukotrack.gui.charts.trend_chart import TrendChart
    from leukotrack.services.store import open_records
    from leukotrack.services.timeline import load_timeline

    with tempfile.TemporaryDirectory() as tmp:
        if data_dir is None:
            data_dir = Path(tmp) / "data"
            build_dataset(data_dir)
        db = open_records(data_dir)
        try:
            timeline = load_timeline(db)
        finally:
            db.close()

    chart = TrendChart()
    chart.resize(1280, 800)
    t0 = time.perf_counter()
    chart.set_timeline(timeline)
    chart.show()
    app.processEvents()
    build_ms = (time.perf_counter() - t0) * 1000.0
    viewport = chart._glw.viewport()
    watch = _PaintWatch()
    viewport.installEventFilter(watch)

    def redraw(action: object) -> float:
        watch.painted = False
        start = time.perf_counter()
        action()  # type: ignore[operator]
        deadline = start + 1.0
        while not watch.painted and time.perf_counter() < deadline:
            app.processEvents()
        return time.perf_counter() - start

    presets = ["3m", "1y", "all"]
    by_preset: dict[str, list[float]] = {k: [] for k in presets}
    for i in range(rounds):
        key = presets[i % 3]
        by_preset[key].append(redraw(lambda key=key: chart.set_range_preset(key)))
    preset_times = [t for ts in by_preset.values() for t in ts]
    chart.set_range_preset("1y")
    app.processEvents()
    month = 30 * 86400.0

    def pan(sign: float) -> None:
        lo, hi = chart.x_range()
        chart.count_plot.setXRange(lo + sign * month, hi + sign * month, padding=0)

    pan_times = [redraw(lambda i=i: pan(-1.0 if i % 2 else 1.0)) for i in range(rounds)]

    anc = chart.data.series["anc"]  # type: ignore[union-attr]
    plot = chart.count_plot
    chart.set_range_preset("all")
    app.processEvents()
    hover_times = []
    for i in range(rounds * 5):
        j = (i * 37) % len(anc)
        x, y = float(anc.x[j]), float(anc.y[j])
        scene_pos = plot.getViewBox().mapViewToScene(
            plot.getViewBox().mapToView(
                plot.getViewBox().mapFromView(__import__("PySide6.QtCore").QtCore.QPointF(x, y))
            )
        )
        start = time.perf_counter()
        chart._on_mouse_moved(scene_pos)
        hover_times.append(time.perf_counter() - start)
    assert chart.hover_text, "hover found no point: the benchmark would measure nothing"

    rows: list[Row] = [
        ("chart built from the timeline (once)", build_ms, None),
        ("redraw after a range preset (median)", _median_ms(preset_times), REDRAW_BUDGET_MS),
        *(
            (f"  preset {k} (median)", _median_ms(ts), REDRAW_BUDGET_MS)
            for k, ts in by_preset.items()
        ),
        ("redraw after a one-month pan (median)", _median_ms(pan_times), REDRAW_BUDGET_MS),
        ("hover: mouse move handled (median)", _median_ms(hover_times), HOVER_BUDGET_MS),
    ]
    summary = (
        f"10-year dataset: {len(timeline.draws)} draws, {len(timeline.fatigue)} fatigue days, "
        f"{len(timeline.medications)} medicines"
    )
    chart.close()
    return rows, summary


if __name__ == "__main__":
    main()
