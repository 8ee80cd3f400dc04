"""Colours (Okabe-Ito, safe for the common colour-vision deficiencies) and line styles.

Every series also differs by symbol and line style, and the zones by lightness and hatching in
print, so nothing rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    colour: str
    symbol: str  # pyqtgraph symbol code
    line: Qt.PenStyle


SERIES: dict[str, SeriesStyle] = {
    "wbc": SeriesStyle(BLUE, "o", Qt.PenStyle.SolidLine),
    "anc": SeriesStyle(BLUISH_GREEN, "s", Qt.PenStyle.DashLine),
    "lymphocytes": SeriesStyle(REDDISH_PURPLE, "t", Qt.PenStyle.DotLine),
    "monocytes": SeriesStyle(SKY_BLUE, "d", Qt.PenStyle.DashDotLine),
    "hemoglobin": SeriesStyle(REDDISH_PURPLE, "o", Qt.PenStyle.SolidLine),
    "platelets": SeriesStyle(BLUE, "o", Qt.PenStyle.SolidLine),
}

# Neutropenia zones: a lightness ramp (yellow, orange, vermillion) that survives grey-scale.
ZONES: dict[str, str] = {"mild": YELLOW, "moderate": ORANGE, "severe": VERMILLION}
ZONE_ALPHA = 70
BAND_ALPHA = 30
MEDICINE = GREY
MEDICINE_LOWERING = BLUE
INFECTION = REDDISH_PURPLE
FEVER = VERMILLION
FATIGUE = ORANGE
