"""The measurements behind docs/ocr-engine.md: each candidate OCR engine on the same prepared
pages of our fictional degraded reports (tests/ocrimages): are the printed numbers (results and
range limits) read character for character, and how long does a page take?

Run it with a Python that has the engine installed (a scratch venv per engine):

    python benchmarks/compare_ocr_engines.py tesserocr|pytesseract|rapidocr1|rapidocr3 [--pages N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leukotrack.io.labreport.ocr.engines import split_line, tessdata_dir  # noqa: E402
from leukotrack.io.labreport.ocr.images import load_pages  # noqa: E402
from leukotrack.io.labreport.ocr.prepare import prepare  # noqa: E402
from leukotrack.io.labreport.words import Word  # noqa: E402
from tests.ocrimages.degrade import DEGRADATIONS, write  # noqa: E402
from tests.ocrimages.reports import REPORTS  # noqa: E402

NUMBER = re.compile(r"\d")


def engine(name: str):  # type: ignore[no-untyped-def]
    if name == "tesserocr":
        from leukotrack.io.labreport.ocr.engines import TesseractEngine

        dirs = tessdata_dir()
        assert dirs is not None
        return TesseractEngine(dirs).words
    if name == "pytesseract":
        import pytesseract

        def words(image):  # type: ignore[no-untyped-def]
            data = pytesseract.image_to_data(
                image, config="--psm 11 --oem 1", output_type=pytesseract.Output.DICT
            )
            return [
                Word(t, x, y, x + w, y + h, float(c) / 100)
                for t, x, y, w, h, c in zip(
                    data["text"],
                    data["left"],
                    data["top"],
                    data["width"],
                    data["height"],
                    data["conf"],
                    strict=True,
                )
                if t.strip()
            ]

        return words
    if name == "rapidocr1":
        from leukotrack.io.labreport.ocr.engines import RapidOcrEngine

        return RapidOcrEngine().words
    if name == "rapidocr3":
        import rapidocr
        from rapidocr import RapidOCR

        models = Path(rapidocr.__file__).parent / "models"
        ocr = RapidOCR(
            params={
                "Global.use_cls": False,
                "Det.model_path": str(models / "PP-OCRv6_det_small.onnx"),
                "Rec.model_path": str(models / "PP-OCRv6_rec_small.onnx"),
            }
        )

        def words3(image):  # type: ignore[no-untyped-def]
            out = ocr(image)
            found = []
            for points, text, score in zip(
                *(() if v is None else v for v in (out.boxes, out.txts, out.scores)), strict=True
            ):
                xs = [p[0] for p in points]
                ys = [p[1] for p in points]
                found += split_line(text, min(xs), min(ys), max(xs), max(ys), float(score))
            return found

        return words3
    raise SystemExit(f"unknown engine {name}")


def printed_numbers(report) -> Counter[str]:  # type: ignore[no-untyped-def]
    tokens: Counter[str] = Counter()
    for row in report.rows:
        for cell in row.cells[1:]:
            for part in cell.replace(" - ", " ").replace("-", " ").split():
                if NUMBER.search(part):
                    tokens[part] += 1
    return tokens


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("engine")
    args = ap.parse_args()
    read = engine(args.engine)
    out = Path(tempfile.mkdtemp())
    exact = total = 0
    seconds = []
    per_kind: dict[str, list[int]] = {}
    for report in REPORTS:
        want = printed_numbers(report)
        for deg in DEGRADATIONS:
            prepared = prepare(load_pages(write(report, deg, out))[0])
            t0 = time.perf_counter()
            words = read(prepared.image)
            seconds.append(time.perf_counter() - t0)
            got: Counter[str] = Counter()
            for w in words:
                for part in w.text.replace("-", " ").split():
                    got[part] += 1
            hit = sum(min(n, got[t]) for t, n in want.items())
            n = sum(want.values())
            exact += hit
            total += n
            kind = per_kind.setdefault(deg.name, [0, 0])
            kind[0] += hit
            kind[1] += n
    print(f"engine {args.engine}: numbers exact {exact}/{total} ({100 * exact / total:.1f} %)")
    print(f"seconds per page: median {statistics.median(seconds):.2f}, max {max(seconds):.2f}")
    for name, (hit, n) in per_kind.items():
        print(f"  {name}: {hit}/{n}")


if __name__ == "__main__":
    main()
