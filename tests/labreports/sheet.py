"""A tiny PDF writer for the fictional lab reports (fpdf2, a test-only dependency)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

FONTS = Path("/usr/share/fonts/truetype/dejavu")


class Sheet:
    """Text placed at exact points, like a lab's report writer does it."""

    def __init__(self, paper: str = "letter") -> None:
        self.pdf = FPDF(orientation="P", unit="pt", format=paper)
        self.pdf.set_creation_date(datetime(2026, 1, 1))
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("Sans", "", str(FONTS / "DejaVuSans.ttf"))
        self.pdf.add_font("Sans", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.pdf.set_title("Fictional lab report (LeukoTrack test material)")

    def page(self) -> Sheet:
        self.pdf.add_page()
        return self

    def text(self, x: float, y: float, s: str, size: float = 9, bold: bool = False) -> Sheet:
        self.pdf.set_font("Sans", "B" if bold else "", size)
        self.pdf.text(x, y, s)
        return self

    def row(
        self, y: float, cells: Sequence[tuple[float, str]], size: float = 9, bold: bool = False
    ) -> None:
        for x, s in cells:
            if s:
                self.text(x, y, s, size, bold)

    def table(
        self,
        y: float,
        xs: Sequence[float],
        header: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        step: float = 15,
    ) -> float:
        """A header (bold) and rows under it, each cell flush left at its x; returns the next y."""
        if header is not None:
            self.row(y, list(zip(xs, header, strict=True)), bold=True)
            self.rule(y + 5)
            y += step + 2
        for r in rows:
            self.row(y, list(zip(xs, r, strict=True)))
            y += step
        return y

    def rule(self, y: float, x0: float = 36, x1: float = 576) -> None:
        self.pdf.set_draw_color(150, 150, 150)
        self.pdf.line(x0, y, x1, y)

    def bar(self, x0: float, x1: float, y: float) -> None:
        self.pdf.set_fill_color(200, 200, 200)
        self.pdf.rect(x0, y - 4, x1 - x0, 5, style="F")

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path
