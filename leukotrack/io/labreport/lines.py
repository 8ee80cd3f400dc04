"""Step 2: the words of a page grouped into printed lines, and each line into cells.

A line is every word whose vertical middle lies within half a word height of the line's
middle. A cell is a run of words separated by ordinary spaces; a wider gap starts a new cell
(columns are set apart by more than a space).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from leukotrack.io.labreport.words import PageWords, Word


@dataclass(frozen=True)
class Cell:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass(frozen=True)
class Line:
    page: int
    words: tuple[Word, ...]  # left to right
    gap: float  # the smallest gap that separates two cells on this page

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def confidence(self) -> float | None:
        known = [w.confidence for w in self.words if w.confidence is not None]
        return min(known) if known else None

    def cells(self) -> list[Cell]:
        cells: list[list[Word]] = []
        for word in self.words:
            if cells and word.x0 - cells[-1][-1].x1 <= self.gap:
                cells[-1].append(word)
            else:
                cells.append([word])
        return [Cell(tuple(c)) for c in cells]


def group_lines(page: PageWords) -> list[Line]:
    """The page's lines from top to bottom."""
    if not page.words:
        return []
    height = median(w.bottom - w.top for w in page.words) or 1.0
    gap = 0.9 * height
    ordered = sorted(page.words, key=lambda w: (w.middle_y, w.x0))
    groups: list[list[Word]] = []
    middles: list[float] = []
    for word in ordered:
        if groups and abs(word.middle_y - middles[-1]) <= 0.5 * height:
            groups[-1].append(word)
            n = len(groups[-1])
            middles[-1] += (word.middle_y - middles[-1]) / n
        else:
            groups.append([word])
            middles.append(word.middle_y)
    return [Line(page.number, tuple(sorted(g, key=lambda w: w.x0)), gap) for g in groups]
