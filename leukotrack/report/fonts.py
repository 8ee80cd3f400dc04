"""The one typeface of every printed document."""

from __future__ import annotations

from PySide6.QtGui import QFont


def report_font(size: float, bold: bool = False) -> QFont:
    """DejaVu Sans at `size` points, without ligatures: "ﬂags" would not be found when someone
    searches the PDF for "flags"."""
    f = QFont("DejaVu Sans")
    f.setStyleHint(QFont.StyleHint.SansSerif)
    f.setPointSizeF(size)
    f.setBold(bold)
    for tag in ("liga", "clig", "dlig"):
        f.setFeature(QFont.Tag(tag), 0)
    return f
