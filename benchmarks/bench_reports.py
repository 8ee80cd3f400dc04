"""Each document over the 10-year dataset: the hematologist report, both sheets (≤ 1 s each).

The hematologist report is timed over everything recorded (the dataset has no visits, so the
default period is everything); the appendix of every blood test and the diary is timed too,
without a budget (it is optional and runs to many pages).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

Row = tuple[str, str, str, bool | None]
BUDGET_S = 1.0


def rows(data: Path, runs: int, tmp: Path) -> list[Row]:
    from leukotrack.gui.report_export import ensure_qt_app, save_report
    from leukotrack.services.reporting import ReportRequest
    from leukotrack.services.store import open_records

    ensure_qt_app()
    cases = [
        ("hematologist report, 10 years (no appendix)", ReportRequest(all_data=True), True),
        ("procedure sheet, 10-year record", ReportRequest("procedure"), True),
        ("emergency sheet, 10-year record", ReportRequest("emergency"), True),
        (
            "  (hematologist report with the whole appendix)",
            ReportRequest(all_data=True, appendix=frozenset({"table", "diary"})),
            False,
        ),
    ]
    out: list[Row] = []
    db = open_records(data, daily_backup=False)
    try:
        for name, request, budgeted in cases:
            times = []
            pages = 0
            for _ in range(runs):
                t0 = time.perf_counter()
                pages = save_report(db, tmp / "bench-report.pdf", request, "A4")
                times.append(time.perf_counter() - t0)
            median = statistics.median(times)
            figure = f"{median:.2f} s"
            label = f"{name}: {pages} p."
            if budgeted:
                out.append((label, figure, f"≤ {BUDGET_S:.0f} s", median <= BUDGET_S))
            else:
                out.append((label, figure, "", None))
    finally:
        db.close()
    return out
