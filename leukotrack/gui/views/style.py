"""Sizes relative to the system font (so fonts scale) and the few fixed colours we use."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication, QPalette
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


# Lighter shades of the same hues for a dark palette (the system's dark mode).
DARK_STATUS_COLOURS = {"low": "#56B4E9", "high": "#E69F00", "normal": ""}
DARK_SEVERITY_COLOURS = {
    "emergency": "#ff7a8a",
    "danger": "#ff9f5a",
    "caution": "#e8c04a",
    "info": "#7cc4f2",
}


def is_dark() -> bool:
    """True when the application's palette is dark (its window colour is more dark than light)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


# Form messages ("not a number", "date in the future"): the "high" hue, dark enough for text to
# reach 4.5:1 contrast on the dialog background (the plain #D55E00 reaches only 3.4:1).
MESSAGE_COLOUR = "#a33d00"
DARK_MESSAGE_COLOUR = "#ffa066"


def message_colour() -> str:
    return DARK_MESSAGE_COLOUR if is_dark() else MESSAGE_COLOUR


def status_colour(status: str) -> str:
    """Text colour for low / high marks that reads on the current palette."""
    return (DARK_STATUS_COLOURS if is_dark() else STATUS_COLOURS)[status]


def severity_colour(severity: str) -> str:
    return (DARK_SEVERITY_COLOURS if is_dark() else SEVERITY_COLOURS).get(severity, "")


def scale_font(widget: QWidget, factor: float, bold: bool = False) -> None:
    """Make `widget`'s font `factor` times the application's, keeping the system's scaling."""
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    widget.setFont(font)


# The in-app reminder: a framed notice in the "info" hue (it reads on light and dark palettes).
NOTICE_STYLE = "QFrame#reminderBanner { border: 2px solid #3a8fc7; border-radius: 4px; }"
