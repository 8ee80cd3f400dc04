"""Reading a photo or scan: the whole OCR path per page (load, prepare, OCR, repairs, rows,
checks) against the bare engine on the same prepared page. Budget: ≤ 1.5× (our preparation and
parsing stay small next to OCR).

    .venv/bin/python benchmarks/bench_ocr.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Row = tuple[str, str, str, bool | None]
BUDGET = 1.5
PAGES = ("scan-300dpi", "phone-photo")


def _median(run: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def rows(data: Path, runs: int, tmp: Path) -> list[Row]:
    from leukotrack.io.labreport.ocr.engines import OcrUnavailableError, default_engine
    from leukotrack.io.labreport.ocr.images import load_pages
    from leukotrack.io.labreport.ocr.prepare import prepare
    from leukotrack.io.labreport.ocr.read import read_file
    from tests.ocrimages.degrade import DEGRADATIONS, write
    from tests.ocrimages.reports import REPORTS

    try:
        engine = default_engine()
    except OcrUnavailableError as exc:
        return [("OCR of a photo", "engine missing", str(exc)[:40], None)]
    folder = tmp / "ocr-bench"
    folder.mkdir(exist_ok=True)
    runs = max(1, min(runs, 3))  # a page takes seconds
    out: list[Row] = []
    for name in PAGES:
        degradation = next(d for d in DEGRADATIONS if d.name == name)
        image = write(REPORTS[0], degradation, folder)
        prepared = prepare(load_pages(image)[0])
        page = prepared.binary if engine.wants_binary else prepared.image
        engine.words(page)  # warm: the model is loaded once per process
        ours = _median(lambda image=image: read_file(image), runs)
        bare = _median(lambda page=page: engine.words(page), runs)
        ratio = ours / bare
        out.append((f"OCR path per page ({name})", f"{ours:.2f} s", "", None))
        out.append((f"bare {engine.name} on the prepared page ({name})", f"{bare:.2f} s", "", None))
        out.append(
            (f"OCR path vs bare engine ({name})", f"{ratio:.2f}×", f"≤ {BUDGET}×", ratio <= BUDGET)
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for measure, figure, budget, ok in rows(Path(tmp), args.runs, Path(tmp)):
            mark = "" if ok is None else (" ok" if ok else " OVER BUDGET")
            print(f"{measure:<50} {figure:>10} {budget:>8}{mark}")


if __name__ == "__main__":
    main()
