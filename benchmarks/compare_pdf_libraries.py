"""The measurement behind docs/pdf-library.md: pypdfium2 words vs pdfplumber words, fed into
the same reader, on the fictional reports. pdfplumber is not a dependency: install it into the
virtual environment first (`.venv/bin/pip install pdfplumber`).

    .venv/bin/python benchmarks/compare_pdf_libraries.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from leukotrack.io.labreport.pdf import pdf_pages
from leukotrack.io.labreport.reader import read_pages
from leukotrack.io.labreport.words import PageWords, Word
from tests.labreports.layouts import EXPECTED, write, write_three_pages


def plumber_pages(path: Path) -> list[PageWords]:
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            words = page.extract_words(x_tolerance=3, y_tolerance=3)
            out.append(
                PageWords(
                    i + 1,
                    float(page.width),
                    float(page.height),
                    tuple(Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in words),
                    "text",
                )
            )
    return out


def median_ms(run: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def exact(pages_of: Callable[[Path], list[PageWords]], folder: Path) -> tuple[int, int]:
    ok = total = 0
    for name, expected in EXPECTED.items():
        reading = read_pages(pages_of(folder / f"{name}.pdf"), name)
        for draw, (_, _, results) in zip(reading.draws, expected["draws"], strict=False):
            got = {r.analyte: round(r.value, 6) for r in draw.results}
            for key, (value, *_) in results.items():
                total += 1
                ok += got.get(key) == round(value, 6)
    return ok, total


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in EXPECTED:
            write(name, folder)
        three = write_three_pages(folder)
        print(f"pypdfium2 words, 3 pages: {median_ms(lambda: pdf_pages(three)):.0f} ms")
        print(f"pdfplumber words, 3 pages: {median_ms(lambda: plumber_pages(three)):.0f} ms")
        cmd = ["pdftotext", "-layout", str(three), str(folder / "out.txt")]
        print(f"pdftotext -layout: {median_ms(lambda: subprocess.run(cmd, check=True)):.0f} ms")
        for label, reader in (("pypdfium2", pdf_pages), ("pdfplumber", plumber_pages)):
            ok, total = exact(reader, folder)
            print(f"{label}: {ok} of {total} values read exactly")


if __name__ == "__main__":
    main()
