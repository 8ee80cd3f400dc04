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
GCSF = BLUISH_GREEN  # growth-factor (G-CSF) injections
GCSF_SYMBOL = "star"  # a shape no other mark uses, so it reads without colour

# The cycle view: one line per cycle, darker for later cycles. Cividis (Nuñez et al. 2018) is
# sequential and made for the common colour-vision deficiencies; its lightness also keeps the
# order in grey-scale. Its palest tenth is left out: too faint on a white page.
CIVIDIS = (
    "#cbba69",
    "#b0a473",
    "#958f78",
    "#7d7c78",
    "#666970",
    "#4f576c",
    "#31446b",
    "#00326f",
    "#00204d",
)


def cycle_colour(index: int, count: int) -> str:
    """The colour of cycle `index` (0 = first) of `count`: pale for early, dark for recent."""
    if count <= 1:
        return CIVIDIS[-1]
    t = index / (count - 1) * (len(CIVIDIS) - 1)
    i = min(int(t), len(CIVIDIS) - 2)
    f = t - i
    a, b = CIVIDIS[i], CIVIDIS[i + 1]
    mixed = [round(int(a[k : k + 2], 16) * (1 - f) + int(b[k : k + 2], 16) * f) for k in (1, 3, 5)]
    return "#" + "".join(f"{v:02x}" for v in mixed)
