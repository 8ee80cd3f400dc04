"""Fictional lab reports drawn straight to images, with what reading them must give.

Every person, lab and number here is made up. A report is laid out in points on a US Letter
page (612 × 792) and drawn with Pillow at any resolution, so the same report can be printed at
300 or 200 dpi before it is degraded (see degrade.py). `expected(report)` is the reading every
image of that report must give: {analyte: canonical value}.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PAGE_POINTS = (612, 792)


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]  # as printed, one per column
    analyte: str | None = None  # what the row must read as (None: not a result we store)
    value: float | None = None  # canonical value


@dataclass(frozen=True)
class Report:
    name: str
    lab: str
    collected: str  # as printed
    taken_at: str  # ISO, as read
    columns: tuple[float, ...]  # x of each column, points
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    decimal_comma: bool = False


@functools.lru_cache(maxsize=32)
def _font(size_px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size_px)


def render(report: Report, dpi: int = 300) -> Image.Image:
    """The report as a white page at `dpi`, black text (greyscale)."""
    scale = dpi / 72
    page = Image.new("L", (round(PAGE_POINTS[0] * scale), round(PAGE_POINTS[1] * scale)), 255)
    draw = ImageDraw.Draw(page)

    def text(x: float, y: float, s: str, size: float = 9.5, bold: bool = False) -> None:
        draw.text((x * scale, y * scale), s, fill=0, font=_font(round(size * scale), bold))

    text(40, 40, report.lab, 14, bold=True)
    text(40, 66, "Patient: Alex Sample (fictional)")
    text(320, 66, "DOB: 04/12/1988")
    text(40, 80, report.collected)
    text(40, 108, "Complete Blood Count with Differential", 11, bold=True)
    y = 132.0
    for x, h in zip(report.columns, report.header, strict=True):
        text(x, y, h, bold=True)
    y += 6
    draw.line((40 * scale, (y + 12) * scale, 572 * scale, (y + 12) * scale), fill=0, width=2)
    y += 20
    for row in report.rows:
        for x, cell in zip(report.columns, row.cells, strict=True):
            text(x, y, cell)
        y += 19
    text(40, 740, "Page 1 of 1")
    text(320, 740, "Fictional report for software tests")
    return page


def expected(report: Report) -> dict[str, float]:
    return {
        r.analyte: r.value for r in report.rows if r.analyte is not None and r.value is not None
    }


def _fmt(value: float, decimals: int, comma: bool) -> str:
    s = f"{value:.{decimals}f}"
    return s.replace(".", ",") if comma else s


def _counts(rng: random.Random) -> dict[str, float]:
    """A consistent fictional count: the differential adds up to 100 and the absolute values
    agree with WBC × percentage."""
    wbc = round(rng.uniform(0.8, 11.5), 1)
    lymph = rng.randint(15, 45)
    mono = rng.randint(2, 14)
    eos = rng.randint(0, 5)
    baso = rng.randint(0, 2)
    neut = 100 - lymph - mono - eos - baso
    return {
        "wbc": wbc,
        "neutrophils_pct": neut,
        "lymphocytes_pct": lymph,
        "monocytes_pct": mono,
        "eosinophils_pct": eos,
        "basophils_pct": baso,
        "anc": round(wbc * neut / 100, 2),
        "lymphocytes": round(wbc * lymph / 100, 2),
        "monocytes": round(wbc * mono / 100, 2),
        "hemoglobin": round(rng.uniform(9.0, 16.5), 1),
        "platelets": float(rng.randint(60, 420)),
    }


def us_report(seed: int) -> Report:
    """US columns: Test, Result, Flag, Units, Reference Interval; counts in x10E3/uL."""
    rng = random.Random(seed)
    c = _counts(rng)

    def flag(v: float, lo: float, hi: float) -> str:
        return "L" if v < lo else "H" if v > hi else ""

    def row(name: str, key: str, dec: int, unit: str, lo: float, hi: float) -> Row:
        v = c[key]
        rng_text = f"{lo:.{dec}f}-{hi:.{dec}f}" if unit != "%" else "Not Estab."
        f = flag(v, lo, hi) if unit != "%" else ""
        return Row((name, _fmt(v, dec, False), f, unit, rng_text), key, v)

    rows = (
        row("WBC", "wbc", 1, "x10E3/uL", 4.0, 10.5),
        row("Hemoglobin", "hemoglobin", 1, "g/dL", 12.0, 17.0),
        row("Platelets", "platelets", 0, "x10E3/uL", 150, 450),
        row("Neutrophils", "neutrophils_pct", 0, "%", 0, 0),
        row("Lymphs", "lymphocytes_pct", 0, "%", 0, 0),
        row("Monocytes", "monocytes_pct", 0, "%", 0, 0),
        row("Eos", "eosinophils_pct", 0, "%", 0, 0),
        row("Basos", "basophils_pct", 0, "%", 0, 0),
        row("Neutrophils (Absolute)", "anc", 2, "x10E3/uL", 1.40, 7.00),
        row("Lymphs (Absolute)", "lymphocytes", 2, "x10E3/uL", 0.70, 3.10),
        row("Monocytes (Absolute)", "monocytes", 2, "x10E3/uL", 0.10, 0.90),
    )
    return Report(
        name=f"us-{seed}",
        lab="Riverbend Clinical Laboratory",
        collected="Collected: 03/04/2026 08:15",
        taken_at="2026-03-04T08:15",
        columns=(40, 220, 290, 330, 430),
        header=("Test", "Result", "Flag", "Units", "Reference Interval"),
        rows=rows,
    )


def uk_report(seed: int) -> Report:
    """UK style: 10*9/L counts, haemoglobin in g/L, range column before the unit."""
    rng = random.Random(seed)
    c = _counts(rng)
    hb_gl = round(c["hemoglobin"] * 10)

    rows = (
        Row(
            ("White cell count", _fmt(c["wbc"], 1, False), "10*9/L", "4.0 - 11.0"), "wbc", c["wbc"]
        ),
        Row(("Haemoglobin", str(hb_gl), "g/L", "115 - 165"), "hemoglobin", hb_gl / 10),
        Row(
            ("Platelet count", f"{c['platelets']:.0f}", "10*9/L", "150 - 400"),
            "platelets",
            c["platelets"],
        ),
        Row(("Neutrophils", _fmt(c["anc"], 2, False), "10*9/L", "2.00 - 7.50"), "anc", c["anc"]),
        Row(
            ("Lymphocytes", _fmt(c["lymphocytes"], 2, False), "10*9/L", "1.00 - 4.00"),
            "lymphocytes",
            c["lymphocytes"],
        ),
        Row(
            ("Monocytes", _fmt(c["monocytes"], 2, False), "10*9/L", "0.20 - 1.00"),
            "monocytes",
            c["monocytes"],
        ),
    )
    return Report(
        name=f"uk-{seed}",
        lab="Harbourside NHS Pathology (fictional)",
        collected="Sample collected: 04/03/2026 09:40",
        taken_at="2026-03-04T09:40",
        columns=(40, 230, 310, 400),
        header=("Test", "Result", "Units", "Reference range"),
        rows=rows,
    )


REPORTS = (us_report(1), us_report(2), uk_report(3))
