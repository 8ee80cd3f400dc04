"""`make bench`: every performance budget of DESIGN.md, measured on the 10-year dataset.

Builds the 10-year dataset (≈ 500 draws × 14 analytes, 3,650 diary days, 20 medicines) and a
100,000-observation FHIR file, then measures with public tools and prints one table with the
budget beside each figure (medians of several runs):

- first paint: `leukotrack --smoke-test` (whole process, main window painted with its data)
  against a bare PySide6 window (import, QApplication, show, process events, quit), same run;
- chart redraw after a range change and hover (in-process, offscreen);
- the report PDF of the 10 years (in-process);
- FHIR import against `json.load` of the same file;
- peak RSS of the app with the dataset open (`/usr/bin/time -v`, else getrusage).

    .venv/bin/python benchmarks/run.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The same clock as `leukotrack --smoke-test`: seconds since the kernel started the process.
SINCE_START = """
import os, time
def since_start():
    stat = open("/proc/self/stat").read()
    ticks = int(stat[stat.rindex(")") + 2:].split()[19])
    return time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
"""
BARE_WINDOW = (
    SINCE_START
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.setWindowTitle("bare")
w.resize(1200, 800)
w.show()
for _ in range(5):
    app.processEvents()
print(f"painted {since_start():.3f}")
"""
)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def _timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """Medians (s) of process start → painted (as the program reports it) and of the whole run."""
    painted, whole = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run(
            cmd, check=True, capture_output=True, text=True, env=_env(), cwd=ROOT
        ).stdout
        whole.append(time.perf_counter() - t0)
        m = re.search(r"(?:painted|first paint with data) (\d+\.\d+)", out)
        if m is None:
            raise RuntimeError(f"no paint time in the output of {cmd}: {out!r}")
        painted.append(float(m.group(1)))
    return statistics.median(painted), statistics.median(whole)


def _peak_rss_mb(cmd: list[str]) -> float:
    gnu_time = shutil.which("time") or "/usr/bin/time"
    if Path(gnu_time).exists():
        proc = subprocess.run(
            [gnu_time, "-v", *cmd], capture_output=True, text=True, env=_env(), cwd=ROOT
        )
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        if m:
            return int(m.group(1)) / 1024
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, check=True, capture_output=True, env=_env(), cwd=ROOT)
    return max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def _report_seconds(data_dir: Path, out: Path, runs: int) -> float:
    from leukotrack.gui.report_export import ensure_qt_app, save_report
    from leukotrack.services.store import open_records

    ensure_qt_app()
    times = []
    db = open_records(data_dir, daily_backup=False)
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            save_report(db, out, None, "A4")
            times.append(time.perf_counter() - t0)
    finally:
        db.close()
    return statistics.median(times)


# Each capability's own measures: a module benchmarks/bench_<topic>.py with
#   rows(data: Path, runs: int, tmp: Path) -> list[Row]
# where a Row is (measure, figure, budget, ok or None). Add the module's name here.
Row = tuple[str, str, str, bool | None]
CAPABILITY_BENCHES: tuple[str, ...] = (
    "bench_units",
    "bench_labreport",
    "bench_overview",
    "bench_cycles",
    "bench_patterns",
    "bench_reports",
    "bench_ocr",
    "bench_encryption",
)


def main() -> int:
    ap = argparse.ArgumentParser(description="Measure LeukoTrack against its performance budgets.")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--observations", type=int, default=100_000)
    args = ap.parse_args()

    from benchmarks import bench_chart, bench_import
    from benchmarks.dataset import build_dataset

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "ten-years"
        build_dataset(data)
        python = sys.executable

        bare, bare_whole = _timed([python, "-c", BARE_WINDOW], args.runs)
        smoke_cmd = [python, "-m", "leukotrack", "--data-dir", str(data), "--smoke-test"]
        app, app_whole = _timed(smoke_cmd, args.runs)
        ratio = app / bare
        rows.append(("bare PySide6 window: process start → painted", f"{bare:.2f} s", "", None))
        rows.append(("main window, tiles and flags: start → painted", f"{app:.2f} s", "", None))
        rows.append(("first paint vs bare window", f"{ratio:.2f}×", "≤ 3×", ratio <= 3.0))
        rows.append(
            (
                "  (whole processes: bare / smoke test)",
                f"{bare_whole:.2f} / {app_whole:.2f} s",
                "",
                None,
            )
        )

        chart_rows, summary = bench_chart.measure(data, rounds=30)
        for name, ms, budget in chart_rows:
            if budget is None:
                continue
            rows.append((name, f"{ms:.1f} ms", f"≤ {budget:.0f} ms", ms <= budget))

        report = _report_seconds(data, Path(tmp) / "report.pdf", args.runs)
        rows.append(("report PDF of the 10 years", f"{report:.2f} s", "≤ 1 s", report <= 1.0))

        load, imp, size = bench_import.measure(args.observations, max(1, min(args.runs, 3)))
        rows.append(
            (
                f"FHIR import, {args.observations:,} observations ({size:.0f} MB)",
                f"{imp:.2f} s",
                "",
                None,
            )
        )
        rows.append(
            ("  … vs json.load of the same file", f"{imp / load:.2f}×", "≤ 3×", imp / load <= 3.0)
        )

        import importlib

        for name in CAPABILITY_BENCHES:
            module = importlib.import_module(f"benchmarks.{name}")
            rows.extend(module.rows(data, args.runs, Path(tmp)))

        rss = _peak_rss_mb(smoke_cmd)
        rows.append(("peak RSS, app open on the 10 years", f"{rss:.0f} MB", "≤ 250 MB", rss <= 250))

    print(f"\n{summary}; medians of {args.runs} runs; {os.cpu_count()} CPUs\n")
    print(f"| {'measure':52} | {'figure':>9} | {'budget':>9} | ok  |")
    print(f"|{'-' * 54}|{'-' * 11}:|{'-' * 11}:|-----|")
    for name, figure, budget, ok in rows:
        mark = "" if ok is None else ("yes" if ok else "NO")
        print(f"| {name:52} | {figure:>9} | {budget:>9} | {mark:3} |")
    return 0 if all(ok is not False for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
