"""The one input every reading path produces: the words of a page with where they stand.

The PDF text layer and OCR both yield PageWords, so the line, column and row steps after them
are the same code whichever way the words came in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Method = Literal["text", "ocr"]


@dataclass(frozen=True)
class Word:
    """One word as printed. Coordinates are the page's own (PDF points or image pixels), with the
    origin at the top left and y growing downwards."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None  # 0..1 from OCR; None from a PDF text layer

    @property
    def middle_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class PageWords:
    number: int  # 1-based page number in the file
    width: float
    height: float
    words: tuple[Word, ...]
    method: Method
