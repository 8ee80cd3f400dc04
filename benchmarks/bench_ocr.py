"""Reading a photo or scan: the whole OCR path per page (load, prepare, OCR, repairs, rows,
checks) against the bare engine on the same prepared page. Budget: ≤ 1.5× (our preparation and
parsing stay small next to OCR).

    .venv/bin/python benchmarks/bench_ocr.py [RUNS]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Row = tuple[str, str, str, bool | None]
BUDGET = 1.5
PAGES = ("scan-300dpi", "phone-photo")


def rows(data: Path, runs: int, tmp: Path) -> list[Row]:
    from benchmarks.bench_labreport import _median
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
    """Run alone: `python benchmarks/bench_ocr.py [RUNS]` prints this capability's rows."""
    import tempfile

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows(Path(tmp), runs, Path(tmp)):
            print(" | ".join("" if cell is None else str(cell) for cell in row))


if __name__ == "__main__":
    main()
