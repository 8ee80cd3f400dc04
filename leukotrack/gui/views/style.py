"""Sizes relative to the system font (so fonts scale) and the few fixed colours we use."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

EMERGENCY_STYLE = (
    "QLabel { background-color: #b00020; color: white; font-weight: bold; padding: 0.6em;"
    " border-radius: 4px; }"
)
# Okabe–Ito colours (colour-blind safe) for low / high marks; the words say it too.
STATUS_COLOURS = {"low": "#0072B2", "high": "#D55E00", "normal": ""}
# Darker shades of the same hues, readable as text on a light background.
SEVERITY_COLOURS = {
    "emergency": "#b00020",
    "danger": "#b34700",
    "caution": "#8a5a00",
    "info": "#005a8c",
}


def scale_font(widget: QWidget, factor: float, bold: bool = False) -> None:
    """Make `widget`'s font `factor` times the application's, keeping the system's scaling."""
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    widget.setFont(font)
